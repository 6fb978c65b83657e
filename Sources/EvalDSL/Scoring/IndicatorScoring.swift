/// A row's target (年度指标值), read with the direction a bare target is given.
public struct IndicatorTarget: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `≥50人次`, `≤202.6万元`, `=100%`.
        case quantity(Quantity, Direction)
        /// `≤12月`, `9月前`, `2020-09-30`: at most a month or a day.
        case deadline(TimePoint)
        /// `达成预期指标`, `有效提升`: scored by the qualitative bands.
        case qualitative(String)
    }

    public var cell: CellText
    public var kind: Kind
    /// The cell writes no direction: it was taken from `ScoringRules.bareDirection` (or, for a month or a
    /// date, read as a deadline). Output should say so.
    public var directionAssumed: Bool

    public init(_ text: String, bareDirection: Direction = .atLeast) {
        cell = CellText(text)
        switch cell.content {
        case .quantity(let q):
            kind = .quantity(q, cell.comparator ?? bareDirection)
            directionAssumed = cell.comparator == nil
        case .time(let t):
            kind = .deadline(t)
            directionAssumed = cell.comparator == nil
        case .achievement, .text:
            kind = .qualitative(text.trimmingCellSpaces)
            directionAssumed = false
        }
    }

    /// The direction scored by: at most for deadlines, none for qualitative targets.
    public var direction: Direction? {
        switch kind {
        case .quantity(_, let d): d
        case .deadline: .atMost
        case .qualitative: nil
        }
    }
}

/// Why a row cannot be scored: an error in the form, never a silent 0.
public enum ScoringError: Error, Hashable, Sendable, CustomStringConvertible {
    case unitMismatch(UnitMismatch)
    /// A text actual (`完成`) for a target that is a figure.
    case textActualForQuantity(actual: String, target: String)
    /// A month or a date against a figure, or a figure against a deadline.
    case timeVersusQuantity(actual: String, target: String)
    /// `≥12月`: a month or date target that is not a deadline.
    case notADeadline(target: String)
    case overflow

    public var description: String {
        switch self {
        case .unitMismatch(let m): m.message
        case .textActualForQuantity(let a, let t):
            "the actual value \(a) is text but the target \(t) is a figure: state the figure reached"
        case .timeVersusQuantity(let a, let t):
            "the actual value \(a) and the target \(t) do not compare: one is a month or date, the other a figure"
        case .notADeadline(let t):
            "the target \(t) asks for a month or date at least: only deadlines (≤, 前, or none) are scored"
        case .overflow: L("the numbers are too large to score exactly")
        }
    }
}

/// The score of one row before any stated cell is checked.
public struct RowScoring: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// The exact score, unrounded.
        case scored(Rational)
        /// No score follows from the row (no actual value, a qualitative row without a stated score…).
        case unscored(reason: String)
        case failed(ScoringError)
    }

    public var outcome: Outcome
    /// For a qualitative row: the level the actual states.
    public var level: Achievement?
    /// For a qualitative row: the scores the level allows (the band times the weight).
    public var band: ClosedRange<Rational>?
    /// What the reader should know: an assumed direction, an actual written as a bound.
    public var notes: [String] = []
}

