import OrderedCollections

/// The session's self-evaluation forms, the scoring rules in force and the step rules declared.
public struct FormBook: Sendable {
    /// By the name written after `form`, in the order opened.
    var forms: OrderedDictionary<String, FormEntry> = [:]
    var rules = ScoringRules.standard
    var stepRules: OrderedDictionary<String, StepRule> = [:]

    public init() {}
}

/// One form as the script restated it, with what only the script knows about it.
struct FormEntry: Sendable {
    var form: IndicatorForm
    /// The model's project the form belongs to: its budget figures fill the cells the script leaves out.
    var project: String?
    /// Known findings: checks of these cells are expected to fail.
    var findings: [FindingMark] = []
    var line: Int?
}

/// A `finding "…"` clause: the checks of the cells its statement stated are known to fail.
struct FindingMark: Sendable {
    var subjects: [ScoreCheck.Subject]
    var text: String
}

extension Evaluator {
    /// The form a name (or a project) stands for; an error naming `form` when there is none.
    func formName(_ e: Expr) throws(Diagnostic) -> String {
        if case .name(let n) = e.kind, formBook.forms[n] != nil { return n }
        if case .string(let n) = e.kind, formBook.forms[n] != nil { return n }
        let v = try eval(e)
        if case .project(let i) = v, formBook.forms[model.projects.values[i].id] != nil { return model.projects.values[i].id }
        let what: String
        if case .name(let n) = e.kind { what = n } else if case .project(let i) = v { what = model.projects.values[i].id } else { what = v.kindName }
        throw Diagnostic(.notDerivable(L("`\(what)` has no self-evaluation form: open one with `form \(what)` and add its rows with `metric`")), e.range)
    }

    /// The form as it stands in the current scenario, scored by the session's rules.
    func evaluatedForm(_ name: String, _ range: SourceRange) throws(Diagnostic) -> (FormEntry, IndicatorForm, FormEvaluation) {
        let (entry, form, execution) = try currentForm(name, range)
        return (entry, form, form.evaluate(rules: formBook.rules, execution: execution))
    }

    /// The form as it stands in the current scenario: actual values changed by a what-if, and the
    /// total row's unstated amounts taken from the model (payments within the fiscal year). When the
    /// script states sub-rows, they are the form's claims: their sums are checked against the model's
    /// total, and the execution rate still follows the model, so `if P pays …` moves the score.
    func currentForm(_ name: String, _ range: SourceRange) throws(Diagnostic) -> (FormEntry, IndicatorForm, ExecutionFigures?) {
        guard let entry = formBook.forms[name] else {
            throw Diagnostic(.notDerivable(L("no form `\(name)`: open it with `form \(name)`")), range)
        }
        var form = entry.form
        for (row, text) in scenario.actuals[name] ?? [:] {
            if let changed = form.settingActual(text, ofRow: row) { form = changed }
        }
        var execution: ExecutionFigures?
        if let id = entry.project, let i = model.projects.index(forKey: id) {
            func fen(_ v: Value) -> Int64? {
                if case .money(let m) = v, m.isInteger { return Int64(exactly: m.num) }
                return nil
            }
            let subject = Value.project(i)
            if form.budget.total.initial == nil { form.budget.total.initial = fen((try? figure(.initial, subject, range)) ?? .undefined("")) }
            if form.budget.total.fullYear == nil { form.budget.total.fullYear = fen((try? figure(.budget, subject, range)) ?? .undefined("")) }
            if form.budget.total.executed == nil {
                // A project the model gives no figures for leaves the cells empty (no rate), never 0.
                if let year = try? paymentWindow(by: nil, in: nil, range), let paid = try? paidFen(subject, year, range) {
                    form.budget.total.executed = Int64(exactly: paid)
                }
            }
            if !form.budget.parts.isEmpty && entry.form.budget.total.executed == nil {
                let t = form.budget.total
                execution = ExecutionFigures(budget: formBook.rules.executionBase == .fullYear ? t.fullYear : t.initial, executed: t.executed)
            }
        }
        return (entry, form, execution)
    }

