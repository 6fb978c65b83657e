#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tables back out to the tools analysts use: CSV for Excel and WPS, Markdown for reports, JSON for
/// programs, .xlsx. Writes are atomic (a temporary file in the same folder, then a rename), and an
/// existing file is replaced only when asked.

/// A table to write: headers, rows of cell text as the session shows them, and which columns hold
/// figures the session computed (money, rates, counts).
public struct ExportTable: Sendable, Equatable {
    public var headers: [String]
    /// One flag per column; a figure column's cells that read as numbers are written as numbers.
    public var numeric: [Bool]
    public var rows: [[String]]

    public init(headers: [String], numeric: [Bool]? = nil, rows: [[String]]) {
        self.headers = headers
        self.numeric = numeric ?? headers.map { _ in false }
        self.rows = rows
    }
}

public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, markdown, json, xlsx

    /// The format a file name's extension asks for: `.csv`, `.md`/`.markdown`, `.json`, `.xlsx`.
    public init?(path: String) {
        let lower = path.lowercased()
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "csv": self = .csv
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "xlsx": self = .xlsx
        default: return nil
        }
    }
}

public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file exists and `replace` was not given.
        case exists
        case cannotWrite(String)
        /// Neither the call nor the file's extension names a format.
        case unknownFormat
        /// Rows whose length differs from the headers'.
        case ragged(row: Int, cells: Int, columns: Int)
    }

    public var kind: Kind
    public var path: String

    public var message: String {
        switch kind {
        case .exists: "\(path) exists already: say that it is to be replaced"
        case .cannotWrite(let why): "cannot write \(path): \(why)"
        case .unknownFormat: "\(path): name a format (csv, markdown, json or xlsx) or use one of their extensions"
        case .ragged(let row, let cells, let columns): "row \(row) of the table has \(cells) cells, but the table has \(columns) columns"
        }
    }

    public var description: String { message }
}

public struct ExportOutcome: Sendable, Equatable {
    public var path: String
    public var format: ExportFormat
    public var rows: Int
    public var bytes: Int
    /// `exported 12 rows to out.csv`.
    public var summary: String {
        "exported \(groupedThousands(rows)) \(rows == 1 ? "row" : "rows") to \(path)"
    }
}

/// Writes `table` to `path` in `format` (from the extension when nil), atomically, through `files`.
public func exportTable(_ table: ExportTable, to path: String, format: ExportFormat? = nil, replace: Bool = false,
                        sheetName: String = "Sheet1", files: any FileSystem = LocalFileSystem()) throws(ExportError) -> ExportOutcome {
    let (format, bytes) = try exportBytes(table, for: path, format: format, sheetName: sheetName)
    let outcome = ExportOutcome(path: path, format: format, rows: table.rows.count, bytes: bytes.count)
    // A file that already holds exactly these bytes is no conflict: a notebook that exports without
    // `replace` can be replayed as long as its result does not change.
    if !replace, files.holds(path, bytes) { return outcome }
    do {
        try files.writeAtomically(bytes, to: path, replace: replace)
    } catch {
        switch error {
        case .exists: throw ExportError(kind: .exists, path: path)
        case .failed(let why): throw ExportError(kind: .cannotWrite(why), path: path)
        }
    }
    return outcome
}

/// The bytes of `table` in `format` (from the extension of `path` when nil), and the format.
public func exportBytes(_ table: ExportTable, for path: String, format: ExportFormat? = nil,
                        sheetName: String = "Sheet1") throws(ExportError) -> (ExportFormat, [UInt8]) {
    guard let format = format ?? ExportFormat(path: path) else { throw ExportError(kind: .unknownFormat, path: path) }
    for (i, row) in table.rows.enumerated() where row.count != table.headers.count {
        throw ExportError(kind: .ragged(row: i + 1, cells: row.count, columns: table.headers.count), path: path)
    }
    switch format {
    case .csv: return (format, ExportText.csv(table))
    case .markdown: return (format, Array(ExportText.markdown(table).utf8))
    case .json: return (format, Array(ExportText.json(table).utf8))
    case .xlsx:
        do {
            return (format, try XLSXWriter.workbook(sheets: [XLSXWriter.Sheet(name: sheetName, rows: XLSXWriter.cells(table))]))
        } catch {
            throw ExportError(kind: .cannotWrite("the workbook could not be built (\(error))"), path: path)
        }
    }
}

