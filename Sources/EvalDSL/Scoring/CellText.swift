/// Which way a target points: 正向 (at least), 等于 (equal) or 反向 (at most: costs, durations, deadlines).
public enum Direction: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case atLeast = "≥"
    case equal = "="
    case atMost = "≤"

    public var description: String { rawValue }
}

/// A month or a day on a form (`12月`, `2020年9月30日`): the point a deadline names.
public struct TimePoint: Hashable, Sendable, CustomStringConvertible {
    /// nil when the cell names no year (`9月前`): then only months and days are compared.
    public var year: Int?
    public var month: Int
    /// nil: the whole month (a month deadline means its last day).
    public var day: Int?

    public init?(year: Int?, month: Int, day: Int?) {
        guard (1...12).contains(month) else { return nil }
        if let day, !CivilDate.isValid(year: year ?? 2000, month: month, day: day) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        let y = year.map { "\($0)年" } ?? ""
        return y + "\(month)月" + (day.map { "\($0)日" } ?? "")
    }
}

/// What a text actual says about the target (完成, 基本完成, 未完成).
public enum Achievement: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case achieved = "达成"
    case partly = "部分达成"
    case notAchieved = "未达成"

    public var description: String { rawValue }
}

/// One cell of an indicator row (年度指标值 or 实际完成值) read as real forms write it.
public struct CellText: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        /// `50人次`, `202.6万元`, `95%`.
        case quantity(Quantity)
        /// `12月`, `年底`, `2020-09-30`.
        case time(TimePoint)
        /// `完成`, `基本完成`, `未完成`; `onTime` for 按时完成 and its kin, which also answer a deadline.
        case achievement(Achievement, onTime: Bool)
        /// Any other text: a qualitative target (有效提升) or a described actual.
        case text(String)
    }

    /// The cell as written.
    public var original: String
    public var content: Content
    /// The direction the cell writes (`≥`, `不超过`, `以上`, `前`); nil: none written.
    public var comparator: Direction?
    /// The comparator as spelled in the cell, for messages: `不少于`.
    public var comparatorSpelling: String?

    /// Reads one cell. Never fails: what is not a number, a month, a date or an achievement word is text.
    public init(_ text: String) {
        original = text
        var s = CellText.normalized(text)
        comparator = nil
        comparatorSpelling = nil
        content = .text(text.trimmingCellSpaces)
        if let a = CellText.achievement(s) {
            content = .achievement(a.0, onTime: a.onTime)
            return
        }
        if let (d, spelling) = CellText.stripPrefix(&s) {
            comparator = d
            comparatorSpelling = spelling
        }
        if let (d, spelling) = CellText.stripSuffix(&s, from: CellText.suffixComparators) {
            comparator = comparator ?? d
            comparatorSpelling = comparatorSpelling ?? spelling
        }
        if let (t, before) = CellText.timePoint(s) {
            content = .time(t)
            if before, comparator == nil {
                comparator = .atMost
                comparatorSpelling = "前"
            }
            return
        }
        if let q = CellText.quantity(s) {
            content = .quantity(q)
            return
        }
        // Not a figure after all: keep the words, comparator included, as the qualitative text.
        comparator = nil
        comparatorSpelling = nil
    }

    // MARK: Normalising

    /// Fullwidth ASCII to ASCII (`９５％` → `95%`), the look-alike comparators to one spelling, no spaces.
    static func normalized(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x2550: out.append("=")  // ═
            case 0x2267: out.append("≥")  // ≧
            case 0x2266: out.append("≤")  // ≦
            default:
                if !scalar.properties.isWhitespace { out.unicodeScalars.append(scalar) }
            }
        }
        while out.hasSuffix("。") || out.hasSuffix(".") { out.removeLast() }
        return out
    }

    // MARK: Comparators

    /// Spellings before the figure, longest first so that `不超过` is not read as `超过`.
    static let prefixComparators: [(String, Direction)] = [
        ("大于等于", .atLeast), ("不少于", .atLeast), ("不低于", .atLeast), ("不小于", .atLeast), ("至少", .atLeast),
        (">=", .atLeast), ("≥", .atLeast), ("大于", .atLeast), ("高于", .atLeast), ("多于", .atLeast), (">", .atLeast),
        ("小于等于", .atMost), ("不超过", .atMost), ("不高于", .atMost), ("不大于", .atMost), ("不多于", .atMost),
        ("至多", .atMost), ("<=", .atMost), ("≤", .atMost), ("小于", .atMost), ("低于", .atMost), ("超过", .atLeast),
        ("<", .atMost), ("==", .equal), ("=", .equal), ("达到", .equal), ("等于", .equal),
    ].sorted { $0.0.count > $1.0.count }

    /// Spellings after the figure: `50人次以上`, `3天以内`.
    static let suffixComparators: [(String, Direction)] = [
        ("及以上", .atLeast), ("以上", .atLeast), ("及以下", .atMost), ("以下", .atMost), ("以内", .atMost), ("之内", .atMost),
    ]

    static func stripPrefix(_ s: inout String) -> (Direction, String)? {
        for (spelling, d) in prefixComparators where s.hasPrefix(spelling) && s.count > spelling.count {
            s.removeFirst(spelling.count)
            return (d, spelling)
        }
        return nil
    }

    static func stripSuffix(_ s: inout String, from table: [(String, Direction)]) -> (Direction, String)? {
        for (spelling, d) in table where s.hasSuffix(spelling) && s.count > spelling.count {
            s.removeLast(spelling.count)
            return (d, spelling)
        }
        return nil
    }

    // MARK: Achievement words

    static let achievementWords: [(String, Achievement)] = [
        ("全部完成", .achieved), ("已完成", .achieved), ("完成", .achieved), ("已达成", .achieved), ("达成", .achieved),
        ("已达到", .achieved), ("达到", .achieved), ("已实现", .achieved), ("实现", .achieved), ("达标", .achieved),
        ("基本达成", .partly), ("部分达成", .partly), ("基本完成", .partly), ("部分完成", .partly),
        ("基本实现", .partly), ("部分实现", .partly), ("基本达到", .partly), ("部分达到", .partly),
        ("未达成", .notAchieved), ("未完成", .notAchieved), ("未实现", .notAchieved), ("未达到", .notAchieved),
        ("未达标", .notAchieved),
    ]

    static let onTimeWords: [(String, Achievement)] = [
        ("按时完成", .achieved), ("如期完成", .achieved), ("按期完成", .achieved), ("已按时完成", .achieved),
        ("未按时完成", .notAchieved), ("未如期完成", .notAchieved), ("未按期完成", .notAchieved),
    ]

    /// What may follow an achievement word and still say only "achieved": `达成预期指标`.
    static let achievementTails = ["", "预期", "预期目标", "预期指标", "目标", "年度目标", "年度指标", "预期效果"]

    static func achievement(_ s: String) -> (Achievement, onTime: Bool)? {
        for (w, a) in onTimeWords where s == w { return (a, true) }
        for (w, a) in achievementWords where s.hasPrefix(w) {
            let tail = String(s.dropFirst(w.count))
            if achievementTails.contains(tail) {
                // `完成` is a prefix of nothing longer in the table, but `达成` is a suffix of `基本达成`:
                // hasPrefix keeps those apart.
                return (a, false)
            }
        }
        return nil
    }

    // MARK: Months and dates

    /// A month or date with whether the cell says "before" (`9月前`, `年底前`).
    static func timePoint(_ text: String) -> (TimePoint, before: Bool)? {
        var s = text
        var before = false
        for suffix in ["之前", "以前", "前"] where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
            before = true
            break
        }
        if s == "年底" || s == "年末" { return TimePoint(year: nil, month: 12, day: nil).map { ($0, before) } }
        for suffix in ["底", "末", "份"] where s.hasSuffix(suffix) && s.hasSuffix("月" + suffix) {
            s.removeLast(suffix.count)
            break
        }
        let parts = CellText.dateParts(s)
        guard let parts else { return nil }
        return TimePoint(year: parts.year, month: parts.month, day: parts.day).map { ($0, before) }
    }

    /// `2020-09-30`, `2020/9/30`, `2020.9.30`, `2020年9月30日`, `2020年9月`, `9月30日`, `9月`.
    static func dateParts(_ s: String) -> (year: Int?, month: Int, day: Int?)? {
        for sep: Character in ["-", "/", "."] where s.contains(sep) {
            let f = s.split(separator: sep, omittingEmptySubsequences: false)
            guard f.count == 3 || f.count == 2, f.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isPlainDigit) }),
                  f[0].count == 4, let y = Int(f[0]), let m = Int(f[1]) else { return nil }
            return (y, m, f.count == 3 ? Int(f[2]) : nil)
        }
        var rest = Substring(s)
        func number(before marker: Character) -> Int?? {
            guard let i = rest.firstIndex(of: marker) else { return .some(nil) }
            let digits = rest[..<i]
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isPlainDigit) else { return nil }
            rest = rest[rest.index(after: i)...]
            return .some(Int(digits))
        }
        guard let y = number(before: "年"), let m = number(before: "月"), let month = m else { return nil }
        guard let d = number(before: "日"), rest.isEmpty else { return nil }
        if let y, y < 1000 { return nil }  // `3年6月` is a duration, not a date
        return (y, month, d)
    }

    // MARK: Numbers

    /// `1,234.5万元`, `95%`, `-3`: a decimal at the start and a unit word (or nothing) after it.
    static func quantity(_ s: String) -> Quantity? {
        var end = s.startIndex
        var seenDigit = false
        if s.first == "-" || s.first == "+" { end = s.index(after: end) }
        while end < s.endIndex, s[end].isPlainDigit || s[end] == "," || s[end] == "." {
            if s[end].isPlainDigit { seenDigit = true }
            end = s.index(after: end)
        }
        guard seenDigit else { return nil }
        let numberText = s[..<end]
        guard numberText.last?.isPlainDigit == true, CellText.groupingIsValid(numberText),
              let value = Rational(decimal: numberText) else { return nil }
        let unitText = String(s[end...])
        // A unit with digits (`3-5天`, `90%-95%`) is a range or a sentence: text, not a figure.
        guard !unitText.contains(where: \.isPlainDigit) else { return nil }
        guard let unit = MeasureUnit.named(unitText) else { return Quantity(value, nil) }
        if unit == .percent {
            guard let fraction = try? value.divided(by: Rational(100)) else { return nil }
            return Quantity(fraction, .percent)
        }
        return Quantity(value, unit)
    }

    /// Commas only between groups of three integer digits (`1,234`), never in decimals.
    static func groupingIsValid(_ n: Substring) -> Bool {
        guard n.includes(",") else { return true }
        let unsigned = n.drop { $0 == "-" || $0 == "+" }
        let intPart = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if unsigned.includes("."), unsigned.split(separator: ".")[1].includes(",") { return false }
        let groups = intPart.split(separator: ",", omittingEmptySubsequences: false)
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension Character {
    fileprivate var isPlainDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Without leading and trailing spaces (ASCII and ideographic).
    var trimmingCellSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
