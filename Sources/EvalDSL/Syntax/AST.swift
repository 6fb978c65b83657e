/// A name as written, with where it was written.
public struct Name: Sendable, Equatable {
    public var text: String
    public var range: SourceRange
}

public struct Expr: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        case number(String)
        case money(String, MoneyUnit)
        case percent(String)
        case date(CivilDate)
        /// A quarter without a year is resolved against the fiscal year when evaluated.
        case quarter(year: Int?, quarter: Int)
        case month(year: Int, month: Int)
        case string(String)
        case bool(Bool)
        case undefined
        case name(String)
        /// `projects`: every project of the session.
        case allProjects
        case call(Name, [Argument])
        case negate(Expr)
        case not(Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// Three or more operands at one level, `a + b - c + …` or `a * b / c …`, left to right: one
        /// flat node, so a sum of 100,000 terms is no 100,000-deep tree to evaluate (or to free).
        case chain(Expr, [ChainStep])
        /// `G where P`, or `projects where P`.
        case filter(Expr, Expr)
        /// `tag X`, true inside a predicate when the project carries tag X.
        case tag(String)
        /// `EXPR for p in G [if COND]`, only as the argument of an aggregate.
        case comprehension(body: Expr, variable: Name, group: Expr, condition: Expr?)
        /// `EXPR if CHANGE and …` / `EXPR under SCENARIO`: the value under hypothetical changes.
        case whatIf(Expr, [Change])
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One step of a `chain`: the operator and the operand after it.
public struct ChainStep: Sendable, Equatable {
    public var op: BinaryOperator
    public var operand: Expr
}

/// One hypothetical change of a what-if or a scenario. The baseline is never touched.
public struct Change: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        /// `P pays AMOUNT on DATE|in PERIOD`; `amount` nil means `rest`: the unpaid budget.
        case pay(project: Name, amount: Expr?, when: Expr)
        /// `P moves DATE|PERIOD to DATE|PERIOD`: its payments in the first move to the second.
        case move(project: Name, from: Expr, to: Expr)
        /// `P cancels DATE|PERIOD`: its payments there are not made.
        case cancel(project: Name, when: Expr)
        /// `P adjusts [追加|调减] AMOUNT`: its budget changes by AMOUNT.
        case adjust(project: Name, amount: Expr)
        /// `P actual "ROW" = "TEXT"`: the 实际完成值 of a row of P's form, as written.
        case actual(form: Name, row: String, text: String)
        /// A named scenario's changes.
        case scenario(Name)
    }

    public var kind: Kind
    public var range: SourceRange
}

public enum BinaryOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        case .add, .subtract, .multiply, .divide, .and, .or: false
        }
    }

    /// The verb used in "cannot add money and a rate".
    var verb: String {
        switch self {
        case .add: L("add")
        case .subtract: L("subtract")
        case .multiply: L("multiply")
        case .divide: L("divide")
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: L("compare")
        case .and, .or: L("combine with `\(rawValue)`")
        }
    }
}

public struct Argument: Sendable, Equatable {
    public var label: Name?
    public var value: Expr
}

/// The field a stated total gives for a group (`total 本级 budget 339.57 paid 123.63`).
public enum TotalField: String, Sendable, CaseIterable {
    case initial, budget, paid, carryover, received
    /// The number of projects (`count 12`): a number, not an amount.
    case count
}

/// One figure of a `total` statement: `budget 339.57`, or `funds 财政拨款 budget 80` for one kind of funds.
public struct TotalFigure: Sendable, Equatable {
    public var field: TotalField
    public var amount: Expr
    /// The kind of funds (资金性质) the figure is for; nil: all of the group's money.
    public var kind: Name? = nil
}

/// An amount of one kind of funds: `财政拨款 100` in `funds 财政拨款 100, 上年结转 20`.
public struct FundAmount: Sendable, Equatable {
    public var kind: Name
    public var amount: Expr
}

public struct ProjectDecl: Sendable, Equatable {
    /// The clauses after the id and title, in the order messages and completion list them
    /// (`tag` is also accepted for `tags`).
    public static let clauses = ["source", "category", "initial", "budget", "funds", "grade", "tags", "reason"]

    public var id: Name
    public var title: String?
    public var source: Name?
    public var category: Name?
    /// `budget A`: the full-year budget, and the initial one too when no `initial` is given.
    public var budget: Expr?
    /// `initial A`: 年初预算, when the full-year budget differs from it.
    public var initial: Expr?
    /// `funds K A, …`: the full-year budget by kind of funds.
    public var funds: [FundAmount] = []
    public var grade: Name?
    public var tags: [Name] = []
    public var reason: String?
}

public struct CheckDecl: Sendable, Equatable {
    public var label: String?
    public var expr: Expr
    /// nil for a boolean check (`check rate(x) >= 90%`).
    public var claim: Expr?
    public var tolerance: Expr?
    /// Set when the check records a known inconsistency of the report: it is expected to fail.
    public var finding: String?
}

public struct Seek: Sendable, Equatable {
    public enum Unknown: Sendable, Equatable {
        /// `pays ? on D`: the least amount.
        case amount(when: Expr)
        /// `pays AMOUNT|rest in ?`: the latest month; `amount` nil is `rest`.
        case month(amount: Expr?)
    }
    public var project: Name
    public var unknown: Unknown
    public var condition: Expr
    /// Changes assumed besides the unknown one (`seek … if S`).
    public var assuming: [Change]
}

