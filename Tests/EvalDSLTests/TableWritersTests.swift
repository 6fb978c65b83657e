import Testing
@testable import EvalDSL

/// Typed table cells and the writers that format them: the terminal, Markdown, HTML, CSV, JSON and
/// .xlsx each get the same cells and show them their own way, byte for byte.
@Suite struct TableWritersTests {
    static func fen(_ n: Int) -> Rational { Rational(n) }

    /// 1,234.50 万元, a third, two; then a footer of placeholders.
    static let table = Table(
        headers: ["编号", "预算(万元)", "执行率", "数"],
        alignments: [.left, .right, .right, .right],
        rows: [[.text("a"), .money(fen(1_234_500_000), unit: .wan, withUnit: false), .rate(try! Rational(1, 3)), .number(Rational(2))]],
        footer: [[.text("合计"), .notStated, .undefined("zero budget"), .text("")]])

    @Test func eachCellHasOneText() throws {
        let money = Table.Cell.money(Self.fen(1_234_567_800), unit: .wan, withUnit: false)
        #expect(money.text() == "1,234.57")
        #expect(money.text(grouping: false) == "1234.57")
        #expect(Table.Cell.money(Self.fen(1_234_567_800), unit: .wan, withUnit: true).text() == "1,234.57 万元")
        #expect(Table.Cell.rate(try Rational(1, 8)).text() == "12.50%")
        #expect(Table.Cell.number(try Rational(1, 3)).text() == "0.333333")
        #expect(Table.Cell.change(.money(Self.fen(-1_000_000), unit: .wan)).text() == "-1.00 万元")
        #expect(Table.Cell.change(.money(Self.fen(0), unit: .wan)).text() == "+0.00 万元")
        #expect(Table.Cell.change(.points(try Rational(1942, 10_000))).text() == "+19.42 pp")
        #expect(Table.Cell.change(.number(Rational(3))).text() == "+3")
        #expect(Table.Cell.bar(try Rational(1, 2)).text() == String(repeating: "█", count: 10))
        #expect(Table.Cell.bar(Rational(2)).text() == String(repeating: "█", count: 20) + "+")
        #expect(Table.Cell.bar(.zero).text() == "")
        #expect(Table.Cell.undefined("zero budget").text() == "undefined")
        #expect(Table.Cell.notStated.text() == "—")
        #expect(Table.Cell.marked(.rate(.zero), "!").text() == "0.00%!")
        #expect(Table.Cell.difference(.money(Self.fen(5)), from: .money(Self.fen(3)), unit: .yuan) == .change(.money(Self.fen(2), unit: .yuan)))
        #expect(Table.Cell.difference(.rate(.one), from: .money(.zero), unit: .yuan) == .text(""))
    }

