import Foundation
import Testing
@testable import EvalDSL

/// Issue 11's reproductions that a notebook cannot hold: inputs too long to record, answers that
/// must not depend on how large numbers are represented, and files that run each other. The other
/// cases are notebooks under Tests/notebooks/errors/.
@Suite struct LimitTests {
    /// Was a crash (SIGSEGV after 14 s and 1.6 GB): a long flat sum is one node, evaluated in a loop.
    @Test func aLongFlatSumEvaluates() {
        #expect(value("1" + String(repeating: "+1", count: 100_000)) == "100001")
        #expect(value("1" + String(repeating: "-1", count: 3_000)) == "-2999")
        #expect(value("1" + String(repeating: "*2/2", count: 50_000)) == "1")
    }

    /// A chain mixes its steps as nested binary operations would: left to right, a bare number next
    /// to money is an amount, and an error shows over the operands up to the failing step.
    @Test func aChainMeansWhatTheNestedFormMeant() {
        #expect(value(prelude + "budget(archive) + 5 + 5 - 10") == "200.00 万元")
        #expect(value("10 - 2 - 3 - 4") == "1")
        #expect(value("2 * 3 / 4 * 2") == "3")
        #expect(value("1 / 0 + 1 + 1") == "undefined")
        let d = diagnostic(prelude + "budget(archive) + 1 + 5%")
        guard case .typeMismatch? = d?.kind else { Issue.record("\(String(describing: d))"); return }
    }

    /// Was a crash in the parser: nesting past the limit is E205 at the bracket that goes too deep.
    @Test func deepNestingIsRefusedAtItsColumn() {
        let open = String(repeating: "(", count: 5000)
        let d = diagnostic(open + "1" + String(repeating: ")", count: 5000))
        #expect(d?.kind == .nestedTooDeeply(limit: Parser.maxNesting))
        #expect(d?.range.start == Parser.maxNesting)
        for text in [String(repeating: "-", count: 5000) + "1", String(repeating: "not ", count: 5000) + "true",
                     String(repeating: "abs(", count: 5000) + "1" + String(repeating: ")", count: 5000),
                     String(repeating: "+", count: 5000) + "1"] {
            #expect(diagnostic(text)?.kind == .nestedTooDeeply(limit: Parser.maxNesting))
        }
    }

    /// Nesting at the parser's limit inside indicators at theirs ends in a value or E514, never
    /// in an exhausted stack (this runs on a test thread, smaller than the shell's).
    @Test func theDeepestInputThroughIndicatorsStopsCleanly() {
        for (open, close) in [("-(", ")"), ("abs(", ")"), ("sum(", ")"), ("round(", ", 2)")] {
            let levels = Parser.maxNesting / (open == "-(" ? 2 : 1) - 1
            func body(_ inner: String) -> String { String(repeating: open, count: levels) + inner + String(repeating: close, count: levels) }
            var text = "indicator d1 = \(body("1"))\n"
            for k in 2...Evaluator.maxCallDepth { text += "indicator d\(k) = \(body("d\(k - 1)"))\n" }
            let d = diagnostic(text + "d\(Evaluator.maxCallDepth)")
            guard case .limitExceeded? = d?.kind else { Issue.record("\(open): \(String(describing: d))"); continue }
        }
        // Within the limit the same shape has its value.
        let ten = "indicator e1 = " + String(repeating: "-(", count: 10) + "1" + String(repeating: ")", count: 10) + "\n"
            + (2...10).map { "indicator e\($0) = " + String(repeating: "-(", count: 10) + "e\($0 - 1)" + String(repeating: ")", count: 10) }.joined(separator: "\n")
        #expect(value(ten + "\ne10") == "1")
    }

    /// Was exit 132 (a trap in `abs`): the most negative value's magnitude is a value or an E501, never a trap.
    @Test func absOfTheMostNegativeValueDoesNotTrap() {
        let results = run("abs(-170141183460469231731687303715884105727 - 1)")
        let ok = results == ["170141183460469231731687303715884105728"]
            || results.first?.contains("error[E501]") == true
        #expect(ok, "\(results)")
    }

    /// Was `overflow` printed as a result with exit 0: a value too large to show is E501 with a
    /// location, or (with numbers of any size) its digits.
    @Test func aValueTooLargeToShowIsAnErrorNotAWord() {
        for digits in 33...38 {
            let literal = String(repeating: "9", count: digits)
            for text in [literal, "print \(literal)", "\(literal) * 10"] {
                let results = run(text)
                #expect(results.first != "overflow" && results.first?.contains("overflow ") != true, "\(text): \(results)")
                let shown = results.first ?? ""
                #expect(shown.hasPrefix(literal) || shown.contains("error[E501]"), "\(text): \(results)")
            }
        }
    }

