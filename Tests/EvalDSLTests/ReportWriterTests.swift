import Testing
@testable import EvalDSL

/// The report walker and its writers: the walker turns a notebook into blocks; each writer turns
/// blocks into bytes.
@Suite struct ReportWriterTests {
    static let notebook = Notebook(name: "n.evl", text: """
    # 标题
    # 第一段，`rate` 见下。
    #
    # - 项一
    # A1. 项二
    year 2020
    unit 万元
    project a "甲" budget 10
    pay a 5万元 on 2020-03-01
    rate(a)
    #> 50.00%
    table projects columns id, rate
    check rate(a) = 50%
    rate(b)

    """)

    @Test func theWalkerGivesBlocksInOrder() {
        let (title, blocks) = NotebookReport.walk(Self.notebook)
        #expect(title == "标题")
        #expect(blocks.count == 10)
        #expect(blocks[0] == .paragraph(["第一段，`rate` 见下。"]))
        #expect(blocks[1] == .list(["- 项一", "A1. 项二"]))
        // Statements that print nothing share a code block with the one after them.
        #expect(blocks[2] == .code("year 2020\nunit 万元\nproject a \"甲\" budget 10\npay a 5万元 on 2020-03-01\nrate(a)"))
        #expect(blocks[3] == .result("50.00%"))
        #expect(blocks[4] == .code("table projects columns id, rate"))
        #expect(blocks[5] == .table(Table(headers: ["编号", "执行率"], alignments: [.left, .right],
                                          rows: [[.text("a"), .rate(try! Rational(1, 2))]], footer: [[.text("合计"), .rate(try! Rational(1, 2))]])))
        #expect(blocks[6] == .code("check rate(a) = 50%"))
        guard case .check(let c) = blocks[7] else { Issue.record("not a check: \(blocks[7])"); return }
        #expect(c.status == .passed)
        #expect(blocks[8] == .code("rate(b)"))
        #expect(blocks[9] == .error("14:6: error[E301]: unknown name `b`\nhint: did you mean `a` (declared at line 8)?"))
    }

    @Test func markdown() {
        let md = String(decoding: NotebookReport.render(Self.notebook, format: .markdown), as: UTF8.self)
        #expect(md.hasPrefix("""
        # 标题

        第一段，`rate` 见下。

        - 项一
        - A1. 项二

        ```
        year 2020
        unit 万元
        project a "甲" budget 10
        pay a 5万元 on 2020-03-01
        rate(a)
        ```

        > 50.00%

        ```
        table projects columns id, rate
        ```

        | 编号 | 执行率 |
        | --- | ---: |
        | a | 50.00% |
        | 合计 | 50.00% |

        ```
        check rate(a) = 50%
        ```

        > ✓ rate(a) = 50%

        ```
        rate(b)
        ```

        ```text
        14:6: error[E
        """))
        #expect(md.hasSuffix("hint: did you mean `a` (declared at line 8)?\n```\n"))
    }

    @Test func html() {
        let html = String(decoding: NotebookReport.render(Self.notebook, format: .html), as: UTF8.self)
        #expect(html.contains("<title>标题</title>"))
        #expect(html.contains("""
        <body>
        <h1>标题</h1>
        <p>第一段，<code>rate</code> 见下。</p>
        <ul>
        <li>项一</li>
        <li>A1. 项二</li>
        </ul>
        <pre class="code">year 2020
        """))
        #expect(html.contains("""
        rate(a)</pre>
        <div class="result">50.00%</div>
        <pre class="code">table projects columns id, rate</pre>
        <table>
        <thead><tr><th>编号</th><th>执行率</th></tr></thead>
        <tbody>
        <tr><td>a</td><td class="num">50.00%</td></tr>
        <tr class="total"><td>合计</td><td class="num">50.00%</td></tr>
        </tbody>
        </table>
        <pre class="code">check rate(a) = 50%</pre>
        <div class="result pass">✓ rate(a) = 50%</div>
        <pre class="code">rate(b)</pre>
        <pre class="error">14:6: error[E
        """))
        #expect(html.hasSuffix("</pre>\n</body>\n</html>\n"))
    }

    /// A writer of another format needs only the protocol: here, an outline of what a report holds.
    struct Outline: ReportWriter {
        var lines: [String] = []
        mutating func begin(title: String) { lines = ["title " + title] }
        mutating func write(_ block: ReportBlock) {
            switch block {
            case .paragraph(let l): lines.append("paragraph \(l.count)")
            case .list(let items): lines.append("list " + items.map(ReportBlock.itemText).joined(separator: "|"))
            case .code: lines.append("code")
            case .error: lines.append("error")
            case .result(let t): lines.append("result " + t)
            case .check(let c): lines.append("check \(c.status == .passed)")
            case .table(let t): lines.append("table \(t.headers.count)x\(t.rows.count + t.footer.count)")
            case .chart(.progress): lines.append("chart progress")
            case .chart(.compare): lines.append("chart compare")
            case .form(let f): lines.append("form " + f.name)
            }
        }
        mutating func finish() -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
    }

    @Test func anyWriterFitsTheWalker() {
        var w = Outline()
        let out = String(decoding: NotebookReport.render(Self.notebook, into: &w), as: UTF8.self)
        #expect(out == "title 标题\nparagraph 1\nlist 项一|A1. 项二\ncode\nresult 50.00%\ncode\ntable 2x2\ncode\ncheck true\ncode\nerror")
    }

    @Test func progressAndCompareBecomeTablesAndCharts() {
        let nb = Notebook(name: "p.evl", text: """
        year 2020
        unit 万元
        project a "甲" budget 10
        pay a 5万元 on 2020-03-01
        scenario s = a pays rest in Q4
        progress projects
        compare rate(a) across s

        """)
        var w = Outline()
        let out = String(decoding: NotebookReport.render(nb, into: &w), as: UTF8.self)
        #expect(out == "title p.evl\ncode\ntable 6x4\nchart progress\nparagraph 1\ntable 5x1\ncode\ntable 4x1\nchart compare")
    }
}
