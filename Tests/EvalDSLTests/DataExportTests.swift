import Foundation
import Testing
@testable import EvalDSL

/// Export: the exact bytes of CSV, Markdown and JSON, formula injection, atomic writes, round trips.
@Suite struct DataExportTests {
    /// Money in 万元 as the session holds it: fen.
    static func wan(_ s: String) -> Table.Cell {
        .money(try! Rational(decimal: Substring(s))!.multiplied(by: Rational(1_000_000)), unit: .wan, withUnit: false)
    }

    static func rate(_ s: String) -> Table.Cell { .rate(Rational(decimal: Substring(s))!) }

    static func texts(_ rows: [[String]]) -> [[Table.Cell]] { rows.map { $0.map { .text($0) } } }

    static let table = Table(
        headers: ["项目编码", "项目名称", "预算(万元)", "执行率", "备注"],
        alignments: [.left, .left, .right, .right, .left],
        rows: [
            [.text("XM001"), .text("档案,库房 \"一期\""), wan("1234.50"), rate("-0.125"), .text("=HYPERLINK(\"http://x\")")],
            [.text("-XM002"), .text("@SUM(A1)"), wan("-12.50"), .notStated, .text("+86 138\n第二行")],
            [.text("XM003"), .text("a|b\\c"), .undefined("zero budget"), rate("0.3722"), .text("\tTab")],
        ])

