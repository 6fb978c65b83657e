/// One statement of the language: its keyword, its help (usage, one line, an example) and the
/// method that parses what follows the keyword. The keyword list, the shell's `:help` and its
/// completion of statements are all read off `Statements.all`.
public struct StatementSyntax: Sendable {
    /// What follows the keyword, for completion (and, for `newName`, for reporting a broken line).
    public enum Operand: Sendable, Equatable {
        /// A name the statement declares (`let r = …`): nothing known fits.
        case newName
        /// A literal such as the year: nothing known fits.
        case literal
        /// One of these words.
        case words([String])
        /// An existing project.
        case project
        /// An existing group or the department.
        case group
        /// Something else: an expression, a string, or words the shell completes on its own terms.
        case other
    }

    typealias Parse = @Sendable (inout LineParser) throws(Diagnostic) -> Statement.Kind

    public let keyword: String
    public let usage: String
    public let summary: String
    /// Parses on its own and starts with the keyword (`StatementTableTests` checks both).
    public let example: String
    public let operand: Operand
    let parse: Parse
    /// Whether the keyword starts this statement at the parser's position rather than an
    /// expression (`schedule(Q3)` is the function; `schedule days` the statement).
    let startsHere: @Sendable (LineParser) -> Bool

    init(_ keyword: String, usage: String, summary: String, example: String, operand: Operand = .other,
         startsHere: @escaping @Sendable (LineParser) -> Bool = { _ in true }, parse: @escaping Parse) {
        self.keyword = keyword
        self.usage = usage
        self.summary = summary
        self.example = example
        self.operand = operand
        self.startsHere = startsHere
        self.parse = parse
    }
}

