/// Where a table's rows come from: a CSV file (`CSVReader`), a sheet of a workbook (`XLSXReader`),
/// a PostgreSQL table or query (`PostgresSource`). A source only streams rows of raw cells (`RowView`), the header among
/// its first rows, to a consumer; the loader on top finds the header, matches the columns, decodes
/// the cells and judges each row, so every source gets the same header matching, units, validation
/// and all-or-nothing rules, and a new kind of source is one new type passed to
/// `loadTable(from:into:options:)`.
public protocol RowSource: ~Copyable {
    /// The source's name in messages: `file:row:column: reason` for a file, `table:row:column: reason`
    /// for a database table.
    var name: String { get }
    /// Hands every row, in order, to `consumer`; what the source learned on the way.
    mutating func readRows<C: RowConsumer>(into consumer: inout C) throws(LoadError) -> RowSourceFacts
}

/// What a source hands rows to: the loader.
public protocol RowConsumer {
    /// One row; `bytesRead` of `totalBytes` tell how far the source has come (for progress).
    mutating func consume(_ row: RowView, bytesRead: Int, totalBytes: Int?) throws(LoadError)
    /// Checks for an interrupt and reports progress between rows (a source that reads long
    /// stretches without a row, such as a workbook's empty rows, calls it on the way).
    mutating func poll(bytesRead: Int, totalBytes: Int?) throws(LoadError)
    /// Room for about `rows` more rows, when the source can tell how many are coming.
    mutating func reserve(rows: Int)
    /// A shortcut for delimited text: whether `takePlainLine` may be offered the next lines.
    var takesPlainLines: Bool { get }
    /// A shortcut for delimited text: the line starting at `buf[from]` (the buffer ends at `to`)
    /// taken straight from the source's bytes, when the consumer can read it so (a plain row of the
    /// usual shape). Returns the offset after the line's end, or nil, having changed nothing, for
    /// any other line, which the source then hands over as a `RowView`.
    mutating func takePlainLine(_ buf: UnsafePointer<UInt8>, from: Int, to: Int, delimiter: UInt8,
                                bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int?
    /// A shortcut for delimited text read on two threads: what another thread needs to take plain
    /// lines as `takePlainLine` would, or nil.
    func plainLineParser() -> PlainLineParser?
    /// The plain lines another thread took, right after the rows handed over so far.
    mutating func takePlainLines(_ lines: consuming PlainLines, bytesRead: Int, totalBytes: Int?) throws(LoadError)
}

extension RowConsumer {
    public mutating func reserve(rows: Int) {}
    public var takesPlainLines: Bool { false }
    public mutating func takePlainLine(_ buf: UnsafePointer<UInt8>, from: Int, to: Int, delimiter: UInt8,
                                       bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int? { nil }
    public func plainLineParser() -> PlainLineParser? { nil }
    public mutating func takePlainLines(_ lines: consuming PlainLines, bytesRead: Int, totalBytes: Int?) throws(LoadError) {}
}

/// What a source learned while reading, for the load's outcome.
public struct RowSourceFacts: Sendable, Equatable {
    public var format: TableFormat
    /// The text encoding of a CSV file's cells; nil when the source's text is always Unicode.
    public var encoding: TextEncoding?
    /// The sheet the rows came from, when worth saying (a workbook of several sheets, or one named).
    public var sheet: String?
    /// Facts worth telling the user (a byte order mark that overrode the declared encoding).
    public var notes: [String]
    /// Bytes read in all, and the whole, when the source counts bytes.
    public var bytesRead: Int?
    public var totalBytes: Int?

    public init(format: TableFormat, encoding: TextEncoding? = nil, sheet: String? = nil, notes: [String] = [],
                bytesRead: Int? = nil, totalBytes: Int? = nil) {
        self.format = format
        self.encoding = encoding
        self.sheet = sheet
        self.notes = notes
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }
}
