/// A table of text cells, aligned by display width so Chinese names line up in a terminal.
public struct TextTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]
    /// Summary rows (合计) under a rule.
    public var footer: [[String]] = []

    public init(headers: [String], alignments: [Alignment], rows: [[String]], footer: [[String]] = []) {
        self.headers = headers
        self.alignments = alignments
        self.rows = rows
        self.footer = footer
    }

    /// Plain text: two spaces between columns, a rule of `-` under the header and above the footer.
    /// Only ASCII is used for rules: box-drawing characters are two columns wide in some CJK terminals.
    public func render() -> String {
        let all = [headers] + rows + footer
        var widths = Array(repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for i in 0..<headers.count {
                let cell = i < row.count ? row[i] : ""
                let alignLeft = alignments[i] == .left
                parts.append(DisplayWidth.pad(cell, to: widths[i], alignLeft: alignLeft))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = [line(headers), rule]
        out += rows.map(line)
        if !footer.isEmpty {
            out.append(rule)
            out += footer.map(line)
        }
        return out.joined(separator: "\n")
    }
}
