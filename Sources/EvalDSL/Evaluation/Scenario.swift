/// Hypothetical changes on top of the baseline model: extra or removed payments and budget changes,
/// kept beside the model instead of in a copy of it, so a what-if costs what it changes.
public struct Scenario: Sendable, Equatable {
    public struct PaymentDelta: Sendable, Equatable {
        public var project: Int
        /// Positive for a payment made, negative for one not made (cancelled or moved away).
        public var fen: Int64
        public var day: Int32
    }

    public var payments: [PaymentDelta] = []
    public var budgetDelta: [Int: Int64] = [:]
    /// Changed 实际完成值 of forms: form name → row name → the cell as written.
    public var actuals: [String: [String: String]] = [:]

    public init() {}

    public var isEmpty: Bool { payments.isEmpty && budgetDelta.isEmpty && actuals.isEmpty }

    /// Projects whose figures this scenario changes.
    var touched: Set<Int> { Set(payments.map(\.project)).union(budgetDelta.keys) }

    func paid(_ p: Int, from: Int32, through: Int32) -> Int128 {
        var sum: Int128 = 0
        for d in payments where d.project == p && d.day >= from && d.day <= through { sum += Int128(d.fen) }
        return sum
    }
}

extension Evaluator {
    /// Builds the overlay for `changes`, in order: `rest` and moves see the changes before them.
    func scenario(for changes: [Change], depth: Int = 0) throws(Diagnostic) -> Scenario {
        var sc = scenario
        for c in changes {
            var ev = self
            ev.scenario = sc
            switch c.kind {
            case .scenario(let n):
                guard depth < 16 else { throw Diagnostic(.recursion(n.text), n.range) }
                guard let named = scenarios[n.text] else {
                    if let line = failed[n.text] { throw Diagnostic(.dependsOnFailed(n.text, line: line), n.range) }
                    let candidates = Array(scenarios.keys) + Array(model.projects.keys)
                    throw Diagnostic(.unknownName(n.text, wanted: L("scenario"), suggestion: nearest(n.text, in: candidates).map { .init(name: $0, line: declarations[$0]?.line, file: declarations[$0]?.file) }), n.range)
                }
                ev.scenario = sc
                sc = try ev.scenario(for: named, depth: depth + 1)
            case .pay(let pn, let amountExpr, let whenExpr):
                let p = try projectIndex(pn)
                let day = try ev.changeDay(whenExpr)
                let fen: Int64
                if let amountExpr {
                    fen = try ev.amountFen(amountExpr)
                    // As for `pay`: a what-if pays out, it never pays back (E515).
                    if fen < 0 {
                        throw Diagnostic(.negativeMoney(L("a payment cannot be negative"),
                                                        hint: L("to take payments away, write `\(pn.text) cancels DATE` or `\(pn.text) moves DATE to DATE`")), amountExpr.range)
                    }
                } else {
                    // `rest`: what is left of the budget after the fiscal year's payments so far.
                    guard case .money(let left) = try ev.figure(.unspent, .project(p), pn.range), let f = Int64(exactly: left.num), left.isInteger else {
                        throw Diagnostic(.overflow, pn.range)
                    }
                    fen = max(0, f)
                }
                sc.payments.append(.init(project: p, fen: fen, day: day))
            case .move(let pn, let fromExpr, let toExpr):
                let p = try projectIndex(pn)
                let (lo, hi) = try ev.changeWindow(fromExpr)
                let to = try ev.changeDay(toExpr)
                let moved = try ev.paymentsOf(p, lo, hi, pn, fromExpr)
                for m in moved {
                    sc.payments.append(.init(project: p, fen: -m.fen, day: m.day))
                    sc.payments.append(.init(project: p, fen: m.fen, day: to))
                }
            case .cancel(let pn, let whenExpr):
                let p = try projectIndex(pn)
                let (lo, hi) = try ev.changeWindow(whenExpr)
                for m in try ev.paymentsOf(p, lo, hi, pn, whenExpr) {
                    sc.payments.append(.init(project: p, fen: -m.fen, day: m.day))
                }
            case .actual(let form, let row, let text):
                try checkActualChange(form, row)
                sc.actuals[form.text, default: [:]][row] = text
            case .adjust(let pn, let amountExpr):
                let p = try projectIndex(pn)
                let (s, o) = (sc.budgetDelta[p] ?? 0).addingReportingOverflow(try ev.amountFen(amountExpr))
                if o { throw Diagnostic(.overflow, amountExpr.range) }
                // As for `adjust`: a cut takes the budget to zero at most (E515).
                let project = model.projects.values[p]
                let after = project.adjustments.reduce(Int128(project.initialFen ?? 0)) { $0 + Int128($1.fen) } + Int128(s)
                if after < 0 {
                    let f = ValueFormatter(unit: model.unit)
                    func money(_ fen: Int128) -> String { (try? Rational(fen, 1)).map { f.money($0) } ?? "\(fen) 分" }
                    throw Diagnostic(.negativeMoney(L("the adjustment takes the budget of `\(pn.text)` below zero (to \(money(after)))"),
                                                    hint: L("调减 at most the budget so far, \(money(after - Int128(s) + Int128(sc.budgetDelta[p] ?? 0)))")), amountExpr.range)
                }
                sc.budgetDelta[p] = s
            }
        }
        return sc
    }

