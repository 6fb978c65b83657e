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

    // Computed, not stored: they are in the language of the moment.
    static var whatIf: Entry {
        Entry(name: "if", usage: "EXPR if CHANGE [and CHANGE …] | EXPR under SCENARIO [and CHANGE …]",
              summary: L("what-if: the value under hypothetical changes, next to the baseline; the session is not changed"),
              example: "rate(本级) if a pays 150 in Q4")
    }

    static var commands: [Entry] {
        [
            .init(name: ":help", usage: ":help [TOPIC]", summary: L("this help, or help on a statement, function or command"), example: ":help rate"),
            .init(name: ":load", usage: ":load FILE", summary: L("runs a script into this session (Ctrl-C undoes all of it)"), example: ":load scripts/2020-organization-dept.evl"),
            .init(name: ":save", usage: ":save FILE", summary: L("writes the statements that succeeded, with their output, as a notebook (`evalshell test FILE` replays it)"), example: ":save my-analysis.evl"),
            .init(name: ":reset", usage: ":reset", summary: L("starts a new, empty session"), example: ":reset"),
            .init(name: ":timing", usage: ":timing on|off", summary: L("shows how long each input took"), example: ":timing on"),
            .init(name: ":quit", usage: ":quit", summary: L("leaves (Ctrl-D on an empty line too); history is saved"), example: ":quit"),
        ]
    }

    static var keys: String { Language.current == .zh ? keysZh : keysEn }

    /// The editing keys, as one block per language: a table laid out by hand, not a sentence.
    static let keysZh = """
        按键（emacs 风格）：
          TAB        补全：行首补全语句，表达式中补全名称和函数，
                     source/grade/category = 之后补全取值，
                     run " 以及 :load、:save 之后补全文件路径
          ← → Ctrl-A Ctrl-E          移动光标
          Backspace Ctrl-W Ctrl-K Ctrl-U  删除
          ↑ ↓        上一条、下一条语句（跨会话保留）
          Ctrl-R     边输入边搜索历史；Enter 运行匹配项，
                     Ctrl-G 放弃
          Ctrl-C     清空当前行，或停止正在运行的语句
                     （会话恢复到该语句之前的状态）
          Ctrl-D     退出（在空行上）
        括号未闭合时，或行尾是 \\ 时，语句延续到下一行。
        """

    static let keysEn = """
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
        let suggestion = nearest(topic, in: topics).map { L(" (did you mean `\($0)`?)") } ?? ""
        return L("no help on `\(topic)`\(suggestion); :help lists the topics")
    }

    static func show(_ e: Entry, width: Int = 100) -> String {
        "\(e.usage)\n" + wrap(Catalogue.text(e.summary), width: width, indent: "  ") + "\n  " + L("example: \(e.example)")
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
            // Chinese has no spaces to break at: a line still too wide breaks between characters.
            while DisplayWidth.of(indent + current) > width - 1, current.count > 1 {
                var head = ""
                for ch in current {
                    if DisplayWidth.of(indent + head + String(ch)) > width - 1 { break }
                    head.append(ch)
                }
                if head.isEmpty { break }
                lines.append(indent + head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(indent + current) }
        return lines.joined(separator: "\n")
    }

    /// The list of everything, one line each, cut to `width` columns (the terminal's).
    static func overview(width: Int = 100) -> String {
        func line(_ name: String, _ pad: Int, _ summary: String) -> String {
            // The overview says what each is; `:help NAME` says the rest.
            // The first clause: up to the first `; ` or `: ` (`；` or `：` in Chinese).
            var short = Substring(Catalogue.text(summary))
            for separator in ["; ", ": ", "；", "："] {
                if let r = short.firstRange(of: separator) { short = short[..<r.lowerBound] }
            }
            return fit("  \(DisplayWidth.pad(name, to: pad, alignLeft: true)) \(short)", width: width) + "\n"
        }
        var out = L("Statements (one per line; # starts a comment):") + "\n"
        for s in statements { out += line(s.name, 10, s.summary) }
        out += L("Functions:") + "\n"
        for f in Builtins.all { out += line(f.name, 11, f.summary) }
        out += L("Shell commands:") + "\n"
        for c in commands { out += line(c.usage, 15, c.summary) }
        out += L("What-if: EXPR if CHANGE, EXPR under SCENARIO (:help if).") + "\n"
        out += L(":help TOPIC shows one with an example; :help keys lists the editing keys;") + "\n"
        out += L("docs/LANGUAGE.md has the whole language.")
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
