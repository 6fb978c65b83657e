import Testing
@testable import EvalDSL

@Suite struct NotebookTests {
    func replay(_ text: String) -> NotebookRun {
        NotebookRunner.run(Notebook(name: "n.evl", text: text))
    }

    @Test func recordsOutputUnderEachStatement() {
        let run = replay("year 2020\nunit 万元\n# a comment\n1 + 1\nlet x = 2\nx * 3\n")
        #expect(run.updatedText() == "year 2020\nunit 万元\n# a comment\n1 + 1\n#> 2\nlet x = 2\nx * 3\n#> 6\n")
        #expect(!run.passed)
    }

    @Test func matchingNotebookPassesAndUpdateIsIdentity() {
        let text = "1 + 1\n#> 2\n# prose\n2 * 3\n#> 6\n"
        let run = replay(text)
        #expect(run.passed)
        #expect(run.updatedText() == text)
    }

    @Test func changedFigureFailsWithBothLines() {
        let run = replay("1 + 1\n#> 3\n")
        #expect(!run.passed)
        #expect(run.entries[0].recorded == ["3"])
        #expect(run.entries[0].actual == ["2"])
        #expect(unifiedDiff(run.entries[0].recorded, run.entries[0].actual) == "--- recorded\n+++ actual\n@@ -1,1 +1,1 @@\n-3\n+2\n")
    }

    @Test func updateReplacesOnlyRecordedLines() {
        let text = "  1 + 1   # spaces and a comment stay\n#> 3\n#> stale second line\n\n\n2\n"
        #expect(replay(text).updatedText() == "  1 + 1   # spaces and a comment stay\n#> 2\n\n\n2\n#> 2\n")
    }

    @Test func crlfIsKept() {
        let text = "1 + 1\r\n2 + 2\r\n"
        #expect(replay(text).updatedText() == "1 + 1\r\n#> 2\r\n2 + 2\r\n#> 4\r\n")
        #expect(replay("1 + 1\r\n#> 2\r\n").passed)
    }

    @Test func missingFinalNewlineStaysMissing() {
        #expect(replay("1 + 1").updatedText() == "1 + 1\n#> 2")
        #expect(replay("1 + 1\n#> 3").updatedText() == "1 + 1\n#> 2")
        #expect(replay("1 + 1\n#> 2").passed)
    }

    @Test func emptyOutputLineIsABareMarker() {
        let table = "project a \"甲\" budget 1\ntable projects columns id\n"
        let text = replay(table).updatedText()
        #expect(text.contains("#> 编号\n#> ----\n#> a\n"))
    }

    @Test func trailingSpacesAreNotOutput() {
        #expect(replay("1 + 1\n#> 2   \n").passed)
    }

    @Test func errorsAreRecordedWithCodeAndPosition() {
        let run = replay("rate(nosuch)\n")
        #expect(run.updatedText() == "rate(nosuch)\n#> 1:6: error[E301]: unknown name `nosuch`\n")
    }

    @Test func unrecordedErrorFails() {
        #expect(!replay("rate(nosuch)\n").passed)
    }

    @Test func dependentsOfAFailedStatementAreNotRunNotDiffs() {
        // The figure was recorded when `x` worked; now its definition fails.
        let run = replay("let x = nosuch\n#> 1:9: error[E301]: unknown name `nosuch`\nx * 2\n#> 4\n")
        #expect(run.entries[0].status == .matches)
        #expect(run.entries[1].status == .notRun("not run: `x` failed at line 1"))
        #expect(!run.passed)
    }

    @Test func strayRecordedLinesAreReported() {
        let run = replay("1 + 1\n#> 2\n\n#> looks like output\nlet x = 1\n#> nothing prints here\n")
        #expect(run.strayLines == [4])
        // Output under a statement that prints nothing is a difference.
        #expect(run.entries[1].status == .differs)
        #expect(!run.passed)
    }

    @Test func markerNeedsASpaceOrNothing() {
        // `#>x` is an ordinary comment, not recorded output.
        #expect(replay("#>x\n1\n#> 1\n").passed)
    }

    @Test func multiLineStatementRecordsAfterItsLastLine() {
        #expect(replay("max(1,\n  2)\n").updatedText() == "max(1,\n  2)\n#> 2\n")
    }
}
