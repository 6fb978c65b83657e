/// The HTML form of a notebook report: one self-contained file (inline CSS and SVG, no script, no
/// network), readable offline and printable.
struct HTMLReport {
    let model: BudgetModel
    let file: SourceFile

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
    .chart{display:block;margin:.4em 0 1.4em 0;max-width:100%;height:auto}
    """

    func render(_ blocks: [NotebookReport.Block], title: String) -> String {
        var blocks = blocks[...]
        var heading = title
        var body = ""
        if case .prose(var lines)? = blocks.first {
            heading = lines.removeFirst()
            blocks = blocks.dropFirst()
            if !lines.isEmpty { body += prose(lines) }
        }
        for b in blocks {
            switch b {
            case .prose(let lines): body += prose(lines)
            case .statement(let source, let r): body += statement(source, r)
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLReport.escape(heading))</title>
        <style>
        \(HTMLReport.style)
        </style>
        </head>
        <body>
        <h1>\(HTMLReport.inline(heading))</h1>
        \(body)</body>
        </html>

        """
    }

    func prose(_ lines: [String]) -> String {
        var out = ""
        for p in NotebookReport.paragraphs(lines) {
            if p.isList {
                out += "<ul>\n" + p.lines.map { "<li>" + HTMLReport.inline(($0.hasPrefix("- ") || $0.hasPrefix("* ")) ? String($0.dropFirst(2)) : $0) + "</li>\n" }.joined() + "</ul>\n"
            } else {
                out += "<p>" + p.lines.map(HTMLReport.inline).joined(separator: "\n") + "</p>\n"
            }
        }
        return out
    }

    func statement(_ source: String, _ r: StatementResult) -> String {
        var out = "<pre class=\"code\">\(HTMLReport.escape(source))</pre>\n"
        if let d = r.diagnostic {
            return out + "<pre class=\"error\">\(HTMLReport.escape(d.renderRecorded(in: file)))</pre>\n"
        }
        switch r.output {
        case .none: break
        case .value, .text, .comparison, .form:
            out += "<div class=\"result\">\(HTMLReport.escape(r.text))</div>\n"
        case .check(let c):
            let cls = c.status == .passed ? "pass" : (c.status == .knownFinding ? "finding" : "fail")
            let lines = c.rendered.split(separator: "\n", omittingEmptySubsequences: false)
            out += "<div class=\"result \(cls)\">\(HTMLReport.escape(String(lines[0])))</div>\n"
            for extra in lines.dropFirst() { out += "<div class=\"note\">\(HTMLReport.escape(extra.trimmingCharacters(in: .whitespaces)))</div>\n" }
        case .table(let t):
            out += table(t)
        case .compare(let c):
            out += table(c.table(model: model)) + Charts.compare(c, model: model) + "\n"
        case .progress(let p):
            out += table(p.table.droppingLastColumn()) + Charts.progress(p) + "\n"
            if p.lagging.isEmpty {
                out += "<p>No project lags the schedule by more than \(p.thresholdText).</p>\n"
            } else {
                out += "<p>Projects more than \(p.thresholdText) behind the schedule (! marks the periods):</p>\n" + table(p.laggingTable)
            }
        }
        return out
    }

    func table(_ t: TextTable) -> String {
        var out = "<table>\n<thead><tr>" + t.headers.map { "<th>\(HTMLReport.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        func row(_ cells: [String], _ cls: String?) -> String {
            var r = cls.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for (i, c) in cells.enumerated() {
                let num = i < t.alignments.count && t.alignments[i] == .right
                r += num ? "<td class=\"num\">\(HTMLReport.escape(c))</td>" : "<td>\(HTMLReport.escape(c))</td>"
            }
            return r + "</tr>\n"
        }
        for r in t.rows { out += row(r, nil) }
        for r in t.footer { out += row(r, "total") }
        return out + "</tbody>\n</table>\n"
    }
}

extension TextTable {
    /// The table without its last column (the text bars, which the HTML draws as a chart instead).
    func droppingLastColumn() -> TextTable {
        TextTable(headers: Array(headers.dropLast()), alignments: Array(alignments.dropLast()),
                  rows: rows.map { Array($0.dropLast()) }, footer: footer.map { Array($0.dropLast()) })
    }
}
