/// The vocabulary of loading tables: what a table holds, its columns, options, problems and errors.
/// The entry points are `loadTable(path:into:options:files:)` for a file and `loadTable(from:into:options:)`
/// for any `RowSource`, in Loader.swift.

/// What a table holds: one project, one payment or one budget adjustment per row.
public enum LoadKind: String, Sendable, CaseIterable {
    case projects, payments, adjustments

    /// The columns a table of this kind may have, in the order they are reported.
    public var fields: [LoadField] {
        switch self {
        case .projects: [.id, .name, .source, .category, .initialBudget, .adjustedBudget, .grade, .tags, .reason]
        case .payments: [.id, .amount, .date]
        case .adjustments: [.id, .amount, .date, .direction, .note]
        }
    }

    /// The columns without which no row can be read.
    public var required: [LoadField] {
        switch self {
        case .projects: [.id]
        case .payments, .adjustments: [.id, .amount, .date]
        }
    }

    func noun(_ count: Int) -> String {
        switch self {
        case .projects: count == 1 ? "project" : "projects"
        case .payments: count == 1 ? "payment" : "payments"
        case .adjustments: count == 1 ? "budget adjustment" : "budget adjustments"
        }
    }
}

/// A column of a table, matched by its header (see Columns.swift) or named by the caller.
public enum LoadField: String, Sendable, CaseIterable, Hashable {
    case id, name, source, category
    case initialBudget = "initial"
    case adjustedBudget = "adjusted"
    case grade, tags, reason, amount, date, direction, note

    /// The field a word of a `load` statement names: the raw value (`id`, `initial`, `amount`…) or the
    /// field's canonical Chinese header (`项目编码`, `年初预算`, `支付金额`…).
    public init?(word: String) {
        let w = word.lowercased()
        if let f = LoadField(rawValue: w) { self = f; return }
        switch w {
        case "budget": self = .initialBudget
        case "title": self = .name
        default:
            for f in LoadField.allCases where f.label(for: .projects) == word || f.label(for: .payments) == word
                || f.label(for: .adjustments) == word {
                self = f
                return
            }
            return nil
        }
    }

    /// The canonical Chinese header, used in messages ("no column for 支付日期").
    public func label(for kind: LoadKind) -> String {
        switch self {
        case .id: "项目编码"
        case .name: "项目名称"
        case .source: "资金来源"
        case .category: "支出类别"
        case .initialBudget: "年初预算"
        case .adjustedBudget: "调整后预算"
        case .grade: "自评等级"
        case .tags: "标签"
        case .reason: "原因"
        case .amount: kind == .adjustments ? "调整金额" : "支付金额"
        case .date: kind == .adjustments ? "调整日期" : "支付日期"
        case .direction: "调整方向"
        case .note: "说明"
        }
    }

    /// Whether cells of this column are amounts of money.
    var isAmount: Bool { self == .initialBudget || self == .adjustedBudget || self == .amount }
}

