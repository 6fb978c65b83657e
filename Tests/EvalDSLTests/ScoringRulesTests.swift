import Testing
@testable import EvalDSL

private func q(_ s: String) -> Rational { Rational(decimal: Substring(s))! }
private func frac(_ n: Int, _ d: Int) -> Rational { (try! Rational(n).divided(by: Rational(d)))! }

/// The exact score of `target` against `actual` with weight 10 under `rules`.
private func score(_ target: String, _ actual: String, weight: Rational = Rational(10), rules: ScoringRules = .standard, stated: Rational? = nil) -> RowScoring.Outcome {
    rules.score(target: IndicatorTarget(target, bareDirection: rules.bareDirection), actual: CellText(actual), weight: weight, stated: stated).outcome
}

/// Every scoring rule on its boundaries.
@Suite struct ScoringRulesTests {
    @Test func atLeastAtUnderAndOverTheTarget() {
        #expect(score("≥50人次", "50人次") == .scored(Rational(10)))
        #expect(score("≥50人次", "49人次") == .scored(q("9.8")))
        #expect(score("≥50人次", "51人次") == .scored(Rational(10)))
        #expect(score("≥50人次", "0人次") == .scored(Rational(0)))
        // A bare actual takes the target's unit.
        #expect(score("≥50人次", "49") == .scored(q("9.8")))
        #expect(score("≥95%", "94") == .scored(frac(940, 95)))
    }

    @Test func atLeastMoneyOneFenUnderAndOver() {
        #expect(score("≥100万元", "1000000元") == .scored(Rational(10)))
        #expect(score("≥100万元", "999999.99元") == .scored(frac(99_999_999, 10_000_000)))
        #expect(score("≥100万元", "1000000.01元") == .scored(Rational(10)))
        #expect(score("≥1亿元", "10000万元") == .scored(Rational(10)))
    }

    @Test func zeroTargets() {
        #expect(score("≥0", "0") == .scored(Rational(10)))
        #expect(score("≥0", "3") == .scored(Rational(10)))
        #expect(score("≥0", "-1") == .scored(Rational(0)))
        #expect(score("=0起", "0起") == .scored(Rational(10)))
        #expect(score("=0起", "-1起") == .scored(Rational(10)))
        #expect(score("=0起", "1起") == .scored(Rational(0)))
        #expect(score("≤0起", "0起") == .scored(Rational(10)))
        #expect(score("≤0起", "1起") == .scored(Rational(0)))
    }

    @Test func equalIsCappedAtTheWeight() {
        #expect(score("=100%", "100%") == .scored(Rational(10)))
        #expect(score("=100%", "98%") == .scored(q("9.8")))
        #expect(score("=100%", "102%") == .scored(Rational(10)))
        #expect(score("=4期", "3期") == .scored(q("7.5")))
    }

    @Test func atMostLinearUpToTwiceTheTarget() {
        #expect(score("≤100天", "100天") == .scored(Rational(10)))
        #expect(score("≤100天", "99天") == .scored(Rational(10)))
        #expect(score("≤100天", "101天") == .scored(q("9.9")))
        #expect(score("≤100天", "150天") == .scored(Rational(5)))
        #expect(score("≤100天", "199天") == .scored(q("0.1")))
        #expect(score("≤100天", "200天") == .scored(Rational(0)))
        #expect(score("≤100天", "250天") == .scored(Rational(0)))
    }

    @Test func atMostMoneyOneFenOver() {
        #expect(score("≤202.6万元", "2026000元") == .scored(Rational(10)))
        // (1 − 0.01 ÷ 2026000) × 10, exactly.
        #expect(score("≤202.6万元", "2026000.01元") == .scored(minus(Rational(10), frac(1, 20_260_000))))
    }

    @Test func atMostRatioConvention() {
        var rules = ScoringRules()
        rules.atMost = .ratio
        #expect(score("≤100天", "100天", rules: rules) == .scored(Rational(10)))
        #expect(score("≤100天", "200天", rules: rules) == .scored(Rational(5)))
        #expect(score("≤100天", "400天", rules: rules) == .scored(q("2.5")))
    }

    @Test func convertibleUnitsCompareExactly() {
        #expect(score("≤1.5公里", "1500米") == .scored(Rational(10)))
        #expect(score("≥266米", "26600厘米") == .scored(Rational(10)))
        #expect(score("≥266米", "26599厘米") == .scored(frac(26599, 2660)))
        #expect(score("≥100㎡", "100平方米") == .scored(Rational(10)))
        #expect(score("≤2km", "2000m") == .scored(Rational(10)))
        #expect(score("≤50千元", "5万元") == .scored(Rational(10)))
        #expect(score("≤50千元", "5.5万元") == .scored(Rational(9)))
    }

