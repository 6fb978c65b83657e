/// The figures of a project or group that `budget(x)`, `initial(x)`, … compute (each built-in
/// names one), and the payment windows of `paid(x, by:, in:)`.
enum Figure: String, Sendable, CaseIterable {
    /// 全年预算: the initial budget plus adjustments (a group's stated total when given).
    case budget
    /// 年初预算.
    case initial
    /// 追加 − 调减.
    case adjustments
    /// The budget less what was paid within the fiscal year.
    case unspent
    /// 结转结余, stated for a group with `total … carryover`.
    case carryover
    /// 到位资金: funds received, stated with `received` (never spending).
    case received
}

extension Evaluator {
    /// `budget(x)`, `initial(x)`, …: undefined stays undefined.
    func figure(_ which: Figure, _ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        if case .undefined = subject { return subject }
        if let kind = try fundsLabel(c) {
            guard let split = FundFigure(which) else {
                throw Diagnostic(.notDerivable(L("`\(which.rawValue)` is not split by kind of funds: budget, adjustments, paid, rate and received are")), c.range)
            }
            return .money(Rational(uncheckedNum: try kindFigure(split, subject, kind, window: nil, c.positional[0].range), den: 1))
        }
        return try figure(which, subject, c.positional[0].range)
    }

    /// `paid(x, by: D, in: P, funds: K)`
    func paid(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        let window = try paymentWindow(by: c.labelled("by"), in: c.labelled("in"), c.range)
        if let kind = try fundsLabel(c) {
            return .money(Rational(uncheckedNum: try kindFigure(.paid, subject, kind, window: window, c.positional[0].range), den: 1))
        }
        return .money(Rational(uncheckedNum: try paidFen(subject, window, c.positional[0].range), den: 1))
    }

    /// `rate(x, by: D, funds: K)`: paid within the window ÷ budget; undefined for a zero budget.
    func rate(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        let window = try paymentWindow(by: c.labelled("by"), in: nil, c.range)
        if let kind = try fundsLabel(c) {
            let range = c.positional[0].range
            let paid = try kindFigure(.paid, subject, kind, window: window, range)
            let budget = try kindFigure(.budget, subject, kind, window: nil, range)
            guard let r = try checked(c.range, { () throws(Rational.Overflow) in try Rational(paid, 1).divided(by: Rational(budget, 1)) }) else {
                return .undefined(L("zero budget"))
            }
            return .rate(r)
        }
        return try rate(of: subject, window, c.positional[0].range, overflowAt: c.range)
    }

    /// The execution rate of a project or group within a payment window (a table's `rate` column
    /// computes the same).
    func rate(of subject: Value, _ window: (CivilDate, CivilDate, isWholeYear: Bool), _ range: SourceRange,
              overflowAt callRange: SourceRange) throws(Diagnostic) -> Value {
        let paid = try paidFen(subject, window, range)
        guard case .money(let budget) = try figure(.budget, subject, range) else { return .undefined(L("budget")) }
        guard let r = try checked(callRange, { () throws(Rational.Overflow) in try Rational(paid, 1).divided(by: budget) }) else {
            return .undefined(L("zero budget"))
        }
        return .rate(r)
    }

    /// The inclusive day window payments count in: the fiscal year, cut at `by:`, or the period `in:`.
    func paymentWindow(by: Expr?, in period: Expr?, _ range: SourceRange) throws(Diagnostic) -> (CivilDate, CivilDate, isWholeYear: Bool) {
        if let period {
            switch try eval(period) {
            case .period(let p): return (p.first, p.last, false)
            case .date(let d): return (d, d, false)
            case .number(let n) where n.isInteger && (1900...2200).contains(n.num):
                let p = Period.year(Int(n.num))
                return (p.first, p.last, p == model.fiscalYear)
            case let v: throw Diagnostic(.wrongArgumentType(function: "paid", argument: "`in:`", expected: L("a month, a quarter, a date or a year"), got: v.kindName), period.range)
            }
        }
        guard let fy = model.fiscalYear else { throw Diagnostic(.noFiscalYear, range) }
        guard let by else { return (fy.first, fy.last, true) }
        let cut: CivilDate
        switch try eval(by) {
        case .date(let d): cut = d
        case .period(let p): cut = p.last
        case let v: throw Diagnostic(.wrongArgumentType(function: "paid", argument: "`by:`", expected: L("a date, a month or a quarter"), got: v.kindName), by.range)
        }
        return (fy.first, min(cut, fy.last), cut >= fy.last)
    }