/// The encoding of a CSV file's text. GBK and GB2312 are subsets of GB18030 and are read as it.
public enum TextEncoding: String, Sendable, CaseIterable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    /// `utf8`, `UTF-8`, `gb18030`, `gbk`, `gb2312`, `cp936` (case-insensitive).
    public init?(name: String) {
        switch name.lowercased().replacingAll("_", "-") {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "gb-18030": self = .gb18030
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// How a table's file is stored; found from the file's first bytes when not given.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv, xlsx
}

/// The field separator of a CSV file; found from its first line when not given (a tab when the first
/// line has tabs and no commas, a comma otherwise).
public enum CSVDelimiter: String, Sendable, CaseIterable {
    case comma = ",", tab = "\t", semicolon = ";"
    var byte: UInt8 { switch self { case .comma: 0x2C; case .tab: 0x09; case .semicolon: 0x3B } }
}

/// Caps that make a hostile or broken file end in an error instead of exhausting the machine.
public struct LoadLimits: Sendable, Equatable {
    /// Longest CSV record (all its fields and line breaks), and longest XML text or tag in a workbook.
    public var maxRecordBytes = 1 << 20
    /// Most fields in one row (Excel's own limit).
    public var maxColumns = 16_384
    /// Most rows in one CSV file.
    public var maxRows = 200_000_000
    /// Most bytes extracted from a workbook, all its parts together (a zip bomb stops here).
    public var maxUncompressedBytes = 512 << 20
    /// Most entries in a workbook archive.
    public var maxArchiveEntries = 10_000
    /// How many non-empty rows at the top may precede the header (titles, a `单位：万元` line).
    public var headerSearchRows = 10

    public init() {}
}

/// How far a load has come, for a progress bar.
public struct LoadProgress: Sendable, Equatable {
    /// Bytes of the file read so far (for a workbook: bytes of the sheet's XML extracted).
    public var bytesRead: Int
    /// The whole (for a workbook: the sheet's stated uncompressed size), when known.
    public var totalBytes: Int?
    /// Rows read so far, the header included.
    public var rows: Int
}

/// Everything a `load` statement can say about how to read a table.
public struct LoadOptions: Sendable {
    public var kind: LoadKind
    /// nil: found from the file's first bytes (a zip archive is a workbook, anything else CSV).
    public var format: TableFormat?
    /// The sheet of a workbook; nil for the first.
    public var sheet: String?
    /// The encoding of a CSV file; nil to detect it (valid UTF-8 is UTF-8, anything else GB18030).
    public var encoding: TextEncoding?
    /// The CSV separator; nil to detect it.
    public var delimiter: CSVDelimiter?
    /// Columns named by the caller: field → header text as written in the file (or a column letter,
    /// `C`). Overrides header matching for that field.
    public var mapping: [LoadField: String]
    /// The unit of amounts whose cell, header and title rows name none.
    public var defaultUnit: MoneyUnit
    /// false (the default): any bad row rejects the whole table and changes nothing.
    /// true: good rows are loaded and bad ones reported.
    public var keepGoodRows: Bool
    /// Most problems listed; the rest are counted ("and 12 more").
    public var maxProblems: Int
    /// The year that dates the adjustment implied by a 调整后预算 column; nil for the model's year.
    public var fiscalYear: Int?
    /// Years a date may fall in; a date outside is a bad cell.
    public var years: ClosedRange<Int>
    public var limits: LoadLimits
    /// The file's name in messages and the summary; nil for the path as given.
    public var displayName: String?
    /// Polled every few thousand rows; true stops the load with `LoadError.Kind.interrupted`.
    public var interrupt: (@Sendable () -> Bool)?
    /// Called about once per MiB read, and at the end.
    public var progress: (@Sendable (LoadProgress) -> Void)?
    /// Whether plain CSV payment rows may be parsed by the loader's fast path (the tests turn it
    /// off to check that both ways give the same outcome).
    var fastPaths = true
    /// A CSV file read in chunks of `chunk` bytes, each split for two threads from `split` unread
    /// bytes on (the tests' way to have small files read on two threads); nil: the reader's defaults.
    var csvBuffers: (chunk: Int, split: Int)?

    public init(kind: LoadKind, format: TableFormat? = nil, sheet: String? = nil, encoding: TextEncoding? = nil,
                delimiter: CSVDelimiter? = nil, mapping: [LoadField: String] = [:], defaultUnit: MoneyUnit = .yuan,
                keepGoodRows: Bool = false, maxProblems: Int = 100, fiscalYear: Int? = nil,
                years: ClosedRange<Int> = 1990...2100, limits: LoadLimits = LoadLimits(), displayName: String? = nil,
                interrupt: (@Sendable () -> Bool)? = nil, progress: (@Sendable (LoadProgress) -> Void)? = nil) {
        self.kind = kind
        self.format = format
        self.sheet = sheet
        self.encoding = encoding
        self.delimiter = delimiter
        self.mapping = mapping
        self.defaultUnit = defaultUnit
        self.keepGoodRows = keepGoodRows
        self.maxProblems = maxProblems
        self.fiscalYear = fiscalYear
        self.years = years
        self.limits = limits
        self.displayName = displayName
        self.interrupt = interrupt
        self.progress = progress
    }
}

/// One bad cell or row: `file:row:column: reason`. Rows are numbered as a spreadsheet shows them (the
/// header is row 1 when it is the first line); the column is its header text, or its letter.
public struct LoadProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var row: Int?
    public var column: String?
    public var reason: String

    public init(file: String, row: Int?, column: String?, reason: String) {
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var s = file
        if let row { s += ":\(row)" }
        if let column { s += ":\(column)" }
        return s + ": " + reason
    }
}

/// What a successful load produced. The caller's model is untouched: `model` is the new one.
public struct LoadOutcome: Sendable {
    /// The model with the table's rows added.
    public var model: BudgetModel
    public var kind: LoadKind
    /// The file's name as shown in messages.
    public var file: String
    public var format: TableFormat
    /// The text encoding a CSV file was read with; nil for a workbook.
    public var encoding: TextEncoding?
    /// The sheet a workbook was read from.
    public var sheet: String?
    /// Which column each field was read from (header text).
    public var columns: [LoadField: String]
    public var rowsLoaded: Int
    /// Bad rows left out (only with `keepGoodRows`).
    public var rowsRejected: Int
    /// The bad rows' problems, at most `maxProblems` of them.
    public var problems: [LoadProblem]
    /// Problems beyond `maxProblems`, counted but not listed.
    public var moreProblems: Int
    /// Things the caller should know that are not problems: skipped total rows, ignored columns,
    /// budgets given only as 调整后预算, the header row when it was not the first.
    public var notes: [String]

