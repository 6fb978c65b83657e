/// The money figures budget execution is scored on, when they come from elsewhere than the form (the
/// model's payments within the year, or a what-if's): amounts in fen.
public struct ExecutionFigures: Hashable, Sendable {
    /// The budget the rate divides by (全年预算数 or 年初预算数, as the rules say).
    public var budget: Int64?
    public var executed: Int64?

    public init(budget: Int64?, executed: Int64?) {
        self.budget = budget
        self.executed = executed
    }
}

/// Everything computed from a form: scores, checks of every stated cell, total and grade.
public struct FormEvaluation: Hashable, Sendable {
    public var rows: [RowEvaluation]
    public var budget: BudgetEvaluation
    /// Weight sums: each 一级 in order of appearance, then all (the budget 分值 included).
    public var weights: [WeightSum]
    /// 总分 as the form would print it; nil when undefined (see `totalUndefined`).
    public var total: Rational?
    /// Why there is no total: the rows without a score by name, an undefined execution rate.
    public var totalUndefined: [String]
    public var grade: Grade?
    /// Every check of a stated cell, in the order of the form.
    public var checks: [ScoreCheck]
}

/// One indicator row, scored.
public struct RowEvaluation: Hashable, Sendable {
    public var index: Int
    public var row: IndicatorRow
    public var target: IndicatorTarget
    public var actual: CellText?
    public var scoring: RowScoring
    /// The score as the form prints it (by `ScoringRules.rounding`); nil when unscored or failed.
    public var score: Rational?
    /// Notes on the row (an unknown 二级, an assumed direction, an actual written as a bound).
    public var notes: [String]
}

/// The budget block, computed.
public struct BudgetEvaluation: Hashable, Sendable {
    /// The block's totals as computed: the sum of the parts where the parts have the column, else the total row.
    public var initial: Int128?
    public var fullYear: Int128?
    public var executed: Int128?
    /// The execution rate, uncapped; nil when undefined (see `rateUndefined`).
    public var rate: Rational?
    public var rateUndefined: String?
    /// The execution score, exact; nil when undefined or when the form scores no execution.
    public var exactScore: Rational?
    /// As printed (`ScoringRules.rounding`).
    public var score: Rational?
}

/// The weights of one 一级 (or of all) and what they should add up to.
public struct WeightSum: Hashable, Sendable {
    /// nil: all weights.
    public var level1: String?
    public var sum: Rational
    /// The stated 一级 weight or the full marks; nil when the form states none for this 一级.
    public var expected: Rational?
}

extension IndicatorForm {
    /// Scores the form: a pure function of the form, the rules and (optionally) execution figures from
    /// elsewhere, so a what-if changes any of them and evaluates again.
    public func evaluate(rules: ScoringRules = .standard, execution: ExecutionFigures? = nil) -> FormEvaluation {
        var checks: [ScoreCheck] = []
        let budgetResult = evaluateBudget(rules: rules, execution: execution, checks: &checks)
        var rowResults: [RowEvaluation] = []
        for (i, row) in rows.enumerated() {
            let r = evaluateRow(i, row, rules: rules)
            rowResults.append(r.row)
            if let c = r.check { checks.append(c) }
        }
        let weights = weightSums(rules: rules)
        for w in weights {
            guard let expected = w.expected else { continue }
            let subject: ScoreCheck.Subject = w.level1.map { .levelWeights($0) } ?? .allWeights
            let label = w.level1.map { L("\($0) weights") } ?? L("weights in all")
            checks.append(ScoreCheck(subject: subject, label: label, holds: w.sum == expected, computed: .score(w.sum), claimed: .score(expected),
                                     claimedText: nil, difference: try? expected.subtracting(w.sum), places: 2))
        }
        let (total, undefined) = totalScore(rowResults, budgetResult, rules: rules)
        let grade = total.map { rules.grades.grade($0) }
        if let stated = statedTotal {
            checks.append(rules.scoreCheck(.totalScore, label: "总分", exact: total, undefinedReason: undefined.joined(separator: "; "), stated: stated))
        }
        if let stated = statedGrade {
            checks.append(ScoreCheck(subject: .grade, label: "自评等级", holds: grade == stated,
                                     computed: grade.map { .grade($0) } ?? .undefined(undefined.joined(separator: "; ")),
                                     claimed: .grade(stated), claimedText: stated.rawValue, difference: nil, places: 2))
            if let t = statedTotal {
                let g = rules.grades.grade(t.value)
                checks.append(ScoreCheck(subject: .gradeOfStatedTotal, label: L("自评等级 of the stated 总分 \(t.text)"), holds: g == stated,
                                         computed: .grade(g), claimed: .grade(stated), claimedText: stated.rawValue, difference: nil, places: 2))
            }
        }
        return FormEvaluation(rows: rowResults, budget: budgetResult, weights: weights, total: total, totalUndefined: undefined, grade: grade, checks: checks)
    }

