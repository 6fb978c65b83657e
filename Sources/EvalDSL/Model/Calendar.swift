/// A calendar day, stored as days since 1970-01-01 (proleptic Gregorian). Time zones never enter:
/// a payment date is a civil date as the treasury system prints it.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let dayNumber: Int32

    public init(dayNumber: Int32) { self.dayNumber = dayNumber }

    public init?(year: Int, month: Int, day: Int) {
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        self.dayNumber = Int32(CivilDate.daysFromCivil(year, month, day))
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(year: year, month: month)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }

    public var description: String {
        let c = components
        return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// A span of days: a month, a quarter or a year. Payments may be known only to fall within one.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    public var first: CivilDate {
        switch self {
        case .month(let y, let m): CivilDate(year: y, month: m, day: 1)!
        case .quarter(let y, let q): CivilDate(year: y, month: q * 3 - 2, day: 1)!
        case .year(let y): CivilDate(year: y, month: 1, day: 1)!
        }
    }

    public var last: CivilDate {
        switch self {
        case .month(let y, let m): CivilDate(year: y, month: m, day: CivilDate.daysIn(year: y, month: m))!
        case .quarter(let y, let q): CivilDate(year: y, month: q * 3, day: CivilDate.daysIn(year: y, month: q * 3))!
        case .year(let y): CivilDate(year: y, month: 12, day: 31)!
        }
    }

    public func contains(_ d: CivilDate) -> Bool { d >= first && d <= last }

    public var description: String {
        switch self {
        case .month(let y, let m): "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .quarter(let y, let q): "\(y)Q\(q)"
        case .year(let y): "\(y)"
        }
    }
}