    /// The form scored by the session's rules, with its checks as check outcomes.
    func formReport(_ name: String, _ range: SourceRange) throws(Diagnostic) -> FormReport {
        let (entry, form, evaluation) = try evaluatedForm(name, range)
        var report = FormReport(name: name, form: form, evaluation: evaluation, rules: formBook.rules, unit: model.unit,
                                outcomes: FormReport.outcomes(name, evaluation.checks, findings: entry.findings, unit: model.unit))
        report.moneyPlaces = model.moneyPlaces
        return report
    }

    /// `score(P)`: the 总分; `score(P, "三级")`: one row's score. Undefined (with why) when not scored.
    func score(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let name = try formName(c.positional[0])
        let (_, form, ev) = try evaluatedForm(name, c.range)
        guard c.positional.count == 2 else {
            guard let t = ev.total else { return .undefined("总分: " + ev.totalUndefined.joined(separator: "; ")) }
            return .number(t)
        }
        let got = try eval(c.positional[1])
        guard case .text(let rowName) = got else {
            throw Diagnostic(.wrongArgumentType(function: "score", argument: L("the row"), expected: L("the 三级 indicator's name in quotes"), got: got.gotText), c.positional[1].range)
        }
        let hits = ev.rows.filter { $0.row.name == rowName }
        guard hits.count == 1 else {
            let names = form.rows.map(\.name)
            throw Diagnostic(.notDerivable(hits.isEmpty ? L("the form `\(name)` has no row `\(rowName)` (its rows: \(names.joined(separator: ", ")))")
                                                        : L("the form `\(name)` has \(hits.count) rows named `\(rowName)`")), c.positional[1].range)
        }
        switch hits[0].scoring.outcome {
        case .scored: return hits[0].score.map(Value.number) ?? .undefined(L("overflow"))
        case .unscored(let why): return .undefined(why)
        case .failed(let e): return .undefined(e.description)
        }
    }

    /// The grade a form's computed 总分 earns, when `e` names a form; nil otherwise.
    func formGrade(_ e: Expr) throws(Diagnostic) -> Value? {
        guard let name = try? formName(e) else { return nil }
        let (_, _, ev) = try evaluatedForm(name, e.range)
        guard let g = ev.grade else { return .undefined("总分: " + ev.totalUndefined.joined(separator: "; ")) }
        return .text(g.rawValue)
    }

    /// A project's grade for a roll-up: its form's computed grade when it has a form, else the stated one.
    func rollUpGrade(_ p: Int) throws(Diagnostic) -> Grade? {
        let id = model.projects.values[p].id
        if formBook.forms[id] != nil {
            return try evaluatedForm(id, SourceRange(0, 0)).2.grade
        }
        return model.projects.values[p].grade
    }

    func rollUp(_ e: Expr) throws(Diagnostic) -> (GradeRollUp, [Int]) {
        let g = try groupValue(try eval(e), e.range, context: "grades")
        var pairs: [(project: String, grade: Grade?)] = []
        for m in g.members { pairs.append((model.projects.values[m].id, try rollUpGrade(m))) }
        return (GradeRollUp(pairs), g.members)
    }

    /// `grades(G)`: `2 优, 1 中` (ungraded projects counted after).
    func grades(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let (r, _) = try rollUp(c.positional[0])
        var text = r.summary
        if !r.ungraded.isEmpty { text += (text.isEmpty ? "" : ", ") + "\(r.ungraded.count) ungraded" }
        return .text(text)
    }

    /// `evaluate G`: the roll-up with the projects of each grade.
    func rollUpText(_ e: Expr) throws(Diagnostic) -> String {
        let (r, _) = try rollUp(e)
        var lines: [String] = []
        for g in Grade.allCases where r.count(g) > 0 {
            lines.append("\(g.rawValue) \(r.count(g)): \(r.projects[g]!.joined(separator: ", "))")
        }
        if !r.ungraded.isEmpty { lines.append(L("ungraded \(r.ungraded.count): \(r.ungraded.joined(separator: ", "))")) }
        return lines.isEmpty ? L("no projects") : lines.joined(separator: "\n")
    }