/// `load KIND from "PATH" [sheet "S"] [encoding E] [unit U] [columns FIELD = "header", …] [skip bad rows]`
public struct LoadStatement: Sendable, Equatable {
    public var kind: Name
    public var path: Expr
    public var sheet: Expr?
    public var encoding: Name?
    public var unit: Name?
    public var columns: [LoadColumn]
    public var skipBadRows: Bool
    /// `table NAME` or `query "SQL"` after a database's URI in the place of the path.
    public var database: LoadDatabase? = nil

    /// The words that start its options, in the order messages and completion list them.
    /// ORDER LOAD OPTIONS: `loadStatement()` parses each.
    public static let options = ["sheet", "encoding", "unit", "columns", "skip"]
}

/// What a `load` from a database reads: a table (`schema.table`) or a query (its raw text: `{fy}`
/// is put in when it runs, nothing else is interpolated).
public enum LoadDatabase: Sendable, Equatable {
    case table(Name)
    case query(String, SourceRange)
}

/// `columns FIELD = "header"` of a `load`: the column that holds a field.
public struct LoadColumn: Sendable, Equatable {
    public var field: Name
    public var header: Expr
}

/// 序时进度: months elapsed ÷ 12, or days elapsed ÷ days in the year (to 2 decimals of a percent).
public enum ScheduleConvention: String, Sendable, Equatable, CaseIterable {
    case months, days
}

public struct TableColumn: Sendable, Equatable {
    public var name: Name
    public var title: String?
}

public struct Statement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case year(Expr)
        /// `unit 万元 [decimals N]`: the default unit, and the decimals money shows with.
        case unit(MoneyUnit, decimals: Int?)
        /// `param NAME = DEFAULT`: a value `--set NAME=VALUE` can override.
        case param(Name, Expr)
        /// `run "path"`: runs another script into this session, all or nothing.
        case run(Expr)
        case department(Name, title: String?)
        case project(ProjectDecl)
        case adjust(project: Name, amount: Expr, date: Expr, note: String?, funds: Name?)
        case pay(project: Name, amount: Expr, when: Expr, note: String?, funds: Name?)
        /// `received P AMOUNT [on DATE] [funds K]`: funds received (到位资金), not spending.
        case received(project: Name, amount: Expr, date: Expr?, funds: Name?)
        /// `income G AMOUNT [source S] [in YEAR]`: income (收入) of a group or the department.
        case income(Name, amount: Expr, source: Name?, year: Expr?)
        case group(Name, Expr)
        case total(Name, [TotalFigure])
        case letBinding(Name, Expr)
        case indicator(Name, parameters: [Name], body: Expr)
        case check(CheckDecl)
        case table(Expr, columns: [TableColumn])
        case print([Expr])
        /// `scenario NAME = CHANGE and …`
        case scenario(Name, [Change])
        /// `compare EXPR, … across S1, S2, …`: a table of the expressions under each scenario.
        case compare([Expr], scenarios: [Name])
        /// `seek P pays ? on D until COND` (least amount) or `seek P pays AMOUNT|rest in ? until COND` (latest month).
        case seek(Seek)
        /// `progress G [by quarter|month] [lag T]`: cumulative execution beside the time-proportional schedule.
        case progress(Expr, byMonth: Bool, lag: Expr?)
        /// `schedule months|days`: how the time-proportional schedule (序时进度) is computed.
        case schedule(ScheduleConvention)
        /// `lang zh|en`: the language of the messages from here on.
        case lang(Language)
        /// `load projects|payments|adjustments from "PATH" [options]`
        case load(LoadStatement)
        /// `export GROUP [columns …] to "PATH" [replace [empty]]`
        case export(Expr, columns: [TableColumn], path: Expr, replace: ExportReplace)
        /// The statements of a self-evaluation form and of step rules (FormSyntax.swift).
        case form(FormStatement)
        case expression(Expr)
    }

    public var kind: Kind
    public var range: SourceRange

    /// The name this statement declares, if any: a statement that uses it depends on this one.
    public var declaredName: Name? {
        switch kind {
        case .department(let n, _), .group(let n, _), .letBinding(let n, _), .indicator(let n, _, _), .param(let n, _), .scenario(let n, _): n
        case .project(let p): p.id
        case .form(.stepRule(let n, _)): n
        case .form, .year, .unit, .run, .adjust, .pay, .received, .income, .total, .check, .table, .print, .expression, .compare, .seek, .progress, .schedule, .lang, .load, .export: nil
        }
    }
}

/// Whether an `export` may write over a file that is already there.
public enum ExportReplace: Sendable, Equatable {
    /// No `replace`: a file already there (with other content) is an error.
    case never
    /// `replace`: yes, unless the table has no rows and the file is not empty (data loss, issue 11).
    case replace
    /// `replace empty`: yes, even with a table of no rows.
    case evenWithEmpty
}

/// One line (or bracketed span) of a script: a statement, or the syntax error that stopped it.
public enum ScriptItem: Sendable, Equatable {
    case statement(Statement)
    /// `declares` is the name the broken statement seemed to declare, so later uses say "not run".
    case broken(Diagnostic, range: SourceRange, declares: Name?)

    public var range: SourceRange {
        switch self {
        case .statement(let s): s.range
        case .broken(_, let r, _): r
        }
    }
}
