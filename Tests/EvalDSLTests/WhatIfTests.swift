import Testing
@testable import EvalDSL

@Suite struct WhatIfTests {
    let base = """
    year 2020
    unit 万元
    project a "档案" source 本级 budget 200
    project b "补助" source 本级 budget 100
    pay a 12.5 on 2020-12-20
    pay b 30 on 2020-06-30
    pay b 60 on 2021-01-20
    group 本级 = projects where source = 本级

    """

    @Test(arguments: [
        ("rate(本级) if a pays 150 in Q4", "14.17% → 64.17%  (+50.00 pp)"),
        ("paid(本级) if a pays 150 in Q4", "42.50 万元 → 192.50 万元  (+150.00 万元)"),
        ("rate(本级) if b moves 2021-01 to 2020-12-31", "14.17% → 34.17%  (+20.00 pp)"),
        ("rate(本级) if b moves 2021-01-20 to Q4 and a pays rest in Q4", "14.17% → 96.67%  (+82.50 pp)"),
        ("rate(b) if b cancels 2020-06-30", "30.00% → 0.00%  (-30.00 pp)"),
        ("rate(a) if a adjusts 追加 50", "6.25% → 5.00%  (-1.25 pp)"),
        ("budget(本级) if a adjusts 调减 100", "300.00 万元 → 200.00 万元  (-100.00 万元)"),
        ("rate(a, by: Q3) if a pays 10 on 2020-12-01", "0.00% → 0.00%  (+0.00 pp)"),
        ("count(本级 where rate(it) >= 30%) if a pays 50 in Q4", "1 → 2  (+1)"),
    ])
    func whatIfShowsBaselineHypotheticalAndDifference(expr: String, expected: String) {
        #expect(value(base + expr) == expected)
    }

    @Test func theBaselineIsUntouched() {
        #expect(value(base + "rate(本级) if a pays 150 in Q4\nrate(本级)") == "14.17%")
    }

    @Test func letBindsTheHypotheticalValue() {
        #expect(value(base + "let r = rate(a) if a pays rest in Q4\nr") == "100.00%")
    }

