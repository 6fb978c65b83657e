/// A figure of one project as a built-in's per-project body gives it (`BuiltinFunction.project`):
/// money in whole fen, or a rate as its two parts, so that a comparison with a constant needs no
/// `Rational`; anything else as the value the built-in's own body returns.
enum ProjectFigure {
    case fen(Int128)
    /// paid ÷ budget, budget not zero, not reduced.
    case ratio(paid: Int128, budget: Int128)
    case value(Value)

    /// The value the built-in's body returns for the same call.
    var value: Value {
        switch self {
        case .fen(let f): .money(Rational(uncheckedNum: f, den: 1))
        case .ratio(let paid, let budget): .rate(Rational(reducing: paid, budget))
        case .value(let v): v
        }
    }

    /// A constant money amount or rate as its reduced parts in 128 bits: what `order` compares with.
    enum Constant {
        case money(Int128, Int128)
        case rate(Int128, Int128)

        init?(_ c: Value) {
            switch c {
            case .money(let m): guard case let (n, d)? = m.smallParts else { return nil }; self = .money(n, d)
            case .rate(let r): guard case let (n, d)? = r.smallParts else { return nil }; self = .rate(n, d)
            default: return nil
            }
        }
    }

    /// −1, 0 or 1 as this figure is below, equal to or above `c`, as `Evaluator.compare` orders
    /// them; nil unless it is money beside money or a rate beside a rate, with `c`'s parts in
    /// 128 bits. The cross-products are full 256-bit ones: they never overflow.
    func order(against c: Constant) -> Int? {
        switch (self, c) {
        case (.fen(let f), .money(let n, let d)):
            return ProjectFigure.compareProducts(f, d, n, 1)
        case (.ratio(let paid, let budget), .rate(let n, let d)):
            // paid/budget against n/d, d > 0: multiplying both by budget·d keeps the order only when budget > 0.
            let s = ProjectFigure.compareProducts(paid, d, n, budget)
            return budget > 0 ? s : -s
        default:
            return nil
        }
    }

    /// The sign of a·b − c·d, exactly.
    @inline(__always)
    static func compareProducts(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Int {
        // Fen and percent denominators almost always fit 64 bits: then each product is one
        // 64-by-64 multiplication into 128 bits, which cannot overflow.
        if a.fitsInt64 && b.fitsInt64 && c.fitsInt64 && d.fitsInt64 {
            let x = Int128(Int64(truncatingIfNeeded: a)) &* Int128(Int64(truncatingIfNeeded: b))
            let y = Int128(Int64(truncatingIfNeeded: c)) &* Int128(Int64(truncatingIfNeeded: d))
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        return wideCompareProducts(a, b, c, d)
    }

    /// `compareProducts` with full 256-bit products.
    @inline(never)
    static func wideCompareProducts(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Int {
        let l = a.multipliedFullWidth(by: b), r = c.multipliedFullWidth(by: d)
        if l.high != r.high { return l.high < r.high ? -1 : 1 }
        return l.low == r.low ? 0 : (l.low < r.low ? -1 : 1)
    }
}

extension Int128 {
    /// Whether the value is an `Int64`: its high half only repeats the low half's sign.
    @inline(__always)
    var fitsInt64: Bool { Int64(truncatingIfNeeded: self) >> 63 == Int64(truncatingIfNeeded: self >> 64) }
}

extension Rational {
    /// The reduced numerator and (positive) denominator when both fit 128 bits.
    var smallParts: (Int128, Int128)? {
        if case .small(let n, let d) = storage { return (n, d) }
        return nil
    }
}

extension Evaluator {
    /// The fiscal year's window, as `paymentWindow(by: nil, in: nil, …)` gives it.
    typealias PaymentWindow = (CivilDate, CivilDate, isWholeYear: Bool)
}

/// The per-project bodies of the built-ins (`BuiltinFunction.project`). Each gives what the
/// built-in's body gives for a call with the project alone; its fast path reads the model's cache
/// and the scenario, anything unusual (no fiscal year, a budget not stated, a zero budget) goes
/// through the evaluator's general functions, which say why.
extension ProjectScope {
    /// `budget(p)`, `initial(p)`, `adjustments(p)`: `figure(which, .project(p), …)`, the full-year
    /// budget from the model's cache.
    func figure(_ which: Figure, _ p: Int, _ c: BuiltinCall) throws(Diagnostic) -> ProjectFigure {
        if which == .budget, let fiscalYear, let budget = baseline(p, fiscalYear).budget {
            return .fen(budget + budgetDelta(p))
        }
        return .value(try ev.figure(which, .project(p), c.positional[0].range))
    }

    /// `paid(p)`: as `paid(c)` with one project and no labels.
    func paid(_ p: Int, _ c: BuiltinCall) throws(Diagnostic) -> ProjectFigure {
        // A project whose budget is stated has its payments stated too (`paymentsStated`).
        if let fiscalYear, case let base = baseline(p, fiscalYear), base.budget != nil {
            return .fen(base.paid + scenarioPaid(p, fiscalYear))
        }
        return .fen(try ev.paidFen(.project(p), try window(c), c.positional[0].range))
    }

    /// `rate(p)`: as `rate(c)` with one project and no labels.
    func rate(_ p: Int, _ c: BuiltinCall) throws(Diagnostic) -> ProjectFigure {
        if let fiscalYear, case let base = baseline(p, fiscalYear), let b = base.budget {
            let budget = b + budgetDelta(p)
            // A zero budget takes the general path, which says why the rate is undefined.
            if budget != 0 { return .ratio(paid: base.paid + scenarioPaid(p, fiscalYear), budget: budget) }
        }
        return .value(try ev.rate(of: .project(p), try window(c), c.positional[0].range, overflowAt: c.range))
    }

    /// Project `p`'s baseline payments within `window` and full-year budget (nil where computing it
    /// fails: the general path then reports why), from every project's, kept with the model.
    private func baseline(_ p: Int, _ window: Evaluator.PaymentWindow) -> (paid: Int128, budget: Int128?) {
        let all = baselines ?? fetchBaselines(window)
        return (all.paid(p), all.budget(p))
    }

    private func fetchBaselines(_ window: Evaluator.PaymentWindow) -> ProjectBaselines {
        let from = window.0.dayNumber, through = window.1.dayNumber
        let all = cache.projectBaselines(count: projectCount, from: from, through: through,
                                         paid: { model.payments.sums(from: from, through: through, into: $0) },
                                         budget: { ev.fullYearBudgets(into: $0) })
        baselines = all
        return all
    }

    /// The fiscal year's window; without one, `paymentWindow` says so as the built-in's body does.
    private func window(_ c: BuiltinCall) throws(Diagnostic) -> Evaluator.PaymentWindow {
        if let fiscalYear { return fiscalYear }
        return try ev.paymentWindow(by: nil, in: nil, c.range)
    }

    @inline(__always)
    private func budgetDelta(_ p: Int) -> Int128 {
        scenarioChangesBudgets ? Int128(scenario.budgetDelta[p] ?? 0) : 0
    }

    @inline(__always)
    private func scenarioPaid(_ p: Int, _ window: Evaluator.PaymentWindow) -> Int128 {
        scenarioPays ? scenario.paid(p, from: window.0.dayNumber, through: window.1.dayNumber) : 0
    }
}