    func paidFen(_ subject: Value, _ window: (CivilDate, CivilDate, isWholeYear: Bool), _ range: SourceRange) throws(Diagnostic) -> Int128 {
        switch subject {
        case .project(let p):
            // A project the report gives no money figure for has unknown payments, not zero; one with
            // a stated budget and no payments has paid 0.
            if !model.paymentsStated(p) {
                throw Diagnostic(.notDerivable(L("neither a budget nor payments are stated for `\(model.projects.values[p].id)`")), range)
            }
            let from = window.0.dayNumber, through = window.1.dayNumber
            // The fiscal year's baseline is summed once per project and model (`rate(p)` for every
            // project in a comprehension); a what-if's own payments are added on top either way.
            let base = window.isWholeYear
                ? model.cache.projectPaid(p, of: model.projects.count, from: from, through: through) { model.paidFen(p, from: window.0, through: window.1) }
                : model.paidFen(p, from: window.0, through: window.1)
            return base + scenario.paid(p, from: from, through: through)
        case .group(let g):
            if let name = g.name, let stated = model.groups[name]?.totals[.paid] {
                guard window.isWholeYear else {
                    throw Diagnostic(.notDerivable(L("only the fiscal year's total payments are stated for `\(name)`: figures by date need its payments")), range)
                }
                // Hypothetical payments of its members come on top of the stated total.
                var delta: Int128 = 0
                if !scenario.payments.isEmpty {
                    let members = Set(g.members)
                    for d in scenario.payments where members.contains(d.project) && d.day >= window.0.dayNumber && d.day <= window.1.dayNumber {
                        delta += Int128(d.fen)
                    }
                }
                return Int128(stated) + delta
            }
            if g.members.isEmpty { throw emptyGroup(g, stating: "payments", clause: "paid", range) }
            // The fiscal year's payments of a group whose members depend only on attributes are the
            // same until the model changes: cached, and a what-if adds only its own payments.
            if window.isWholeYear, let key = g.cacheKey {
                let cacheKey = "paid \(key) \(window.0.dayNumber)"
                let base: Int128
                if let cached = model.cache.sum(cacheKey) {
                    base = cached
                } else {
                    var baseline = self
                    baseline.scenario = Scenario()
                    var sum: Int128 = 0
                    for m in g.members { sum += try baseline.paidFen(.project(m), window, range) }
                    model.cache.setSum(cacheKey, sum)
                    base = sum
                }
                var delta: Int128 = 0
                for d in scenario.payments where d.day >= window.0.dayNumber && d.day <= window.1.dayNumber && g.contains(d.project) {
                    delta += Int128(d.fen)
                }
                return base + delta
            }
            var sum: Int128 = 0
            for m in g.members { sum += try paidFen(.project(m), window, range) }
            return sum
        default:
            throw Diagnostic(.wrongArgumentType(function: "paid", argument: L("its subject"), expected: L("a project or a group"), got: subject.kindName), range)
        }
    }