extension ScoringRules {
    /// Scores one row exactly. `stated` is the form's 得分, used only where the rules leave the choice to
    /// the evaluator (a qualitative row).
    public func score(target: IndicatorTarget, actual: CellText?, weight: Rational, stated: Rational? = nil) -> RowScoring {
        var notes: [String] = []
        if target.directionAssumed, let d = target.direction {
            notes.append(L("no comparator in the target \(target.cell.original.trimmingCellSpaces): read as \(d.rawValue)"))
        }
        if target.cell.original.trimmingCellSpaces.isEmpty {
            return RowScoring(outcome: .unscored(reason: L("no target value")), notes: notes)
        }
        guard let actual, !actual.original.trimmingCellSpaces.isEmpty else {
            return RowScoring(outcome: .unscored(reason: L("no actual value")), notes: notes)
        }
        if actual.comparator != nil, case .quantity = actual.content {
            notes.append(L("the actual value \(actual.original.trimmingCellSpaces) is a bound: scored at the bound"))
        } else if actual.comparator != nil, case .time = actual.content {
            notes.append(L("the actual value \(actual.original.trimmingCellSpaces) is a bound: scored at the bound"))
        }
        do {
            var result: RowScoring
            switch target.kind {
            case .quantity(let q, let d): result = try scoreQuantity(q, d, target: target, actual: actual, weight: weight)
            case .deadline(let t): result = try scoreDeadline(t, target: target, actual: actual, weight: weight)
            case .qualitative: result = try scoreQualitative(actual: actual, weight: weight, stated: stated)
            }
            result.notes = notes + result.notes
            return result
        } catch let e as ScoringError {
            return RowScoring(outcome: .failed(e), notes: notes)
        } catch {
            return RowScoring(outcome: .failed(.overflow), notes: notes)
        }
    }

    private func scoreQuantity(_ q: Quantity, _ d: Direction, target: IndicatorTarget, actual: CellText, weight: Rational) throws -> RowScoring {
        let t = target.cell.original.trimmingCellSpaces, a = actual.original.trimmingCellSpaces
        switch actual.content {
        case .quantity(let aq):
            let (tv, av) = try Quantity.common(target: q, actual: aq)
            return RowScoring(outcome: try proportional(d, target: tv, actual: av, weight: weight))
        case .achievement, .text: throw ScoringError.textActualForQuantity(actual: a, target: t)
        case .time: throw ScoringError.timeVersusQuantity(actual: a, target: t)
        }
    }

    /// The at-least, equal and at-most rules on two numbers in one unit.
    func proportional(_ d: Direction, target t: Rational, actual a: Rational, weight w: Rational) throws -> RowScoring.Outcome {
        let zero = Rational(0)
        func share(_ x: Rational) throws -> Rational { try x.multiplied(by: w) }
        switch d {
        case .atLeast, .equal:
            if a == t || (d == .atLeast && a > t) { return .scored(w) }
            // Target 0: nothing to divide by. At least 0 missed means below 0; equal to 0 holds at or below 0.
            if t == zero { return .scored(d == .equal && a < zero ? w : zero) }
            if t < zero { return .unscored(reason: L("a target below zero has no proportional score")) }
            if a <= zero { return .scored(zero) }
            guard let ratio = try a.divided(by: t) else { return .scored(zero) }
            return .scored(try share(min(ratio, Rational(1))))
        case .atMost:
            return try atMostScore(target: t, actual: a, weight: w)
        }
    }

    func atMostScore(target t: Rational, actual a: Rational, weight w: Rational) throws -> RowScoring.Outcome {
        let zero = Rational(0)
        if a <= t { return .scored(w) }
        if t < zero { return .unscored(reason: L("a target below zero has no proportional score")) }
        if t == zero { return .scored(zero) }
        switch atMost {
        case .linear:
            let over = try a.subtracting(t)
            guard let part = try over.divided(by: t) else { return .scored(zero) }
            let left = try Rational(1).subtracting(part)
            return .scored(left <= zero ? zero : try left.multiplied(by: w))
        case .ratio:
            guard let ratio = try t.divided(by: a) else { return .scored(zero) }
            return .scored(try ratio.multiplied(by: w))
        }
    }

