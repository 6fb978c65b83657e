import EvalDSL

/// `:help` and `:help TOPIC`: every statement, function and shell command with a short explanation
/// and an example. (The functions' help lives with the functions, in `Builtins`.)
enum Help {
    struct Entry {
        var name: String
        var usage: String
        var summary: String
        var example: String
    }

    /// One entry per statement keyword of the language (`Parser.statementKeywords`); a test checks
    /// that none is missing.
    static let statements: [Entry] = [
        .init(name: "year", usage: "year YYYY", summary: "sets the fiscal year (1 January to 31 December); the prompt shows it", example: "year 2020"),
        .init(name: "unit", usage: "unit 万元|元|亿元", summary: "sets the default money unit: bare numbers in amounts use it, results show in it", example: "unit 万元"),
        .init(name: "param", usage: "param NAME = DEFAULT", summary: "a value `evalshell run FILE --set NAME=VALUE` can override", example: "param fy = 2020"),
        .init(name: "run", usage: "run \"PATH\"", summary: "runs another script into this session, all or nothing; a relative PATH starts at the running script's folder (at the prompt: the current folder)", example: "run \"scripts/data/2020/budget.evl\""),
        .init(name: "load", usage: "load projects|payments|adjustments from \"PATH\" [sheet \"NAME\"] [encoding utf8|gb18030] [unit 万元|元] [columns FIELD = \"HEADER\", …] [skip bad rows]", summary: "reads a table of projects, payments or adjustments from a CSV file or an .xlsx workbook; all or nothing unless `skip bad rows`; a relative PATH starts at the script's folder (at the prompt: the current folder); Ctrl-C stops a long one", example: "load payments from \"data/2020/payments.csv\""),
        .init(name: "export", usage: "export GROUP [columns C, …] to \"PATH\" [replace]", summary: "writes a group's table to a .csv or .xlsx file; `replace` to write over an existing one", example: "export 本级 columns id, name, budget, paid, rate to \"本级.csv\""),
        .init(name: "department", usage: "department NAME [\"title\"]", summary: "names the department; NAME then stands for all its projects", example: "department 组织部 \"新区组织部\""),
        .init(name: "project", usage: "project ID [\"name\"] [source S] [category C] [budget AMOUNT] [grade G] [tags T, …] [reason \"…\"]", summary: "declares a project; source 本级 省级 市级 县级 中央 其他, category 基本支出 项目支出, grade 优 良 中 差", example: "project archive \"档案智能库房建设\" source 本级 budget 200 grade 中"),
        .init(name: "adjust", usage: "adjust ID [追加|调减] AMOUNT on DATE [\"note\"]", summary: "records a budget adjustment", example: "adjust archive 追加 50 on 2020-09-30"),
        .init(name: "pay", usage: "pay ID AMOUNT on DATE | in MONTH|QUARTER|YEAR [\"note\"]", summary: "records a payment", example: "pay archive 12.5 on 2020-12-20"),
        .init(name: "group", usage: "group NAME = projects where CONDITION", summary: "names a group of projects by a condition", example: "group 本级 = projects where source = 本级"),
        .init(name: "total", usage: "total GROUP [initial A] [budget A] [paid A] [carryover A]", summary: "states figures the report gives only for a whole group", example: "total 本级 budget 339.57 paid 123.63"),
        .init(name: "let", usage: "let NAME = EXPR", summary: "binds a value (binding it again replaces it)", example: "let r = rate(本级)"),
        .init(name: "indicator", usage: "indicator NAME(PARAMS) = EXPR", summary: "names a formula, computed anew at each use", example: "indicator 结余率(x) = unspent(x) / budget(x)"),
        .init(name: "check", usage: "check [\"label\"] EXPR = CLAIM [within TOL] [finding \"…\"]", summary: "checks a claim of a report: ✓, or ✗ with both values", example: "check rate(本级) = 37.29%"),
        .init(name: "table", usage: "table GROUP [columns C [as \"title\"], …]", summary: "prints a group as a table with a 合计 row", example: "table 本级 columns id, name, budget, paid, rate"),
        .init(name: "print", usage: "print EXPR, …", summary: "prints values or text; text interpolates {EXPR}", example: "print \"本级执行率\", rate(本级)"),
        .init(name: "scenario", usage: "scenario NAME = CHANGE [and CHANGE …]", summary: "names hypothetical changes for `EXPR under NAME` and `compare`: P pays AMOUNT on DATE|in PERIOD, P pays rest …, P moves DATE to DATE, P cancels DATE, P adjusts [追加|调减] AMOUNT", example: "scenario 年底发放 = b moves 2021-01 to 2020-12-31"),
        .init(name: "compare", usage: "compare EXPR, … across SCENARIO, …", summary: "a table of the expressions in the baseline and under each scenario; with the differences", example: "compare rate(本级), paid(本级) across 年底发放"),
        .init(name: "seek", usage: "seek P pays ? (on DATE | in PERIOD) until CONDITION | seek P pays (AMOUNT | rest) in ? until CONDITION", summary: "finds the least amount P must pay, or the latest month it may pay, for CONDITION to hold", example: "seek a pays ? in Q4 until rate(本级) >= 30%"),
        .init(name: "progress", usage: "progress GROUP [by quarter | by month] [lag THRESHOLD]", summary: "payments and execution rate per period against the time schedule (序时进度); then the projects that lag", example: "progress 本级 by quarter lag 10pp"),
        .init(name: "schedule", usage: "schedule months | days", summary: "how the time schedule (序时进度) is counted: months elapsed ÷ 12 (the default) or days elapsed ÷ days in the year", example: "schedule days"),
    ]

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
            let short = summary.components(separatedBy: "; ")[0].components(separatedBy: ": ")[0]
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
