import EvalDSL

/// `:help` and `:help TOPIC`: every statement and function with a short explanation and an example.
enum Help {
    static let statements: [(name: String, usage: String, summary: String, example: String)] = [
        ("year", "year YYYY", "sets the fiscal year (1 January to 31 December)", "year 2020"),
        ("unit", "unit 万元|元", "sets the default money unit: bare numbers in amounts use it, results show in it", "unit 万元"),
        ("department", "department NAME [\"title\"]", "names the department; NAME then stands for all its projects", "department 组织部 \"新区组织部\""),
        ("project", "project ID [\"name\"] [source S] [category C] [budget AMOUNT] [grade G] [tags T, …] [reason \"…\"]", "declares a project", "project archive \"档案智能库房建设\" source 本级 budget 200 grade 中"),
        ("adjust", "adjust ID [追加|调减] AMOUNT on DATE [\"note\"]", "records a budget adjustment", "adjust archive 追加 50 on 2020-09-30"),
        ("pay", "pay ID AMOUNT on DATE | in MONTH|QUARTER|YEAR [\"note\"]", "records a payment", "pay archive 12.5 on 2020-12-20"),
        ("group", "group NAME = projects where CONDITION", "names a group of projects by a condition", "group 本级 = projects where source = 本级"),
        ("total", "total GROUP [initial A] [budget A] [paid A] [carryover A]", "states figures the report gives only for a whole group", "total 本级 budget 339.57 paid 123.63"),
        ("let", "let NAME = EXPR", "binds a value", "let r = rate(本级)"),
        ("indicator", "indicator NAME(PARAMS) = EXPR", "names a formula", "indicator 结余率(x) = unspent(x) / budget(x)"),
        ("check", "check [\"label\"] EXPR = CLAIM [within TOL] [finding \"…\"]", "checks a claim of a report: ✓ or ✗ with both values", "check rate(本级) = 37.29%"),
        ("table", "table GROUP [columns C, …]", "prints a group as a table", "table 本级 columns id, name, budget, paid, rate"),
        ("print", "print EXPR, …", "prints values or text", "print \"本级执行率\", rate(本级)"),
    ]

    static let metaHelp: [(String, String)] = [
        (":help [TOPIC]", "this help, or help on a statement or function"),
        (":load FILE", "run a script into this session"),
        (":save FILE", "write the statements that succeeded, as a script"),
        (":reset", "start a new, empty session"),
        (":timing on|off", "show how long each statement took"),
        (":quit", "leave (Ctrl-D too)"),
    ]

    static func text(topic: String?) -> String {
        if let topic {
            if let s = statements.first(where: { $0.name == topic }) {
                return "\(s.usage)\n  \(s.summary)\n  example: \(s.example)"
            }
            if let f = Builtins.all.first(where: { $0.name == topic }) {
                return "\(f.signature)\n  \(f.summary)\n  example: \(f.example)"
            }
            if let m = metaHelp.first(where: { $0.0.hasPrefix(topic) || $0.0.hasPrefix(":" + topic) }) {
                return "\(m.0)\n  \(m.1)"
            }
            return "no help on `\(topic)`; :help lists the topics"
        }
        var out = "Statements (one per line; # starts a comment):\n"
        for s in statements { out += "  \(DisplayWidth.pad(s.name, to: 10, alignLeft: true)) \(s.summary)\n" }
        out += "Functions:\n"
        for f in Builtins.all { out += "  \(DisplayWidth.pad(f.name, to: 10, alignLeft: true)) \(f.summary)\n" }
        out += "Shell commands:\n"
        for m in metaHelp { out += "  \(DisplayWidth.pad(m.0, to: 15, alignLeft: true)) \(m.1)\n" }
        out += ":help TOPIC shows a statement or function with an example; docs/LANGUAGE.md has the whole language."
        return out
    }
}
