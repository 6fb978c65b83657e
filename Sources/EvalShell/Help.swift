import EvalDSL

/// `:help` and `:help TOPIC`: every statement, function and shell command with a short explanation
/// and an example. (The help of statements and functions lives with them, in the library's
/// `Statements` and `Builtins` tables; the shell's commands are described here.)
enum Help {
    struct Entry {
        var name: String
        var usage: String
        var summary: String
        var example: String
    }

    /// One entry per statement of the language, from the library's statement table.
    static let statements: [Entry] = Statements.all.map {
        Entry(name: $0.keyword, usage: $0.usage, summary: $0.summary, example: $0.example)
    }

    static let whatIf = Entry(
        name: "if", usage: "EXPR if CHANGE [and CHANGE …] | EXPR under SCENARIO [and CHANGE …]",
        summary: "what-if: the value under hypothetical changes, next to the baseline; the session is not changed",
        example: "rate(本级) if a pays 150 in Q4")

    static let commands: [Entry] = [
        .init(name: ":help", usage: ":help [TOPIC]", summary: "this help, or help on a statement, function or command", example: ":help rate"),
        .init(name: ":load", usage: ":load FILE", summary: "runs a script into this session (Ctrl-C undoes all of it)", example: ":load scripts/2020-organization-dept.evl"),
        .init(name: ":save", usage: ":save FILE", summary: "writes the statements that succeeded, with their output, as a notebook (`evalshell test FILE` replays it)", example: ":save my-analysis.evl"),
        .init(name: ":reset", usage: ":reset", summary: "starts a new, empty session", example: ":reset"),
        .init(name: ":timing", usage: ":timing on|off", summary: "shows how long each input took", example: ":timing on"),
        .init(name: ":quit", usage: ":quit", summary: "leaves (Ctrl-D on an empty line too); history is saved", example: ":quit"),
    ]

    static let keys = """
        Keys (emacs style):
          TAB        complete: statements at the start of a line, names and functions
                     in expressions, value words after source/grade/category =,
                     file paths after run " and after :load and :save
          ← → Ctrl-A Ctrl-E          move
          Backspace Ctrl-W Ctrl-K Ctrl-U  delete
          ↑ ↓        earlier and later statements (kept between sessions)
          Ctrl-R     search the history as you type; Enter runs the match,
                     Ctrl-G gives up
          Ctrl-C     clear the line, or stop a running statement
                     (the session stays as it was before it)
          Ctrl-D     leave (on an empty line)
        A statement continues on the next line while a bracket is open,
        or when the line ends with \\.
        """

    /// Everything `:help TOPIC` knows, for completion.
    static var topics: [String] {
        var seen = Set<String>()
        return (statements.map(\.name) + Builtins.all.map(\.name) + commands.map(\.name) + ["keys", "if", "under"])
            .filter { seen.insert($0).inserted }
    }

    static func text(topic: String?, width: Int = 100) -> String {
        guard let topic else { return overview(width: width) }
        if topic == "keys" { return keys }
        if topic == "if" || topic == "under" || topic == "what-if" { return show(whatIf, width: width) }
        // A word may be both a statement and a function (`schedule`): show both.
        var found: [String] = []
        if let s = statements.first(where: { $0.name == topic }) { found.append(show(s, width: width)) }
        if let f = Builtins.all.first(where: { $0.name == topic }) {
            found.append(show(Entry(name: f.name, usage: f.signature.usage, summary: f.summary, example: f.example), width: width))
        }
        if !found.isEmpty { return found.joined(separator: "\n") }
        if let c = commands.first(where: { $0.name == topic || $0.name == ":" + topic }) { return show(c, width: width) }
        let suggestion = nearest(topic, in: topics).map { " (did you mean `\($0)`?)" } ?? ""
        return "no help on `\(topic)`\(suggestion); :help lists the topics"
    }

    static func show(_ e: Entry, width: Int = 100) -> String {
        "\(e.usage)\n" + wrap(e.summary, width: width, indent: "  ") + "\n  example: \(e.example)"
    }

    /// `text` in lines of at most `width` display columns, broken at spaces, each after `indent`.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty, DisplayWidth.of(indent + candidate) > width - 1 {
                lines.append(indent + current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(indent + current) }
        return lines.joined(separator: "\n")
    }

    /// The list of everything, one line each, cut to `width` columns (the terminal's).
    static func overview(width: Int = 100) -> String {
        func line(_ name: String, _ pad: Int, _ summary: String) -> String {
            // The overview says what each is; `:help NAME` says the rest.
            let clause = summary.firstRange(of: "; ").map { summary[..<$0.lowerBound] } ?? summary[...]
            let short = clause.firstRange(of: ": ").map { clause[..<$0.lowerBound] } ?? clause
            return fit("  \(DisplayWidth.pad(name, to: pad, alignLeft: true)) \(short)", width: width) + "\n"
        }
        var out = "Statements (one per line; # starts a comment):\n"
        for s in statements { out += line(s.name, 10, s.summary) }
        out += "Functions:\n"
        for f in Builtins.all { out += line(f.name, 11, f.summary) }
        out += "Shell commands:\n"
        for c in commands { out += line(c.usage, 15, c.summary) }
        out += "What-if: EXPR if CHANGE, EXPR under SCENARIO (:help if).\n"
        out += ":help TOPIC shows one with an example; :help keys lists the editing keys;\n"
        out += "docs/LANGUAGE.md has the whole language."
        return out
    }

    /// `text` cut to `width` display columns (CJK characters take two), ending in `…` when cut.
    static func fit(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width - 1 else { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(String(ch))
            if used + w > width - 2 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// The nearest of `candidates` by edit distance, when close enough to be a slip.
    static func nearest(_ word: String, in candidates: [String], within limit: Int? = nil) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(Array(word), Array(c))
            if d <= limit ?? max(1, min(2, word.count / 3)), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }
}