    /// A figure of a project or group, in fen.
    func figure(_ which: Figure, _ subject: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        func money(_ f: Int128) -> Value { .money(Rational(uncheckedNum: f, den: 1)) }
        switch which {
        case .unspent:
            guard case .money(let b) = try figure(.budget, subject, range) else { return .undefined(L("budget")) }
            let window = try paymentWindow(by: nil, in: nil, range)
            let p = try paidFen(subject, window, range)
            return .money(try checked(range) { () throws(Rational.Overflow) in try b.subtracting(Rational(uncheckedNum: p, den: 1)) })
        case .carryover:
            guard case .group(let g) = subject, let name = g.name, let c = model.groups[name]?.totals[.carryover] else {
                throw Diagnostic(.notDerivable(L("no carry-over is stated for this: state it with `total GROUP carryover AMOUNT`, or compute `unspent(x)`")), range)
            }
            return money(Int128(c))
        case .received:
            return money(try receivedFen(subject, range))
        case .budget, .initial, .adjustments: break
        }
        switch subject {
        case .project(let p):
            return money(try projectBudgetFen(which, p, hypothetical: Int128(scenario.budgetDelta[p] ?? 0), range))
        case .group(let g):
            if let name = g.name, let totals = model.groups[name]?.totals {
                // Hypothetical budget changes of its members come on top of a stated total.
                var delta: Int128 = 0
                if !scenario.budgetDelta.isEmpty {
                    let members = Set(g.members)
                    for (p, d) in scenario.budgetDelta where members.contains(p) { delta += Int128(d) }
                }
                switch which {
                case .budget: if let b = totals[.budget] { return money(Int128(b) + delta) }
                case .initial: if let i = totals[.initial] { return money(Int128(i)) }
                case .adjustments, .unspent, .carryover, .received:
                    if let b = totals[.budget], let i = totals[.initial] { return money(Int128(b) - Int128(i) + delta) }
                }
            }
            if g.members.isEmpty { throw emptyGroup(g, stating: which.rawValue, clause: which == .adjustments ? "initial AMOUNT budget" : nil, range) }
            // Budgets of a group whose members depend only on attributes: cached like its payments.
            if let key = g.cacheKey, which == .budget || which == .initial {
                let cacheKey = "\(which.rawValue) \(key)"
                var base: Int128
                if let cached = model.cache.sum(cacheKey) {
                    base = cached
                } else {
                    var baseline = self
                    baseline.scenario = Scenario()
                    base = 0
                    for m in g.members {
                        guard case .money(let f) = try baseline.figure(which, .project(m), range) else { continue }
                        base += f.num
                    }
                    model.cache.setSum(cacheKey, base)
                }
                if which == .budget {
                    for (p, d) in scenario.budgetDelta where g.contains(p) { base += Int128(d) }
                }
                return money(base)
            }
            var sum: Int128 = 0
            for m in g.members {
                guard case .money(let f) = try figure(which, .project(m), range) else { continue }
                sum += f.num
            }
            return money(sum)
        default:
            throw Diagnostic(.wrongArgumentType(function: which.rawValue, argument: L("its subject"), expected: L("a project or a group"), got: subject.kindName), range)
        }
    }

    /// `budget`, `initial` or `adjustments` of project `p` in fen, with a hypothetical change of its budget.
    func projectBudgetFen(_ which: Figure, _ p: Int, hypothetical: Int128, _ range: SourceRange) throws(Diagnostic) -> Int128 {
        switch model.budgetFen(which, of: p) {
        // A what-if's budget change is not a change of the initial budget.
        case .success(let fen): return which == .initial ? fen : fen + hypothetical
        case .failure(.overflow): throw Diagnostic(.overflow, range)
        case .failure(.disagree(let dated)): throw adjustmentsDisagree(p, dated: dated, range)
        case .failure(.notStated): throw Diagnostic(.budgetNotStated(model.projects.values[p].id), range)
        }
    }

    /// Each project's full-year budget, as `projectBudgetFen(.budget, p, hypothetical: 0, _)` gives
    /// it, written to `out` (a project each); `ProjectBaselines.noBudget` where that fails. One call
    /// for all: calling a method of an evaluator held elsewhere may copy the whole evaluator.
    func fullYearBudgets(into out: UnsafeMutableBufferPointer<Int128>) {
        // In place: a copy of each `Project` would retain and release every one of its fields.
        model.projects.values.withUnsafeBufferPointer { projects in
            for p in out.indices {
                let budget = BudgetModel.budgetFen(.budget, initial: projects[p].initialFen, fullYear: projects[p].fullYearFen,
                                                   adjustments: (projects[p].adjustmentCount, projects[p].adjustmentsTotal))
                if case .success(let fen) = budget { out[p] = fen } else { out[p] = ProjectBaselines.noBudget }
            }
        }
    }

    /// The figure a table column names (`budget`, `initial`, …); Table.swift holds column names as text.
    func figure(_ column: String, _ subject: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        guard let which = Figure(rawValue: column) else {
            throw Diagnostic(.unknownFunction(column, suggestion: nil), range)
        }
        return try figure(which, subject, range)
    }
}
