import Testing
@testable import EvalDSL

@Suite struct CheckTests {
    let totals = "year 2020\nunit 万元\nproject a source 本级\ngroup 本级 = projects where source = 本级\ntotal 本级 budget 339.57 paid 123.63\n"

    @Test func claimHoldsAtItsOwnPrecision() {
        #expect(value(totals + "check rate(本级) = 36.41%") == "✓ rate(本级) = 36.41%")
        #expect(value(totals + "check rate(本级) = 36.4%") == "✓ rate(本级) = 36.4% (computed 36.41%)")
        #expect(value(totals + "check rate(本级) = 36%") == "✓ rate(本级) = 36% (computed 36.41%)")
    }

    @Test func failedClaimShowsBothValuesAndPercentagePoints() {
        #expect(value(totals + "check \"本级执行率\" rate(本级) = 37.29%")
            == "✗ 本级执行率: rate(本级) = 37.29% — computed 36.41%, claimed 37.29%, difference -0.88 pp")
    }

    @Test func moneyDifferenceInTheDefaultUnit() {
        #expect(value(totals + "check budget(本级) = 339.50")
            == "✗ budget(本级) = 339.50 — computed 339.57 万元, claimed 339.50 万元, difference +0.07 万元")
    }

    @Test func toleranceReplacesPrecision() {
        #expect(value(totals + "check rate(本级) = 36.5% within 0.1pp") == "✓ rate(本级) = 36.5% (computed 36.41%)")
        #expect(value(totals + "check budget(本级) = 339 within 0.5").hasPrefix("✗"))
        #expect(value(totals + "check budget(本级) = 339 within 0.57") == "✓ budget(本级) = 339 (computed 339.57 万元)")
    }

    @Test func knownFindingIsCountedApart() {
        var s = Session()
        let out = s.run(SourceFile(name: "t", text: totals + "check rate(本级) = 37.29% finding \"slip\"\ncheck rate(本级) = 36.41%\n"))
        #expect(out[5].text == "✗ rate(本级) = 37.29% — computed 36.41%, claimed 37.29%, difference -0.88 pp  [known finding]\n  finding: slip")
        #expect(s.tally == CheckTally(passed: 1, findings: 1, failed: 0, errors: 0, skipped: 0))
        #expect(s.tally.isSuccess)
    }

    @Test func findingThatHoldsIsAFailure() {
        var s = Session()
        _ = s.run(SourceFile(name: "t", text: totals + "check rate(本级) = 36.41% finding \"was a slip\"\n"))
        #expect(s.tally.failed == 1)
        #expect(!s.tally.isSuccess)
    }

    @Test func booleanCheck() {
        #expect(value(totals + "check rate(本级) < 90%") == "✓ rate(本级) < 90%")
        #expect(value(totals + "check rate(本级) >= 90%") == "✗ rate(本级) >= 90% — computed false")
    }

    @Test func undefinedNeverPasses() {
        #expect(value("check 1万元 / 0万元 = 0%") == "✗ 1万元 / 0万元 = 0% — computed undefined, claimed 0%")
    }

    @Test func claimOfAnotherKindIsAnError() {
        #expect(diagnostic(totals + "check rate(本级) = 36.41")?.kind == .claimKind(computed: "a rate", claimed: "a number"))
    }
}
