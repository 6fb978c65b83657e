import Testing
@testable import EvalDSL

@Suite struct LexerTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind).filter { $0 != .end }
    }

    /// What makes no token is skipped in a loop: 200,000 characters that are not part of the
    /// language, or as many line breaks inside brackets, once ran the stack out (a fuzzer's find);
    /// a run of such characters is one diagnostic.
    @Test func longRunsThatMakeNoTokenDoNotRecurse() {
        let junk = Lexer.tokenize(SourceFile(name: "t", text: String(repeating: "\u{1A}", count: 200_000) + "1"))
        #expect(junk.tokens.map(\.kind) == [.number("1"), .end])
        // One fault for the run, named by its first character.
        #expect(junk.diagnostics.map(\.range) == [SourceRange(0, 200_000)])
        #expect(junk.diagnostics.first?.kind == .unexpectedCharacter("\u{1A}"))
        let two = Lexer.tokenize(SourceFile(name: "t", text: "1 @@@ 2 ＠＠ 3"))
        #expect(two.diagnostics.map(\.range) == [SourceRange(2, 5), SourceRange(8, 14)])
        #expect(two.diagnostics.map(\.kind) == [.unexpectedCharacter("@"), .unexpectedCharacter("＠")])
        #expect(kinds("(" + String(repeating: "\n", count: 200_000) + ")") == [.symbol("("), .symbol(")")])
    }

    @Test func moneyLiteralsWithAndWithoutSpace() {
        #expect(kinds("2379.61万元 3265.21 万元 885600元 1.5亿元") == [
            .money("2379.61", .wan), .money("3265.21", .wan), .money("885600", .yuan), .money("1.5", .yi),
        ])
    }

    @Test func percentagesDatesMonthsQuarters() {
        #expect(kinds("37.22% 0.5pp 2020-12-31 2020/12/31 2020-12 Q4 2020Q4 q1") == [
            .percent("37.22"), .percent("0.5"), .date(year: 2020, month: 12, day: 31), .date(year: 2020, month: 12, day: 31),
            .month(year: 2020, month: 12), .quarter(year: nil, quarter: 4), .quarter(year: 2020, quarter: 4), .quarter(year: nil, quarter: 1),
        ])
    }

    @Test func chineseIdentifiersAndStrings() {
        #expect(kinds("档案库房 \"档案智能库房建设\" “全角引号”") == [.identifier("档案库房"), .string("档案智能库房建设"), .string("全角引号")])
    }

    @Test func identifierStartingWithUnitIsNotAUnit() {
        #expect(kinds("12 元旦") == [.number("12"), .identifier("元旦")])
    }

    @Test func commentsAndFullwidthPunctuation() {
        #expect(kinds("rate（x）， # 注释") == [.identifier("rate"), .symbol("("), .identifier("x"), .symbol(")"), .symbol(",")])
    }

    @Test func newlinesInsideBracketsDoNotEndTheStatement() {
        #expect(kinds("f(1,\n2)\nx") == [.identifier("f"), .symbol("("), .number("1"), .symbol(","), .number("2"), .symbol(")"), .newline, .identifier("x")])
    }

    @Test(arguments: ["2020-02-30", "2020-13", "Q5", "12abc", "\"open", "a $ b"])
    func badInputIsReported(text: String) {
        #expect(!Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.isEmpty)
    }
}
