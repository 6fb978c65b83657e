/// A table as the session computed it: headers, column alignments, and rows of typed cells. Cells stay
/// values (money in fen, rates as fractions) until a writer formats them, so each output can show
/// them its own way: the terminal and reports as text, CSV and JSON as plain numbers, .xlsx as
/// numbers with number formats.
public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[Cell]]
    /// Summary rows (合计), shown under a rule.
    public var footer: [[Cell]] = []
    /// Footer cells that state a figure other than what the rows add up to, each with the line said
    /// under the table. Kept apart from the cells so exports keep the stated figure as a number.
    public var notes: [Note] = []
    /// How many decimals money cells may show with: as few as a value needs within this range
    /// (the model's `moneyPlaces`, so an amount stated as 47.318 shows as it was written).
    public var moneyPlaces: ClosedRange<Int> = 2...2

    public init(headers: [String], alignments: [Alignment], rows: [[Cell]], footer: [[Cell]] = [], notes: [Note] = [], moneyPlaces: ClosedRange<Int> = 2...2) {
        self.headers = headers
        self.alignments = alignments
        self.rows = rows
        self.footer = footer
        self.notes = notes
        self.moneyPlaces = moneyPlaces
    }

    /// A footer cell marked with `Table.noteMark` and the line that explains it.
    public struct Note: Sendable, Equatable {
        /// The footer row and the column of the marked cell.
        public var row: Int
        public var column: Int
        /// The line under the table, starting with the mark.
        public var text: String

        public init(row: Int, column: Int, text: String) {
            self.row = row
            self.column = column
            self.text = text
        }
    }

    /// The mark after a footer figure that differs from its rows' sum. ASCII, one column wide in
    /// every terminal (`※` is two columns in some CJK fonts and one in others), and the mark a
    /// Chinese report uses for a footnote as well.
    public static let noteMark = "*"

    /// Each footer cell's text with its mark, and each row's cells' text; with `aligned`, in a column
    /// with a marked cell the unmarked figures get a space in the mark's place, so right-aligned
    /// digits line up.
    func texts(grouping: Bool, aligned: Bool) -> (rows: [[String]], footer: [[String]]) {
        let marked = Set(notes.map { [$0.row, $0.column] })
        let markedColumns = Set(notes.map(\.column))
        func text(_ cell: Cell, _ row: Int?, _ column: Int) -> String {
            let t = cell.text(grouping: grouping, places: moneyPlaces)
            if let row, marked.contains([row, column]) { return t + Table.noteMark }
            return aligned && markedColumns.contains(column) && cell.isFigure ? t + " " : t
        }
        return (rows.map { $0.enumerated().map { text($1, nil, $0) } },
                footer.enumerated().map { r, row in row.enumerated().map { text($1, r, $0) } })
    }

    /// One value of a table.
    public enum Cell: Sendable, Equatable {
        /// Text as it is: ids, names, attributes, labels; empty for a blank cell.
        case text(String)
        /// Money in fen, shown in `unit`: without the unit's name unless `withUnit` (a table's header
        /// usually names it).
        case money(Rational, unit: MoneyUnit, withUnit: Bool)
        /// A fraction, shown as a percentage with two decimals.
        case rate(Rational)
        /// A plain number: a count, a score, a ratio that is not a rate.
        case number(Rational)
        /// A signed difference between two values (a what-if's Δ, a lag behind the schedule).
        case change(Change)
        /// A bar of block characters standing for a rate: text where no chart can be drawn.
        case bar(Rational)
        /// A value that cannot be computed (a rate of a zero budget), with the reason.
        case undefined(String)
        /// A figure the report does not state, or that cannot be derived from what it states: `—`.
        case notStated
        /// A cell followed by a mark, such as the `!` of a period behind the schedule.
        indirect case marked(Cell, String)
    }

    /// `b − a`, kept in the kind of its operands.
    public enum Change: Sendable, Equatable {
        /// Money in fen, shown with its unit.
        case money(Rational, unit: MoneyUnit)
        /// A difference of rates, as a fraction; shown in percentage points.
        case points(Rational)
        case number(Rational)
    }
}

extension Table.Cell {
    /// The cell as the session writes it: money and rates with two decimals, half away from zero;
    /// `grouping` puts thousands separators in money (the terminal and reports do, CSV and JSON not).
    /// `places`: the decimals money may show with (as few as the value needs within them).
    public func text(grouping: Bool = true, places: ClosedRange<Int> = 2...2) -> String {
        switch self {
        case .text(let s): return s
        case .money(let fen, let unit, let withUnit):
            return ValueFormatter(unit: unit).money(fen, within: places, withUnit: withUnit, grouping: grouping)
        case .rate(let r): return Table.unitless.rate(r)
        case .number(let n): return Table.unitless.number(n)
        case .change(let c):
            switch c {
            case .money(let d, let unit): return Table.signed(d, ValueFormatter(unit: unit).money(d, within: places))
            case .points(let d):
                guard let pp = try? d.multiplied(by: Rational(100)) else { return "" }
                return Table.signed(d, pp.decimalText(places: 2) + " pp")
            case .number(let d): return Table.signed(d, Table.unitless.number(d))
            }
        case .bar(let r): return Evaluator.bar(r)
        case .undefined: return "undefined"
        case .notStated: return "—"
        case .marked(let cell, let mark): return cell.text(grouping: grouping, places: places) + mark
        }
    }

    /// A value the session computed whose text is a number (`-12.50`, `37.22%`): never a formula.
    public var isFigure: Bool {
        switch self {
        case .money, .rate, .number: true
        case .text, .change, .bar, .undefined, .notStated, .marked: false
        }
    }

    /// A cell for any value, as `ValueFormatter.format` shows it: money with its unit.
    public init(_ v: Value, unit: MoneyUnit, model: BudgetModel) {
        switch v {
        case .money(let m): self = .money(m, unit: unit, withUnit: true)
        case .rate(let r): self = .rate(r)
        case .number(let n): self = .number(n)
        case .undefined(let why): self = .undefined(why)
        case .bool, .text, .date, .period, .project, .group: self = .text(ValueFormatter(unit: unit).format(v, model: model))
        }
    }

    /// `b − a` as a cell, when both are money, rates or numbers (an empty cell otherwise, or on overflow).
    public static func difference(_ b: Value, from a: Value, unit: MoneyUnit) -> Table.Cell {
        switch (b, a) {
        case let (.money(x), .money(y)):
            if let d = try? x.subtracting(y) { return .change(.money(d, unit: unit)) }
        case let (.rate(x), .rate(y)):
            if let d = try? x.subtracting(y), (try? d.multiplied(by: Rational(100))) != nil { return .change(.points(d)) }
        case let (.number(x), .number(y)):
            if let d = try? x.subtracting(y) { return .change(.number(d)) }
        default:
            break
        }
        return .text("")
    }
}

extension Table {
    /// Rates and plain numbers do not depend on the money unit.
    static let unitless = ValueFormatter(unit: .yuan)

    static func signed(_ r: Rational, _ text: String) -> String { (r.isNegative ? "" : "+") + text }
}