    /// `loaded 20,000 projects from projects.csv`, with the rejected rows when there were any.
    public var summary: String {
        // One message per kind and number, so each reads whole in Chinese too.
        let n = groupedThousands(rowsLoaded)
        var s: String
        switch (kind, rowsLoaded == 1) {
        case (.projects, true): s = L("loaded \(n) project from \(file)")
        case (.projects, false): s = L("loaded \(n) projects from \(file)")
        case (.payments, true): s = L("loaded \(n) payment from \(file)")
        case (.payments, false): s = L("loaded \(n) payments from \(file)")
        case (.adjustments, true): s = L("loaded \(n) budget adjustment from \(file)")
        case (.adjustments, false): s = L("loaded \(n) budget adjustments from \(file)")
        }
        if let sheet { s += L(" (sheet \(sheet))") }
        if rowsRejected > 0 {
            let bad = groupedThousands(rowsRejected)
            s += rowsRejected == 1 ? L("; \(bad) bad row left out") : L("; \(bad) bad rows left out")
        }
        return s
    }

    /// The summary, then each problem, then "… and N more", then the notes: what a front end prints.
    public var lines: [String] {
        var out = [summary]
        out += problems.map(\.description)
        if moreProblems > 0 { out.append(L("… and \(groupedThousands(moreProblems)) more")) }
        out += notes.map { L("note: \($0)") }
        return out
    }
}

/// Why a load failed. The caller's model is untouched whatever the kind.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file cannot be opened or read (the reason comes from the system).
        case cannotRead(String)
        /// Not a table this loader reads: an .xls, a UTF-16 text, an option that does not apply.
        case unsupported(String)
        /// A workbook whose parts are missing or malformed.
        case badWorkbook(String)
        case sheetNotFound(String, available: [String])
        /// A cap of `LoadLimits` was reached: a zip bomb, a line of 2 GB, too many rows or columns.
        case tooLarge(String)
        /// Required columns that no header matches; `found` lists the headers that were there.
        case missingColumns(missing: [String], found: [String])
        /// Two columns match one field equally well.
        case ambiguousColumns(field: String, columns: [String])
        /// A mapping names a field that tables of this kind do not have.
        case fieldNotInKind(field: String, kind: LoadKind)
        /// The GB18030 converter of the C library is missing.
        case encodingUnavailable(String)
        /// A 调整后预算 differing from 年初预算 needs a fiscal year to date the adjustment.
        case noFiscalYear
        /// A database could not be reached or refused the query (the client library is missing, a
        /// wrong password, no such table, a query error, the statement timeout).
        case database(String)
        /// The `interrupt` closure asked to stop after `rows` rows.
        case interrupted(rows: Int)
        /// All or nothing: bad rows were found, so nothing was loaded. `problems` lists at most
        /// `maxProblems` of them, `more` counts the rest.
        case rejected(problems: [LoadProblem], more: Int, badRows: Int, rows: Int)
    }

    public var kind: Kind
    public var file: String

    public init(_ kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }

    /// One line: `file: message`.
    public var message: String {
        let m: String
        switch kind {
        case .cannotRead(let why): m = L("cannot read the file: \(why)")
        case .unsupported(let why): m = why
        case .badWorkbook(let why): m = L("not a readable .xlsx workbook: \(why)")
        case .sheetNotFound(let name, let available):
            m = L("no sheet `\(name)` in the workbook (its sheets: \(available.joined(separator: ", ")))")
        case .tooLarge(let why): m = why
        case .missingColumns(let missing, let found):
            m = L("no column for \(missing.joined(separator: "; ")); the columns found are: ")
                + (found.isEmpty ? L("none (the file is empty)") : found.joined(separator: ", "))
        case .ambiguousColumns(let field, let columns):
            m = L("columns \(columns.joined(separator: " and ")) both match \(field): name one in the column mapping")
        case .fieldNotInKind(let field, let kind):
            m = L("`\(field)` is not a column of a \(kind.rawValue) table (its columns: ")
                + kind.fields.map(\.rawValue).joined(separator: ", ") + ")"
        case .encodingUnavailable(let name): m = L("the C library cannot convert \(name) (iconv_open failed)")
        case .noFiscalYear:
            m = L("调整后预算 differs from 年初预算, and no fiscal year is set to date the adjustment: set the year first")
        case .database(let why): m = why
        case .interrupted(let rows): m = L("interrupted after \(groupedThousands(rows)) rows; nothing was loaded")
        case .rejected(_, _, let bad, let rows):
            m = L("\(groupedThousands(bad)) of \(groupedThousands(rows)) rows are bad; nothing was loaded")
        }
        return "\(file): \(m)"
    }

    /// The problems of a rejected load (empty for the other kinds).
    public var problems: [LoadProblem] {
        if case .rejected(let p, _, _, _) = kind { return p }
        return []
    }

    /// The message, then each problem and "… and N more": what a front end prints.
    public var lines: [String] {
        var out = [message]
        if case .rejected(let problems, let more, _, _) = kind {
            out += problems.map(\.description)
            if more > 0 { out.append(L("… and \(groupedThousands(more)) more")) }
        }
        return out
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// `1234567` → `1,234,567`: counts in summaries, locale-free.
func groupedThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

extension String {
    /// Foundation-free replacement of every occurrence of `a` by `b`.
    func replacingAll(_ a: String, _ b: String) -> String {
        guard !a.isEmpty else { return self }
        return self.split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