    @Test func unitsThatDoNotConvertAreAnError() {
        let outcome = score("≥50人次", "12万元")
        guard case .failed(let e) = outcome else { Issue.record("expected an error, got \(outcome)"); return }
        #expect(e.description == "the actual value is in 万元 and the target in 人次: these units do not convert")
        #expect(score("≥10亩", "6667㎡") == .failed(.unitMismatch(UnitMismatch(target: .literal("亩"), actual: MeasureUnit.named("㎡")!))))
    }

    @Test func textActualForAFigureIsAnError() {
        #expect(score("≥50人次", "完成") == .failed(.textActualForQuantity(actual: "完成", target: "≥50人次")))
        #expect(score("≥50人次", "培训效果良好") == .failed(.textActualForQuantity(actual: "培训效果良好", target: "≥50人次")))
        #expect(score("≥50人次", "9月") == .failed(.timeVersusQuantity(actual: "9月", target: "≥50人次")))
    }

    @Test func actualBoundIsScoredAtTheBound() {
        let r = ScoringRules().score(target: IndicatorTarget("≥300米"), actual: CellText("≥266米"), weight: Rational(15))
        #expect(r.outcome == .scored(q("13.3")))
        #expect(r.notes == ["the actual value ≥266米 is a bound: scored at the bound"])
    }

    @Test func deadlinesAllOrNothingByDefault() {
        #expect(score("7月", "9月前") == .scored(Rational(0)))
        #expect(score("≤12月", "11月") == .scored(Rational(10)))
        #expect(score("≤12月", "12月") == .scored(Rational(10)))
        #expect(score("12月底前", "年底") == .scored(Rational(10)))
        #expect(score("9月前", "按时完成") == .scored(Rational(10)))
        #expect(score("9月前", "未按时完成") == .scored(Rational(0)))
        #expect(score("≤12月", "11") == .scored(Rational(10)))
        #expect(score("2020-09-30", "2020年9月30日") == .scored(Rational(10)))
        #expect(score("2020-09-30", "2020-10-01") == .scored(Rational(0)))
        #expect(score("2020-09-30", "2020年9月") == .scored(Rational(10)))
        #expect(score("≤12月", "完成") == .failed(.textActualForQuantity(actual: "完成", target: "≤12月")))
        #expect(score("≥12月", "11月") == .failed(.notADeadline(target: "≥12月")))
    }

    @Test func deadlinesProportionalOnMonthNumbers() {
        var rules = ScoringRules()
        rules.deadlines = .proportional
        // 9 against 7: (1 − 2 ÷ 7) × 10.
        #expect(score("7月", "9月前", rules: rules) == .scored(frac(50, 7)))
        #expect(score("7月", "14", rules: rules) == .failed(.timeVersusQuantity(actual: "14", target: "7月")))
        // A year later counts past December: 2021-01 against 2020-12 is month 13 against 12.
        #expect(score("2020年12月", "2021年1月", rules: rules) == .scored(frac(110, 12)))
        // Days of the year: 2020-09-30 is day 274, 2020-10-01 day 275.
        #expect(score("2020-09-30", "2020-10-01", rules: rules) == .scored(minus(Rational(10), frac(10, 274))))
    }

    @Test func qualitativeBands() {
        let rules = ScoringRules()
        let target = IndicatorTarget("有效提升")
        func band(_ actual: String) -> RowScoring { rules.score(target: target, actual: CellText(actual), weight: Rational(10)) }
        #expect(band("完成").band == Rational(8)...Rational(10))
        #expect(band("完成").level == .achieved)
        #expect(band("基本完成").band == Rational(6)...Rational(8))
        #expect(band("未完成").band == Rational(0)...Rational(6))
        guard case .unscored = band("达成").outcome else { Issue.record("a qualitative row without a stated score is unscored"); return }
        var top = rules
        top.unstatedQualitative = .bandTop
        #expect(top.score(target: target, actual: CellText("部分达成"), weight: Rational(10)).outcome == .scored(Rational(8)))
        top.unstatedQualitative = .bandBottom
        #expect(top.score(target: target, actual: CellText("部分达成"), weight: Rational(10)).outcome == .scored(Rational(6)))
        // A stated score counts; one outside the band counts at the nearest edge.
        #expect(rules.score(target: target, actual: CellText("达成"), weight: Rational(10), stated: q("9.5")).outcome == .scored(q("9.5")))
        #expect(rules.score(target: target, actual: CellText("达成"), weight: Rational(10), stated: Rational(7)).outcome == .scored(Rational(8)))
    }