/// The texts of each format, pure and locale-free (the tests compare them byte for byte).
public enum ExportText {
    /// CSV for Excel and WPS: a UTF-8 BOM (without it Excel reads Chinese text as ANSI), CRLF, fields
    /// quoted when they hold `,` `"` CR LF or outer blanks, every cell neutralised (`neutralised`).
    public static func csv(_ table: ExportTable) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(64 + table.rows.count * 8 * max(table.headers.count, 1))
        func line(_ cells: [String], numeric: [Bool]) {
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(0x2C) }
                // The usual cell, read as bytes: no formula character first, no character to quote,
                // no blank at either end. Anything else is judged by the rules below as written.
                let plain: Bool? = cell.utf8.withContiguousStorageIfAvailable { u in
                    guard let f = u.first, let l = u.last else { return true }
                    if f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D || f == 0x20 || l == 0x20 { return false }
                    for b in u where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return false }
                    out.append(contentsOf: u)
                    return true
                }
                if plain == true { continue }
                let safe = neutralised(cell, numeric: i < numeric.count && numeric[i])
                let needsQuotes = safe.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                    || safe.first == " " || safe.last == " "
                if needsQuotes {
                    out.append(0x22)
                    for b in safe.utf8 { out.append(b); if b == 0x22 { out.append(0x22) } }
                    out.append(0x22)
                } else {
                    out += safe.utf8
                }
            }
            out += [0x0D, 0x0A]
        }
        line(table.headers, numeric: [])
        for row in table.rows { line(row, numeric: table.numeric) }
        return out
    }

    /// The formula-injection rule for CSV. A spreadsheet runs a cell that starts with `=`, `+`, `-`
    /// or `@` (and, in some, a tab or CR) as a formula, so such a cell gets a leading `'`, which
    /// Excel and WPS show as text and do not print. A figure the session computed is left alone:
    /// a cell of a numeric column that is exactly a number as the session writes it
    /// (`-12.50`, `-1,234.56`, `-3.5%`) cannot be a formula, and must stay a number for the
    /// spreadsheet to add it up. Anything else starting with those characters is neutralised, in
    /// any column: a project named `=HYPERLINK(…)`, a numeric column's `-` or `—` placeholder.
    public static func neutralised(_ cell: String, numeric: Bool) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if numeric && isFigure(cell) { return cell }
        return "'" + cell
    }

    /// `12`, `-12.50`, `1,234.56`, `-37.22%`: a number as the session formats it.
    static func isFigure(_ s: String) -> Bool {
        var u = Array(s.utf8)
        if u.last == 0x25 { u.removeLast() }       // %
        if u.first == 0x2D { u.removeFirst() }     // -
        guard let f = u.first, f &- 0x30 < 10 else { return false }
        var sawPoint = false, digitsSinceComma = 0, commas = 0, lead = 0
        for b in u {
            if b &- 0x30 < 10 {
                if sawPoint { continue }
                if commas > 0 { digitsSinceComma += 1 } else { lead += 1 }
            } else if b == 0x2C && !sawPoint {
                if commas > 0 && digitsSinceComma != 3 { return false }
                if commas == 0 && (lead == 0 || lead > 3) { return false }
                commas += 1
                digitsSinceComma = 0
            } else if b == 0x2E && !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        if commas > 0 && digitsSinceComma != 3 { return false }
        return u.last.map { $0 &- 0x30 < 10 } ?? false
    }

    /// A GitHub-flavoured Markdown table: `|` and `\` escaped, line breaks as `<br>`, figure columns
    /// right-aligned.
    public static func markdown(_ table: ExportTable) -> String {
        func cell(_ s: String) -> String {
            var out = ""
            for ch in s {
                switch ch {
                case "|": out += "\\|"
                case "\\": out += "\\\\"
                case "\n", "\r\n", "\r": out += "<br>"
                default: out.append(ch)
                }
            }
            return out.isEmpty ? " " : out
        }
        var lines = ["| " + table.headers.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + table.headers.indices.map { i in
            i < table.numeric.count && table.numeric[i] ? " ---: " : " --- "
        }.joined(separator: "|") + "|")
        for row in table.rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An array of objects, one per row, keys in column order (repeated headers get ` (2)`, ` (3)`…).
    /// A figure column's plain numbers are JSON numbers (`1234.50`, separators dropped); percentages
    /// and placeholders stay strings. One object per line, so files diff well.
    public static func json(_ table: ExportTable) -> String {
        var keys: [String] = []
        var seen: [String: Int] = [:]
        for h in table.headers {
            let n = (seen[h] ?? 0) + 1
            seen[h] = n
            keys.append(n == 1 ? h : "\(h) (\(n))")
        }
        guard !table.rows.isEmpty else { return "[]\n" }
        var lines: [String] = []
        for row in table.rows {
            let fields = row.enumerated().map { i, value -> String in
                let numeric = i < table.numeric.count && table.numeric[i]
                let v = numeric ? (jsonNumber(value) ?? quoted(value)) : quoted(value)
                return quoted(keys[i]) + ": " + v
            }
            lines.append("  {" + fields.joined(separator: ", ") + "}")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// `-1,234.50` → `-1234.50`; nil if not a plain number JSON can hold as written.
    static func jsonNumber(_ s: String) -> String? {
        guard isFigure(s), !s.hasSuffix("%") else { return nil }
        let plain = s.filter { $0 != "," }
        let digits = plain.hasPrefix("-") ? plain.dropFirst() : Substring(plain)
        if digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0.") { return nil }
        return plain
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
