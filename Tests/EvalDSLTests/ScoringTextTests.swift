import Testing
@testable import EvalDSL

private func q(_ s: String) -> Rational { Rational(decimal: Substring(s))! }

/// Reading target and actual cells as real forms write them.
@Suite struct ScoringTextTests {
    @Test(arguments: [
        ("≥50人次", Direction.atLeast), ("≧50人次", .atLeast), (">=50人次", .atLeast), ("不少于50人次", .atLeast),
        ("不低于50人次", .atLeast), ("大于等于50人次", .atLeast), ("＞＝50人次", .atLeast), ("≥ 50 人次", .atLeast),
        ("≤50人次", .atMost), ("≦50人次", .atMost), ("<=50人次", .atMost), ("不超过50人次", .atMost),
        ("不高于50人次", .atMost), ("小于等于50人次", .atMost),
        ("=50人次", .equal), ("═50人次", .equal), ("==50人次", .equal), ("达到50人次", .equal), ("等于50人次", .equal),
        ("50人次以上", .atLeast), ("50人次以内", .atMost), ("50人次以下", .atMost),
    ])
    func everyComparatorSpelling(text: String, direction: Direction) {
        let t = IndicatorTarget(text)
        #expect(t.kind == .quantity(Quantity(Rational(50), .literal("人次")), direction), "\(text)")
        #expect(!t.directionAssumed)
    }

    @Test func bareTargetTakesTheScriptsDirectionAndSaysSo() {
        let t = IndicatorTarget("50人次")
        #expect(t.kind == .quantity(Quantity(Rational(50), .literal("人次")), .atLeast))
        #expect(t.directionAssumed)
        let e = IndicatorTarget("50人次", bareDirection: .equal)
        #expect(e.direction == .equal && e.directionAssumed)
        let n = ScoringRules().score(target: t, actual: CellText("50"), weight: Rational(10)).notes
        #expect(n == ["no comparator in the target 50人次: read as ≥"])
    }

    @Test func fullwidthDigitsPercentAndGrouping() {
        #expect(CellText("≥９５％").content == .quantity(Quantity(q("0.95"), .percent)))
        #expect(CellText("１，２３４.５万元").content == .quantity(Quantity(q("1234.5"), MeasureUnit.named("万元"))))
        #expect(CellText("1,234,567.89元").content == .quantity(Quantity(q("1234567.89"), MeasureUnit.named("元"))))
        #expect(CellText("=100%").content == .quantity(Quantity(Rational(1), .percent)))
        // Commas that are not thousands separators, and ranges, are text.
        #expect(CellText("1,23元").content == .text("1,23元"))
        #expect(CellText("90%-95%").content == .text("90%-95%"))
    }

    @Test func unitsKnownAndLiteral() {
        #expect(MeasureUnit.named("平方米") == MeasureUnit.named("㎡"))
        #expect(MeasureUnit.named("千米") == MeasureUnit.named("公里"))
        #expect(MeasureUnit.named("日") == MeasureUnit.named("天"))
        #expect(MeasureUnit.named("亩")?.family == nil)
        #expect(CellText("12台套").content == .quantity(Quantity(Rational(12), .literal("台套"))))
        #expect(MeasureUnit.named("万元")!.converts(to: MeasureUnit.named("亿元")!))
        #expect(!MeasureUnit.named("亩")!.converts(to: MeasureUnit.named("㎡")!))
        #expect(!MeasureUnit.named("人次")!.converts(to: MeasureUnit.named("人")!))
    }

    @Test(arguments: [
        ("12月", 12, true), ("12月底", 12, true), ("12月份", 12, true), ("9月前", 9, false), ("12月底前", 12, false),
        ("年底前", 12, false), ("年底", 12, true), ("≤12月", 12, false), ("≤ １２月", 12, false),
    ])
    func monthDeadlines(text: String, month: Int, assumed: Bool) {
        let t = IndicatorTarget(text)
        #expect(t.kind == .deadline(TimePoint(year: nil, month: month, day: nil)!), "\(text)")
        #expect(t.direction == .atMost)
        #expect(t.directionAssumed == assumed, "\(text)")
    }

    @Test func dateDeadlines() {
        let day = TimePoint(year: 2020, month: 9, day: 30)!
        for text in ["2020-09-30", "2020年9月30日", "2020/9/30", "2020.09.30", "2020年9月30日前"] {
            #expect(IndicatorTarget(text).kind == .deadline(day), "\(text)")
        }
        #expect(IndicatorTarget("2020年12月").kind == .deadline(TimePoint(year: 2020, month: 12, day: nil)!))
        // Not a month: a count in the literal unit 月, which a deadline will not compare with.
        #expect(CellText("13月").content == .quantity(Quantity(Rational(13), .literal("月"))))
        #expect(CellText("2021-02-30").content == .text("2021-02-30"))
        #expect(CellText("3个月").content == .quantity(Quantity(Rational(3), .literal("个月"))))
    }

