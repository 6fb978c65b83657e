/// The verdict on one stated cell of a form: computed against claimed, as structured values the caller
/// renders (`✓/✗ label — computed X, claimed Y, difference Z`).
public struct ScoreCheck: Hashable, Sendable {
    /// Which cell was checked.
    public enum Subject: Hashable, Sendable {
        /// 得分 of indicator row `index` (0-based).
        case rowScore(index: Int)
        /// A total-row cell of the budget block against the sum of its parts.
        case budgetTotal(BudgetLine.Column)
        case executionRate
        case executionScore
        /// The weights of one 一级 against the weight the form states for it.
        case levelWeights(String)
        /// All weights (the budget 分值 included) against the full marks.
        case allWeights
        case totalScore
        case grade
        /// The stated grade against the band of the stated total: the form's own consistency.
        case gradeOfStatedTotal
    }

    /// A value on either side of a check.
    public enum Figure: Hashable, Sendable {
        /// Points, shown with the places of `ScoreCheck.places`.
        case score(Rational)
        /// A fraction shown as a percentage (17/20 → 85.00%).
        case rate(Rational)
        case fen(Int128)
        case grade(Grade)
        /// The scores a qualitative level allows.
        case band(ClosedRange<Rational>)
        /// No value, and why.
        case undefined(String)

        /// Plain text with `places` decimals: `9.80`, `85.00%`, `1,080,000.00元`, `24.00–30.00`, `undefined (why)`.
        public func text(places: Int) -> String {
            switch self {
            case .score(let r): return r.decimalText(places: places)
            case .rate(let r): return ((try? r.multiplied(by: Rational(100))) ?? r).decimalText(places: places) + "%"
            case .fen(let f):
                let yuan = Rational.fen(f).flatMap { (try? $0.divided(by: Rational(100))) ?? nil }
                return (yuan.map { ScoreCheck.grouped($0.decimalText(places: 2)) } ?? String(f) + " fen") + "元"
            case .grade(let g): return g.rawValue
            case .band(let b): return b.lowerBound.decimalText(places: places) + "–" + b.upperBound.decimalText(places: places)
            case .undefined(let why): return L("undefined (\(why))")
            }
        }
    }

    public var subject: Subject

    /// `1234567.50` → `1,234,567.50`.
    static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = ""
        for (i, ch) in parts[0].enumerated() {
            if i > 0 && (parts[0].count - i) % 3 == 0 { digits.append(",") }
            digits.append(ch)
        }
        return (negative ? "-" : "") + digits + (parts.count > 1 ? "." + parts[1] : "")
    }
    /// A short label: `得分 培训期数`, `年度资金总额 全年执行数`, `产出 weights`.
    public var label: String
    public var holds: Bool
    public var computed: Figure
    public var claimed: Figure
    /// The claim as written on the form, when it was a cell.
    public var claimedText: String?
    /// claimed − computed, in the figure's own terms (points, fraction, fen); nil when not a number.
    public var difference: Rational?
    /// Decimals to show numbers with (at least 2 for scores and rates).
    public var places: Int
}

extension ScoringRules {
    /// A stated score against an exact one. A score written with d decimals holds when this convention
    /// applied at d decimals gives it (17 for 17.8 under truncation; 18 under half up); with more decimals
    /// than the convention's, it must equal the convention's value.
    public func scoreCheck(_ subject: ScoreCheck.Subject, label: String, exact: Rational?, undefinedReason: String, stated: StatedNumber) -> ScoreCheck {
        let places = max(2, stated.places)
        guard let exact else {
            return ScoreCheck(subject: subject, label: label, holds: false, computed: .undefined(undefinedReason), claimed: .score(stated.value),
                              claimedText: stated.text, difference: nil, places: places)
        }
        do {
            let atClaim = try rounding.apply(exact, places: min(stated.places, rounding.places))
            let shown = try rounding.apply(exact)
            return ScoreCheck(subject: subject, label: label, holds: atClaim == stated.value, computed: .score(shown), claimed: .score(stated.value),
                              claimedText: stated.text, difference: try stated.value.subtracting(shown), places: places)
        } catch {
            return ScoreCheck(subject: subject, label: label, holds: false, computed: .undefined(L("overflow")), claimed: .score(stated.value),
                              claimedText: stated.text, difference: nil, places: places)
        }
    }

    /// A stated percentage against an exact rate, at the decimals it was written with (half up).
    public func rateCheck(label: String, rate: Rational?, undefinedReason: String, stated: StatedNumber) -> ScoreCheck {
        let places = max(2, stated.places)
        guard let rate, let atClaim = try? rate.rounded(places: stated.places + 2), let diff = try? stated.value.subtracting(rate) else {
            return ScoreCheck(subject: .executionRate, label: label, holds: false, computed: .undefined(undefinedReason), claimed: .rate(stated.value),
                              claimedText: stated.text, difference: nil, places: places)
        }
        return ScoreCheck(subject: .executionRate, label: label, holds: atClaim == stated.value, computed: .rate(rate), claimed: .rate(stated.value),
                          claimedText: stated.text, difference: diff, places: places)
    }
}