    /// Was minutes (2³⁰ calls): each indicator is computed once per statement.
    @Test func aChainOfIndicatorsIsComputedOnce() {
        var text = prelude + "indicator i0 = budget(archive)\n"
        for k in 1...40 { text += "indicator i\(k) = i\(k - 1) + i\(k - 1)\n" }
        text += "i30 / i29"
        #expect(value(text) == "200.00%")
    }

    /// An indicator's value under a what-if is not the baseline's, though both are in one statement.
    @Test func theCacheKeepsScenariosApart() {
        let text = prelude + "indicator twice = budget(archive) * 2\ntwice + (twice if archive adjusts 追加 10)"
        #expect(value(text) == "820.00 万元")
        #expect(value(prelude + "indicator b(p) = budget(p)\nb(archive) + b(titles)") == "250.00 万元")
    }

    /// Ctrl-C stops an indicator computation with "interrupted".
    @Test func interruptStopsIndicators() {
        var s = Session()
        var text = prelude + "indicator i0 = budget(archive)\n"
        for k in 1...30 { text += "indicator i\(k) = i\(k - 1) + i\(k - 1)\n" }
        _ = s.run(SourceFile(name: "t.evl", text: text))
        s.interrupt = { true }
        let r = s.run(SourceFile(name: "t.evl", text: "i30"))
        #expect(r.first?.diagnostic?.kind == .interrupted)
    }

    /// Was "stopped at depth 16" without a word of a cycle: the cycle is named, file by file.
    @Test func aScriptRunningItselfThroughAnotherIsACycle() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "run \"b.evl\"\n".write(to: dir.appendingPathComponent("a.evl"), atomically: true, encoding: .utf8)
        try "run \"a.evl\"\n".write(to: dir.appendingPathComponent("b.evl"), atomically: true, encoding: .utf8)
        let out = run("run \"\(dir.path)/a.evl\"", name: "top.evl").joined()
        #expect(out.contains("error[E508]: `\(dir.path)/a.evl` runs itself: \(dir.path)/a.evl → b.evl → a.evl"), "\(out)")
    }

    /// Was "takes 1 to 9223372036854775807 arguments".
    @Test func anOpenArityReadsAtLeast() {
        #expect(diagnostic("sum()")?.kind == .argumentCount(function: "sum", expected: "at least 1 argument", got: 0))
    }

    /// Fullwidth forms mixed with anything else never trap, and every range a diagnostic or token
    /// gets lies on character boundaries of the text as typed.
    @Test func fullwidthFormsInAnyMixNeverTrap() {
        let pieces = ["１", "２０２０", "．", "％", "%", "5", ".", "-", "/", "万元", "\"", "“", "”", "`", "#", "\n", " ", "项目", "x", "(", "）", "；", "。", "abs(", "Q", "\u{FF10}\u{FF0E}"]
        var rng = RobustnessTests.Mix(s: 11)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 12) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let file = SourceFile(name: "t", text: text)
            let utf8 = Array(text.utf8)
            func onBoundary(_ o: Int) -> Bool { o == utf8.count || (o < utf8.count && utf8[o] & 0xC0 != 0x80) }
            let (tokens, diagnostics) = Lexer.tokenize(file)
            for r in tokens.map(\.range) + diagnostics.map(\.range) {
                #expect(r.end <= utf8.count && onBoundary(r.start) && onBoundary(r.end), "\(text): \(r)")
            }
            var session = Session()
            for r in session.run(file) { if let d = r.diagnostic { _ = d.render(in: file) } }
        }
    }

    /// Fullwidth digits and ％ read as ASCII, with every position still that of the text as typed.
    @Test func fullwidthFormsKeepTheirPositions() {
        let file = SourceFile(name: "t", text: "１２．５％ + x")
        let (tokens, diagnostics) = Lexer.tokenize(file)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind).prefix(3) == [.percent("12.5"), .symbol("+"), .identifier("x")])
        #expect(tokens[0].range == SourceRange(0, 15))
        #expect(tokens[2].range == SourceRange(18, 19))
        // Inside a string nothing changes.
        #expect(Lexer.tokenize(SourceFile(name: "t", text: "\"１２％\"")).tokens.first?.kind == .string("１２％"))
    }
}