    /// The day a hypothetical payment is made: a date, or the last day of a month, quarter or year.
    func changeDay(_ e: Expr) throws(Diagnostic) -> Int32 {
        switch try eval(e) {
        case .date(let d): return d.dayNumber
        case .period(let p): return p.last.dayNumber
        case .number(let n) where n.isInteger && (1900...2200).contains(n.num): return Period.year(Int(n.num)).last.dayNumber
        case let v: throw Diagnostic(.wrongArgumentType(function: L("the change"), argument: L("when"), expected: L("a date, a month, a quarter or a year"), got: v.kindName), e.range)
        }
    }

    func changeWindow(_ e: Expr) throws(Diagnostic) -> (Int32, Int32) {
        switch try eval(e) {
        case .date(let d): return (d.dayNumber, d.dayNumber)
        case .period(let p): return (p.first.dayNumber, p.last.dayNumber)
        case .number(let n) where n.isInteger && (1900...2200).contains(n.num):
            let p = Period.year(Int(n.num))
            return (p.first.dayNumber, p.last.dayNumber)
        case let v: throw Diagnostic(.wrongArgumentType(function: L("the change"), argument: L("which payments"), expected: L("a date, a month, a quarter or a year"), got: v.kindName), e.range)
        }
    }

    /// The project's payments (baseline and this scenario's so far) dated in `lo...hi`; none is an error.
    func paymentsOf(_ p: Int, _ lo: Int32, _ hi: Int32, _ pn: Name, _ whenExpr: Expr) throws(Diagnostic) -> [(day: Int32, fen: Int64)] {
        var byDay: [Int32: Int64] = [:]
        for m in model.payments.payments(of: p) { byDay[m.day, default: 0] += m.fen }
        for d in scenario.payments where d.project == p { byDay[d.day, default: 0] += d.fen }
        let found = byDay.filter { $0.key >= lo && $0.key <= hi && $0.value != 0 }.sorted { $0.key < $1.key }.map { (day: $0.key, fen: $0.value) }
        if found.isEmpty {
            let dates = byDay.filter { $0.value != 0 }.keys.sorted().map { CivilDate(dayNumber: $0).description }
            let hint = dates.isEmpty ? L("it has no payments") : L("its payments are on \(dates.prefix(6).joined(separator: ", "))\(dates.count > 6 ? ", …" : "")")
            throw Diagnostic(.notDerivable(L("`\(pn.text)` has no payment there (\(hint))")), whenExpr.range)
        }
        return found
    }
}
