/// The form statements' entries of the statement table and their parse methods (grammar rules as in
/// docs/LANGUAGE.md's Grammar).
extension Statements {
    static let forms: [StatementSyntax] = [
        .init("form", usage: "form P [\"title\"] [department \"…\"] [unit \"…\"] [manager \"…\"] [total N] [weights 一级 N, …] [finding \"…\"]",
              summary: "opens the self-evaluation form (绩效自评表) of a project P (or of a name the script gives it); `form P` alone on an open form prints it like `evaluate P`",
              example: "form archive \"档案智能库房建设项目自评表\" department \"组织部\" total 100", operand: .project) { p throws(Diagnostic) in try p.formStatement() },
        .init("metric", usage: "metric P 一级 二级 \"三级\" target \"…\" actual \"…\" weight N [score N] [reason \"…\"] [finding \"…\"] | metric P from \"PATH\" [sheet \"S\"] [encoding E]",
              summary: "adds an indicator row to P's form, cells as the form writes them; or reads the rows from a CSV/.xlsx laid out like the form",
              example: "metric archive 产出 数量 \"库房面积\" target \"≥500㎡\" actual \"520㎡\" weight 20 score 20", operand: .project) { p throws(Diagnostic) in try p.metricStatement() },
        .init("execution", usage: "execution P [part NAME] [initial A] [budget A] [paid A] [weight N] [rate R] [score N] [finding \"…\"]",
              summary: "the 年度资金总额 block: its 分值 and stated cells; amounts not stated come from the model (initial(P), budget(P), paid(P))",
              example: "execution archive weight 10 rate 95% score 9.5", operand: .project) { p throws(Diagnostic) in try p.executionStatement() },
        .init("goal", usage: "goal P [expected \"…\"] [achieved \"…\"]",
              summary: "the form's 年度总体目标: 预期目标 and 实际完成情况",
              example: "goal archive expected \"建成智能库房\" achieved \"已建成\"", operand: .project) { p throws(Diagnostic) in try p.goalStatement() },
        .init("conclusion", usage: "conclusion P [total N] [grade G] [\"text\"] [finding \"…\"]",
              summary: "the form's stated 总分, 自评等级 and 自评结论, checked by `evaluate`",
              example: "conclusion archive total 92.5 grade 优", operand: .project) { p throws(Diagnostic) in try p.conclusionStatement() },
        .init("evaluate", usage: "evaluate P [if CHANGES] | evaluate GROUP",
              summary: "prints P's form scored, every stated 得分/执行率/总分/等级 checked (✓/✗), under what-if changes if given; for a group, its projects' grades rolled up",
              example: "evaluate archive", operand: .project) { p throws(Diagnostic) in .form(.evaluate(try p.expression())) },
        .init("scoring", usage: "scoring SETTING VALUE …",
              summary: "changes a scoring convention of forms: at-most, bare, deadlines, rounding, total-of, zero-budget, execution-base, cap, unstated-qualitative, bands, edges, grades, full-marks, reset",
              example: "scoring rounding truncate 0", operand: .words(FormRules.settings)) { p throws(Diagnostic) in try p.rulesStatement() },
        .init("steprule", usage: "steprule NAME = [CMP] V -> POINTS, … [, else POINTS]",
              summary: "a department-wide step rule (部门整体绩效): the first step that holds gives the points; `points(NAME, v)` applies it",
              example: "steprule 预算调整率 = 0 -> 3, <= 10% -> 2, else 0", operand: .newName) { p throws(Diagnostic) in try p.stepRuleStatement() },
        .init("scorecard", usage: "scorecard [\"title\"] RULE = EXPR, …",
              summary: "a department-wide table (部门整体绩效): each step rule's value, its points and the most it gives, with the total",
              example: "scorecard \"部门整体\" 预算调整率 = variance(initial(组织部), budget(组织部))") { p throws(Diagnostic) in try p.scorecardStatement() },
    ]
}

