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
