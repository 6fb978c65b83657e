/// The output of `evaluate P`: the form, its evaluation and the rules it was scored by, structured so a
/// report writer can lay it out officially; `rendered` is the plain text for the terminal and notebooks.
public struct FormReport: Sendable, Equatable {
    /// The name written after `form`.
    public var name: String
    /// The form as evaluated (what-if changes and the model's amounts filled in).
    public var form: IndicatorForm
    public var evaluation: FormEvaluation
    public var rules: ScoringRules
    /// The unit amounts are shown in.
    public var unit: MoneyUnit
    /// Every stated cell's check as a check line, known findings applied; counted in the session's tally
    /// unless the form is a what-if's.
    public var outcomes: [CheckOutcome]
    /// `if …` of `evaluate P if …`: the form under hypothetical changes, its checks shown but not counted.
    public var whatIf: String? = nil
    /// The decimals amounts show with: the model's, so 47.318 shows as it was stated.
    public var moneyPlaces: ClosedRange<Int> = 2...2

    /// The checks of a form as check lines: `✓ P: 得分 培训期数 = 15`; a failed check whose cell a
    /// `finding` clause marks is a known finding, and a marked cell whose checks all hold says so.
    static func outcomes(_ name: String, _ checks: [ScoreCheck], findings: [FindingMark], unit: MoneyUnit) -> [CheckOutcome] {
        // Amounts in the session's unit, as `check` shows money.
        func text(_ f: ScoreCheck.Figure, _ places: Int) -> String {
            if case .fen(let fen) = f, let r = Rational.fen(fen) { return ValueFormatter(unit: unit).money(r) }
            return f.text(places: places)
        }
        var out = checks.map { c -> CheckOutcome in
            let claim = c.claimedText ?? text(c.claimed, c.places)
            let computed = text(c.computed, c.places)
            var o = CheckOutcome(status: c.holds ? .passed : .failed, label: name, expression: c.label, claim: claim,
                                 claimed: text(c.claimed, c.places), computed: computed,
                                 difference: c.holds ? nil : FormReport.difference(c, unit: unit), finding: nil)
            o.showsComputed = c.holds && c.claimed != c.computed && computed != claim
            return o
        }
        for mark in findings {
            let hits = checks.indices.filter { mark.subjects.contains(checks[$0].subject) }
            let failing = hits.filter { !checks[$0].holds }
            if failing.isEmpty, let first = hits.first {
                out[first].status = .findingHolds
                out[first].finding = mark.text
            }
            for k in failing {
                out[k].status = .knownFinding
                out[k].finding = mark.text
            }
        }
        return out
    }

    /// computed − claimed, as `check` prints differences: points, percentage points, 元.
    static func difference(_ c: ScoreCheck, unit: MoneyUnit) -> String? {
        // A band's edge that belongs to the band above is off by nothing: no difference to show.
        guard let d = c.difference, d != Rational(0), let neg = try? Rational(0).subtracting(d) else { return nil }
        let sign = neg.isNegative ? "" : "+"
        switch c.computed {
        case .rate: return sign + ((try? neg.multiplied(by: Rational(100))) ?? neg).decimalText(places: c.places) + " pp"
        case .fen: return sign + ValueFormatter(unit: unit).money(neg)
        case .score, .band: return sign + neg.decimalText(places: c.places)
        case .grade, .undefined: return nil
        }
    }

    /// Score cells with two decimals (or the convention's), `—` when not scored.
    func points(_ r: Rational?) -> String {
        r.map { $0.decimalText(places: max(2, rules.rounding.places)) } ?? "—"
    }

    /// The form as the terminal shows it: header, budget block, goals, indicator table, total and grade,
    /// then the check lines and notes.
    public var rendered: String {
        var out: [String] = headerLines()
        if let block = budgetTable() { out.append(""); out.append(block.render()) }
        let goals = goalLines()
        if !goals.isEmpty { out.append(""); out += goals }
        if !form.rows.isEmpty { out.append(""); out.append(indicatorTable(wrap: 24).render()) }
        out.append("")
        out.append(totalLine())
        if let c = form.conclusion { out.append("自评结论  " + c) }
        let lines = outcomes.map(\.rendered)
        if !lines.isEmpty { out.append(""); out += lines }
        let notes = noteLines()
        if !notes.isEmpty { out.append(""); out += notes }
        return out.joined(separator: "\n")
    }

    /// The blocks a report writer lays out: the form itself (its writer lays it out as the official
    /// 项目支出绩效自评表), one check per stated cell, the notes.
    public var reportBlocks: [ReportBlock] {
        var out: [ReportBlock] = [.form(self)]
        out += outcomes.map { ReportBlock.check($0) }
        let notes = noteLines()
        if !notes.isEmpty { out.append(.result(notes.joined(separator: "\n"))) }
        return out
    }

    func headerLines() -> [String] {
        let h = form.header
        var out = [h.projectName + (h.projectID.map { $0 == h.projectName ? "" : " (\($0))" } ?? "")]
        if let w = whatIf { out.append(L("what-if: \(w) (the stated cells are compared, not counted as checks)")) }
        var who: [String] = []
        if let d = h.department { who.append("主管部门 \(d)") }
        if let u = h.implementingUnit { who.append("实施单位 \(u)") }
        if let m = h.manager { who.append("项目负责人 \(m)") }
        if !who.isEmpty { out.append(who.joined(separator: "  ")) }
        return out
    }

