
/// The form statements, run: each fills in the session's `FormBook`; `evaluate` scores.
extension Session {
    mutating func performForm(_ st: FormStatement, file: SourceFile) throws(Diagnostic) -> Output {
        let ev = evaluator
        switch st {
        case .open(let d):
            // `form P` alone on an open form shows it, as at a prompt one expects.
            if formBook.forms[d.form.text] != nil, d == FormOpen(form: d.form) {
                return .form(try ev.formReport(d.form.text, d.form.range))
            }
            if formBook.forms[d.form.text] != nil {
                throw Diagnostic(.duplicateName(d.form.text, previousLine: formBook.forms[d.form.text]?.line ?? 0), d.form.range,
                                 notes: [DiagnosticNote(message: L("a form is opened once; add rows with `metric \(d.form.text) …`"), range: nil)])
            }
            let project = model.projects[d.form.text]
            var header = IndicatorForm.Header(projectID: project?.id, projectName: d.title ?? project?.title ?? d.form.text,
                                              department: d.department ?? model.departmentTitle ?? model.department,
                                              implementingUnit: d.unit, manager: d.manager)
            if project == nil { header.projectID = nil }
            var form = IndicatorForm(header: header)
            if let t = d.total { form.fullMarks = try Session.points(t, "the full marks").value }
            for (level, w) in d.levelWeights {
                form.statedLevelWeights[IndicatorLevels.plain(level.text)] = try Session.points(w, "the weight of \(level.text)").value
            }
            var entry = FormEntry(form: form, project: project?.id, line: file.line(of: d.form.range.start))
            if let f = d.finding {
                entry.findings.append(FindingMark(subjects: form.statedLevelWeights.keys.sorted().map { .levelWeights($0) } + [.allWeights], text: f))
            }
            formBook.forms[d.form.text] = entry
            return .none
        case .metric(let d):
            var entry = try openForm(d.form)
            guard let weightCell = d.weight, let target = d.target else { return .none }
            let weight = try Session.points(weightCell, "the 分值")
            let stated = try d.score.map { (c) throws(Diagnostic) in try Session.points(c, "the 得分") }
            entry.form.rows.append(IndicatorRow(level1: d.level1.text, level2: d.level2.text, name: d.name, target: target,
                                                actual: d.actual.flatMap { $0.isEmpty ? nil : $0 }, weight: weight.value,
                                                statedScore: stated, deviation: d.reason))
            if let f = d.finding { entry.findings.append(FindingMark(subjects: [.rowScore(index: entry.form.rows.count - 1)], text: f)) }
            formBook.forms[d.form.text] = entry
            return .none
        case .metricsFrom(let form, let pathExpr, let sheet, let encoding):
            var entry = try openForm(form)
            let (rows, input) = try metricRows(pathExpr, sheet: sheet, encoding: encoding, file: file, evaluator: ev)
            // A notebook records the file's hash, to tell changed data from changed logic.
            inputs[input.0] = input.1
            entry.form.rows += rows
            formBook.forms[form.text] = entry
            return .text(rows.count == 1 ? L("read \(rows.count) indicator row into the form `\(form.text)`") : L("read \(rows.count) indicator rows into the form `\(form.text)`"))
        case .execution(let d):
            var entry = try openForm(d.form)
            var line = d.part.map { p in entry.form.budget.parts.first { $0.name == p.text } ?? BudgetLine(name: p.text) } ?? entry.form.budget.total
            if let e = d.initial { line.initial = try ev.amountFen(e) }
            if let e = d.budget { line.fullYear = try ev.amountFen(e) }
            if let e = d.paid { line.executed = try ev.amountFen(e) }
            if let p = d.part {
                if d.weight != nil || d.rate != nil || d.score != nil {
                    throw Diagnostic(.expected(L("amounts only on a sub-row (initial, budget, paid)"), found: L("a 分值, 执行率 or 得分")), p.range,
                                     notes: [DiagnosticNote(message: L("the 分值, 执行率 and 得分 belong to the 年度资金总额 row: `execution \(d.form.text) weight …`"), range: nil)])
                }
                if let i = entry.form.budget.parts.firstIndex(where: { $0.name == p.text }) { entry.form.budget.parts[i] = line } else { entry.form.budget.parts.append(line) }
            } else {
                entry.form.budget.total = line
            }
            if let w = d.weight { entry.form.budget.weight = try Session.points(w, "the 分值").value }
            if let r = d.rate {
                guard let s = StatedNumber(r.text), s.isPercent else {
                    throw Diagnostic(.invalidLiteral(r.text, expected: L("a percentage such as `95.12%`")), r.range)
                }
                entry.form.budget.statedRate = s
            }
            if let s = d.score { entry.form.budget.statedScore = try Session.points(s, "the 得分") }
            if let f = d.finding {
                entry.findings.append(FindingMark(subjects: [.executionRate, .executionScore] + BudgetLine.Column.allCases.map { .budgetTotal($0) }, text: f))
            }
            formBook.forms[d.form.text] = entry
            return .none
        case .goal(let form, let expected, let achieved):
            var entry = try openForm(form)
            if let expected { entry.form.expectedGoal = expected }
            if let achieved { entry.form.achievedGoal = achieved }
            formBook.forms[form.text] = entry
            return .none
        case .conclusion(let d):
            var entry = try openForm(d.form)
            if let t = d.total { entry.form.statedTotal = try Session.points(t, "the 总分") }
            if let g = d.grade {
                entry.form.statedGrade = try Session.word(g, { Grade($0) }, field: Grade.vocabulary.field, allowed: Grade.vocabulary.hint)
            }
            if let text = d.text { entry.form.conclusion = text }
            if let f = d.finding { entry.findings.append(FindingMark(subjects: [.totalScore, .grade, .gradeOfStatedTotal], text: f)) }
            formBook.forms[d.form.text] = entry
            return .none
        case .evaluate(var e):
            // `evaluate P if CHANGES`: the whole form under a what-if.
            var ev = ev
            var whatIf: String?
            if case .whatIf(let inner, let changes) = e.kind {
                ev.scenario = try ev.scenario(for: changes)
                whatIf = String(file.slice(SourceRange(inner.range.end, e.range.end))).trimmingSpace()
                e = inner
            }
            if let name = try? ev.formName(e) {
                var report = try ev.formReport(name, e.range)
                report.whatIf = whatIf
                return .form(report)
            }
            if case .group = try ev.eval(e) { return .text(try ev.rollUpText(e)) }
            _ = try ev.formName(e)
            return .none
        case .rules(let words):
            formBook.rules = try FormRules.apply(words, to: formBook.rules)
            return .none
        case .scorecard(let title, let items):
            return .table(try ev.scorecard(title: title, items, file: file))
        case .stepRule(let n, let steps):
            var out: [StepRule.Step] = []
            for (k, s) in steps.enumerated() {
                let points = try Session.stepNumber(try ev.eval(s.points), s.points.range, "the points")
                guard let ve = s.value else {
                    if k != steps.count - 1 {
                        throw Diagnostic(.expected(L("`else` as the last step"), found: L("more steps after it")), s.points.range)
                    }
                    out.append(.init(.otherwise, points))
                    continue
                }
                let v = try Session.stepNumber(try ev.eval(ve), ve.range, "the step's value")
                let condition: StepRule.Condition
                switch s.op {
                case "<=": condition = .atMost(v)
                case "<": condition = .below(v)
                case ">=": condition = .atLeast(v)
                case ">": condition = .above(v)
                default: condition = .equal(v)
                }
                out.append(.init(condition, points))
            }
            formBook.stepRules[n.text] = StepRule(out)
            failed[n.text] = nil
            return .none
        }
    }

    /// The form a statement adds to: opened before, with a hint when it was not.
    func openForm(_ n: Name) throws(Diagnostic) -> FormEntry {
        guard let e = formBook.forms[n.text] else {
            throw Diagnostic(.notDerivable(L("no form `\(n.text)` is open: start it with `form \(n.text) \"title\"`")), n.range)
        }
        return e
    }

    /// A 分值 or 得分 cell: a number, as written (its decimals are kept for the check).
    static func points(_ c: FormCell, _ what: String) throws(Diagnostic) -> StatedNumber {
        guard let s = StatedNumber(c.text), !s.isPercent else {
            throw Diagnostic(.invalidLiteral(c.text, expected: L("\(what) as a number of points, e.g. `20` or `17.5`")), c.range)
        }
        return s
    }

    static func stepNumber(_ v: Value, _ range: SourceRange, _ what: String) throws(Diagnostic) -> Rational {
        switch v {
        case .number(let r), .rate(let r): return r
        default: throw Diagnostic(.wrongArgumentType(function: "steprule", argument: what, expected: L("a number or a percentage"), got: v.kindName), range)
        }
    }
}
