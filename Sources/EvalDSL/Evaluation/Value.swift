/// A value of the language. Every value carries its kind: money never mixes with a rate by accident.
public enum Value: Sendable, Equatable {
    case number(Rational)
    /// Money in fen (分), exact; may hold fractions of a fen until displayed.
    case money(Rational)
    /// A rate as a fraction: 37.22% is 0.3722.
    case rate(Rational)
    case bool(Bool)
    case text(String)
    case date(CivilDate)
    case period(Period)
    /// A project, by its index in the model.
    case project(Int)
    case group(GroupValue)
    /// The result of a division by zero (or of using one): explicit, never a crash.
    case undefined(String)

    /// What a message says a value was where another was wanted: its kind, or a number itself
    /// (`2500`), since a number may be the right kind but out of range.
    var gotText: String {
        if case .number(let n) = self { return "`" + n.shortText(maxPlaces: 6) + "`" }
        return kindName
    }

    var isUndefined: Bool {
        if case .undefined = self { true } else { false }
    }

    /// How the kind reads in a message: "money", "a rate", …
    public var kindName: String {
        switch self {
        case .number: L("a number")
        case .money: L("money")
        case .rate: L("a rate")
        case .bool: L("true/false")
        case .text: L("text")
        case .date: L("a date")
        case .period: L("a period")
        case .project: L("a project")
        case .group: L("a group")
        case .undefined: L("undefined")
        }
    }
}

/// A set of projects: a named group (whose stated totals apply), or a filtered selection.
public struct GroupValue: Sendable, Equatable {
    /// Project indices, in declaration order.
    public var members: [Int]
    /// Set only for a named group or the department taken whole: stated totals belong to it.
    public var name: String?
    /// Set when the members depend only on the projects' attributes, so the group's baseline figures
    /// can be cached with the model (a what-if then adds only the changed projects' part).
    var cacheKey: String? = nil

    public init(members: [Int], name: String?) {
        self.members = members
        self.name = name
    }

    init(members: [Int], name: String?, cacheKey: String?) {
        self.members = members
        self.name = name
        self.cacheKey = cacheKey
    }

    /// Members are in ascending order: a binary search.
    func contains(_ p: Int) -> Bool {
        var lo = 0, hi = members.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if members[mid] < p { lo = mid + 1 } else { hi = mid }
        }
        return lo < members.count && members[lo] == p
    }
}

/// Turns values into text the same way on every machine: no locale, two decimals, half away from zero.
public struct ValueFormatter: Sendable {
    public var unit: MoneyUnit

    public init(unit: MoneyUnit) { self.unit = unit }

    /// `3,265.21 万元`
    public func money(_ fen: Rational, places: Int = 2, withUnit: Bool = true, grouping: Bool = true) -> String {
        money(fen, within: places...places, withUnit: withUnit, grouping: grouping)
    }

    /// Money with as few decimals as show it exactly within `range`, else with its most: `47.318 万元`
    /// when 3 decimals were stated, `3,265.21 万元` beside it.
    public func money(_ fen: Rational, within range: ClosedRange<Int>, withUnit: Bool = true, grouping: Bool = true) -> String {
        let inUnit = (try? fen.divided(by: Rational(unit.fen, 1))) ?? nil
        var places = range.upperBound
        if let inUnit, range.lowerBound < range.upperBound {
            for p in range where (try? inUnit.rounded(places: p)) == inUnit {
                places = p
                break
            }
        }
        let text = inUnit?.decimalText(places: places, grouping: grouping) ?? "overflow"
        return withUnit ? "\(text) \(unit.rawValue)" : text
    }

    /// `37.22%`
    public func rate(_ r: Rational, places: Int = 2) -> String {
        if let text = r.compactDecimalText(places: max(0, places), grouping: false, shift: 2) { return text + "%" }
        guard let pct = try? r.multiplied(by: Rational(100)) else { return "overflow" }
        return pct.decimalText(places: places) + "%"
    }

    /// `b − a` with its sign: money in the unit, rates in percentage points, numbers plain; nil when
    /// the kinds differ or either is undefined.
    public func difference(_ b: Value, _ a: Value) -> String? {
        func signed(_ r: Rational, _ text: String) -> String { (r.isNegative ? "" : "+") + text }
        switch (b, a) {
        case let (.money(x), .money(y)):
            guard let d = try? x.subtracting(y) else { return nil }
            return signed(d, money(d))
        case let (.rate(x), .rate(y)):
            guard let d = try? x.subtracting(y), let pp = try? d.multiplied(by: Rational(100)) else { return nil }
            return signed(d, pp.decimalText(places: 2) + " pp")
        case let (.number(x), .number(y)):
            guard let d = try? x.subtracting(y) else { return nil }
            return signed(d, number(d))
        default:
            return nil
        }
    }

    public func number(_ n: Rational) -> String {
        n.shortText(maxPlaces: 6)
    }

    /// A value as `print` shows it; `places` (from `round(x, n)`) shows at least that many decimals.
    public func format(_ v: Value, model: BudgetModel, places: Int? = nil) -> String {
        switch v {
        case .number(let n): return places.map { n.decimalText(places: $0) } ?? number(n)
        case .money(let m):
            let range = model.moneyPlaces
            guard let places, places > range.lowerBound else { return money(m, within: range) }
            return money(m, within: places...max(places, range.upperBound))
        case .rate(let r): return rate(r, places: max(2, places ?? 2))
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return s
        case .date(let d): return d.description
        case .period(let p): return p.description
        case .project(let i):
            let p = model.projects.values[i]
            return p.title.map { "\(p.id) \($0)" } ?? p.id
        case .group(let g):
            let ids = g.members.map { model.projects.values[$0].id }
            let head = g.name.map { "\($0): " } ?? ""
            return "\(head)\(ids.count) project\(ids.count == 1 ? "" : "s")" + (ids.isEmpty ? "" : " (\(ids.joined(separator: ", ")))")
        case .undefined: return "undefined"
        }
    }
}
