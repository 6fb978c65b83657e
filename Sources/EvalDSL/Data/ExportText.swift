/// The bytes of each export format, pure and locale-free (the tests compare them byte for byte).
/// Money is written without thousands separators, so programs read it back as it is.
public enum ExportText {
    /// `table`'s rows and footer in `format`; `path` only names the file in an error.
    public static func bytes(_ table: Table, format: ExportFormat, sheetName: String = "Sheet1", path: String) throws(ExportError) -> [UInt8] {
        for (i, row) in (table.rows + table.footer).enumerated() where row.count != table.headers.count {
            throw ExportError(kind: .ragged(row: i + 1, cells: row.count, columns: table.headers.count), path: path)
        }
        switch format {
        case .csv: return csv(table)
        case .markdown: return Array(markdown(table).utf8)
        case .json: return Array(json(table).utf8)
        case .xlsx:
            do {
                return try XLSXWriter.workbook(sheets: [XLSXWriter.Sheet(name: sheetName, rows: XLSXWriter.cells(table))])
            } catch {
                throw ExportError(kind: .cannotWrite("the workbook could not be built (\(error))"), path: path)
            }
        }
    }

    /// CSV for Excel and WPS: a UTF-8 BOM (without it Excel reads Chinese text as ANSI), CRLF, fields
    /// quoted when they hold `,` `"` CR LF or outer blanks, every text cell neutralised (`neutralised`).
    public static func csv(_ table: Table) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(64 + (table.rows.count + table.footer.count) * 8 * max(table.headers.count, 1))
        func field(_ cell: String, figure: Bool) {
            // The usual cell, read as bytes: no formula character first, no character to quote,
            // no blank at either end. Anything else is judged by the rules below as written.
            let plain: Bool? = cell.utf8.withContiguousStorageIfAvailable { u in
                guard let f = u.first, let l = u.last else { return true }
                if f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D || f == 0x20 || l == 0x20 { return false }
                for b in u where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { return false }
                out.append(contentsOf: u)
                return true
            }
            if plain == true { return }
            let safe = figure ? cell : neutralised(cell)
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
        for (i, h) in table.headers.enumerated() {
            if i > 0 { out.append(0x2C) }
            field(h, figure: false)
        }
        out += [0x0D, 0x0A]
        for row in table.rows + table.footer {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(0x2C) }
                field(cell.text(grouping: false), figure: cell.isFigure)
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    /// The formula-injection rule for CSV. A spreadsheet runs a cell that starts with `=`, `+`, `-`
    /// or `@` (and, in some, a tab or CR) as a formula, so such a text cell gets a leading `'`, which
    /// Excel and WPS show as text and do not print: a project named `=HYPERLINK(…)`, an id `-XM2`.
    /// A figure the session computed (`-12.50`, `-3.50%`) is a number, not a formula, and is left
    /// alone for the spreadsheet to add it up; that is decided by the cell's kind, never by its text.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// A GitHub-flavoured Markdown table: `|` and `\` escaped, line breaks as `<br>`, figure columns
    /// right-aligned, the footer as rows.
    public static func markdown(_ table: Table) -> String {
        table.markdown(grouping: false, escaping: .full)
    }

    /// An array of objects, one per row, keys in column order (repeated headers get ` (2)`, ` (3)`…).
    /// Money and numbers are JSON numbers (`1234.50`); rates stay strings as the session shows them
    /// (`"37.22%"`), as do placeholders. One object per line, so files diff well.
    public static func json(_ table: Table) -> String {
        var keys: [String] = []
        var seen: [String: Int] = [:]
        for h in table.headers {
            let n = (seen[h] ?? 0) + 1
            seen[h] = n
            keys.append(n == 1 ? h : "\(h) (\(n))")
        }
        let all = table.rows + table.footer
        guard !all.isEmpty else { return "[]\n" }
        var lines: [String] = []
        for row in all {
            let fields = row.enumerated().map { i, cell -> String in
                quoted(keys[i]) + ": " + jsonValue(cell)
            }
            lines.append("  {" + fields.joined(separator: ", ") + "}")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// Money and numbers as JSON numbers; everything else as a string of its text.
    static func jsonValue(_ cell: Table.Cell) -> String {
        let text = cell.text(grouping: false)
        switch cell {
        case .money, .number:
            // The one text of these that is no number: "overflow".
            return text.first.map { $0 == "-" || $0.isASCII && $0.isNumber } == true ? text : quoted(text)
        case .text, .rate, .change, .bar, .undefined, .notStated, .marked:
            return quoted(text)
        }
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
