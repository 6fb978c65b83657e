import Testing
@testable import EvalDSL

@Suite struct FormattingTests {
    @Test(arguments: [("abc", 3), ("档案", 4), ("档案ab", 6), ("（）", 4), ("é", 1), ("e\u{301}", 1), ("ｶ", 1), ("한글", 4), ("", 0)])
    func displayWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func moneyInTheDefaultUnit() throws {
        let f = ValueFormatter(unit: .wan)
        #expect(f.money(Rational(3_265_210_000)) == "3,265.21 万元")
        #expect(f.money(Rational(5)) == "0.00 万元")
        #expect(f.money(Rational(5_000)) == "0.01 万元")   // 0.005 万元 rounds half up
        #expect(f.money(Rational(4_999)) == "0.00 万元")
        let y = ValueFormatter(unit: .yuan)
        #expect(y.money(Rational(88_560_000)) == "885,600.00 元")
        #expect(y.money(Rational(-150)) == "-1.50 元")
    }

    @Test func ratesWithTwoDecimals() throws {
        let f = ValueFormatter(unit: .wan)
        #expect(f.rate(try Rational(12363, 33957)) == "36.41%")
        #expect(f.rate(try Rational(1, 8)) == "12.50%")
        #expect(f.rate(try Rational(-1, 3)) == "-33.33%")
    }

    @Test func tableAlignsChineseByDisplayWidth() {
        let t = Table(headers: ["编号", "名称", "金额"], alignments: [.left, .left, .right],
                      rows: [["a", "档案智能库房", "1.00"], ["long", "x", "200.00"]].map { $0.map { .text($0) } },
                      footer: [["合计", "", "201.00"].map { .text($0) }])
        #expect(t.render() == """
        编号  名称            金额
        ----  ------------  ------
        a     档案智能库房    1.00
        long  x             200.00
        ----  ------------  ------
        合计                201.00
        """)
    }

    /// A line longer than 240 characters shows 80 before the fault, the fault and 80 after; a
    /// 100 KB line of junk no longer makes a 100 KB message.
    @Test func aLongLineShowsAWindowAroundTheFault() {
        let line = String(repeating: "1 + ", count: 100) + "档案" + String(repeating: " + 1", count: 100)
        let file = SourceFile(name: "s.evl", text: line + "\n")
        let d = Diagnostic(.unknownName("档案", wanted: "name", suggestion: nil), SourceRange(400, 406))
        let shown = String(repeating: "1 + ", count: 20) + "档案" + String(repeating: " + 1", count: 20)
        #expect(d.render(in: file) == """
        s.evl:1:401: error[E301]: unknown name `档案`
         1 | ... \(shown) ...
           | \(String(repeating: " ", count: 84))^~~~

        """)
        let junk = SourceFile(name: "j.evl", text: String(repeating: "x", count: 100_000))
        let whole = Diagnostic(.unknownName("x", wanted: "name", suggestion: nil), SourceRange(10, 100_000)).render(in: junk)
        #expect(whole == "j.evl:1:11: error[E301]: unknown name `x`\n 1 | " + String(repeating: "x", count: 170)
                + " ...\n   | " + String(repeating: " ", count: 10) + "^" + String(repeating: "~", count: 79) + "\n")
    }

    @Test func caretSitsUnderChineseText() {
        let file = SourceFile(name: "s.evl", text: "year 2020\nlet 结果 = rate(档案)\n")
        let d = Diagnostic(.unknownName("档案", wanted: "name", suggestion: nil), SourceRange(28, 34))
        #expect(d.render(in: file) == """
        s.evl:2:15: error[E301]: unknown name `档案`
         2 | let 结果 = rate(档案)
           |                 ^~~~

        """)
    }
}