    func goalLines() -> [String] {
        var out: [String] = []
        if let g = form.expectedGoal { out.append("预期目标      " + g) }
        if let g = form.achievedGoal { out.append("实际完成情况  " + g) }
        return out
    }

    func money(_ fen: Int128?) -> Table.Cell {
        guard let fen, let r = Rational.fen(fen) else { return .text("") }
        return .money(r, unit: unit, withUnit: false)
    }

    func budgetTable() -> Table? {
        let b = form.budget
        let e = evaluation.budget
        guard b.weight != nil || e.fullYear != nil || e.executed != nil || !b.parts.isEmpty else { return nil }
        let rate: Table.Cell = e.rate.map { .rate($0) } ?? .undefined(e.rateUndefined ?? L("no execution rate"))
        // The total row as stated (or as the model gives it), else as computed from the sub-rows: the
        // checks below compare the two.
        func cell(_ stated: Int64?, _ computed: Int128?) -> Table.Cell { money(stated.map { Int128($0) } ?? computed) }
        var rows: [[Table.Cell]] = [[.text(b.total.name), cell(b.total.initial, e.initial), cell(b.total.fullYear, e.fullYear), cell(b.total.executed, e.executed),
                                     .text(b.weight.map { points($0) } ?? ""), rate, .text(b.weight == nil ? "" : points(e.score))]]
        for p in b.parts {
            let amounts = [money(p.initial.map { Int128($0) }), money(p.fullYear.map { Int128($0) }), money(p.executed.map { Int128($0) })]
            rows.append([.text("  其中：" + p.name)] + amounts + [.text(""), .text(""), .text("")])
        }
        return Table(headers: ["(\(unit.rawValue))", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                     alignments: [.left, .right, .right, .right, .right, .right, .right], rows: rows, moneyPlaces: moneyPlaces)
    }

    /// 一级 and 二级 once per group (merged, as the form prints them); the deviation wrapped at `wrap`
    /// display columns on continuation rows (for the terminal), or whole.
    func indicatorTable(wrap: Int?) -> Table {
        var rows: [[Table.Cell]] = []
        var last1 = "", last2 = ""
        for r in evaluation.rows {
            let row = r.row
            let l1 = row.level1 == last1 ? "" : row.level1
            let l2 = row.level1 == last1 && row.level2 == last2 ? "" : row.level2
            last1 = row.level1
            last2 = row.level2
            let score = scoreText(r)
            let reason = wrap.map { FormReport.wrap(row.deviation ?? "", width: $0) } ?? [row.deviation ?? ""]
            rows.append([l1, l2, row.name, row.target, row.actual ?? "", points(row.weight), score, row.statedScore?.text ?? "", reason.first ?? ""].map { .text($0) })
            for more in reason.dropFirst() { rows.append(["", "", "", "", "", "", "", "", more].map { .text($0) }) }
        }
        return Table(headers: ["一级", "二级", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "自评得分", "偏差原因分析及改进措施"],
                     alignments: [.left, .left, .left, .left, .left, .right, .right, .right, .left], rows: rows)
    }

    /// A row's 得分 cell: the score, the band an unscored row may earn, or `error`.
    func scoreText(_ r: RowEvaluation) -> String {
        switch r.scoring.outcome {
        case .scored: return points(r.score)
        case .unscored: return r.scoring.band.map { "(\($0.lowerBound.decimalText(places: 2))–\($0.upperBound.decimalText(places: 2)))" } ?? "—"
        case .failed: return L("error")
        }
    }

    func totalLine() -> String {
        var line = "总分 " + (evaluation.total.map { points($0) } ?? L("undefined"))
        if let s = form.statedTotal { line += L(" (stated \(s.text))") }
        line += "  自评等级 " + (evaluation.grade?.rawValue ?? L("undefined"))
        if let g = form.statedGrade { line += L(" (stated \(g.rawValue))") }
        if let full = form.fullMarks, full != rules.fullMarks { line += L("  of \(points(full))") }
        return line
    }

    /// Unscored rows and errors by name (never a silent 0), why the total is undefined, and the notes.
    func noteLines() -> [String] {
        var out: [String] = []
        for r in evaluation.rows {
            switch r.scoring.outcome {
            case .scored: break
            case .unscored(let why): out.append(L("unscored: \(r.row.name) — \(why)"))
            case .failed(let e): out.append(L("error: \(r.row.name) — \(e.description)"))
            }
        }
        if evaluation.total == nil && !evaluation.totalUndefined.isEmpty && evaluation.rows.allSatisfy({ if case .scored = $0.scoring.outcome { true } else { false } }) {
            out.append(L("总分 undefined: ") + evaluation.totalUndefined.joined(separator: "; "))
        }
        for r in evaluation.rows { for n in r.notes { out.append(L("note: \(r.row.name) — \(n)")) } }
        return out
    }

    /// Splits text into lines of at most `width` display columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var w = 0
        for ch in text {
            let cw = DisplayWidth.of(String(ch))
            if w + cw > width { lines.append(line); line = ""; w = 0 }
            line.append(ch)
            w += cw
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
