/// Every convention a self-evaluation form is scored by. Each property is the common default; provinces
/// differ, so a script may change any of them. A value: a what-if copies and changes it freely.
public struct ScoringRules: Hashable, Sendable {
    /// How an at-most (反向) target that is missed scores.
    public enum AtMostConvention: String, Hashable, Sendable, CaseIterable {
        /// (1 − (actual − target) ÷ target) × weight, 0 from twice the target on.
        case linear
        /// target ÷ actual × weight.
        case ratio
    }

    /// How a missed deadline (a month or a date) scores.
    public enum DeadlineConvention: String, Hashable, Sendable, CaseIterable {
        /// On time → the weight, late → 0.
        case allOrNothing
        /// The at-most rule on the month numbers (or day-of-year numbers for dates).
        case proportional
    }

    /// What 0 ÷ 0 (nothing budgeted, nothing spent) makes of the execution rate.
    public enum ZeroBudgetConvention: String, Hashable, Sendable, CaseIterable {
        /// No rate, so no execution score and no total: the script must decide.
        case undefined
        /// 100 %: nothing to spend, all of it spent.
        case full
        /// 0 %: as printed (0.00%) on many forms.
        case zero
    }

    /// Which budget the execution rate divides by.
    public enum ExecutionBase: String, Hashable, Sendable, CaseIterable {
        /// 全年预算数 (adjusted full-year budget): the public template.
        case fullYear
        /// 年初预算数 (initial budget): some local tables.
        case initial
    }

    /// What a qualitative row without a stated 得分 scores.
    public enum UnstatedQualitative: String, Hashable, Sendable, CaseIterable {
        /// Unscored: the evaluator picks the score within the band, and the form does not say which.
        case unscored
        /// The top of the band.
        case bandTop
        /// The bottom of the band.
        case bandBottom
    }

    /// What 总分 sums.
    public enum TotalOf: String, Hashable, Sendable, CaseIterable {
        /// The scores as the form prints them (each rounded by `rounding`), as forms add them up.
        case roundedScores
        /// The exact scores, rounded once at the end.
        case exactScores
    }

    /// The direction of a target written without a comparator (months and dates are always deadlines).
    public var bareDirection: Direction = .atLeast
    /// How a missed at-most target scores.
    public var atMost: AtMostConvention = .linear
    /// How a missed deadline scores.
    public var deadlines: DeadlineConvention = .allOrNothing
    /// The share of the weight each qualitative level allows.
    public var qualitative = QualitativeBands.standard
    /// What a qualitative row without a stated 得分 scores.
    public var unstatedQualitative: UnstatedQualitative = .unscored
    /// How scores are printed, and so how a stated 得分 is checked.
    public var rounding: ScoreRounding = .halfUp(2)
    /// Whether 总分 adds printed or exact scores.
    public var totalOf: TotalOf = .roundedScores
    /// What 0 ÷ 0 makes of the execution rate.
    public var zeroBudget: ZeroBudgetConvention = .undefined
    /// Which budget the execution rate divides by.
    public var executionBase: ExecutionBase = .fullYear
    /// Whether the execution score stops at its weight (分值 × min(执行率, 100%)).
    public var capExecutionRate = true
    /// The least total of each grade.
    public var grades = GradeBands.standard
    /// The full marks of a form that does not state them.
    public var fullMarks = Rational(100)

    public init() {}

    /// The defaults.
    public static let standard = ScoringRules()
}

/// How a score is written with few decimals: half up (四舍五入) or cut off.
public enum ScoreRounding: Hashable, Sendable, CustomStringConvertible {
    case halfUp(Int)
    case truncate(Int)

    /// The decimals scores are printed with.
    public var places: Int {
        switch self {
        case .halfUp(let p), .truncate(let p): p
        }
    }

    /// `value` by this convention at `places` decimals (its own number of places when nil).
    public func apply(_ value: Rational, places: Int? = nil) throws(Rational.Overflow) -> Rational {
        let p = places ?? self.places
        switch self {
        case .halfUp: return try value.rounded(places: p)
        case .truncate: return try ScoreRounding.truncated(value, places: p)
        }
    }

