/// The verdict on one claim of a report.
public struct CheckOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case passed
        case failed
        /// Failed, as the script says it should: a known inconsistency of the report.
        case knownFinding
        /// Marked as a finding, but the claim holds: the script or the data changed.
        case findingHolds
    }

    public var status: Status
    public var label: String?
    public var expression: String
    /// The claim as written in the script.
    public var claim: String?
    /// The claimed value, formatted like the computed one.
    public var claimed: String?
    public var computed: String
    public var difference: String?
    public var finding: String?
    /// A claim that holds still shows the computed value when the claim does not spell it out: a claim
    /// with fewer decimals (`30.7%` for 30.71%) or an expression.
    public var showsComputed = false

    /// One line (two with a finding): `✓ label: expr = claim` or
    /// `✗ label: expr = claim — computed X, claimed Y, difference Z`.
    public var rendered: String {
        let head = (label.map { "\($0): " } ?? "") + expression + (claim.map { " = \($0)" } ?? "")
        var line: String
        switch status {
        case .passed:
            line = "✓ \(head)" + (showsComputed ? L(" (computed \(computed))") : "")
        case .failed, .knownFinding:
            line = "✗ \(head) — " + L("computed \(computed)")
            if let claimed { line += L(", claimed \(claimed)") }
            if let difference { line += L(", difference \(difference)") }
        case .findingHolds:
            line = "✗ \(head) — " + L("holds (computed \(computed)), but it is marked as a finding")
        }
        if let finding {
            line += (status == .knownFinding ? L("  [known finding]") : "") + "\n  " + L("finding: \(finding)")
        }
        return line
    }
}

extension Evaluator {
    /// `check EXPR = CLAIM [within TOL]` or `check CONDITION`.
    ///
    /// A claim written as a literal is compared at its own precision: `37.22%` holds when the computed
    /// rate rounds (half away from zero) to 37.22%, since that is what the report could print. A claim
    /// that is an expression must hold exactly, unless a tolerance is given.
    func check(_ c: CheckDecl, file: SourceFile) throws(Diagnostic) -> CheckOutcome {
        let f = ValueFormatter(unit: model.unit)
        let exprText = String(file.slice(c.expr.range))
        func outcome(_ holds: Bool, computed: String, claim: String?, claimed: String? = nil, difference: String?) -> CheckOutcome {
            let status: CheckOutcome.Status = c.finding == nil ? (holds ? .passed : .failed) : (holds ? .findingHolds : .knownFinding)
            return CheckOutcome(status: status, label: c.label, expression: exprText, claim: claim, claimed: claimed ?? claim, computed: computed, difference: difference, finding: c.finding)
        }
        var computed = try displayable(try eval(c.expr), c.expr.range)
        guard let claimExpr = c.claim else {
            switch computed {
            case .bool(let b): return outcome(b, computed: b ? "true" : "false", claim: nil, difference: nil)
            case .undefined: return outcome(false, computed: "undefined", claim: nil, difference: nil)
            default: throw Diagnostic(.notABoolean(got: computed.kindName), c.expr.range)
            }
        }
        var claimed = try eval(claimExpr)
        let claimText = String(file.slice(claimExpr.range))
        if case .money = computed, case .number(let n) = claimed, Evaluator.isBareNumber(claimExpr) { claimed = try moneyFromNumber(n, claimExpr.range) }
        if case .money = claimed, case .number(let n) = computed, Evaluator.isBareNumber(c.expr) { computed = try moneyFromNumber(n, c.expr.range) }
        if case .undefined = computed {
            return outcome(false, computed: "undefined", claim: claimText, difference: nil)
        }
        let precision = literalPrecision(claimExpr, computedIsMoney: { if case .money = computed { true } else { false } }())
        func shown(_ v: Value) -> String {
            switch v {
            // A claim written as a literal shows at its own decimals; otherwise as money shows.
            case .money(let m): precision.map { f.money(m, places: max(2, $0.places)) } ?? f.money(m, within: model.moneyPlaces)
            case .rate(let r): f.rate(r, places: max(2, precision?.places ?? 2))
            default: f.format(v, model: model)
            }
        }
        switch (computed, claimed) {
        case let (.money(a), .money(b)), let (.rate(a), .rate(b)), let (.number(a), .number(b)):
            let diff = try checked(c.expr.range) { () throws(Rational.Overflow) in try a.subtracting(b) }
            var holds: Bool
            if let tolExpr = c.tolerance {
                var tol = try eval(tolExpr)
                if case .money = computed, case .number(let n) = tol, Evaluator.isBareNumber(tolExpr) { tol = try moneyFromNumber(n, tolExpr.range) }
                switch (computed, tol) {
                case let (.money, .money(t)), let (.rate, .rate(t)), let (.number, .number(t)):
                    holds = !Evaluator.smallerInMagnitude(t, diff)
                default:
                    throw Diagnostic(.claimKind(computed: computed.kindName, claimed: L("a tolerance of \(tol.kindName)")), tolExpr.range)
                }
            } else if let precision {
                // Compare in the claim's own unit and number of decimals.
                let scaled = try checked(c.expr.range) { () throws(Rational.Overflow) in
                    try a.divided(by: precision.scale)!.rounded(places: precision.places)
                }
                let claimScaled = try checked(c.expr.range) { () throws(Rational.Overflow) in try b.divided(by: precision.scale)! }
                holds = scaled == claimScaled
            } else {
                holds = a == b
            }
            let difference: String
            switch computed {
            case .money: difference = (diff.isNegative ? "" : "+") + f.money(diff)
            case .rate:
                let pp = (try? diff.multiplied(by: Rational(100))) ?? .zero
                difference = (diff.isNegative ? "" : "+") + L("\(pp.decimalText(places: 2)) pp")
            default: difference = (diff.isNegative ? "" : "+") + f.number(diff)
            }
            var result = outcome(holds, computed: shown(computed), claim: claimText, claimed: shown(claimed), difference: holds ? nil : difference)
            result.showsComputed = precision == nil || shown(computed) != shown(claimed)
            return result
        case let (.text(a), .text(b)):
            return outcome(a == b, computed: a, claim: claimText, difference: nil)
        case let (.date(a), .date(b)):
            return outcome(a == b, computed: a.description, claim: claimText, difference: L("\(Int(a.dayNumber) - Int(b.dayNumber)) days"))
        case let (.bool(a), .bool(b)):
            return outcome(a == b, computed: a ? "true" : "false", claim: claimText, difference: nil)
        default:
            throw Diagnostic(.claimKind(computed: computed.kindName, claimed: claimed.kindName), claimExpr.range,
                             notes: mismatchHint(computed, claimed).map { [DiagnosticNote(message: $0, range: nil)] } ?? [])
        }
    }

    /// For a literal claim: the unit it is written in (fen per unit, or 1/100 for a percentage) and its decimals.
    func literalPrecision(_ e: Expr, computedIsMoney: Bool) -> (scale: Rational, places: Int)? {
        func places(_ s: String) -> Int {
            guard let dot = s.firstIndex(of: ".") else { return 0 }
            return s[s.index(after: dot)...].filter(\.isNumber).count
        }
        switch e.kind {
        case .negate(let inner): return literalPrecision(inner, computedIsMoney: computedIsMoney)
        case .percent(let s): return (Rational(uncheckedNum: 1, den: 100), places(s))
        case .money(let s, let u): return (Rational(uncheckedNum: u.fen, den: 1), places(s))
        case .number(let s): return (computedIsMoney ? Rational(uncheckedNum: model.unit.fen, den: 1) : .one, places(s))
        default: return nil
        }
    }
}
