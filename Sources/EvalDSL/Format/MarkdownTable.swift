extension Table {
    /// How a Markdown table escapes its cells.
    public enum MarkdownEscaping: Sendable {
        /// `|` and `\` escaped, line breaks as `<br>`: the form `export` writes.
        case full
        /// Only `|` escaped: the form reports have always had (their cells hold no line breaks).
        case pipes
    }

    /// A GitHub-flavoured Markdown table: right-aligned columns marked `---:`, the footer as rows,
    /// an empty cell as one space, each line ending with a newline. `notes`: marked footer cells and,
    /// after a blank line, their notes (reports); without, the footer keeps its figures bare (exports).
    public func markdown(grouping: Bool, escaping: MarkdownEscaping, notes withNotes: Bool = false) -> String {
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
        var shown = self
        if !withNotes { shown.notes = [] }
        let (body, summary) = shown.texts(grouping: grouping, aligned: false)
        for row in body + summary {
            out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        // Each note a paragraph of its own; its leading `*` escaped so that it is no list bullet.
        for note in shown.notes {
            out += "\n" + (note.text.hasPrefix("*") ? "\\" : "") + cell(note.text) + "\n"
        }
        return out
    }
}
