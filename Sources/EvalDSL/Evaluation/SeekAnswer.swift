/// What `seek` found, kept apart from its wording: the notebook says it in its own English, a report
/// in the report's language (ReportText).
public enum SeekAnswer: Sendable, Equatable {
    /// When the sought payment is made.
    public enum When: Sendable, Equatable {
        case on(String), `in`(String), at(String)
        /// Any month of the year (a month seek with nothing left to pay).
        case anyMonth(Int)
    }
    /// The budget a payment is capped by: the project's own, or the largest of a group it is in.
    public enum Budget: Sendable, Equatable {
        case project(String), group(String)
    }
    /// The amount of a month seek: the project's unspent budget, or the amount given.
    public enum Amount: Sendable, Equatable {
        case rest(String), given(String)
    }
    /// The left side of the condition before and after the payment.
    public struct Effect: Sendable, Equatable {
        public var what: String
        public var before: String
        public var after: String
    }

    case holds(String, who: String, when: When)
    case nothingLeft(String, budget: Budget, when: When, overpaid: String?)
    case notEnough(String, amount: String, budget: Budget, when: When, effect: Effect?)
    case atLeast(String, who: String, amount: String, when: When, effect: Effect?)
    case nothingLeftAnyMonth(String, who: String, year: Int)
    case never(String, who: String, amount: Amount, year: Int)
    case latestMonth(String, who: String, amount: Amount, month: String, holdsIn: [String]?, effect: Effect?)

    /// The answer as the notebook prints it, in the session's language (the message catalogue).
    public var text: String {
        func tick(_ name: String) -> String { "`\(name)`" }
        func anyMonth(_ y: Int) -> String { L("any month of \(y)") }
        func when(_ w: When) -> String {
            switch w {
            case .on(let d): L("on \(d)")
            case .in(let p): L("in \(p)")
            case .at(let v): L("at \(v)")
            case .anyMonth(let y): L("in \(anyMonth(y))")
            }
        }
        func budget(_ b: Budget) -> String {
            switch b {
            case .project(let n): L("`\(n)`'s budget")
            case .group(let n): L("the budget of `\(n)`")
            }
        }
        func amount(_ a: Amount) -> String {
            switch a {
            case .rest(let m): L("the rest of its budget (\(m))")
            case .given(let m): m
            }
        }
        func effect(_ e: Effect?) -> String { e.map { L("; \($0.what): \($0.before) → \($0.after)") } ?? "" }
        switch self {
        case let .holds(c, who, .anyMonth(y)):
            return L("\(c) already holds: \(tick(who)) need not pay anything in \(anyMonth(y))")
        case let .holds(c, who, w): return L("\(c) already holds: \(tick(who)) need not pay anything \(when(w))")
        case let .nothingLeft(c, b, w, over):
            return L("\(c) cannot be reached within the budget: nothing is left of \(budget(b)) to pay \(when(w))")
                + (over.map { L(" (it is overpaid by \($0))") } ?? "")
        case let .notEnough(c, m, b, w, e):
            return L("\(c) cannot be reached within the budget: even paying all \(m) left of \(budget(b)) \(when(w)) is not enough") + effect(e)
        case let .atLeast(c, who, m, w, e): return L("\(tick(who)) must pay at least \(m) \(when(w)) for \(c)") + effect(e)
        case let .nothingLeftAnyMonth(c, who, y):
            return L("\(c) cannot be reached: nothing is left of \(tick(who))'s budget to pay in \(anyMonth(y))")
        case let .never(c, who, a, y): return L("\(c) cannot be reached with \(tick(who)) paying \(amount(a)) in any month of \(y)")
        case let .latestMonth(c, who, a, month, months, e):
            return L("\(tick(who)) must pay \(amount(a)) in \(month) at the latest for \(c)")
                + (months.map { L(" (it holds for payments in \($0.joined(separator: ", ")))") } ?? "") + effect(e)
        }
    }
}