    @Test func csvHasABOMCRLFQuotesAndNeutralisedFormulas() {
        let expected = "\u{FEFF}项目编码,项目名称,预算(万元),执行率,备注\r\n"
            + "XM001,\"档案,库房 \"\"一期\"\"\",1234.50,-12.50%,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
            + "'-XM002,'@SUM(A1),-12.50,—,\"'+86 138\n第二行\"\r\n"
            + "XM003,a|b\\c,undefined,37.22%,'\tTab\r\n"
        #expect(ExportText.csv(Self.table) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("-", "'-"), ("-1,234.56", "'-1,234.56"), ("12", "12"), ("档案", "档案"),
    ])
    func neutralisesFormulas(cell: String, expected: String) {
        #expect(ExportText.neutralised(cell) == expected)
    }

    /// Whether a cell is a number is its kind, not how its text reads: a computed figure stays a
    /// number, text that looks like one is still neutralised.
    @Test func figuresAreNeverNeutralisedTextAlways() {
        let t = Table(headers: ["a", "b", "c", "d"], alignments: [.right, .right, .right, .right],
                      rows: [[Self.wan("-1234.56"), Self.rate("-0.035"), .number(Rational(-1)), .text("-1")]])
        #expect(ExportText.csv(t) == Array("\u{FEFF}a,b,c,d\r\n-1234.56,-3.50%,-1,'-1\r\n".utf8))
    }

    @Test func markdownEscapesPipesAndBreaks() {
        #expect(ExportText.markdown(Self.table) == """
        | 项目编码 | 项目名称 | 预算(万元) | 执行率 | 备注 |
        | --- | --- | ---: | ---: | --- |
        | XM001 | 档案,库房 "一期" | 1234.50 | -12.50% | =HYPERLINK("http://x") |
        | -XM002 | @SUM(A1) | -12.50 | — | +86 138<br>第二行 |
        | XM003 | a\\|b\\\\c | undefined | 37.22% | \tTab |

        """)
    }

    @Test func jsonIsAnArrayOfObjectsInColumnOrder() {
        #expect(ExportText.json(Self.table) == """
        [
          {"项目编码": "XM001", "项目名称": "档案,库房 \\"一期\\"", "预算(万元)": 1234.50, "执行率": "-12.50%", "备注": "=HYPERLINK(\\"http://x\\")"},
          {"项目编码": "-XM002", "项目名称": "@SUM(A1)", "预算(万元)": -12.50, "执行率": "—", "备注": "+86 138\\n第二行"},
          {"项目编码": "XM003", "项目名称": "a|b\\\\c", "预算(万元)": "undefined", "执行率": "37.22%", "备注": "\\tTab"}
        ]

        """)
        let twice = Table(headers: ["a", "a"], alignments: [.left, .right], rows: Self.texts([["1\u{1}", "2"]]))
        #expect(ExportText.json(twice) == "[\n  {\"a\": \"1\\u0001\", \"a (2)\": \"2\"}\n]\n")
        #expect(ExportText.json(Table(headers: ["a"], alignments: [.left], rows: [])) == "[]\n")
        // The output is JSON that Foundation reads back, with the same values.
        let parsed = try? JSONSerialization.jsonObject(with: Data(ExportText.json(Self.table).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?[1]["备注"] as? String == "+86 138\n第二行")
        #expect((parsed?[0]["预算(万元)"] as? NSNumber)?.doubleValue == 1234.5)
    }

    @Test func writesAtomicallyAndReplacesOnlyWhenAsked() throws {
        let dir = DataTest.scratch()
        let path = dir + "/表.csv"
        let out = try exportTable(Self.table, to: path)
        #expect(out.summary == "exported 3 rows to \(path)")
        #expect(out.format == .csv)
        #expect(DataTest.read(path) == ExportText.csv(Self.table))
        // The same bytes again are no conflict; other bytes without `replace` are refused.
        #expect(try exportTable(Self.table, to: path).rows == 3)
        let small = Table(headers: ["a"], alignments: [.left], rows: Self.texts([["1"]]))
        #expect(throws: ExportError(kind: .exists, path: path)) { try exportTable(small, to: path) }
        #expect(DataTest.read(path) == ExportText.csv(Self.table))
        _ = try exportTable(small, to: path, replace: true)
        #expect(DataTest.read(path) == ExportText.csv(small))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["表.csv"])
        let md = try exportTable(Self.table, to: dir + "/t.md")
        #expect(md.format == .markdown)
        #expect(String(decoding: DataTest.read(dir + "/t.md"), as: UTF8.self) == ExportText.markdown(Self.table))
        #expect(try exportTable(Self.table, to: dir + "/t.txt", format: .json).format == .json)
    }

    @Test func refusesWhatItCannotWrite() {
        let dir = DataTest.scratch()
        #expect(throws: ExportError(kind: .cannotWrite("its folder does not exist"), path: dir + "/no/t.csv")) {
            try exportTable(Self.table, to: dir + "/no/t.csv")
        }
        #expect(throws: ExportError(kind: .unknownFormat, path: dir + "/t.txt")) { try exportTable(Self.table, to: dir + "/t.txt") }
        #expect(throws: ExportError(kind: .ragged(row: 1, cells: 1, columns: 2), path: dir + "/t.csv")) {
            try exportTable(Table(headers: ["a", "b"], alignments: [.left, .left], rows: Self.texts([["1"]])), to: dir + "/t.csv")
        }
        #expect(throws: ExportError(kind: .cannotWrite("it is a folder"), path: dir)) {
            try exportTable(Self.table, to: dir, format: .csv, replace: true)
        }
    }

    /// What is exported loads back as it was, from CSV and from .xlsx.
    @Test func exportedTablesLoadBack() throws {
        let dir = DataTest.scratch()
        let projects = Table(headers: ["项目编码", "项目名称", "资金来源", "预算(万元)"], alignments: [.left, .left, .left, .right],
                             rows: [[.text("XM001"), .text("=档案,库房"), .text("本级"), Self.wan("1234.50")],
                                    [.text("XM002"), .text("-职称"), .text("省级"), Self.wan("0.01")]])
        for name in ["p.csv", "p.xlsx"] {
            _ = try exportTable(projects, to: dir + "/" + name)
            let out = try DataTest.load(dir + "/" + name, .projects, into: DataTest.model([]))
            #expect(out.model.projects.values.map { $0.initialFen ?? 0 } == [1_234_500_000, 10_000], "\(name)")
            // The loader takes off the quote that neutralised a formula in CSV; .xlsx needs none.
            #expect(out.model.projects.values.map { $0.title ?? "" } == ["=档案,库房", "-职称"], "\(name)")
        }
    }
}
