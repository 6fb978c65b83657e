/// Why a CSV record could not be split cleanly. No strings in `RowView`: it stays a plain value,
/// copied per row without reference counting.
public struct Malformed: Sendable, Equatable {
    public enum Reason: UInt8, Sendable { case textAfterQuote, unclosedQuote, tooManyFields }
    public var column: Int
    public var reason: Reason

    public init(column: Int, reason: Reason) {
        self.column = column
        self.reason = reason
    }

    func text(maxColumns: Int) -> String {
        switch reason {
        case .textAfterQuote: L("text after the closing quote of a quoted field (a quote inside one must be doubled: \"\")")
        case .unclosedQuote: L("a quoted field is never closed")
        case .tooManyFields: L("more than \(groupedThousands(maxColumns)) fields")
        }
    }
}

/// One row of a table as a `RowSource` hands it to the loader: each cell a range of bytes in the
/// source's buffer, valid only until the source moves on. Rows of every source look the same to the
/// loader; a cell's kind says how to read its bytes.
public struct RowView {
    public enum CellKind: UInt8 {
        /// A CSV field: bytes in the file's encoding.
        case raw
        /// Text in UTF-8 (a workbook's shared or inline string).
        case text
        /// A workbook number as written in the XML (`1234.5600000000001`, `4.4E-2`).
        case number
        /// A workbook boolean: `0` or `1`.
        case boolean
        /// A workbook error value: `#N/A`, `#DIV/0!`.
        case error
        /// A workbook date cell of the strict format (`t="d"`): ISO 8601 text.
        case isoDate
    }

    /// The row's number as a spreadsheet shows it (1-based, the header row counted).
    public var number: Int
    public var count: Int
    public var base: UnsafePointer<UInt8>
    public var starts: UnsafePointer<Int>
    public var ends: UnsafePointer<Int>
    /// nil: every cell is `.raw`.
    public var kinds: UnsafePointer<CellKind>?
    /// The encoding of `.raw` cells.
    public var encoding: TextEncoding
    /// A CSV record that could not be split cleanly: the column and why.
    public var malformed: Malformed?
    /// Whether a workbook's serial dates count from 1904 rather than 1900.
    public var date1904 = false

    public init(number: Int, count: Int, base: UnsafePointer<UInt8>, starts: UnsafePointer<Int>, ends: UnsafePointer<Int>,
                kinds: UnsafePointer<CellKind>?, encoding: TextEncoding, malformed: Malformed? = nil, date1904: Bool = false) {
        self.number = number
        self.count = count
        self.base = base
        self.starts = starts
        self.ends = ends
        self.kinds = kinds
        self.encoding = encoding
        self.malformed = malformed
        self.date1904 = date1904
    }

    /// The bytes of cell `i` (none when the row is shorter).
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i < count else { return UnsafeBufferPointer(start: base, count: 0) }
        return UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
    }

    @inline(__always)
    public func kind(_ i: Int) -> CellKind {
        guard let kinds, i < count else { return .raw }
        return kinds[i]
    }

    /// Whether cell `i` is missing or holds only blanks.
    @inline(__always)
    public func isBlank(_ i: Int) -> Bool {
        let b = bytes(i)
        if let f = b.first, f > 0x20 && f != 0xE3 && f != 0xC2 { return false }
        var a = 0, z = b.count
        ValueParser.trim(b, &a, &z)
        return a == z
    }

    /// Whether every cell is blank (an empty line, or `,,,` as Excel writes empty rows).
    public var isBlank: Bool {
        for i in 0..<count where !isBlank(i) { return false }
        return true
    }
}
