/// The statements of a self-evaluation form (绩效自评表) and of department-wide step rules: one line
/// per cell group of the form, so an analyst restates a form row by row.
public enum FormStatement: Sendable, Equatable {
    /// `form P ["title"] [department "…"] [unit "…"] [manager "…"] [total N] [weights 产出 50, …]`
    case open(FormOpen)
    /// `metric P 一级 二级 "三级" target "…" actual "…" weight N [score N] [reason "…"] [finding "…"]`
    case metric(MetricDecl)
    /// `metric P from "PATH" [sheet "S"] [encoding E]`: rows from a spreadsheet laid out like the form.
    case metricsFrom(form: Name, path: Expr, sheet: Expr?, encoding: Name?)
    /// `execution P [part NAME] [initial A] [budget A] [paid A] [weight N] [rate R] [score N] [finding "…"]`
    case execution(ExecutionDecl)
    /// `goal P [expected "…"] [achieved "…"]`
    case goal(form: Name, expected: String?, achieved: String?)
    /// `conclusion P [total N] [grade G] ["text"] [finding "…"]`
    case conclusion(ConclusionDecl)
    /// `evaluate P`: the form scored and every stated cell checked; `evaluate G`: the group's grades.
    case evaluate(Expr)
    /// `scoring SETTING VALUE …`: a scoring convention for the rest of the session.
    case rules([Name])
    /// `steprule NAME = STEP, …, else POINTS`
    case stepRule(Name, [StepDecl])
    /// `scorecard ["title"] RULE = EXPR, …`: a department-wide table, each indicator's value and points.
    case scorecard(title: String?, [ScorecardItem])
}

/// One line of a `scorecard`: a step rule and the value it scores.
public struct ScorecardItem: Sendable, Equatable {
    public var rule: Name
    public var value: Expr
}

/// Cells written as they are on the form, with where they were written.
public struct FormCell: Sendable, Equatable {
    public var text: String
    public var range: SourceRange
}

public struct FormOpen: Sendable, Equatable {
    public var form: Name
    public var title: String?
    public var department: String?
    public var unit: String?
    public var manager: String?
    public var total: FormCell?
    /// The weight the form states for an 一级 (`weights 产出 50, 效益 30`).
    public var levelWeights: [(Name, FormCell)] = []
    /// Known wrong weights: the weight checks are expected to fail.
    public var finding: String?

    public static func == (a: FormOpen, b: FormOpen) -> Bool {
        a.form == b.form && a.title == b.title && a.department == b.department && a.unit == b.unit && a.manager == b.manager
            && a.total == b.total && a.finding == b.finding && a.levelWeights.elementsEqual(b.levelWeights) { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}

public struct MetricDecl: Sendable, Equatable {
    public var form: Name
    public var level1: Name
    public var level2: Name
    public var name: String
    public var target: String?
    public var actual: String?
    public var weight: FormCell?
    public var score: FormCell?
    public var reason: String?
    public var finding: String?
}

public struct ExecutionDecl: Sendable, Equatable {
    public var form: Name
    /// A sub-row (其中：当年财政拨款 …); nil: the 年度资金总额 row.
    public var part: Name?
    public var initial: Expr?
    public var budget: Expr?
    public var paid: Expr?
    public var weight: FormCell?
    public var rate: FormCell?
    public var score: FormCell?
    public var finding: String?
}

public struct ConclusionDecl: Sendable, Equatable {
    public var form: Name
    public var total: FormCell?
    public var grade: Name?
    public var text: String?
    public var finding: String?
}

/// One step of a step rule: a comparison (nil op with a value: equal; nil value: `else`) and its points.
public struct StepDecl: Sendable, Equatable {
    public var op: String?
    public var value: Expr?
    public var points: Expr
}
