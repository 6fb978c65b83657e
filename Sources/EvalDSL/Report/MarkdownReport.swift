/// The Markdown form of a notebook report: text bars stand for charts.
struct MarkdownReport {
    let model: BudgetModel
    let file: SourceFile

    func render(_ blocks: [NotebookReport.Block], title: String) -> String {
        var out = ""
        var blocks = blocks[...]
        // The first line of a leading comment block is the report's title.
        if case .prose(var lines)? = blocks.first {
            out += "# " + escapeInline(lines.removeFirst()) + "\n\n"
            blocks = blocks.dropFirst()
            if !lines.isEmpty { out += prose(lines) }
        } else {
            out += "# " + escapeInline(title) + "\n\n"
        }
        for b in blocks {
            switch b {
            case .prose(let lines): out += prose(lines)
            case .statement(let source, let r): out += statement(source, r)
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    func prose(_ lines: [String]) -> String {
        var out = ""
        for p in NotebookReport.paragraphs(lines) {
            if p.isList {
                for item in p.lines { out += (item.hasPrefix("- ") || item.hasPrefix("* ") ? item : "- " + item) + "\n" }
            } else {
                out += p.lines.joined(separator: "\n") + "\n"
            }
            out += "\n"
        }
        return out
    }

    func statement(_ source: String, _ r: StatementResult) -> String {
        var out = "```\n\(source)\n```\n\n"
        if let d = r.diagnostic {
            return out + "```text\n\(d.renderRecorded(in: file))\n```\n\n"
        }
        switch r.output {
        case .none: return out
        case .value, .text, .comparison, .form:
            out += r.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        case .check(let c):
            out += "> " + (c.status == .passed ? "✓" : "✗") + " " + c.rendered.dropFirst(2).split(separator: "\n").joined(separator: "<br>") + "\n\n"
        case .table(let t):
            out += markdownTable(t) + "\n"
        case .compare(let c):
            out += markdownTable(c.table(model: model)) + "\n"
            out += "```text\n" + textBars(c) + "```\n\n"
        case .progress(let p):
            out += markdownTable(p.table) + "\n"
            if p.lagging.isEmpty {
                out += "No project lags the schedule by more than \(p.thresholdText).\n\n"
            } else {
                out += "Projects more than \(p.thresholdText) behind the schedule (! marks the periods):\n\n" + markdownTable(p.laggingTable) + "\n"
            }
        }
        return out
    }

    func markdownTable(_ t: TextTable) -> String {
        func cell(_ s: String) -> String { s.isEmpty ? " " : s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + t.headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + t.alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for row in t.rows + t.footer { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// For each row of money or rates: one bar per column, scaled to the row's largest value.
    func textBars(_ c: CompareReport) -> String {
        let f = ValueFormatter(unit: c.unit)
        let names = ["基线"] + c.scenarios
        let width = names.map { DisplayWidth.of($0) }.max() ?? 4
        var out = ""
        for row in c.rows {
            let numbers = row.values.map(Charts.magnitude)
            guard numbers.allSatisfy({ $0 != nil }), let top = numbers.compactMap({ $0 }).max(), top > 0 else { continue }
            out += row.expression + "\n"
            for (k, v) in row.values.enumerated() {
                let cells = Int((numbers[k]! / top * 30).rounded())
                out += "  " + DisplayWidth.pad(names[k], to: width, alignLeft: true) + "  " + String(repeating: "█", count: cells) + " " + f.format(v, model: model) + "\n"
            }
        }
        return out
    }

    func escapeInline(_ s: String) -> String { s }
}
