extension Evaluator {
    /// The decimals an expression asks to be shown with beyond the usual two: `round(x, 3)` and
    /// `47.318万元` show 3 (a value carries no display precision of its own, so this reads the
    /// expression); sums and differences show the most of their parts. nil: the usual decimals.
    /// `rate(x)`, `95%`, or `min(rate(x), 100%)`: what a weight multiplies into a score.
    func isExecutionRate(_ e: Expr) -> Bool {
        switch e.kind {
        case .percent: return true
        case .call(let callee, let args) where bindings[callee.text] == nil:
            if callee.text == "rate" { return true }
            if callee.text == "min" || callee.text == "max" { return args.first.map { isExecutionRate($0.value) } ?? false }
            return false
        default: return false
        }
    }

    func shownPlaces(_ e: Expr) -> Int? {
        switch e.kind {
        case .call(let callee, let args) where Builtins.byName[callee.text] != nil && bindings[callee.text] == nil:
            let positional = args.filter { $0.label == nil }.map(\.value)
            switch callee.text {
            case "round":
                guard positional.count == 2, case .number(let s) = positional[1].kind, let n = Int(s), n > 2, n <= 12 else { return nil }
                return n
            case "abs":
                return positional.first.flatMap(shownPlaces)
            case "score", "points":
                // Points as a form or a scorecard prints them: 78.10, 90.00, 0.00.
                return 2
            default:
                return nil
            }
        case .money(_, let unit) where unit == model.unit:
            // `47.318万元` typed at the prompt reads back as written.
            let places = Session.writtenPlaces(e, unit: unit)
            return places > 2 ? min(places, 12) : nil
        case .negate(let inner):
            return shownPlaces(inner)
        case .binary(.multiply, let l, let r) where Evaluator.isBareNumber(l) && isExecutionRate(r) || Evaluator.isBareNumber(r) && isExecutionRate(l):
            // A weight × an execution rate is a score: `10 * rate(x)` shows 9.51, `10 * 100%` 10.00.
            return 2
        case .binary(.add, let l, let r), .binary(.subtract, let l, let r):
            switch (shownPlaces(l), shownPlaces(r)) {
            case (nil, nil): return nil
            case let (a, b): return max(a ?? 0, b ?? 0)
            }
        default:
            return nil
        }
    }
}