    /// Cut toward zero to `places` decimals, from the half-up rounding: that is either the cut value or
    /// one last-place unit away from zero of it.
    static func truncated(_ value: Rational, places: Int) throws(Rational.Overflow) -> Rational {
        let negative = value < Rational(0)
        let magnitude = negative ? try Rational(0).subtracting(value) : value
        var r = try magnitude.rounded(places: places)
        if r > magnitude {
            var unit = Rational(1)
            for _ in 0..<max(0, places) { unit = try unit.divided(by: Rational(10)) ?? unit }
            r = try r.subtracting(unit)
        }
        return negative ? try Rational(0).subtracting(r) : r
    }

    public var description: String {
        switch self {
        case .halfUp(let p): L("half up to \(p) decimals")
        case .truncate(let p): L("truncated to \(p) decimals")
        }
    }
}

/// The share of the weight each qualitative level may score: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %.
public struct QualitativeBands: Hashable, Sendable {
    /// Which band a score exactly on a shared edge (80 %, 60 %) fits.
    public enum Edges: String, Hashable, Sendable, CaseIterable {
        /// Both: the official text writes both bands as closed ranges (80–100 %, 60–80 %), so an evaluator
        /// who gives exactly 80 % to 部分达成 or to 达成 follows it either way.
        case shared
        /// The higher band only: 部分达成 is [60 %, 80 %), 达成 [80 %, 100 %]; the top of the highest band
        /// stays closed.
        case higherBand
    }

    /// Lower and upper share of the weight for each level.
    public var achieved: ClosedRange<Rational>
    public var partly: ClosedRange<Rational>
    public var notAchieved: ClosedRange<Rational>
    public var edges: Edges = .shared

    public init(achieved: ClosedRange<Rational>, partly: ClosedRange<Rational>, notAchieved: ClosedRange<Rational>, edges: Edges = .shared) {
        self.achieved = achieved
        self.partly = partly
        self.notAchieved = notAchieved
        self.edges = edges
    }

    public static let standard: QualitativeBands = {
        let fifth = { (n: Int) in (try? Rational(n).divided(by: Rational(5))) ?? Rational(0) }
        return QualitativeBands(achieved: fifth(4)...fifth(5), partly: fifth(3)...fifth(4), notAchieved: fifth(0)...fifth(3))
    }()

    /// The shares of the weight `level` allows.
    public func band(_ level: Achievement) -> ClosedRange<Rational> {
        switch level {
        case .achieved: achieved
        case .partly: partly
        case .notAchieved: notAchieved
        }
    }

    /// Whether `share` (score ÷ weight) fits the band of `level`.
    public func contains(_ share: Rational, level: Achievement) -> Bool {
        let b = band(level)
        guard b.contains(share) else { return false }
        switch edges {
        case .shared: return true
        case .higherBand:
            // The upper edge belongs to the band above, unless no band starts there.
            let others = Achievement.allCases.filter { $0 != level }.map { band($0) }
            return share != b.upperBound || !others.contains { $0.lowerBound == b.upperBound && $0 != b }
        }
    }
}

/// The least score of each grade, best first: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
public struct GradeBands: Hashable, Sendable, CustomStringConvertible {
    /// The least score of 优, 良 and 中; anything below the last is 差.
    public var excellent: Rational
    public var good: Rational
    public var fair: Rational

    public init(excellent: Rational, good: Rational, fair: Rational) {
        self.excellent = excellent
        self.good = good
        self.fair = fair
    }

    /// The vocabulary's bands (`Grade.bands`), so `grade(score)` and a form's grade agree by default.
    public static let standard: GradeBands = {
        func from(_ g: Grade) -> Rational { Rational(Grade.bands.first { $0.grade == g }?.from ?? 0) }
        return GradeBands(excellent: from(.excellent), good: from(.good), fair: from(.fair))
    }()

    /// The grade a total earns: a band includes its lower bound (90.00 is 优, 89.99 is 良).
    public func grade(_ score: Rational) -> Grade {
        if score >= excellent { return .excellent }
        if score >= good { return .good }
        if score >= fair { return .fair }
        return .poor
    }

    /// The least score of a grade; nil for 差.
    public func lowerBound(_ grade: Grade) -> Rational? {
        switch grade {
        case .excellent: excellent
        case .good: good
        case .fair: fair
        case .poor: nil
        }
    }

    public var description: String {
        "优 ≥ \(excellent.scoringText), 良 ≥ \(good.scoringText), 中 ≥ \(fair.scoringText), else 差"
    }
}