public enum Statements {
    /// Every statement, in the order `:help` lists them.
    public static let all: [StatementSyntax] = [
        .init("year", usage: "year YYYY",
              summary: "sets the fiscal year (1 January to 31 December); the prompt shows it",
              example: "year 2020", operand: .literal) { p throws(Diagnostic) in try p.yearStatement() },
        .init("unit", usage: "unit 万元|元|亿元 [decimals N]",
              summary: "sets the default money unit: bare numbers in amounts use it, results show in it (with at least N decimals, 2 unless given)",
              example: "unit 万元", operand: .words(MoneyUnit.allCases.map(\.rawValue))) { p throws(Diagnostic) in try p.unitStatement() },
        .init("param", usage: "param NAME = DEFAULT",
              summary: "a value `evalshell run FILE --set NAME=VALUE` can override",
              example: "param fy = 2020", operand: .newName) { p throws(Diagnostic) in try p.paramStatement() },
        .init("run", usage: "run \"PATH\"",
              summary: "runs another script into this session, all or nothing; a relative PATH starts at the running script's folder (at the prompt: the current folder)",
              example: "run \"scripts/data/2020/budget.evl\"") { p throws(Diagnostic) in try p.runStatement() },
        .init("load", usage: "load projects|payments|adjustments from \"PATH\"|\"postgresql://…\" table NAME|query \"SQL\" [sheet \"NAME\"] [encoding utf8|gb18030] [unit 万元|元] [columns FIELD = \"HEADER\", …] [skip bad rows]",
              summary: "reads a table of projects, payments or adjustments from a CSV file, an .xlsx workbook or a PostgreSQL table or query; all or nothing unless `skip bad rows`; a relative PATH starts at the script's folder (at the prompt: the current folder); Ctrl-C stops a long one",
              example: "load payments from \"data/2020/payments.csv\"") { p throws(Diagnostic) in try p.loadStatement() },
        .init("export", usage: "export GROUP [columns C, …] to \"PATH\" [replace [empty]]",
              summary: "writes a group's table to a .csv, .md, .json or .xlsx file; `replace` to write over an existing one (`replace empty` even with a table of no rows); never after a statement of the same script failed",
              example: "export 本级 columns id, name, budget, paid, rate to \"本级.csv\"") { p throws(Diagnostic) in try p.exportStatement() },
        .init("department", usage: "department NAME [\"title\"]",
              summary: "names the department; NAME then stands for all its projects",
              example: "department 组织部 \"新区组织部\"", operand: .newName) { p throws(Diagnostic) in try p.departmentStatement() },
        .init("project", usage: "project ID [\"name\"] [source S] [category C] [initial AMOUNT] [budget AMOUNT] [funds KIND AMOUNT, …] [grade G] [tags T, …] [reason \"…\"]",
              summary: "declares a project; `budget` alone is its initial and full-year budget, `initial A budget B` states both; `funds` splits the full-year budget by kind of funds (\(FundKind.vocabulary.listed)); source \(FundingSource.vocabulary.listed), category \(Category.vocabulary.listed), grade \(Grade.vocabulary.listed)",
              example: "project archive \"档案智能库房建设\" source 本级 budget 200 grade 中", operand: .newName) { p throws(Diagnostic) in try p.projectStatement() },
        .init("adjust", usage: "adjust ID [追加|调减] AMOUNT on DATE [\"note\"] [funds KIND]",
              summary: "records a budget adjustment (of one kind of funds with `funds`)",
              example: "adjust archive 追加 50 on 2020-09-30", operand: .project) { p throws(Diagnostic) in try p.adjustStatement() },
        .init("pay", usage: "pay ID AMOUNT on DATE | in MONTH|QUARTER|YEAR [\"note\"] [funds KIND]",
              summary: "records a payment (of one kind of funds with `funds`)",
              example: "pay archive 12.5 on 2020-12-20", operand: .project) { p throws(Diagnostic) in try p.payStatement() },
        .init("received", usage: "received ID AMOUNT [on DATE] [funds KIND]",
              summary: "records funds received (到位资金) by a project: not spending, it never feeds an execution rate",
              example: "received archive 150 on 2020-06-30", operand: .project,
              startsHere: { p in p.peek(1) != .symbol("(") }) { p throws(Diagnostic) in try p.receivedStatement() },
        .init("income", usage: "income GROUP AMOUNT [source S] [in YEAR]",
              summary: "states income (收入) of a group or the department, by source as the report names it, for the fiscal year or another",
              example: "income 组织部 3265.21 source 财政拨款收入", operand: .group,
              startsHere: { p in p.peek(1) != .symbol("(") }) { p throws(Diagnostic) in try p.incomeStatement() },
        .init("group", usage: "group NAME = projects where CONDITION",
              summary: "names a group of projects by a condition",
              example: "group 本级 = projects where source = 本级", operand: .newName) { p throws(Diagnostic) in try p.groupStatement() },
        .init("total", usage: "total GROUP [initial A] [budget A] [paid A] [carryover A] [received A] [count N] [funds KIND FIGURE A …]",
              summary: "states figures the report gives only for a whole group (after `funds KIND`: of that kind of funds); `count` the number of its projects",
              example: "total 本级 budget 339.57 paid 123.63", operand: .group) { p throws(Diagnostic) in try p.totalStatement() },
        .init("let", usage: "let NAME = EXPR",
              summary: "binds a value (binding it again replaces it)",
              example: "let r = rate(本级)", operand: .newName) { p throws(Diagnostic) in try p.letStatement() },
        .init("indicator", usage: "indicator NAME(PARAMS) = EXPR",
              summary: "names a formula, computed anew at each use",
              example: "indicator 结余率(x) = unspent(x) / budget(x)", operand: .newName) { p throws(Diagnostic) in try p.indicatorStatement() },
        .init("check", usage: "check [\"label\"] EXPR = CLAIM [within TOL] [finding \"…\"]",
              summary: "checks a claim of a report: ✓, or ✗ with both values",
              example: "check rate(本级) = 37.29%") { p throws(Diagnostic) in try p.checkStatement() },
        .init("table", usage: "table GROUP [columns C [as \"title\"], …]",
              summary: "prints a group as a table with a 合计 row",
              example: "table 本级 columns id, name, budget, paid, rate") { p throws(Diagnostic) in try p.tableStatement() },
        .init("print", usage: "print EXPR, …",
              summary: "prints values or text; text interpolates {EXPR}",
              example: "print \"本级执行率\", rate(本级)") { p throws(Diagnostic) in try p.printStatement() },
        .init("scenario", usage: "scenario NAME = CHANGE [and CHANGE …]",
              summary: "names hypothetical changes for `EXPR under NAME` and `compare`: P pays AMOUNT on DATE|in PERIOD, P pays rest …, P moves DATE to DATE, P cancels DATE, P adjusts [追加|调减] AMOUNT",
              example: "scenario 年底发放 = b moves 2021-01 to 2020-12-31") { p throws(Diagnostic) in try p.scenarioStatement() },
        .init("compare", usage: "compare EXPR, … across SCENARIO, …",
              summary: "a table of the expressions in the baseline and under each scenario; with the differences",
              example: "compare rate(本级), paid(本级) across 年底发放") { p throws(Diagnostic) in try p.compareStatement() },
        .init("seek", usage: "seek P pays ? (on DATE | in PERIOD) until CONDITION | seek P pays (AMOUNT | rest) in ? until CONDITION",
              summary: "finds the least amount P must pay, or the latest month it may pay, for CONDITION to hold",
              example: "seek a pays ? in Q4 until rate(本级) >= 30%") { p throws(Diagnostic) in try p.seekStatement() },
        .init("progress", usage: "progress GROUP [by quarter | by month] [lag THRESHOLD]",
              summary: "payments and execution rate per period against the time schedule (序时进度); then the projects that lag",
              example: "progress 本级 by quarter lag 10pp") { p throws(Diagnostic) in try p.progressStatement() },
        .init("schedule", usage: "schedule months | days",
              summary: "how the time schedule (序时进度) is counted: months elapsed ÷ 12 (the default) or days elapsed ÷ days in the year",
              example: "schedule days",
              startsHere: { p in ScheduleConvention.allCases.contains { p.peek(1) == .identifier($0.rawValue) } }) { p throws(Diagnostic) in try p.scheduleStatement() },
        .init("lang", usage: "lang zh | en",
              summary: "the language of the messages from here on: Chinese or English (a notebook records the language it starts in)",
              example: "lang zh", operand: .words(["zh", "en"]),
              startsHere: { p in if case .identifier(let w) = p.peek(1), Language(word: w) != nil { true } else { false } }) { p throws(Diagnostic) in try p.langStatement() },
    ] + Statements.forms

    /// The statement each keyword starts.
    public static let byKeyword: [String: StatementSyntax] = Dictionary(uniqueKeysWithValues: all.map { ($0.keyword, $0) })
}