    private func scoreDeadline(_ tp: TimePoint, target: IndicatorTarget, actual: CellText, weight: Rational) throws -> RowScoring {
        let t = target.cell.original.trimmingCellSpaces, a = actual.original.trimmingCellSpaces
        if target.cell.comparator == .atLeast { throw ScoringError.notADeadline(target: t) }
        let ap: TimePoint
        switch actual.content {
        case .time(let p): ap = p
        case .quantity(let q):
            // A bare month number (`11` under a target of `12月`).
            guard q.unit == nil, let n = Int(q.value.decimalText(places: 0)), Rational(n) == q.value,
                  let p = TimePoint(year: nil, month: n, day: nil) else { throw ScoringError.timeVersusQuantity(actual: a, target: t) }
            ap = p
        case .achievement(let level, onTime: true):
            return RowScoring(outcome: .scored(level == .achieved ? weight : Rational(0)))
        case .achievement, .text: throw ScoringError.textActualForQuantity(actual: a, target: t)
        }
        let (tv, av) = TimePoint.ordinals(target: tp, actual: ap)
        if av <= tv { return RowScoring(outcome: .scored(weight)) }
        switch deadlines {
        case .allOrNothing:
            return RowScoring(outcome: .scored(Rational(0)), notes: [L("late: \(ap) against \(tp), all or nothing")])
        case .proportional:
            return RowScoring(outcome: try atMostScore(target: Rational(tv), actual: Rational(av), weight: weight))
        }
    }

    private func scoreQualitative(actual: CellText, weight: Rational, stated: Rational?) throws -> RowScoring {
        guard case .achievement(let level, _) = actual.content else {
            // The actual describes rather than says 达成/未达成: only the weight bounds the score.
            let band = Rational(0)...weight
            guard let stated else {
                return RowScoring(outcome: .unscored(reason: L("the actual value does not say 达成, 部分达成 or 未达成 and no score is stated")), band: band)
            }
            return RowScoring(outcome: .scored(min(max(stated, band.lowerBound), band.upperBound)), band: band,
                              notes: [L("the actual value does not say 达成, 部分达成 or 未达成: the stated score is taken as given")])
        }
        let shares = qualitative.band(level)
        let band = try shares.lowerBound.multiplied(by: weight)...shares.upperBound.multiplied(by: weight)
        let outcome: RowScoring.Outcome
        if let stated {
            // The evaluator's pick; one outside the band counts at the nearest edge (and its check fails).
            outcome = .scored(min(max(stated, band.lowerBound), band.upperBound))
        } else {
            switch unstatedQualitative {
            case .unscored: outcome = .unscored(reason: L("qualitative (\(level)): the score is the evaluator's pick within \(band.lowerBound.scoringText)–\(band.upperBound.scoringText) and none is stated"))
            case .bandTop: outcome = .scored(band.upperBound)
            case .bandBottom: outcome = .scored(band.lowerBound)
            }
        }
        return RowScoring(outcome: outcome, level: level, band: band)
    }
}

extension TimePoint {
    /// Comparable numbers for a deadline and an actual: month numbers (counted on past December when the
    /// actual's year is later), or day-of-year numbers when both name a day.
    static func ordinals(target t: TimePoint, actual a: TimePoint) -> (target: Int, actual: Int) {
        let baseYear = t.year ?? a.year ?? 2000
        let yearOf = { (p: TimePoint) in (t.year != nil && a.year != nil) ? (p.year ?? baseYear) : baseYear }
        if let td = t.day, let ad = a.day,
           let tDate = CivilDate(year: yearOf(t), month: t.month, day: td),
           let aDate = CivilDate(year: yearOf(a), month: a.month, day: ad),
           let jan1 = CivilDate(year: baseYear, month: 1, day: 1) {
            return (Int(tDate.dayNumber - jan1.dayNumber) + 1, Int(aDate.dayNumber - jan1.dayNumber) + 1)
        }
        return ((yearOf(t) - baseYear) * 12 + t.month, (yearOf(a) - baseYear) * 12 + a.month)
    }
}

extension Rational {
    /// Plain decimal text for messages: up to 6 decimals, no trailing zeros.
    var scoringText: String {
        var s = decimalText(places: 6)
        if s.includes(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
