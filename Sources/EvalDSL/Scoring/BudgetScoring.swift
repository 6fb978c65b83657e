extension IndicatorForm {
    /// The budget block: its totals against the sum of its parts, the execution rate and score, and the
    /// checks of the stated 执行率 and 得分.
    ///
    /// The parts are the detail and the total row is a claim about them: where the parts fill a column,
    /// the computed total is their sum (a total row printing 0 over filled parts is then a failed check,
    /// not a 0 ÷ 0); where they do not, the total row is all there is.
    func evaluateBudget(rules: ScoringRules, execution: ExecutionFigures?, checks: inout [ScoreCheck]) -> BudgetEvaluation {
        var totals: [BudgetLine.Column: Int128] = [:]
        for column in BudgetLine.Column.allCases {
            let filled = budget.parts.compactMap { $0[column] }
            let stated = budget.total[column]
            guard !filled.isEmpty else {
                if let stated { totals[column] = Int128(stated) }
                continue
            }
            let sum = filled.reduce(Int128(0)) { $0 + Int128($1) }
            totals[column] = sum
            if let stated {
                checks.append(ScoreCheck(subject: .budgetTotal(column), label: "\(budget.total.name) \(column.rawValue)", holds: Int128(stated) == sum,
                                         computed: .fen(sum), claimed: .fen(Int128(stated)), claimedText: nil,
                                         difference: Rational.fen(Int128(stated) - sum), places: 2))
            }
        }
        var result = BudgetEvaluation(initial: totals[.initial], fullYear: totals[.fullYear], executed: totals[.executed])
        let base: Int128? = execution.map { $0.budget.map { Int128($0) } } ?? (rules.executionBase == .fullYear ? result.fullYear : result.initial)
        let executed: Int128? = execution.map { $0.executed.map { Int128($0) } } ?? result.executed
        (result.rate, result.rateUndefined) = ScoringRules.executionRate(executed: executed, budget: base, rules: rules)
        if let weight = budget.weight, let rate = result.rate {
            let used = rules.capExecutionRate ? min(rate, Rational(1)) : rate
            result.exactScore = try? used.multiplied(by: weight)
            result.score = result.exactScore.flatMap { try? rules.rounding.apply($0) }
        }
        let why = result.rateUndefined ?? L("no execution rate")
        if let stated = budget.statedRate {
            checks.append(rules.rateCheck(label: "\(budget.total.name) 执行率", rate: result.rate, undefinedReason: why, stated: stated))
        }
        if let stated = budget.statedScore {
            let reason = budget.weight == nil ? L("the budget block has no 分值") : why
            checks.append(rules.scoreCheck(.executionScore, label: "\(budget.total.name) 得分", exact: result.exactScore, undefinedReason: reason, stated: stated))
        }
        return result
    }
}

extension ScoringRules {
    /// 执行数 ÷ 预算数, with 0 ÷ 0 by the rules' convention; a rate, or why there is none.
    static func executionRate(executed: Int128?, budget: Int128?, rules: ScoringRules) -> (Rational?, String?) {
        guard let budget else { return (nil, L("no budget figure")) }
        guard let executed else { return (nil, L("no execution figure")) }
        if budget == 0 {
            guard executed == 0 else { return (nil, L("spending without a budget (÷ 0)")) }
            switch rules.zeroBudget {
            case .undefined: return (nil, L("0 ÷ 0: nothing budgeted, nothing spent"))
            case .full: return (Rational(1), nil)
            case .zero: return (Rational(0), nil)
            }
        }
        do {
            guard let e = Rational.fen(executed), let b = Rational.fen(budget), let rate = try e.divided(by: b) else {
                return (nil, L("the amounts are too large to divide exactly"))
            }
            return (rate, nil)
        } catch {
            return (nil, L("the amounts are too large to divide exactly"))
        }
    }
}

extension Rational {
    /// A whole number of fen, exactly (sums of parts may pass Int64; the decimal reading takes any Int128).
    static func fen(_ amount: Int128) -> Rational? {
        Rational(decimal: Substring(String(amount)))
    }
}
