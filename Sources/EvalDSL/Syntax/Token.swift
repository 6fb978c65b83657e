/// Units a money literal may carry.
public enum MoneyUnit: String, Sendable, Hashable, CaseIterable {
    case yuan = "元"
    case wan = "万元"
    case yi = "亿元"

    /// How many fen one of this unit is.
    public var fen: Int128 {
        switch self {
        case .yuan: 100
        case .wan: 1_000_000
        case .yi: 10_000_000_000
        }
    }
}

public enum TokenKind: Sendable, Equatable {
    case identifier(String)
    /// A name in backquotes: any text, for ids that are not names (`` `2020-001` ``, `` `110101` ``).
    case quotedName(String)
    /// A number without a unit, as written (`12.5`).
    case number(String)
    /// A number with a money unit (`2379.61万元`, `885600 元`).
    case money(String, MoneyUnit)
    /// A percentage (`37.22%`); `pp` (percentage points) spells the same value.
    case percent(String)
    case date(year: Int, month: Int, day: Int)
    case month(year: Int, month: Int)
    /// `Q4` (year nil: the fiscal year) or `2020Q4`.
    case quarter(year: Int?, quarter: Int)
    case string(String)
    case symbol(String)   // ( ) , : = == != < <= > >= + - * / [ ]
    case newline
    case end
}

public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var range: SourceRange

    /// How the token reads in a message (`identifier \`archive\``, `end of line`).
    public var summary: String {
        switch kind {
        case .identifier(let s), .quotedName(let s): "`\(s)`"
        case .number(let s): L("number `\(s)`")
        case .money(let s, let u): L("amount `\(s + u.rawValue)`")
        case .percent(let s): "`\(s)%`"
        case .date(let y, let m, let d): L("date `\("\(y)-\(Self.two(m))-\(Self.two(d))")`")
        case .month(let y, let m): L("month `\("\(y)-\(Self.two(m))")`")
        case .quarter(let y, let q): L("quarter `\((y.map(String.init) ?? "") + "Q\(q)")`")
        case .string: L("a string")
        case .symbol(let s): "`\(s)`"
        case .newline: L("end of line")
        case .end: L("end of input")
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