    /// `points(RULE, v)`: the points of the first step of the step rule that holds for v.
    func points(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let re = c.positional[0]
        guard case .name(let n) = re.kind, let rule = formBook.stepRules[n] else {
            if case .name(let n) = re.kind, let line = failed[n] { throw Diagnostic(.dependsOnFailed(n, line: line), re.range) }
            let known = Array(formBook.stepRules.keys)
            throw Diagnostic(.notDerivable(L("the first argument of `points` is a step rule declared with `steprule`") + (known.isEmpty ? "" : " (\(known.joined(separator: ", ")))")), re.range)
        }
        let x: Rational
        switch try eval(c.positional[1]) {
        case .number(let r), .rate(let r): x = r
        case .undefined(let w): return .undefined(w)
        case let v: throw Diagnostic(.wrongArgumentType(function: "points", argument: L("the value"), expected: L("a number or a rate"), got: v.kindName), c.positional[1].range)
        }
        guard let p = rule.points(for: x) else { return .undefined(L("no step of `\(n)` covers the value")) }
        return .number(p)
    }

    /// Checks a what-if's `P actual "ROW" = …` before it is applied.
    func checkActualChange(_ form: Name, _ row: String) throws(Diagnostic) {
        guard let entry = formBook.forms[form.text] else {
            throw Diagnostic(.notDerivable(L("no form `\(form.text)`: open it with `form \(form.text)`")), form.range)
        }
        guard entry.form.rowIndex(named: row) != nil else {
            throw Diagnostic(.notDerivable(L("the form `\(form.text)` has no single row `\(row)` (its rows: \(entry.form.rows.map(\.name).joined(separator: ", ")))")), form.range)
        }
    }
}

extension Builtins {
    /// The built-ins of forms and step rules.
    static let forms: [BuiltinFunction] = [
        .init("score", .init("score(P) | score(P, \"三级\")", arity: 1...2),
              summary: "the computed 总分 of P's form (as printed, by `scoring rounding`), or one row's score; undefined (with why) while a row is unscored",
              example: "score(archive)") { ev, c throws(Diagnostic) in try ev.score(c) },
        .init("points", .init("points(RULE, v)", arity: 2...2),
              summary: "the points a step rule declared with `steprule` gives the value v",
              example: "points(预算调整率, variance(initial(组织部), budget(组织部)))") { ev, c throws(Diagnostic) in try ev.points(c) },
        .init("grades", .init("grades(G)", arity: 1...1),
              summary: "the grades of a group's projects counted, best first (`2 优, 1 中`): each project's form's grade when it has one, else its stated grade",
              example: "grades(本级)") { ev, c throws(Diagnostic) in try ev.grades(c) },
    ]
}

extension Evaluator {
    /// `scorecard`: each indicator's value, the points its step rule gives and the most it could, totalled.
    func scorecard(title: String?, _ items: [ScorecardItem], file: SourceFile) throws(Diagnostic) -> Table {
        var rows: [[Table.Cell]] = []
        var total = Rational(0), most = Rational(0)
        var undefinedRows: [String] = []
        for item in items {
            guard let rule = formBook.stepRules[item.rule.text] else {
                if let line = failed[item.rule.text] { throw Diagnostic(.dependsOnFailed(item.rule.text, line: line), item.rule.range) }
                throw Diagnostic(.notDerivable(L("`\(item.rule.text)` is no step rule: declare it with `steprule \(item.rule.text) = …`")), item.rule.range)
            }
            let v = try eval(item.value)
            let x: Rational?
            switch v {
            case .number(let r), .rate(let r): x = r
            case .undefined: x = nil
            default:
                throw Diagnostic(.wrongArgumentType(function: "scorecard", argument: L("the value of \(item.rule.text)"), expected: L("a number or a rate"), got: v.kindName), item.value.range)
            }
            let p = x.flatMap { rule.points(for: $0) }
            if let p { total = (try? total.adding(p)) ?? total } else { undefinedRows.append(item.rule.text) }
            most = (try? most.adding(rule.maximum)) ?? most
            rows.append([.text(item.rule.text), .text(String(file.slice(item.value.range))), Table.Cell(v, unit: model.unit, model: model),
                         p.map { .text($0.decimalText(places: 2)) } ?? .undefined(L("no step covers the value")), .text(rule.maximum.decimalText(places: 2))])
        }
        let sum = undefinedRows.isEmpty ? total.decimalText(places: 2) : L("undefined")
        return Table(headers: [title ?? "指标", "计算", "值", "得分", "分值"], alignments: [.left, .left, .right, .right, .right],
                     rows: rows, footer: [[.text("合计"), .text(""), .text(""), .text(sum), .text(most.decimalText(places: 2))]])
    }
}