    private func evaluateRow(_ i: Int, _ row: IndicatorRow, rules: ScoringRules) -> (row: RowEvaluation, check: ScoreCheck?) {
        let target = IndicatorTarget(row.target, bareDirection: rules.bareDirection)
        let actual = row.actual.map(CellText.init)
        let scoring = rules.score(target: target, actual: actual, weight: row.weight, stated: row.statedScore?.value)
        var notes = IndicatorLevels.note(level1: row.level1, level2: row.level2).map { [$0] } ?? []
        notes += scoring.notes
        var printed: Rational?
        if case .scored(let x) = scoring.outcome { printed = try? rules.rounding.apply(x) }
        let result = RowEvaluation(index: i, row: row, target: target, actual: actual, scoring: scoring, score: printed, notes: notes)
        guard let stated = row.statedScore else { return (result, nil) }
        let label = "得分 \(row.name)"
        if let band = scoring.band {
            // Qualitative: the evaluator picks the score; it must fall in the level's band.
            let share = row.weight == Rational(0) ? nil : (try? stated.value.divided(by: row.weight)) ?? nil
            let holds: Bool
            if let level = scoring.level, let share { holds = rules.qualitative.contains(share, level: level) }
            else { holds = band.contains(stated.value) }
            let nearest = min(max(stated.value, band.lowerBound), band.upperBound)
            return (result, ScoreCheck(subject: .rowScore(index: i), label: label, holds: holds, computed: .band(band), claimed: .score(stated.value),
                                       claimedText: stated.text, difference: try? stated.value.subtracting(nearest), places: max(2, stated.places)))
        }
        var exact: Rational?
        var reason = ""
        switch scoring.outcome {
        case .scored(let x): exact = x
        case .unscored(let r): reason = r
        case .failed(let e): reason = e.description
        }
        return (result, rules.scoreCheck(.rowScore(index: i), label: label, exact: exact, undefinedReason: reason, stated: stated))
    }

    /// Each 一级's weights in order of first appearance, then all of them with the budget 分值.
    func weightSums(rules: ScoringRules) -> [WeightSum] {
        var order: [String] = []
        var sums: [String: Rational] = [:]
        var all = budget.weight ?? Rational(0)
        for row in rows {
            if sums[row.level1] == nil { order.append(row.level1) }
            sums[row.level1] = (try? (sums[row.level1] ?? Rational(0)).adding(row.weight)) ?? sums[row.level1]
            all = (try? all.adding(row.weight)) ?? all
        }
        var result = order.map { WeightSum(level1: $0, sum: sums[$0] ?? Rational(0), expected: statedLevelWeights[$0]) }
        result.append(WeightSum(level1: nil, sum: all, expected: fullMarks ?? rules.fullMarks))
        return result
    }

    private func totalScore(_ rows: [RowEvaluation], _ budget: BudgetEvaluation, rules: ScoringRules) -> (Rational?, [String]) {
        var undefined: [String] = []
        var parts: [Rational] = []
        for r in rows {
            switch r.scoring.outcome {
            case .scored(let x): parts.append(rules.totalOf == .roundedScores ? (r.score ?? x) : x)
            case .unscored(let reason): undefined.append("\(r.row.name): \(reason)")
            case .failed(let e): undefined.append("\(r.row.name): \(e.description)")
            }
        }
        if self.budget.weight != nil {
            if let s = budget.exactScore { parts.append(rules.totalOf == .roundedScores ? (budget.score ?? s) : s) }
            else { let why = budget.rateUndefined ?? L("no score"); undefined.append(L("budget execution: \(why)")) }
        }
        guard undefined.isEmpty else { return (nil, undefined) }
        do {
            var sum = Rational(0)
            for p in parts { sum = try sum.adding(p) }
            return (try rules.rounding.apply(sum), [])
        } catch {
            return (nil, ["the total is too large to compute exactly"])
        }
    }
}