extension LineParser {
    /// A cell as written: a number (`17.80`), a percentage (`95%`) or text in quotes.
    mutating func formCell(_ what: String) throws(Diagnostic) -> FormCell {
        let t = current
        var sign = ""
        if acceptSymbol("-") { sign = "-" }
        switch current.kind {
        case .number(let s): _ = advance(); return FormCell(text: sign + s, range: t.range.union(tokens[i - 1].range))
        case .percent(let s): _ = advance(); return FormCell(text: sign + s + "%", range: t.range.union(tokens[i - 1].range))
        case .string(let s) where sign.isEmpty: _ = advance(); return FormCell(text: s, range: t.range)
        default: throw error(what)
        }
    }

    mutating func quoted(_ what: String) throws(Diagnostic) -> String {
        guard let s = optionalString() else { throw error(what) }
        return s
    }

    /// The clause word at the current position, refusing one given twice.
    mutating func clauseWord(_ seen: inout Set<String>, _ what: String) throws(Diagnostic) -> (String, SourceRange) {
        guard case .identifier(let w) = current.kind else { throw error(what) }
        let r = current.range
        if seen.contains(w) { throw Diagnostic(.duplicateClause(w), r) }
        seen.insert(w)
        _ = advance()
        return (w, r)
    }

    func unknownClause(_ w: String, _ r: SourceRange, _ known: [String]) -> Diagnostic {
        Diagnostic(.expected(L("a clause (\(known.joined(separator: ", ")))"), found: "`\(w)`"), r,
                   notes: nearest(w, in: known).map { [DiagnosticNote(message: L("did you mean `\($0)`?"), range: nil)] } ?? [])
    }

    // form := 'form' NAME [STRING] {'department' STRING | 'unit' STRING | 'manager' STRING | 'total' NUMBER
    //         | 'weights' WORD NUMBER {',' WORD NUMBER} | 'finding' STRING}
    mutating func formStatement() throws(Diagnostic) -> Statement.Kind {
        var d = FormOpen(form: try name(L("a project or a name for the form")))
        d.title = optionalString()
        var seen: Set<String> = []
        let known = ["department", "unit", "manager", "total", "weights", "finding"]
        while !atEnd {
            let (w, r) = try clauseWord(&seen, "a clause: \(Parser.spelledOut(known))")
            switch w {
            case "department": d.department = try quoted(L("the department in quotes"))
            case "unit": d.unit = try quoted(L("the implementing unit (实施单位) in quotes"))
            case "manager": d.manager = try quoted(L("the 项目负责人 in quotes"))
            case "total": d.total = try formCell(L("the form's full marks, e.g. `100`"))
            case "weights":
                repeat {
                    let level = try valueWord(L("an 一级 indicator such as 产出"))
                    d.levelWeights.append((level, try formCell(L("its weight, e.g. `50`"))))
                } while acceptSymbol(",")
            case "finding": d.finding = try quoted(L("the finding explained in quotes"))
            default: throw unknownClause(w, r, known)
            }
        }
        return .form(.open(d))
    }

