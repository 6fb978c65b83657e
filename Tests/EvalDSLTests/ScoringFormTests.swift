import Testing
@testable import EvalDSL

private func q(_ s: String) -> Rational { Rational(decimal: Substring(s))! }
private func wan(_ n: Int64) -> Int64 { n * 1_000_000 }  // 万元 in fen

/// A training project's form: ≥, =, ≤, deadline, cost, qualitative and satisfaction rows; the 质量 row's
/// stated 10.00 is wrong (9.80), and so is the stated 总分 that adds it.
private func trainingForm() -> IndicatorForm {
    func row(_ l1: String, _ l2: String, _ name: String, _ target: String, _ actual: String?, _ weight: Int, _ stated: String?) -> IndicatorRow {
        IndicatorRow(level1: l1, level2: l2, name: name, target: target, actual: actual, weight: Rational(weight), statedScore: stated.flatMap(StatedNumber.init))
    }
    let budget = BudgetBlock(
        total: BudgetLine(name: "年度资金总额", initial: wan(100), fullYear: wan(120), executed: wan(108)),
        parts: [BudgetLine(name: "当年财政拨款", initial: wan(100), fullYear: wan(100), executed: wan(90)),
                BudgetLine(name: "上年结转资金", initial: 0, fullYear: wan(20), executed: wan(18))],
        weight: Rational(10), statedRate: StatedNumber("90.00%"), statedScore: StatedNumber("9"))
    return IndicatorForm(
        header: IndicatorForm.Header(projectID: "P01", projectName: "培训项目", department: "某某局", implementingUnit: "培训中心"),
        budget: budget, expectedGoal: "完成年度培训任务", achievedGoal: "基本完成",
        rows: [
            row("产出指标", "数量指标", "培训期数", "≥4期", "3期", 20, "15"),
            row("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 10, "10"),
            row("产出指标", "质量指标", "合格率", "=100%", "98%", 10, "10.00"),
            row("产出指标", "时效指标", "完成时间", "12月底前", "11月", 5, "5"),
            row("产出指标", "成本指标", "培训成本", "≤50万元", "55万元", 5, "4.5"),
            row("效益指标", "社会效益指标", "能力提升", "有效提升", "达成", 30, "27"),
            row("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 10, "10"),
        ],
        statedTotal: StatedNumber("90.5"), statedGrade: .excellent, statedLevelWeights: ["产出": Rational(50), "效益": Rational(30), "满意度": Rational(10)])
}

private func failing(_ e: FormEvaluation) -> [ScoreCheck.Subject] { e.checks.filter { !$0.holds }.map(\.subject) }

/// The form: scores, checks of stated cells, totals, grades, what-ifs.
@Suite struct ScoringFormTests {
    @Test func scoresChecksTotalAndGrade() {
        let e = trainingForm().evaluate()
        #expect(e.rows.map(\.score) == [Rational(15), Rational(10), q("9.8"), Rational(5), q("4.5"), Rational(27), Rational(10)])
        #expect(e.budget.rate == q("0.9") && e.budget.score == Rational(9))
        #expect(e.total == q("90.3") && e.grade == .excellent && e.totalUndefined.isEmpty)
        #expect(failing(e) == [.rowScore(index: 2), .totalScore])
        let wrong = e.checks.first { $0.subject == .rowScore(index: 2) }!
        #expect(wrong.computed == .score(q("9.8")) && wrong.claimed == .score(Rational(10)) && wrong.difference == q("0.2"))
        #expect(e.weights.map(\.sum) == [Rational(50), Rational(30), Rational(10), Rational(100)])
        #expect(e.checks.contains { $0.subject == .executionRate && $0.holds })
        #expect(e.checks.contains { $0.subject == .rowScore(index: 5) && $0.holds && $0.computed == .band(Rational(24)...Rational(30)) })
        #expect(e.rows[3].notes.isEmpty && e.rows[3].target.direction == .atMost)
        // Written as a whole number, 10 is 9.8 rounded half up at its own precision.
        var whole = trainingForm()
        whole.rows[2].statedScore = StatedNumber("10")
        #expect(whole.evaluate().checks.first { $0.subject == .rowScore(index: 2) }!.holds)
    }

    @Test func whatIfAnActualOrThePaidAmount() {
        let form = trainingForm()
        let fewer = form.settingActual("2期", ofRow: "培训期数")!.evaluate()
        #expect(fewer.rows[0].score == Rational(10) && fewer.total == q("85.3") && fewer.grade == .good)
        #expect(form.settingActual("2期", ofRow: "没有这一行") == nil)
        let unpaid = form.evaluate(execution: ExecutionFigures(budget: wan(120), executed: wan(84)))
        #expect(unpaid.budget.score == Rational(7) && unpaid.total == q("88.3") && unpaid.grade == .good)
        // The form itself is unchanged: evaluation is a pure function.
        #expect(form.evaluate() == trainingForm().evaluate())
    }

    @Test func executionAboveTheBudgetIsCapped() {
        let over = trainingForm().evaluate(execution: ExecutionFigures(budget: wan(120), executed: wan(130)))
        #expect(over.budget.rate == (try! Rational(13).divided(by: Rational(12)))!)
        #expect(over.budget.score == Rational(10))
        var rules = ScoringRules()
        rules.capExecutionRate = false
        #expect(trainingForm().evaluate(rules: rules, execution: ExecutionFigures(budget: wan(120), executed: wan(130))).budget.score == q("10.83"))
    }

    @Test func totalRowPrintingZeroOverFilledParts() {
        var form = trainingForm()
        form.budget.total = BudgetLine(name: "年度资金总额", initial: wan(100), fullYear: 0, executed: 0)
        let e = form.evaluate()
        #expect(failing(e).contains(.budgetTotal(.fullYear)) && failing(e).contains(.budgetTotal(.executed)))
        #expect(!failing(e).contains(.budgetTotal(.initial)))
        let c = e.checks.first { $0.subject == .budgetTotal(.executed) }!
        #expect(c.computed == .fen(Int128(wan(108))) && c.claimed == .fen(0) && c.difference == Rational(-108_000_000))
        // The parts still give the rate.
        #expect(e.budget.rate == q("0.9"))
    }

    @Test(arguments: [
        (ScoringRules.ZeroBudgetConvention.undefined, nil as String?), (.full, "91.3"), (.zero, "81.3"),
    ])
    func zeroBudgetEachConvention(convention: ScoringRules.ZeroBudgetConvention, total: String?) {
        var form = trainingForm()
        form.budget = BudgetBlock(total: BudgetLine(name: "年度资金总额", initial: 0, fullYear: 0, executed: 0), weight: Rational(10), statedRate: StatedNumber("0.00%"))
        var rules = ScoringRules()
        rules.zeroBudget = convention
        let e = form.evaluate(rules: rules)
        #expect(e.total == total.map(q))
        if convention == .undefined {
            #expect(e.budget.rateUndefined == "0 ÷ 0: nothing budgeted, nothing spent")
            #expect(e.totalUndefined == ["budget execution: 0 ÷ 0: nothing budgeted, nothing spent"])
            #expect(e.grade == nil && failing(e).contains(.grade))
        }
        // 0.00% as printed holds only when the convention makes the rate 0.
        #expect(failing(e).contains(.executionRate) == (convention != .zero))
    }

    @Test func weightsNotAddingUp() {
        var form = trainingForm()
        form.rows[0].weight = Rational(25)
        let e = form.evaluate()
        let all = e.checks.first { $0.subject == .allWeights }!
        #expect(!all.holds && all.computed == .score(Rational(105)) && all.claimed == .score(Rational(100)) && all.difference == Rational(-5))
        let output = e.checks.first { $0.subject == .levelWeights("产出") }!
        #expect(!output.holds && output.computed == .score(Rational(55)) && output.claimed == .score(Rational(50)))
        #expect(e.checks.first { $0.subject == .levelWeights("效益") }!.holds)
        // The form's own full marks, when it states them.
        form.fullMarks = Rational(105)
        #expect(form.evaluate().checks.first { $0.subject == .allWeights }!.holds)
    }

    @Test func unscoredAndFailedRowsLeaveTheTotalUndefined() {
        var form = trainingForm()
        form.rows[0].actual = nil
        form.rows[1].actual = "12万元"
        let e = form.evaluate()
        #expect(e.total == nil && e.grade == nil)
        #expect(e.totalUndefined == [
            "培训期数: no actual value",
            "培训人次: the actual value is in 万元 and the target in 人次: these units do not convert",
        ])
        let c = e.checks.first { $0.subject == .rowScore(index: 0) }!
        #expect(!c.holds && c.computed == .undefined("no actual value"))
        // The stated grade still agrees with the stated total.
        #expect(e.checks.first { $0.subject == .gradeOfStatedTotal }!.holds)
        let g = e.checks.first { $0.subject == .grade }!
        #expect(!g.holds)
    }

    @Test func statedScoresUnderTruncation() {
        var rules = ScoringRules()
        rules.rounding = .truncate(0)
        var form = trainingForm()
        form.rows[2].statedScore = StatedNumber("9")
        form.rows[4].statedScore = StatedNumber("4")
        form.statedTotal = StatedNumber("89")
        form.statedGrade = .good
        let e = form.evaluate(rules: rules)
        // 9 + 15 + 10 + 9 + 5 + 4 + 27 + 10
        #expect(e.total == Rational(89) && e.grade == .good)
        #expect(failing(e).isEmpty)
        #expect(!failing(form.evaluate()).isEmpty)
    }

    @Test func qualitativeStatedScoreOutsideItsBand() {
        var form = trainingForm()
        form.rows[5].statedScore = StatedNumber("20")
        let e = form.evaluate()
        let c = e.checks.first { $0.subject == .rowScore(index: 5) }!
        #expect(!c.holds && c.computed == .band(Rational(24)...Rational(30)) && c.difference == Rational(-4))
        // It counts at the nearest edge of its band.
        #expect(e.rows[5].score == Rational(24))
        form.rows[5].statedScore = nil
        #expect(form.evaluate().totalUndefined.count == 1)
    }

    @Test func bareTargetsFollowTheRules() {
        var form = trainingForm()
        form.rows[1].target = "500人次"
        var rules = ScoringRules()
        #expect(form.evaluate(rules: rules).rows[1].notes == ["no comparator in the target 500人次: read as ≥"])
        rules.bareDirection = .atMost
        // 520 against at most 500: (1 − 20 ÷ 500) × 10.
        #expect(form.evaluate(rules: rules).rows[1].score == q("9.6"))
    }

    @Test func unknownLevelsAreAcceptedWithANote() {
        var form = trainingForm()
        form.rows[0].level2 = "规模"
        let e = form.evaluate()
        #expect(e.rows[0].score == Rational(15))
        #expect(e.rows[0].notes == ["二级 规模 is not one of 数量/质量/时效/成本 under 产出: accepted as written"])
    }

    @Test func stepRuleForTheAdjustmentRate() {
        let rule = StepRule([
            .init(.equal(Rational(0)), Rational(3)), .init(.atMost(q("0.1")), Rational(2)), .init(.atMost(q("0.2")), Rational(1)),
            .init(.atMost(q("0.3")), q("0.5")), .init(.otherwise, Rational(0)),
        ])
        #expect(rule.points(for: Rational(0)) == Rational(3))
        #expect(rule.points(for: q("0.0001")) == Rational(2))
        #expect(rule.points(for: q("0.1")) == Rational(2))
        #expect(rule.points(for: q("0.1001")) == Rational(1))
        #expect(rule.points(for: q("0.3")) == q("0.5"))
        #expect(rule.points(for: q("0.3001")) == Rational(0))
        #expect(rule.maximum == Rational(3))
        let open = StepRule([.init(.above(Rational(1)), Rational(1)), .init(.below(Rational(0)), Rational(0)), .init(.atLeast(q("0.5")), q("0.5"))])
        #expect(open.points(for: q("0.2")) == nil)
        #expect(open.points(for: q("0.5")) == q("0.5"))
        #expect(open.steps.map(\.condition.description) == ["> 1", "< 0", "≥ 0.5"])
    }

    @Test func gradeOfThePrintedTotalOnTheBoundary() {
        let form = IndicatorForm(
            header: IndicatorForm.Header(projectName: "边界项目"),
            budget: BudgetBlock(total: BudgetLine(name: "年度资金总额", fullYear: wan(1), executed: wan(1)), weight: Rational(10)),
            rows: [IndicatorRow(level1: "效益", level2: "社会效益", name: "效果", target: "有效提升", actual: "达成", weight: Rational(90),
                                statedScore: StatedNumber("79.995"))])
        let e = form.evaluate()
        #expect(e.rows[0].score == Rational(80) && e.total == Rational(90) && e.grade == .excellent)
        var rules = ScoringRules()
        rules.rounding = .truncate(2)
        let cut = form.evaluate(rules: rules)
        #expect(cut.total == q("89.99") && cut.grade == .good)
    }

    @Test func figuresAsText() {
        #expect(ScoreCheck.Figure.score(q("9.8")).text(places: 2) == "9.80")
        #expect(ScoreCheck.Figure.rate(q("0.855")).text(places: 2) == "85.50%")
        #expect(ScoreCheck.Figure.fen(108_000_000).text(places: 2) == "1,080,000.00元")
        #expect(ScoreCheck.Figure.fen(-12_345).text(places: 2) == "-123.45元")
        #expect(ScoreCheck.Figure.fen(99_999).text(places: 2) == "999.99元")
        #expect(ScoreCheck.Figure.band(Rational(24)...Rational(30)).text(places: 2) == "24.00–30.00")
        #expect(ScoreCheck.Figure.grade(.good).text(places: 2) == "良")
        #expect(ScoreCheck.Figure.undefined("0 ÷ 0").text(places: 2) == "undefined (0 ÷ 0)")
    }

    @Test func emptyTargetIsUnscored() {
        var form = trainingForm()
        form.rows[1].target = " "
        #expect(form.evaluate().totalUndefined == ["培训人次: no target value"])
    }

    @Test func gradeRollUp() {
        let r = GradeRollUp([("A", .excellent), ("B", .fair), ("C", .excellent), ("D", nil)])
        #expect(r.count(.excellent) == 2 && r.count(.fair) == 1 && r.count(.poor) == 0)
        #expect(r.projects[.excellent] == ["A", "C"] && r.ungraded == ["D"])
        #expect(r.summary == "2 优, 1 中")
    }
}
