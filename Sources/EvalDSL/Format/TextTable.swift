extension Table {
    /// Plain text for the terminal: cells aligned by display width so Chinese names line up, two
    /// spaces between columns, a rule of `-` under the header and above the footer. Only ASCII is
    /// used for rules: box-drawing characters are two columns wide in some CJK terminals.
    /// The notes of marked footer cells follow the table, one line each.
    public func render() -> String {
        let (body, summary) = texts(grouping: true, aligned: true)
        var widths = Array(repeating: 0, count: headers.count)
        for row in [headers] + body + summary {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for i in 0..<headers.count {
                let cell = i < row.count ? row[i] : ""
                parts.append(DisplayWidth.pad(cell, to: widths[i], alignLeft: alignments[i] == .left))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = [line(headers), rule]
        out += body.map(line)
        if !summary.isEmpty {
            out.append(rule)
            out += summary.map(line)
        }
        out += notes.map(\.text)
        return out.joined(separator: "\n")
    }
}
