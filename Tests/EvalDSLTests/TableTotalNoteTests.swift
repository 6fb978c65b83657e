import Testing
@testable import EvalDSL

/// A 合计 figure that differs from what its rows add up to: marked and explained under the table in
/// reports, kept as the stated number in exports.
@Suite struct TableTotalNoteTests {
    static let notebook = Notebook(name: "n.evl", text: """
    # 转移支付
    year 2020
    unit 万元
    project x source 省级 budget 1874.71
    project y source 市级 budget 398
    pay x 1500 on 2020-12-31
    pay y 380.77 on 2020-12-31
    group t = projects where source = 省级 or source = 市级
    total t budget 2239.71 paid 1880.77
    table t columns id, budget, paid

    """)

    static func table() -> Table {
        let (_, blocks) = NotebookReport.walk(notebook)
        for case .table(let t) in blocks { return t }
        Issue.record("no table")
        return Table(headers: [], alignments: [], rows: [])
    }

    static let note = "* 合计 states 2,239.71 万元 for budget; the rows shown add up to 2,272.71 万元 (difference -33.00 万元)"

    @Test func terminal() {
        #expect(Self.table().render() == """
        编号  预算(万元)  支出(万元)
        ----  ----------  ----------
        x      1,874.71     1,500.00
        y        398.00       380.77
        ----  ----------  ----------
        合计   2,239.71*    1,880.77
        \(Self.note)
        """)
    }

    @Test func markdownReport() {
        let md = String(decoding: NotebookReport.render(Self.notebook, format: .markdown), as: UTF8.self)
        #expect(md.hasSuffix("""
        | 编号 | 预算(万元) | 支出(万元) |
        | --- | ---: | ---: |
        | x | 1,874.71 | 1,500.00 |
        | y | 398.00 | 380.77 |
        | 合计 | 2,239.71* | 1,880.77 |

        \\\(Self.note)

        """))
    }

    @Test func htmlReport() {
        let html = String(decoding: NotebookReport.render(Self.notebook, format: .html), as: UTF8.self)
        #expect(html.contains("""
        <tr><td>x</td><td class="num">1,874.71<span class="pad">*</span></td><td class="num">1,500.00</td></tr>
        <tr><td>y</td><td class="num">398.00<span class="pad">*</span></td><td class="num">380.77</td></tr>
        <tr class="total"><td>合计</td><td class="num">2,239.71<span class="mark">*</span></td><td class="num">1,880.77</td></tr>
        </tbody>
        </table>
        <p class="note">\(Self.note)</p>
        """))
    }

    /// Exports keep the stated figure as a number a spreadsheet can add, without the mark or note.
    @Test func exportsKeepTheStatedFigure() {
        let t = Self.table()
        #expect(String(decoding: ExportText.csv(t).dropFirst(3), as: UTF8.self) == "编号,预算(万元),支出(万元)\r\nx,1874.71,1500.00\r\ny,398.00,380.77\r\n合计,2239.71,1880.77\r\n")
        #expect(ExportText.json(t).contains(#"{"编号": "合计", "预算(万元)": 2239.71, "支出(万元)": 1880.77}"#))
        #expect(!ExportText.markdown(t).contains("*"))
    }

    /// Money cells show the model's stated decimals in every writer: 47.318 where it needs them.
    @Test func statedDecimals() {
        let nb = Notebook(name: "d.evl", text: """
        unit 万元
        project p budget 47.318
        project q budget 50
        table projects columns id, budget

        """)
        var t: Table?
        for case .table(let found) in NotebookReport.walk(nb).blocks { t = found }
        guard let t else { Issue.record("no table"); return }
        #expect(t.render().hasSuffix("p         47.318\nq          50.00\n----  ----------\n合计      97.318"))
        #expect(String(decoding: ExportText.csv(t), as: UTF8.self).contains("p,47.318\r\nq,50.00\r\n"))
        #expect(ExportText.json(t).contains(#""预算(万元)": 47.318"#))
    }
}
