import Testing
@testable import EvalDSL

@Suite struct EvaluatorTests {
    // Values of expressions, stated totals, adjustments, diagnostics of names and types, `let` and
    // indicators: Tests/notebooks/ (one behaviour per notebook).

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

    @Test func failedStatementLeavesSessionUnchanged() {
        // The pay fails on its date; the project statement before it is intact and no payment is half-recorded.
        #expect(value("year 2020\nproject a budget 10\npay a 5 on archive\nproject b budget 1\npaid(a)").hasPrefix("ERROR"))
        var s = Session()
        _ = s.run(SourceFile(name: "t", text: "year 2020\nproject a budget 10\npay a 5 on \"x\"\n"))
        #expect(s.model.payments.count == 0)
        #expect(s.model.projects.count == 1)
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
