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
    func seek(_ s: Seek, file: SourceFile) throws(Diagnostic) -> SeekAnswer {
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
        func effect(_ fen: Int64, _ day: Int32) throws(Diagnostic) -> SeekAnswer.Effect? {
            guard case .binary(let op, let lhs, _) = s.condition.kind, op.isComparison else { return nil }
            var sub = base
            sub.scenario.payments.append(.init(project: p, fen: fen, day: day))
            let before = try base.eval(lhs), after = try sub.eval(lhs)
            return .init(what: String(file.slice(lhs.range)), before: f.format(before, model: model), after: f.format(after, model: model))
        }
        let who = s.project.text
        switch s.unknown {
        case .amount(let whenExpr):
            let day = try base.changeDay(whenExpr)
            let when = try whenText(whenExpr)
            if try holds(0, day) { return .holds(condText, who: who, when: when) }
            let cap = try base.seekCap(p, s.project)
            if cap.fen <= 0 {
                return .nothingLeft(condText, budget: cap.budget, when: when, overpaid: cap.fen < 0 ? f.money(Rational(-cap.fen)) : nil)
            }
            if !(try holds(cap.fen, day)) {
                return .notEnough(condText, amount: f.money(Rational(cap.fen)), budget: cap.budget, when: when, effect: try effect(cap.fen, day))
            }
            var lo: Int64 = 0, hi = cap.fen   // holds(lo) is false, holds(hi) is true
            while hi - lo > 1 {
                if interrupt() { throw Diagnostic(.interrupted, s.condition.range) }
                let mid = lo + (hi - lo) / 2
                if try holds(mid, day) { hi = mid } else { lo = mid }
            }
            return .atLeast(condText, who: who, amount: exactMoney(hi), when: when, effect: try effect(hi, day))
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
                if try holds(0, Period.month(year: fy, month: 12).last.dayNumber) { return .holds(condText, who: who, when: .anyMonth(fy)) }
                return .nothingLeftAnyMonth(condText, who: who, year: fy)
            }
            var good: [Int] = []
            for m in 1...12 where try holds(fen, Period.month(year: fy, month: m).last.dayNumber) { good.append(m) }
            let amount: SeekAnswer.Amount = amountExpr == nil ? .rest(f.money(Rational(fen))) : .given(f.money(Rational(fen)))
            guard let latest = good.last else { return .never(condText, who: who, amount: amount, year: fy) }
            let months = good != Array(1...latest) ? good.map { Period.month(year: fy, month: $0).description } : nil
            return .latestMonth(condText, who: who, amount: amount, month: Period.month(year: fy, month: latest).description, holdsIn: months,
                                effect: try effect(fen, Period.month(year: fy, month: latest).last.dayNumber))
        }
    }

    /// `on 2020-12-31` / `in 2020Q4`, as the answer says it.
    func whenText(_ e: Expr) throws(Diagnostic) -> SeekAnswer.When {
        switch try eval(e) {
        case .date(let d): return .on(d.description)
        case .period(let p): return .in(p.description)
        case let v: return .at(ValueFormatter(unit: model.unit).format(v, model: model))
        }
    }

    /// Money to the fen: in the default unit, and in 元 when the unit's two decimals would round it.
    func exactMoney(_ fen: Int64) -> String {
        let f = ValueFormatter(unit: model.unit)
        let r = Rational(fen)
        let shown = f.money(r)
        guard model.unit != .yuan else { return shown }
        // 47.50 万元 is 475,000.00 元 exactly: saying so again would only add noise.
        if let inUnit = try? r.divided(by: Rational(model.unit.fen, 1)), (try? inUnit.rounded(places: 2)) == inUnit {
            return shown
        }
        return shown + " (" + ValueFormatter(unit: .yuan).money(r) + ")"
    }

    /// How much a project can still pay: its own unspent budget when stated, else the largest unspent
    /// stated budget of a named group it belongs to.
    func seekCap(_ p: Int, _ n: Name) throws(Diagnostic) -> (fen: Int64, budget: SeekAnswer.Budget) {
        if model.projects.values[p].initialFen != nil {
            guard case .money(let left) = try figure(.unspent, .project(p), n.range), left.isInteger, let l = Int64(exactly: left.num) else {
                throw Diagnostic(.overflow, n.range)
            }
            return (l, .project(n.text))
        }
        var best: (Int64, SeekAnswer.Budget)?
        for (name, def) in model.groups where def.totals[.budget] != nil {
            let g = try namedGroup(name, n.range)
            guard g.members.contains(p), case .money(let left) = try figure(.unspent, .group(g), n.range),
                  left.isInteger, let l = Int64(exactly: left.num) else { continue }
            if best == nil || l > best!.0 { best = (l, .group(name)) }
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