    // metric := 'metric' NAME (WORD WORD STRING {'target' STRING | 'actual' STRING | 'weight' NUMBER
    //           | 'score' NUMBER | 'reason' STRING | 'finding' STRING}
    //         | 'from' STRING {'sheet' STRING | 'encoding' WORD})
    mutating func metricStatement() throws(Diagnostic) -> Statement.Kind {
        let form = try name(L("the form's project"))
        if accept("from") {
            guard case .string = current.kind else { throw error(L("the file's path in quotes")) }
            let path = try primary()
            var sheet: Expr?
            var encoding: Name?
            while !atEnd {
                if accept("sheet") {
                    guard case .string = current.kind else { throw error(L("the sheet's name in quotes")) }
                    sheet = try primary()
                } else if accept("encoding") {
                    encoding = try valueWord(L("an encoding: utf8 or gb18030"))
                } else {
                    throw error(L("`sheet \"…\"` or `encoding utf8|gb18030`"))
                }
            }
            return .form(.metricsFrom(form: form, path: path, sheet: sheet, encoding: encoding))
        }
        let l1 = try valueWord(L("the 一级 indicator: 产出, 效益 or 满意度"))
        let l2 = try valueWord(L("the 二级 indicator, e.g. 数量, 质量, 时效, 成本, 社会效益, 服务对象满意度"))
        var d = MetricDecl(form: form, level1: l1, level2: l2, name: try quoted(L("the 三级 indicator's name in quotes")))
        var seen: Set<String> = []
        let known = ["target", "actual", "weight", "score", "reason", "finding"]
        while !atEnd {
            let (w, r) = try clauseWord(&seen, "a clause: \(Parser.spelledOut(known))")
            switch w {
            case "target": d.target = try formCell(L("the 年度指标值 as written, in quotes: \"≥50人次\"")).text
            case "actual": d.actual = try formCell(L("the 实际完成值 as written, in quotes: \"52人次\"")).text
            case "weight": d.weight = try formCell(L("the 分值, e.g. `20`"))
            case "score": d.score = try formCell(L("the stated 得分, e.g. `17.5`"))
            case "reason": d.reason = try quoted(L("the 偏差原因分析及改进措施 in quotes"))
            case "finding": d.finding = try quoted(L("the finding explained in quotes"))
            default: throw unknownClause(w, r, known)
            }
        }
        guard d.target != nil else { throw error(L("`target \"…\"`: the 年度指标值 as the form writes it")) }
        guard d.weight != nil else { throw error(L("`weight N`: the row's 分值")) }
        return .form(.metric(d))
    }

    // execution := 'execution' NAME {'part' WORD | 'initial' additive | 'budget' additive | 'paid' additive
    //              | 'weight' NUMBER | 'rate' PERCENT | 'score' NUMBER | 'finding' STRING}
    mutating func executionStatement() throws(Diagnostic) -> Statement.Kind {
        var d = ExecutionDecl(form: try name(L("the form's project")))
        var seen: Set<String> = []
        let known = ["part", "initial", "budget", "paid", "weight", "rate", "score", "finding"]
        while !atEnd {
            let (w, r) = try clauseWord(&seen, "a clause: \(Parser.spelledOut(known))")
            switch w {
            case "part": d.part = try valueWord(L("the sub-row, e.g. 当年财政拨款, 上年结转资金, 其他资金"))
            case "initial": d.initial = try additive()
            case "budget": d.budget = try additive()
            case "paid": d.paid = try additive()
            case "weight": d.weight = try formCell(L("the 分值 of budget execution, e.g. `10`"))
            case "rate": d.rate = try formCell(L("the stated 执行率, e.g. `95.12%`"))
            case "score": d.score = try formCell(L("the stated 得分, e.g. `9.51`"))
            case "finding": d.finding = try quoted(L("the finding explained in quotes"))
            default: throw unknownClause(w, r, known)
            }
        }
        return .form(.execution(d))
    }

    // goal := 'goal' NAME {'expected' STRING | 'achieved' STRING}
    mutating func goalStatement() throws(Diagnostic) -> Statement.Kind {
        let form = try name(L("the form's project"))
        var expected: String?, achieved: String?
        var seen: Set<String> = []
        while !atEnd {
            let (w, r) = try clauseWord(&seen, "`expected \"…\"` or `achieved \"…\"`")
            switch w {
            case "expected": expected = try quoted(L("the 预期目标 in quotes"))
            case "achieved": achieved = try quoted(L("the 实际完成情况 in quotes"))
            default: throw unknownClause(w, r, ["expected", "achieved"])
            }
        }
        return .form(.goal(form: form, expected: expected, achieved: achieved))
    }

