/// The HTML form of a notebook report: one self-contained file (inline CSS and SVG, no script, no
/// network), readable offline and printable.
public struct HTMLReportWriter: ReportWriter {
    var title = ""
    var body = ""
    /// Report mode's options; nil for the notebook view.
    var report: ReportOptions?

    public init() {}

    /// A writer of report mode: official styling, print CSS, report mode's wording in forms.
    public init(report: ReportOptions) { self.report = report }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Inline `code` spans in prose.
    static func inline(_ s: String) -> String {
        var out = ""
        var inCode = false
        for part in s.split(separator: "`", omittingEmptySubsequences: false) {
            out += inCode ? "<code>\(escape(String(part)))</code>" : escape(String(part))
            inCode.toggle()
        }
        return out
    }

    static let style = """
    body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}
    h1{font-size:1.6em;border-bottom:2px solid #3a7bd5;padding-bottom:.3em}
    pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:.6em .8em;overflow-x:auto;font-size:.9em}
    pre.code{border-left:4px solid #3a7bd5}
    .result{margin:.2em 0 1.2em 0;font-family:monospace;white-space:pre-wrap}
    .pass{color:#1e7e34}.fail{color:#c0392b}.finding{color:#b9770e}
    .note{color:#666;font-size:.9em;margin-left:1.5em}
    pre.error{border-left:4px solid #c0392b;color:#c0392b;background:#fdf2f2}
    table{border-collapse:collapse;margin:.4em 0 1.2em 0;font-size:.92em}
    th,td{border:1px solid #ccc;padding:.25em .6em}
    th{background:#eef3fb}
    td.num{text-align:right;font-variant-numeric:tabular-nums}
    tr.total td{font-weight:bold;background:#fafafa}
    .mark{color:#c0392b}.pad{visibility:hidden}
    .form{margin:.6em 0 1.4em 0}
    .form h2{font-size:1.15em;text-align:center;margin:.4em 0}
    table.form{width:100%;margin:0 0 -1px 0}
    table.form th{white-space:nowrap}
    table.form th.side{width:6.5em}
    table.form td.text{white-space:normal;min-width:10em}
    table.form td.part{padding-left:1.6em}
    .chart{display:block;margin:.4em 0 1.4em 0;max-width:100%;height:auto}
    """

    public mutating func begin(title: String) {
        self.title = title
        body = ""
    }

    public mutating func write(_ block: ReportBlock) {
        switch block {
        case .paragraph(let lines) where report != nil:
            let text = NotebookReport.joinProse(lines)
            body += (ReportBuilder.isCaption(text) ? "<p class=\"caption\">" : "<p>") + Self.inline(text) + "</p>\n"
        case .paragraph(let lines):
            body += "<p>" + lines.map(Self.inline).joined(separator: "\n") + "</p>\n"
        case .list(let items) where report != nil && !items.contains(where: { $0.hasPrefix("- ") || $0.hasPrefix("* ") }):
            // Items with marks of their own (`A1.`): no bullet as well.
            body += "<ul class=\"marked\">\n" + items.map { "<li>" + Self.inline($0) + "</li>\n" }.joined() + "</ul>\n"
        case .list(let items):
            body += "<ul>\n" + items.map { "<li>" + Self.inline(ReportBlock.itemText($0)) + "</li>\n" }.joined() + "</ul>\n"
        case .code(let source):
            body += "<pre class=\"code\">\(Self.escape(source))</pre>\n"
        case .error(let text):
            body += "<pre class=\"error\">\(Self.escape(text))</pre>\n"
        case .result(let text):
            body += "<div class=\"result\">\(Self.escape(text))</div>\n"
        case .check(let c):
            let cls = switch c.status {
            case .passed: "pass"
            case .knownFinding: "finding"
            case .failed, .findingHolds: "fail"
            }
            let lines = c.rendered.split(separator: "\n", omittingEmptySubsequences: false)
            body += "<div class=\"result \(cls)\">\(Self.escape(String(lines[0])))</div>\n"
            for extra in lines.dropFirst() { body += "<div class=\"note\">\(Self.escape(extra.trimmingSpace()))</div>\n" }
        case .table(let t):
            body += Self.table(t)
        case .form(let f):
            body += Self.form(f, language: report?.language)
        case .chart(.progress(let p)):
            body += Charts.progress(p) + "\n"
        case .chart(.compare(let c)):
            body += Charts.compare(c) + "\n"
        }
    }

    public mutating func heading(_ text: String, level: Int) {
        let tag = "h\(min(level + 1, 4))"
        body += "<\(tag)>\(Self.inline(text))</\(tag)>\n"
    }

    public mutating func pageBreak() { body += "<div class=\"pagebreak\"></div>\n" }

    public mutating func finish() -> [UInt8] {
        let css = report == nil ? Self.style : Self.reportStyle(report!)
        return Array("""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <h1>\(Self.inline(title))</h1>
        \(body)</body>
        </html>

        """.utf8)
    }

    /// A table of the cells' text; figure columns right-aligned, the footer in bold, its notes under
    /// it. Columns of text bars are left out: the chart that follows draws them.
    static func table(_ t: Table) -> String {
        let bars = Set(t.headers.indices.filter { i in
            !t.rows.isEmpty && t.rows.allSatisfy { i < $0.count && $0[i].isBar }
        })
        let shown = t.headers.indices.filter { !bars.contains($0) }
        var out = "<table>\n<thead><tr>" + shown.map { "<th>\(escape(t.headers[$0]))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let marked = Set(t.notes.map { [$0.row, $0.column] })
        let markedColumns = Set(t.notes.map(\.column))
        func row(_ cells: [String], footer: Int?) -> String {
            var r = footer == nil ? "<tr>" : "<tr class=\"total\">"
            for (i, c) in cells.enumerated() where !bars.contains(i) {
                var text = escape(c)
                if let footer, marked.contains([footer, i]) {
                    text = escape(String(c.dropLast(Table.noteMark.count))) + "<span class=\"mark\">\(escape(Table.noteMark))</span>"
                } else if markedColumns.contains(i) && c.hasSuffix(" ") {
                    // The space the terminal keeps for the mark: a hidden mark, so digits line up.
                    text = escape(String(c.dropLast())) + "<span class=\"pad\">\(escape(Table.noteMark))</span>"
                }
                r += i < t.alignments.count && t.alignments[i] == .right ? "<td class=\"num\">\(text)</td>" : "<td>\(text)</td>"
            }
            return r + "</tr>\n"
        }
        let (body, summary) = t.texts(grouping: true, aligned: true)
        for r in body { out += row(r, footer: nil) }
        for (k, r) in summary.enumerated() { out += row(r, footer: k) }
        out += "</tbody>\n</table>\n"
        for n in t.notes { out += "<p class=\"note\">\(escape(n.text))</p>\n" }
        return out
    }
}

extension Table.Cell {
    var isBar: Bool {
        if case .bar = self { return true }
        return false
    }
}