    @Test func namedScenariosCombine() {
        let s = base + "scenario 年底 = b moves 2021-01 to 2020-12-31\nscenario 全部 = 年底 and a pays rest on 2020-12-31\n"
        #expect(value(s + "rate(本级) under 全部") == "14.17% → 96.67%  (+82.50 pp)")
        #expect(value(s + "compare rate(本级), paid(b) across 年底, 全部") == """
        指标              基线        年底            Δ        全部            Δ
        ----------  ----------  ----------  -----------  ----------  -----------
        rate(本级)      14.17%      34.17%    +20.00 pp      96.67%    +82.50 pp
        paid(b)     30.00 万元  90.00 万元  +60.00 万元  90.00 万元  +60.00 万元
        """)
    }

    @Test func statedGroupTotalsMoveWithTheirMembers() {
        let s = "year 2020\nproject x source 本级\nproject y source 本级 budget 50\ngroup g = projects where source = 本级\ntotal g budget 339.57 paid 123.63\n"
        #expect(value(s + "rate(g) if y pays 50 in Q4") == "36.41% → 51.13%  (+14.72 pp)")
        #expect(value(s + "budget(g) if y adjusts 10") == "339.57 万元 → 349.57 万元  (+10.00 万元)")
    }

    @Test func unknownNamesAreErrorsWithSuggestions() {
        #expect(diagnostic(base + "rate(本级) if c pays 1 in Q4")?.kind == .unknownName("c", wanted: "project", suggestion: .init(name: "a", line: 3, file: "t.evl")))
        #expect(diagnostic(base + "rate(本级) under 年低")?.kind == .unknownName("年低", wanted: "scenario", suggestion: nil))
        #expect(diagnostic(base + "rate(本级) if b moves 2021-02 to Q4")?.kind == .notDerivable("`b` has no payment there (its payments are on 2020-06-30, 2021-01-20)"))
        #expect(diagnostic(base + "scenario s = a pays 1 in Q4 and zz pays 2 in Q4")?.kind.code == "E301")
    }

    @Test func seekFindsTheLeastAmountToTheFen() {
        #expect(value(base + "seek a pays ? in Q4 until rate(本级) >= 30%")
            == "`a` must pay at least 47.50 万元 in 2020Q4 for rate(本级) >= 30%; rate(本级): 14.17% → 30.00%")
        // 1/3 of the budget is not a whole number of fen: the answer rounds up to the next fen.
        #expect(value(base + "seek a pays ? on 2020-12-31 until rate(本级) >= 1 / 3 * 100%").hasPrefix("`a` must pay at least 57.50 万元 on"))
        // An amount the unit's two decimals would round is also given in 元, to the fen.
        #expect(value("year 2020\nproject p budget 1.0003\nseek p pays ? in Q4 until rate(p) >= 50%")
            == "`p` must pay at least 0.50 万元 (5,001.50 元) in 2020Q4 for rate(p) >= 50%; rate(p): 0.00% → 50.00%")
        #expect(value("year 2020\nunit 元\nproject p budget 3\nseek p pays ? in Q4 until rate(p) >= 1 / 3 * 100%")
            == "`p` must pay at least 1.00 元 in 2020Q4 for rate(p) >= 1 / 3 * 100%; rate(p): 0.00% → 33.33%")
    }

    @Test func seekSaysPlainlyWhenTheGoalIsOutOfReach() {
        #expect(value(base + "seek a pays ? in Q4 until rate(本级) >= 99%")
            == "rate(本级) >= 99% cannot be reached within the budget: even paying all 187.50 万元 left of `a`'s budget in 2020Q4 is not enough; rate(本级): 14.17% → 76.67%")
        #expect(value(base + "seek a pays ? in Q4 until rate(本级) >= 10%") == "rate(本级) >= 10% already holds: `a` need not pay anything in 2020Q4")
    }

    @Test func seekTheLatestMonth() {
        #expect(value(base + "seek b pays rest in ? until rate(b, by: Q3) >= schedule(Q3)")
            == "`b` must pay the rest of its budget (70.00 万元) in 2020-09 at the latest for rate(b, by: Q3) >= schedule(Q3); rate(b, by: Q3): 30.00% → 100.00%")
        #expect(value(base + "seek b pays 10 in ? until rate(b) >= 90%") == "rate(b) >= 90% cannot be reached with `b` paying 10.00 万元 in any month of 2020")
    }
}

@Suite struct ScheduleTests {
    @Test(arguments: [
        ("Q1", "25.00%"), ("Q3", "75.00%"), ("2020-07-15", "50.00%"), ("2020-07-31", "58.33%"), ("2020-12", "100.00%"), ("2019-12-31", "0.00%"),
    ])
    func monthsConvention(at: String, expected: String) {
        #expect(value("year 2020\nschedule(\(at))") == expected)
    }

    @Test(arguments: [("2020-07-15", "53.83%"), ("Q1", "24.86%"), ("2021-03-31", "24.66%")])
    func daysConvention(at: String, expected: String) {
        let year = at.hasPrefix("2021") ? "2021" : "2020"
        #expect(value("year \(year)\nschedule days\nschedule(\(at))") == expected)
    }

    @Test func progressTableWithBarsAndLaggingProjects() {
        let s = "year 2020\nproject a budget 100\nproject b budget 100\npay a 30 in Q1\npay a 30 in Q2\npay a 40 in Q4\npay b 100 on 2020-12-20\n"
        #expect(value(s + "progress projects lag 20pp") == """
        期间  累计支出(万元)  累计执行率  序时进度       差异  执行进度
        ----  --------------  ----------  --------  ---------  --------------------
        Q1             30.00      15.00%    25.00%  -10.00 pp  ███
        Q2             60.00      30.00%    50.00%  -20.00 pp  ██████
        Q3             60.00      30.00%    75.00%  -45.00 pp  ██████
        Q4            200.00     100.00%   100.00%   +0.00 pp  ████████████████████
        projects more than 20.00 pp behind the schedule (! marks the periods):
        编号      Q1      Q2      Q3       Q4
        ----  ------  ------  ------  -------
        b     0.00%!  0.00%!  0.00%!  100.00%
        """)
    }
}

@Suite struct GroupCacheTests {
    @Test func cachedMembershipFollowsNewProjects() {
        var s = Session()
        let out = s.run(SourceFile(name: "t", text: "group g = projects where source = 本级\nproject a source 本级\ncount(g)\nproject b source 本级\ncount(g)\n"))
        #expect(out.map(\.text) == ["", "", "1", "", "2"])
    }

    @Test func conditionOnPaymentsFollowsTheScenario() {
        let s = "year 2020\nproject a budget 10\nproject b budget 10\npay a 10 on 2020-05-01\ngroup done = projects where rate(it) >= 100%\n"
        #expect(value(s + "count(done) if b pays rest in Q4") == "1 → 2  (+1)")
        #expect(value(s + "count(done)") == "1")
    }
}

@Suite struct CachedAggregateTests {
    @Test func cachedSumsFollowTheModelAndTheScenario() {
        var s = Session()
        let out = s.run(SourceFile(name: "t", text: """
        year 2020
        project a source 本级 budget 10
        project b source 省级 budget 30
        group g = projects where source = 本级
        pay a 5 on 2020-03-01
        rate(projects)
        rate(g)
        rate(projects) if a pays 5 in Q4 and b adjusts 10
        rate(g) if b pays 30 in Q4
        pay b 15 on 2020-04-01
        rate(projects)
        project c source 本级 budget 60
        rate(g)
        budget(g) if c adjusts 调减 10
        """)).map { $0.diagnostic.map { $0.kind.message } ?? $0.text }
        #expect(out.suffix(9) == ["12.50%", "50.00%", "12.50% → 20.00%  (+7.50 pp)", "50.00% → 50.00%  (+0.00 pp)", "", "50.00%", "", "7.14%", "70.00 万元 → 60.00 万元  (-10.00 万元)"])
    }
}
