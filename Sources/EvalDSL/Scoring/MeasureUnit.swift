/// The unit a target or an actual value is written in (`人次`, `万元`, `%`), and which units convert.
///
/// Units of one family convert exactly (元 and 万元, 米 and 公里); any other pair compares only when
/// the units are the same word. An unknown unit word is kept as written and matches only itself, so a
/// form's local units (`人次/年`, `台套`) still work without a table entry.
public struct MeasureUnit: Hashable, Sendable, CustomStringConvertible {
    /// Families whose units convert into each other exactly.
    public enum Family: String, Hashable, Sendable {
        case money, length, area
    }

    /// The canonical spelling: `万元`, `㎡`, `%`.
    public let symbol: String
    /// nil: the unit converts to nothing but itself.
    public let family: Family?
    /// How many base units (元, 米, ㎡) one of this unit is; 1 outside a family.
    public let factor: Rational

    public var description: String { symbol }

    /// The unit of a rate (`95%`): its values are fractions, 95% is stored as 19/20.
    public static let percent = MeasureUnit(symbol: "%", family: nil, factor: Rational(1))

    /// A unit word outside the table, kept literally.
    public static func literal(_ word: String) -> MeasureUnit {
        MeasureUnit(symbol: word, family: nil, factor: Rational(1))
    }

    /// Every known spelling with its unit, longest first so that `人次` wins over `人` and `平方米`
    /// over `米` when a cell is read from its end.
    public static let spellings: [(spelling: String, unit: MeasureUnit)] = {
        func plain(_ s: String) -> MeasureUnit { .literal(s) }
        func of(_ s: String, _ f: Family, _ factor: Int) -> MeasureUnit {
            MeasureUnit(symbol: s, family: f, factor: Rational(factor))
        }
        let hundredth = (try? Rational(1).divided(by: Rational(100))) ?? Rational(1)
        let centimetre = MeasureUnit(symbol: "厘米", family: .length, factor: hundredth)
        let metre = of("米", .length, 1), kilometre = of("公里", .length, 1000)
        let squareMetre = of("㎡", .area, 1)
        var table: [(String, MeasureUnit)] = [
            ("元", of("元", .money, 1)), ("千元", of("千元", .money, 1_000)), ("万元", of("万元", .money, 10_000)), ("亿元", of("亿元", .money, 100_000_000)),
            ("厘米", centimetre), ("米", metre), ("公里", kilometre), ("千米", kilometre),
            ("cm", centimetre), ("m", metre), ("km", kilometre),
            ("㎡", squareMetre), ("平方米", squareMetre), ("m²", squareMetre),
            ("%", .percent), ("％", .percent),
            // 亩 is 666.67 ㎡ only approximately (10000/15), so it is a unit of its own.
            ("亩", plain("亩")),
            // 日 as a count of days is the same unit as 天; durations do not convert (a month has no fixed days).
            ("天", plain("天")), ("日", plain("天")), ("个工作日", plain("个工作日")), ("工作日", plain("个工作日")),
            ("小时", plain("小时")), ("个月", plain("个月")), ("年", plain("年")),
        ]
        for word in ["人次", "人", "次", "个", "种", "例", "项", "期", "场", "户", "所", "台", "套", "份", "册", "篇", "家", "条", "批", "件", "辆", "座", "处", "本", "部", "门"] {
            table.append((word, plain(word)))
        }
        return table.sorted { $0.0.count > $1.0.count }
    }()

    /// The unit a whole unit text names, known or literal; nil for empty text.
    public static func named(_ text: String) -> MeasureUnit? {
        guard !text.isEmpty else { return nil }
        return spellings.first { $0.spelling == text }?.unit ?? .literal(text)
    }

    /// Whether values in `self` and `other` can be compared.
    public func converts(to other: MeasureUnit) -> Bool {
        if let f = family, let g = other.family { return f == g }
        return self == other
    }
}

/// A number with its unit, as a cell states it: `202.6 万元`, `95%` (19/20 with unit %), `50 人次`.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public var value: Rational
    /// nil: a bare number, which takes the unit of the value it is compared with.
    public var unit: MeasureUnit?

    public init(_ value: Rational, _ unit: MeasureUnit?) {
        self.value = value
        self.unit = unit
    }

    public var description: String {
        guard let unit else { return value.scoringText }
        if unit == .percent {
            let pct = (try? value.multiplied(by: Rational(100))) ?? value
            return pct.scoringText + "%"
        }
        return value.scoringText + unit.symbol
    }
}

/// Why two quantities could not be compared.
public struct UnitMismatch: Error, Hashable, Sendable {
    public let target: MeasureUnit
    public let actual: MeasureUnit
    public var message: String {
        "the actual value is in \(actual.symbol) and the target in \(target.symbol): these units do not convert"
    }
}

extension Quantity {
    /// The two values in one unit (the target's when they differ), exactly.
    /// A bare number takes the other side's unit: forms often write the unit only once.
    static func common(target: Quantity, actual: Quantity) throws -> (target: Rational, actual: Rational) {
        // A bare number next to a percentage is a percentage written without its sign (`98` for `≥95%`).
        if target.unit == .percent, actual.unit == nil, let a = try actual.value.divided(by: Rational(100)) {
            return (target.value, a)
        }
        if actual.unit == .percent, target.unit == nil, let t = try target.value.divided(by: Rational(100)) {
            return (t, actual.value)
        }
        guard let tu = target.unit, let au = actual.unit, tu != au else {
            return (target.value, actual.value)
        }
        guard tu.converts(to: au) else { throw ScoringError.unitMismatch(UnitMismatch(target: tu, actual: au)) }
        // actual in target units = actual × (actual factor ÷ target factor); factors are never zero.
        guard let ratio = try au.factor.divided(by: tu.factor) else { return (target.value, actual.value) }
        return (target.value, try actual.value.multiplied(by: ratio))
    }
}