    // conclusion := 'conclusion' NAME {'total' NUMBER | 'grade' WORD | STRING | 'finding' STRING}
    mutating func conclusionStatement() throws(Diagnostic) -> Statement.Kind {
        var d = ConclusionDecl(form: try name(L("the form's project")))
        var seen: Set<String> = []
        let known = ["total", "grade", "finding"]
        while !atEnd {
            if let s = optionalString() { d.text = s; continue }
            let (w, r) = try clauseWord(&seen, "a clause: total, grade, \"text\" or finding")
            switch w {
            case "total": d.total = try formCell(L("the stated 总分, e.g. `88.5`"))
            case "grade": d.grade = try valueWord(L("a grade: \(Grade.vocabulary.spelledOut)"))
            case "finding": d.finding = try quoted(L("the finding explained in quotes"))
            default: throw unknownClause(w, r, known)
            }
        }
        return .form(.conclusion(d))
    }

    // scoring := 'scoring' WORD {WORD | NUMBER | PERCENT}    (words may be hyphenated: at-most)
    mutating func rulesStatement() throws(Diagnostic) -> Statement.Kind {
        var words: [Name] = []
        while !atEnd {
            let t = current
            switch t.kind {
            case .identifier(var s):
                _ = advance()
                var r = t.range
                while isSymbol("-"), case .identifier(let more)? = peek(1) {
                    i += 2
                    s += "-" + more
                    r = r.union(tokens[i - 1].range)
                }
                words.append(Name(text: s, range: r))
            case .number(let s): _ = advance(); words.append(Name(text: s, range: t.range))
            case .percent(let s): _ = advance(); words.append(Name(text: s + "%", range: t.range))
            case .string(let s): _ = advance(); words.append(Name(text: s, range: t.range))
            default: throw error(L("a setting and its value, e.g. `rounding truncate 0`"))
            }
        }
        if words.isEmpty { throw error(L("a setting: \(Parser.spelledOut(FormRules.settings))")) }
        return .form(.rules(words))
    }

    // scorecard := 'scorecard' [STRING] NAME '=' additive {',' NAME '=' additive}
    mutating func scorecardStatement() throws(Diagnostic) -> Statement.Kind {
        let title = optionalString()
        var items: [ScorecardItem] = []
        repeat {
            let rule = try name(L("a step rule declared with `steprule`"))
            try expectSymbol("=", L("`=` and the value the rule scores"))
            items.append(ScorecardItem(rule: rule, value: try additive()))
        } while acceptSymbol(",")
        return .form(.scorecard(title: title, items))
    }

    // steprule := 'steprule' NAME '=' step {',' step}
    // step     := [CMP] unary ('->' | '→') additive | 'else' ['->' | '→'] additive    CMP := '=' | '<=' | '<' | '>=' | '>'
    mutating func stepRuleStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("the indicator's name, e.g. 预算调整率"))
        try expectSymbol("=", L("`=` and the steps"))
        var steps: [StepDecl] = []
        repeat {
            var op: String?
            var value: Expr?
            if accept("else") {
                // `else 0` or `else -> 0`.
                if acceptSymbol("->") || (isSymbol("-") && peek(1) == .symbol(">")) { if isSymbol("-") { i += 2 } }
                steps.append(StepDecl(op: nil, value: nil, points: try additive()))
                continue
            } else {
                if case .symbol(let s) = current.kind, ["=", "==", "<=", "<", ">=", ">"].contains(s) {
                    _ = advance()
                    op = s == "==" ? "=" : s
                }
                // Not `additive`: the `-` of an ASCII `->` would read as a subtraction.
                value = try unary()
            }
            // `->` is lexed as `-` `>`; `→` as `->`.
            if acceptSymbol("->") || (isSymbol("-") && peek(1) == .symbol(">")) {
                if isSymbol("-") { i += 2 }
            } else {
                throw error(L("`->` and the points of the step"))
            }
            steps.append(StepDecl(op: op, value: value, points: try additive()))
        } while acceptSymbol(",")
        return .form(.stepRule(n, steps))
    }
}
