import Testing
@testable import EvalDSL

@Suite struct EvaluatorTests {
    @Test(arguments: [
        ("rate(archive)", "6.25%"),
        ("budget(archive)", "200.00 万元"),
        ("paid(talent)", "150.00 万元"),                 // the January 2021 payment is outside the year
        ("paid(talent, in: 2021)", "30.00 万元"),
        ("paid(talent, by: Q1)", "100.00 万元"),
        ("paid(talent, by: 2020-10)", "100.00 万元"),
        ("paid(talent, by: 2020-11-30)", "150.00 万元"),
        ("paid(titles, by: 2020-09-29)", "0.00 万元"),   // paid "in Q3": not counted before the quarter ends
        ("paid(titles, by: Q3)", "50.00 万元"),
        ("rate(本级)", "25.00%"),
        ("budget(本级)", "250.00 万元"),
        ("unspent(本级)", "187.50 万元"),
        ("count(本级)", "2"),
        ("count(projects where tag 人才)", "1"),
        ("count(本级 where grade = 优)", "1"),
        ("count(projects where grade = 中 and source != 本级)", "1"),
        ("sum(budget(p) for p in projects)", "550.00 万元"),
        ("sum(budget(p) for p in projects if rate(p) < 50%)", "200.00 万元"),
        ("max(rate(p) for p in projects)", "100.00%"),
        ("min(budget(p) for p in projects)", "50.00 万元"),
        ("avg(rate(p) for p in 本级)", "53.13%"),
        ("variance(2379.61, 3265.21)", "37.22%"),
        ("variance(582.61万元, 761.53万元)", "30.71%"),
        ("3265.21万元 - 2379.61万元", "885.60 万元"),
        ("885600元 + 1万元", "89.56 万元"),
        ("budget(archive) * 37.29%", "74.58 万元"),
        ("round(123.63万元 / 339.57万元, 1)", "36.40%"),
        ("round(2.5, 0)", "3"),
        ("round(12.345万元)", "12.35 万元"),
        ("1 / 3", "0.333333"),
        ("budget(archive) > 150", "true"),
        ("grade(93.85)", "优"),
        ("grade(59.99)", "差"),
        ("grade(archive)", "中"),
        ("ifundef(1万元 / 0万元, 0%)", "0.00%"),
        ("defined(1 / 0)", "false"),
        ("abs(-5万元)", "5.00 万元"),
        ("2020Q4", "2020Q4"),
        ("Q4", "2020Q4"),
    ])
    func expressions(expr: String, expected: String) {
        #expect(value(prelude + expr) == expected)
    }

    @Test func divisionByZeroIsUndefinedNotACrash() {
        #expect(value("1万元 / 0万元") == "undefined")
        #expect(value(prelude + "project zero source 本级 budget 0\nrate(zero)") == "undefined")
    }

    @Test func moneyPlusRateIsATypeError() {
        let d = diagnostic(prelude + "budget(archive) + 5%")
        #expect(d?.kind == .typeMismatch(operation: "add", left: "money", right: "a rate", hint: "a rate applies to money by multiplying, e.g. `budget(x) * 90%`"))
    }

    @Test func rateComparedWithBareNumberSuggestsPercent() {
        #expect(diagnostic(prelude + "rate(archive) > 90")?.kind.hint == "write the number as a percentage, e.g. `90%`")
    }

    @Test func unknownNameSuggestsNearestWithLine() {
        let d = diagnostic(prelude + "rate(archiv)")
        #expect(d?.kind == .unknownName("archiv", wanted: "name", suggestion: .init(name: "archive", line: 3, file: "t.evl")))
        #expect(d?.kind.hint == "did you mean `archive` (declared at line 3)?")
    }

    @Test func transposedLettersStillSuggest() {
        #expect(diagnostic(prelude + "rate(achrive)")?.kind.hint == "did you mean `archive` (declared at line 3)?")
    }

    @Test func unknownFunctionSuggests() {
        #expect(diagnostic("raet(x)")?.kind == .unknownFunction("raet", suggestion: "rate"))
    }

    @Test func amountsBelowAFenAreRejected() {
        #expect(diagnostic("year 2020\nunit 元\nproject a budget 1.234")?.kind == .fractionOfFen("1.234"))
    }