    @Test func terminal() {
        #expect(Self.table.render() == """
        编号  预算(万元)     执行率  数
        ----  ----------  ---------  --
        a       1,234.50     33.33%   2
        ----  ----------  ---------  --
        合计           —  undefined
        """)
    }

    @Test func markdownForReportsAndForExport() {
        let t = Table(headers: ["名称|x", "预算(万元)"], alignments: [.left, .right],
                      rows: [[.text(#"a|b\c"#), .money(Self.fen(1_234_500_000), unit: .wan, withUnit: false)]],
                      footer: [[.text("合计"), .text("")]])
        #expect(t.markdown(grouping: true, escaping: .pipes) == #"""
        | 名称\|x | 预算(万元) |
        | --- | ---: |
        | a\|b\c | 1,234.50 |
        | 合计 |   |

        """#)
        #expect(ExportText.markdown(t) == #"""
        | 名称\|x | 预算(万元) |
        | --- | ---: |
        | a\|b\\c | 1234.50 |
        | 合计 |   |

        """#)
    }

    @Test func csvAndJSONHoldPlainNumbersAndTheFooter() {
        #expect(ExportText.csv(Self.table) == Array("\u{FEFF}编号,预算(万元),执行率,数\r\na,1234.50,33.33%,2\r\n合计,—,undefined,\r\n".utf8))
        #expect(ExportText.json(Self.table) == """
        [
          {"编号": "a", "预算(万元)": 1234.50, "执行率": "33.33%", "数": 2},
          {"编号": "合计", "预算(万元)": "—", "执行率": "undefined", "数": ""}
        ]

        """)
    }

    @Test func htmlLeavesOutColumnsOfBars() {
        let t = Table(headers: ["期间", "执行率", "执行进度"], alignments: [.left, .right, .left],
                      rows: [[.text("Q1"), .rate(try! Rational(1, 2)), .bar(try! Rational(1, 2))],
                             [.text("Q2"), .undefined("zero budget"), .bar(.zero)]])
        #expect(HTMLReportWriter.table(t) == """
        <table>
        <thead><tr><th>期间</th><th>执行率</th></tr></thead>
        <tbody>
        <tr><td>Q1</td><td class="num">50.00%</td></tr>
        <tr><td>Q2</td><td class="num">undefined</td></tr>
        </tbody>
        </table>

        """)
    }

    /// Money is a number in the table's unit, exact to the fen, shown `#,##0.00`; a rate is a
    /// fraction shown `0.00%`; placeholders are text.
    @Test func xlsxWritesNumbersWithNumberFormats() throws {
        let cells = XLSXWriter.cells(Self.table)
        #expect(cells == [
            [.text("编号"), .text("预算(万元)"), .text("执行率"), .text("数")],
            [.text("a"), .number("1234.5", format: .money), .number("0.333333333333", format: .percent), .number("2")],
            [.text("合计"), .text("—"), .text("undefined"), .empty],
        ])
        #expect(XLSXWriter.cell(.money(Self.fen(12345), unit: .yuan, withUnit: false)) == .number("123.45", format: .money))
        #expect(XLSXWriter.cell(.money(try Rational(1, 3), unit: .yi, withUnit: false)) == .number("0", format: .money))
        #expect(XLSXWriter.cell(.money(Self.fen(1), unit: .yi, withUnit: false)) == .number("0.0000000001", format: .money))
        #expect(XLSXWriter.cell(.change(.points(.one))) == .text("+100.00 pp"))

        let parts = XLSXWriter.parts(sheets: [XLSXWriter.Sheet(name: "Sheet1", rows: cells)])
        func part(_ path: String) -> String { String(decoding: parts.first { $0.path == path }!.bytes, as: UTF8.self) }
        #expect(part("xl/worksheets/sheet1.xml").hasSuffix("""
        <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="2"><v>1234.5</v></c><c r="C2" s="3"><v>0.333333333333</v></c>\
        <c r="D2"><v>2</v></c></row><row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>6</v></c><c r="C3" t="s"><v>7</v></c></row>\
        </sheetData></worksheet>
        """))
        #expect(part("xl/styles.xml").contains("""
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
        """))
        // Money alone needs one style more; plain numbers none, so such workbooks keep their bytes.
        let moneyOnly = XLSXWriter.parts(sheets: [XLSXWriter.Sheet(name: "s", rows: [[.number("1", format: .money)]])])
        #expect(String(decoding: moneyOnly.first { $0.path == "xl/styles.xml" }!.bytes, as: UTF8.self).contains("<cellXfs count=\"3\">"))
        let plain = XLSXWriter.parts(sheets: [XLSXWriter.Sheet(name: "s", rows: [[.number("1")]])])
        #expect(String(decoding: plain.first { $0.path == "xl/styles.xml" }!.bytes, as: UTF8.self).contains("<cellXfs count=\"2\">"))
    }

    /// An exported workbook loads back: money to the fen.
    @Test func xlsxMoneyLoadsBackExactly() throws {
        let t = Table(headers: ["项目编码", "项目名称", "预算(万元)"], alignments: [.left, .left, .right],
                      rows: [[.text("XM001"), .text("甲"), .money(Self.fen(123_456_789), unit: .wan, withUnit: false)]])
        let path = DataTest.scratch() + "/m.xlsx"
        _ = try exportTable(t, to: path)
        let out = try DataTest.load(path, .projects, into: DataTest.model([]))
        #expect(out.model.projects["XM001"]?.initialFen == 123_456_789)
    }
}