    @Test func qualitativeBandEdges() {
        var bands = QualitativeBands.standard
        #expect(bands.contains(frac(4, 5), level: .achieved))
        #expect(bands.contains(frac(4, 5), level: .partly))
        #expect(!bands.contains(q("0.7999"), level: .achieved))
        #expect(bands.contains(Rational(1), level: .achieved))
        #expect(!bands.contains(q("1.0001"), level: .achieved))
        #expect(bands.contains(frac(3, 5), level: .notAchieved))
        #expect(bands.contains(Rational(0), level: .notAchieved))
        bands.edges = .higherBand
        #expect(bands.contains(frac(4, 5), level: .achieved))
        #expect(!bands.contains(frac(4, 5), level: .partly))
        #expect(!bands.contains(frac(3, 5), level: .notAchieved))
        #expect(bands.contains(frac(3, 5), level: .partly))
        #expect(bands.contains(Rational(1), level: .achieved))
    }

    @Test func roundingConventions() throws {
        #expect(try ScoreRounding.halfUp(2).apply(q("17.845")) == q("17.85"))
        #expect(try ScoreRounding.truncate(2).apply(q("17.849")) == q("17.84"))
        #expect(try ScoreRounding.truncate(0).apply(q("17.8")) == Rational(17))
        #expect(try ScoreRounding.truncate(1).apply(q("17.89")) == q("17.8"))
        #expect(try ScoreRounding.truncate(1).apply(q("17.8")) == q("17.8"))
        #expect(try ScoreRounding.truncate(0).apply(q("-2.7")) == Rational(-2))
        #expect(try ScoreRounding.truncate(2).apply(frac(2, 3)) == q("0.66"))
    }

    @Test func statedScoreFollowsTheConventionAtItsDecimals() {
        let stated = StatedNumber("17")!
        var rules = ScoringRules()
        rules.rounding = .truncate(0)
        #expect(rules.scoreCheck(.totalScore, label: "t", exact: q("17.8"), undefinedReason: "", stated: stated).holds)
        rules.rounding = .halfUp(2)
        let c = rules.scoreCheck(.totalScore, label: "t", exact: q("17.8"), undefinedReason: "", stated: stated)
        #expect(!c.holds)
        #expect(c.computed == .score(q("17.8")) && c.difference == q("-0.8"))
        // Fewer decimals than the convention: the claim is read at its own precision.
        #expect(rules.scoreCheck(.totalScore, label: "t", exact: q("17.8"), undefinedReason: "", stated: StatedNumber("18")!).holds)
        #expect(rules.scoreCheck(.totalScore, label: "t", exact: q("17.845"), undefinedReason: "", stated: StatedNumber("17.85")!).holds)
        #expect(!rules.scoreCheck(.totalScore, label: "t", exact: q("17.845"), undefinedReason: "", stated: StatedNumber("17.84")!).holds)
        // More decimals than the convention: it must equal the convention's value.
        rules.rounding = .truncate(1)
        #expect(rules.scoreCheck(.totalScore, label: "t", exact: q("17.89"), undefinedReason: "", stated: StatedNumber("17.80")!).holds)
        #expect(!rules.scoreCheck(.totalScore, label: "t", exact: q("17.89"), undefinedReason: "", stated: StatedNumber("17.89")!).holds)
    }

    @Test func gradeBoundaries() {
        let g = GradeBands.standard
        #expect(g.grade(Rational(100)) == .excellent)
        #expect(g.grade(Rational(90)) == .excellent)
        #expect(g.grade(q("89.99")) == .good)
        #expect(g.grade(Rational(80)) == .good)
        #expect(g.grade(q("79.99")) == .fair)
        #expect(g.grade(Rational(60)) == .fair)
        #expect(g.grade(q("59.99")) == .poor)
        #expect(g.grade(Rational(0)) == .poor)
        let local = GradeBands(excellent: Rational(85), good: Rational(75), fair: Rational(60))
        #expect(local.grade(Rational(85)) == .excellent && local.grade(q("84.99")) == .good)
        #expect(g.description == "优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差")
    }
}

private func minus(_ a: Rational, _ b: Rational) -> Rational { try! a.subtracting(b) }
