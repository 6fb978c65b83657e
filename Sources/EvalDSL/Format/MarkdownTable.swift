extension Table {
    /// How a Markdown table escapes its cells.
    public enum MarkdownEscaping: Sendable {
        /// `|` and `\` escaped, line breaks as `<br>`: the form `export` writes.
        case full
        /// Only `|` escaped: the form reports have always had (their cells hold no line breaks).
        case pipes
    }

    /// A GitHub-flavoured Markdown table: right-aligned columns marked `---:`, the footer as rows,
    /// an empty cell as one space, each line ending with a newline.
    public func markdown(grouping: Bool, escaping: MarkdownEscaping) -> String {
        func cell(_ s: String) -> String {
            var out = ""
            switch escaping {
            case .pipes:
                out = s.replacingOccurrences(of: "|", with: "\\|")
            case .full:
                for ch in s {
                    switch ch {
                    case "|": out += "\\|"
                    case "\\": out += "\\\\"
                    case "\n", "\r\n", "\r": out += "<br>"
                    default: out.append(ch)
                    }
                }
            }
            return out.isEmpty ? " " : out
        }
        var out = "| " + headers.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows + footer {
            out += "| " + row.map { cell($0.text(grouping: grouping)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
