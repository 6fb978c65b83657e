extension Evaluator {
    /// `compare EXPR, … across S1, S2`: each expression under the baseline and each scenario.
    func compare(_ exprs: [Expr], _ names: [Name], file: SourceFile) throws(Diagnostic) -> CompareReport {
        var overlays: [Evaluator] = []
        for n in names {
            var sub = self
            sub.scenario = try scenario(for: [Change(kind: .scenario(n), range: n.range)])
            overlays.append(sub)
        }
        var report = CompareReport(unit: model.unit, scenarios: names.map(\.text))
        for e in exprs {
            var values = [try eval(e)]
            for sub in overlays { values.append(try sub.eval(e)) }
            report.rows.append(.init(expression: String(file.slice(e.range)), values: values))
        }
        return report
    }

    /// Goal seeking: the least amount (exact to the fen) or the latest month for which a condition holds.
    func seek(_ s: Seek, file: SourceFile) throws(Diagnostic) -> String {
        let f = ValueFormatter(unit: model.unit)
        let p = try projectIndex(s.project)
        var base = self
        base.scenario = try scenario(for: s.assuming)
        let condText = String(file.slice(s.condition.range))
        func holds(_ fen: Int64, _ day: Int32) throws(Diagnostic) -> Bool {
            var sub = base
            sub.scenario.payments.append(.init(project: p, fen: fen, day: day))
            switch try sub.eval(s.condition) {
            case .bool(let b): return b
            case .undefined: return false
            case let v: throw Diagnostic(.notABoolean(got: v.kindName), s.condition.range)
            }
        }
        /// The left side of a comparison, before and after: what moved to meet the condition.
        func effect(_ fen: Int64, _ day: Int32) throws(Diagnostic) -> String {
            guard case .binary(let op, let lhs, _) = s.condition.kind, op.isComparison else { return "" }
            var sub = base
            sub.scenario.payments.append(.init(project: p, fen: fen, day: day))
            let before = try base.eval(lhs), after = try sub.eval(lhs)
            return L("; \(file.slice(lhs.range)): \(f.format(before, model: model)) → \(f.format(after, model: model))")
        }
        let who = "`\(s.project.text)`"
        switch s.unknown {
        case .amount(let whenExpr):
            let day = try base.changeDay(whenExpr)
            let when = try whenText(whenExpr)
            if try holds(0, day) { return L("\(condText) already holds: \(who) need not pay anything \(when)") }
            let cap = try base.seekCap(p, s.project)
            if cap.fen <= 0 {
                let over = cap.fen < 0 ? L(" (it is overpaid by \(f.money(Rational(-cap.fen))))") : ""
                return L("\(condText) cannot be reached within the budget: nothing is left of \(cap.what) to pay \(when)") + over
            }
            if !(try holds(cap.fen, day)) {
                return L("\(condText) cannot be reached within the budget: even paying all \(f.money(Rational(cap.fen))) left of \(cap.what) \(when) is not enough")
                    + (try effect(cap.fen, day))
            }
            var lo: Int64 = 0, hi = cap.fen   // holds(lo) is false, holds(hi) is true
            while hi - lo > 1 {
                if interrupt() { throw Diagnostic(.interrupted, s.condition.range) }
                let mid = lo + (hi - lo) / 2
                if try holds(mid, day) { hi = mid } else { lo = mid }
            }
            return L("\(who) must pay at least \(exactMoney(hi)) \(when) for \(condText)") + (try effect(hi, day))
        case .month(let amountExpr):
            guard let fy = model.year else { throw Diagnostic(.noFiscalYear, s.project.range) }
            let fen: Int64
            if let amountExpr {
                fen = try base.amountFen(amountExpr)
            } else {
                guard case .money(let left) = try base.figure(.unspent, .project(p), s.project.range), left.isInteger, let l = Int64(exactly: left.num) else {
                    throw Diagnostic(.overflow, s.project.range)
                }
                fen = max(0, l)
            }
            if fen == 0 && amountExpr == nil {
                let when = L("any month of \(fy)")
                if try holds(0, Period.month(year: fy, month: 12).last.dayNumber) {
                    return L("\(condText) already holds: \(who) need not pay anything in \(when)")
                }
                return L("\(condText) cannot be reached: nothing is left of \(who)'s budget to pay in \(when)")
            }
            var good: [Int] = []
            for m in 1...12 where try holds(fen, Period.month(year: fy, month: m).last.dayNumber) { good.append(m) }
            let amount = amountExpr == nil ? L("the rest of its budget (\(f.money(Rational(fen))))") : f.money(Rational(fen))
            guard let latest = good.last else {
                return L("\(condText) cannot be reached with \(who) paying \(amount) in any month of \(fy)")
            }
            let monthText = Period.month(year: fy, month: latest).description
            var line = L("\(who) must pay \(amount) in \(monthText) at the latest for \(condText)")
            if good != Array(1...latest) {
                line += L(" (it holds for payments in \(good.map { Period.month(year: fy, month: $0).description }.joined(separator: ", ")))")
            }
            return line + (try effect(fen, Period.month(year: fy, month: latest).last.dayNumber))
        }
    }

    /// `on 2020-12-31` / `in 2020Q4`, as the answer says it.
    func whenText(_ e: Expr) throws(Diagnostic) -> String {
        switch try eval(e) {
        case .date(let d): return L("on \(d)")
        case .period(let p): return L("in \(p)")
        case let v: return L("at \(ValueFormatter(unit: model.unit).format(v, model: model))")
        }
    }

    /// Money to the fen: in the default unit, and in 元 when the unit's two decimals would round it.
    func exactMoney(_ fen: Int64) -> String {
        let f = ValueFormatter(unit: model.unit)
        let r = Rational(fen)
        guard model.unit != .yuan else { return f.money(r) }
        let shown = f.money(r)
        return shown + " (" + ValueFormatter(unit: .yuan).money(r) + ")"
    }

    /// How much a project can still pay: its own unspent budget when stated, else the largest unspent
    /// stated budget of a named group it belongs to.
    func seekCap(_ p: Int, _ n: Name) throws(Diagnostic) -> (fen: Int64, what: String) {
        if model.projects.values[p].initialFen != nil {
            guard case .money(let left) = try figure(.unspent, .project(p), n.range), left.isInteger, let l = Int64(exactly: left.num) else {
                throw Diagnostic(.overflow, n.range)
            }
            return (l, L("`\(n.text)`'s budget"))
        }
        var best: (Int64, String)?
        for (name, def) in model.groups where def.totals[.budget] != nil {
            let g = try namedGroup(name, n.range)
            guard g.members.contains(p), case .money(let left) = try figure(.unspent, .group(g), n.range),
                  left.isInteger, let l = Int64(exactly: left.num) else { continue }
            if best == nil || l > best!.0 { best = (l, L("the budget of `\(name)`")) }
        }
        guard let best else { throw Diagnostic(.budgetNotStated(n.text), n.range) }
        return best
    }
}

/// The result of `compare`: rows of values, baseline first; structured so reports can chart it.
public struct CompareReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var expression: String
        /// The baseline, then one value per scenario.
        public var values: [Value]
    }

    public var unit: MoneyUnit
    public var scenarios: [String]
    public var rows: [Row] = []

    public func table(model: BudgetModel) -> Table {
        var headers = ["指标", "基线"]
        var alignments: [Table.Alignment] = [.left, .right]
        for s in scenarios {
            headers += [s, "Δ"]
            alignments += [.right, .right]
        }
        let rows = rows.map { r -> [Table.Cell] in
            var row: [Table.Cell] = [.text(r.expression), Table.Cell(r.values[0], unit: unit, model: model)]
            for v in r.values.dropFirst() { row += [Table.Cell(v, unit: unit, model: model), .difference(v, from: r.values[0], unit: unit)] }
            return row
        }
        return Table(headers: headers, alignments: alignments, rows: rows)
    }
}