    @Test func actualsWrittenAsBounds() {
        let c = CellText("≥266米")
        #expect(c.content == .quantity(Quantity(Rational(266), MeasureUnit.named("米"))))
        #expect(c.comparator == .atLeast && c.comparatorSpelling == "≥")
    }

    @Test(arguments: [
        ("完成", Achievement.achieved), ("已完成", .achieved), ("达成", .achieved), ("达到", .achieved), ("全部完成", .achieved),
        ("实现", .achieved), ("达成预期指标", .achieved), ("已达到预期目标。", .achieved),
        ("基本达成", .partly), ("部分达成", .partly), ("基本完成", .partly), ("部分完成", .partly),
        ("未达成", .notAchieved), ("未完成", .notAchieved), ("未实现", .notAchieved), ("未达成预期指标", .notAchieved),
    ])
    func achievementWords(text: String, level: Achievement) {
        #expect(CellText(text).content == .achievement(level, onTime: false), "\(text)")
    }

    @Test func onTimeWordsAnswerDeadlines() {
        #expect(CellText("按时完成").content == .achievement(.achieved, onTime: true))
        #expect(CellText("未按期完成").content == .achievement(.notAchieved, onTime: true))
    }

    @Test(arguments: ["达成预期指标", "有效提升", "显著提升", "逐步改善", "较好", "群众满意度明显提高"])
    func qualitativeTargets(text: String) {
        #expect(IndicatorTarget(text).kind == .qualitative(text))
        #expect(IndicatorTarget(text).direction == nil)
    }

    @Test func statedNumbersKeepTheirDecimals() {
        let s = StatedNumber("17.80")!
        #expect(s.value == q("17.8") && s.places == 2 && !s.isPercent)
        let p = StatedNumber("８５.５％")!
        #expect(p.value == q("0.855") && p.places == 1 && p.isPercent)
        #expect(StatedNumber("17")!.places == 0)
        #expect(StatedNumber("") == nil && StatedNumber("优") == nil)
    }

    @Test func levelsWithoutTheirSuffixAndUnknownOnesNoted() {
        let row = IndicatorRow(level1: "产出指标", level2: "数量指标", name: "培训期数", target: "≥4期", actual: "4期", weight: Rational(10))
        #expect(row.level1 == "产出" && row.level2 == "数量")
        #expect(IndicatorLevels.note(level1: "产出", level2: "数量") == nil)
        #expect(IndicatorLevels.note(level1: "效益", level2: "数量") != nil)
        #expect(IndicatorLevels.note(level1: "成本", level2: "经济成本") == nil)
    }

    @Test func rowsFromCellsLaidOutLikeTheForm() throws {
        let rows = try IndicatorRow.rows(fromCells: [
            ["产出指标", "数量指标", "培训期数", "≥4期", "3期", "20", "15", "一期因疫情取消"],
            ["", "", "培训人次", "≥500人次", "520人次", "10", ""],
            ["产出指标", "", "完成时间", "12月底前", "11月", "5"],
            ["", "质量指标", "合格率", "=100%", "", "10"],
            ["效益指标", "社会效益指标", "能力提升", "有效提升", "达成", "30", "27"],
        ])
        #expect(rows.map(\.level1) == ["产出", "产出", "产出", "产出", "效益"])
        #expect(rows.map(\.level2) == ["数量", "数量", "数量", "质量", "社会效益"])
        #expect(rows[0].statedScore?.value == Rational(15) && rows[0].deviation == "一期因疫情取消")
        #expect(rows[1].statedScore == nil && rows[3].actual == nil && rows[3].weight == Rational(10))
        #expect(throws: IndicatorCellsError.noLevelAbove(row: 1)) {
            try IndicatorRow.rows(fromCells: [["产出", "数量", "x", "1", "1", "1"], ["效益", "", "y", "1", "1", "1"]])
        }
        #expect(throws: IndicatorCellsError.badWeight(row: 0, text: "十")) { try IndicatorRow.rows(fromCells: [["产出", "数量", "x", "1", "1", "十"]]) }
        #expect(throws: IndicatorCellsError.badScore(row: 0, text: "优")) { try IndicatorRow.rows(fromCells: [["产出", "数量", "x", "1", "1", "5", "优"]]) }
        #expect(throws: IndicatorCellsError.tooFewCells(row: 0, count: 3)) { try IndicatorRow.rows(fromCells: [["产出", "数量", "x"]]) }
    }

    @Test func squareMetresWithTheSuperscript() {
        #expect(CellText("100m²").content == .quantity(Quantity(Rational(100), MeasureUnit.named("㎡"))))
    }
}
