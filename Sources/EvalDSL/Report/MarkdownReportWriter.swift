/// The Markdown form of a notebook report: text bars stand for charts.
public struct MarkdownReportWriter: ReportWriter {
    var out = ""
    /// Report mode's options; nil for the notebook view.
    var report: ReportOptions?

    public init() {}

    /// A writer of report mode: report mode's wording in forms.
    public init(report: ReportOptions) { self.report = report }

    public mutating func begin(title: String) {
        out = "# " + title + "\n\n"
    }

    public mutating func write(_ block: ReportBlock) {
        switch block {
        case .paragraph(let lines):
            out += lines.joined(separator: "\n") + "\n\n"
        case .list(let items):
            for item in items { out += (item.hasPrefix("- ") || item.hasPrefix("* ") ? item : "- " + item) + "\n" }
            out += "\n"
        case .code(let source):
            out += "```\n\(source)\n```\n\n"
        case .error(let text):
            out += "```text\n\(text)\n```\n\n"
        case .result(let text):
            out += text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        case .check(let c):
            out += "> " + (c.status == .passed ? "✓" : "✗") + " " + c.rendered.dropFirst(2).split(separator: "\n").joined(separator: "<br>") + "\n\n"
        case .table(let t):
            out += t.markdown(grouping: true, escaping: .pipes, notes: true) + "\n"
        case .form(let f):
            out += Self.form(f, language: report?.language)
        case .chart(.compare(let c)):
            out += "```text\n" + Self.textBars(c) + "```\n\n"
        case .chart(.progress):
            break   // the table's 执行进度 column holds the bars
        }
    }

    public mutating func heading(_ text: String, level: Int) {
        out += String(repeating: "#", count: min(level + 1, 4)) + " " + text + "\n\n"
    }

    public mutating func finish() -> [UInt8] {
        while out.hasSuffix("\n\n") { out.removeLast() }
        return Array(out.utf8)
    }

    /// For each row of money or rates: one bar per column, scaled to the row's largest value.
    static func textBars(_ c: CompareReport) -> String {
        let names = ["基线"] + c.scenarios
        let width = names.map { DisplayWidth.of($0) }.max() ?? 4
        var out = ""
        for row in c.rows {
            let numbers = row.values.map(Charts.magnitude)
            guard numbers.allSatisfy({ $0 != nil }), let top = numbers.compactMap({ $0 }).max(), top > 0 else { continue }
            out += row.expression + "\n"
            for (k, v) in row.values.enumerated() {
                let cells = Int((numbers[k]! / top * 30).rounded())
                out += "  " + DisplayWidth.pad(names[k], to: width, alignLeft: true) + "  " + String(repeating: "█", count: cells) + " " + Charts.label(v, unit: c.unit) + "\n"
            }
        }
        return out
    }
}
