/// A step rule of department-wide evaluation (部门整体支出绩效评价): the first step whose condition holds
/// gives the points, e.g. 预算调整率 `= 0` → 3, `≤ 10%` → 2, `≤ 20%` → 1, `≤ 30%` → 0.5, else 0.
public struct StepRule: Hashable, Sendable {
    public enum Condition: Hashable, Sendable, CustomStringConvertible {
        case equal(Rational)
        case atMost(Rational)
        case below(Rational)
        case atLeast(Rational)
        case above(Rational)
        /// Always holds: the last step.
        case otherwise

        public func holds(for value: Rational) -> Bool {
            switch self {
            case .equal(let v): value == v
            case .atMost(let v): value <= v
            case .below(let v): value < v
            case .atLeast(let v): value >= v
            case .above(let v): value > v
            case .otherwise: true
            }
        }

        public var description: String {
            switch self {
            case .equal(let v): "= \(v.scoringText)"
            case .atMost(let v): "≤ \(v.scoringText)"
            case .below(let v): "< \(v.scoringText)"
            case .atLeast(let v): "≥ \(v.scoringText)"
            case .above(let v): "> \(v.scoringText)"
            case .otherwise: "else"
            }
        }
    }

    public struct Step: Hashable, Sendable {
        public var condition: Condition
        public var points: Rational

        public init(_ condition: Condition, _ points: Rational) {
            self.condition = condition
            self.points = points
        }
    }

    /// In order: the first that holds wins.
    public var steps: [Step]

    public init(_ steps: [Step]) {
        self.steps = steps
    }

    /// The index of the step that applies to `value`; nil when none does (no `otherwise`).
    public func stepIndex(for value: Rational) -> Int? {
        steps.firstIndex { $0.condition.holds(for: value) }
    }

    /// The points for `value`; nil when no step applies.
    public func points(for value: Rational) -> Rational? {
        stepIndex(for: value).map { steps[$0].points }
    }

    /// The most points any step gives: the indicator's weight.
    public var maximum: Rational {
        steps.map(\.points).max() ?? Rational(0)
    }
}

/// The grades of a department's projects counted: how many 优/良/中/差, and which projects.
public struct GradeRollUp: Hashable, Sendable {
    /// For each grade, best first, the projects with it in the order given.
    public var projects: [Grade: [String]]
    /// Projects with no grade.
    public var ungraded: [String]

    /// Rolls up `(project, grade)` pairs; a nil grade counts as ungraded.
    public init(_ graded: [(project: String, grade: Grade?)]) {
        var byGrade: [Grade: [String]] = [:]
        var none: [String] = []
        for (p, g) in graded {
            if let g { byGrade[g, default: []].append(p) } else { none.append(p) }
        }
        projects = byGrade
        ungraded = none
    }

    public func count(_ grade: Grade) -> Int { projects[grade]?.count ?? 0 }

    /// `2 优, 1 中`: the grades present, best first.
    public var summary: String {
        Grade.allCases.filter { count($0) > 0 }.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }
}