    @Test func overflowIsReportedNotTrapped() {
        // Numbers are exact at any size (Rational falls back to big integers); amounts stay within Int64 fen.
        #expect(value("99999999999999999999999999999999999 * 99999999999999999999999999999999") == "9999999999999999999999999999999899900000000000000000000000000000001")
        #expect(diagnostic("unit 元\nproject a budget 999999999999999999999")?.kind == .overflow)
    }

    @Test func unknownSourceListsKnownOnes() {
        let d = diagnostic("project a source 本机")
        guard case .unknownValue(let field, let v, _)? = d?.kind else { Issue.record("wrong kind"); return }
        #expect(field == "funding source")
        #expect(v == "本机")
    }

    @Test func duplicateProjectIsAnError() {
        #expect(diagnostic("project a\nproject a")?.kind == .duplicateName("a", previousLine: 1))
    }

    @Test func letCanBeRebound() {
        #expect(value("let x = 1\nlet x = 2\nx") == "2")
    }

    @Test func dependentStatementsAreSkippedNotCascaded() {
        let out = run("let x = nosuch + 1\nlet y = x * 2\ny\n1 + 1")
        #expect(out[0].contains("error[E301]: unknown name `nosuch`"))
        #expect(out[1].contains("skipped[E505]: not run: `x` failed at line 1"))
        #expect(out[2].contains("skipped[E505]: not run: `y` failed at line 2"))
        #expect(out[3] == "2")
    }

    @Test func failedStatementLeavesSessionUnchanged() {
        // The pay fails on its date; the project statement before it is intact and no payment is half-recorded.
        #expect(value("year 2020\nproject a budget 10\npay a 5 on archive\nproject b budget 1\npaid(a)").hasPrefix("ERROR"))
        var s = Session()
        _ = s.run(SourceFile(name: "t", text: "year 2020\nproject a budget 10\npay a 5 on \"x\"\n"))
        #expect(s.model.payments.count == 0)
        #expect(s.model.projects.count == 1)
    }

    @Test func indicatorsWithParameters() {
        #expect(value(prelude + "indicator 结余率(x) = unspent(x) / budget(x)\n结余率(archive)") == "93.75%")
        #expect(value(prelude + "indicator 本级率 = rate(本级)\n本级率") == "25.00%")
        #expect(diagnostic(prelude + "indicator f(x) = f(x)\nf(1)")?.kind == .recursion("f"))
    }

    @Test func statedTotalsWithoutParts() {
        let script = "year 2020\nunit 万元\nproject a source 本级\nproject b source 本级\ngroup 本级 = projects where source = 本级\ntotal 本级 budget 339.57 paid 123.63\n"
        #expect(value(script + "rate(本级)") == "36.41%")
        #expect(value(script + "budget(a)").contains("error[E503]: the budget of `a` is not stated"))
        #expect(value(script + "paid(本级, by: Q3)").contains("error[E509]"))
    }

    @Test func adjustmentsChangeTheBudget() {
        let script = prelude + "adjust archive 追加 50 on 2020-09-30\nadjust archive 调减 10 on 2020-10-30\n"
        #expect(value(script + "budget(archive)") == "240.00 万元")
        #expect(value(script + "initial(archive)") == "200.00 万元")
        #expect(value(script + "adjustments(archive)") == "40.00 万元")
    }

    @Test func departmentStandsForAllProjects() {
        #expect(value(prelude + "department 组织部\ncount(组织部)") == "3")
    }

    @Test func quarterNeedsFiscalYear() {
        #expect(diagnostic("Q4")?.kind == .noFiscalYear)
    }
}

@Suite struct PredicateTests {
    @Test func typoInValueWordFailsEvenOnAnEmptyGroup() {
        #expect(diagnostic("count(projects where grade = 优秀的)")?.kind == .unknownValue(field: "grade", value: "优秀的", allowed: ["优", "良", "中", "差"]))
    }

    @Test func englishAliasesMeanTheSame() {
        #expect(value("project a source own category basic grade excellent\ncount(projects where source = 本级 and category = 基本支出 and grade = 优)") == "1")
    }

    @Test func groupMembershipIsDecidedAtUse() {
        #expect(value("group g = projects where source = 省级\nproject late source 省级\ncount(g)") == "1")
    }
}
