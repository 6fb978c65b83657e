/// A minimal, valid .xlsx: content types, package and workbook relationships, a workbook, one
/// worksheet per sheet, shared strings, and a style sheet. Excel, WPS and LibreOffice open it;
/// numbers are numbers (money shown as `#,##0.00`, rates as `0.00%`), dates are serial numbers shown
/// as `yyyy-mm-dd`, text is shared strings (never a formula, so no neutralising is needed).
/// Deterministic: the same sheets give the same bytes.
public enum XLSXWriter {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A plain decimal, written as is (`1234.56`, `-7`), shown in `format`.
        case number(String, format: NumberFormat = .general)
        case date(CivilDate)
        case empty
    }

    /// How a number is shown. The raw value is the format's cell style (`s="…"`); style 1 is the
    /// date. ORDER: `parts` writes the styles in this order.
    public enum NumberFormat: Int, Sendable, Equatable {
        case general = 0
        /// Money in the table's unit: `#,##0.00` (Excel's built-in format 4).
        case money = 2
        /// A fraction shown as a percentage: `0.00%` (built-in format 10).
        case percent = 3

        /// The built-in number format of the style.
        var builtinId: Int {
            switch self {
            case .general: 0
            case .money: 4
            case .percent: 10
            }
        }
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var rows: [[Cell]]
        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    /// A table's header, rows and footer as cells: money as a number in the table's unit, exact to
    /// the fen, shown with two decimals; rates as fractions shown as percentages; numbers as
    /// numbers; everything else as the text the session shows.
    public static func cells(_ table: Table) -> [[Cell]] {
        var rows: [[Cell]] = [table.headers.map { .text($0) }]
        for row in table.rows + table.footer { rows.append(row.map(cell)) }
        return rows
    }

    static func cell(_ c: Table.Cell) -> Cell {
        // Money to the fen in its unit (a unit is a power of ten fen); rates and numbers to 12
        // decimals, more than the two shown and within the 15 digits a spreadsheet keeps. A value
        // too large to round reads "overflow", and stays text.
        func number(_ r: Rational?, places: Int, _ format: NumberFormat) -> Cell {
            guard let r else { return .text(c.text(grouping: false)) }
            var t = r.decimalText(places: places)
            if t == "overflow" { return .text(c.text(grouping: false)) }
            // Trailing zeros dropped, byte by byte (a Foundation `contains` per cell was a tenth of the export).
            while t.utf8.last == UInt8(ascii: "0") { t.removeLast() }
            if t.utf8.last == UInt8(ascii: ".") { t.removeLast() }
            if t == "-0" { t = "0" }
            return .number(t, format: format)
        }
        switch c {
        case .text(let s): return s.isEmpty ? .empty : .text(s)
        case .money(let fen, let unit, _):
            let places = String(unit.fen).count - 1
            return number((try? fen.divided(by: Rational(unit.fen, 1))) ?? nil, places: places, .money)
        case .rate(let r): return number(r, places: 12, .percent)
        case .number(let n): return number(n, places: 12, .general)
        case .change, .bar, .undefined, .notStated, .marked: return .text(c.text(grouping: false))
        }
    }

    /// The bytes of a workbook holding `sheets` (at least one).
    public static func workbook(sheets: [Sheet]) throws -> [UInt8] {
        try Zip.archive(parts(sheets: sheets))
    }

    /// The XML parts of a workbook holding `sheets`, by path in the archive, in archive order.
    static func parts(sheets: [Sheet]) -> [(path: String, bytes: [UInt8])] {
        precondition(!sheets.isEmpty, "a workbook needs a sheet")
        var strings: [String] = []
        var index: [String: Int] = [:]
        var sheetXML: [String] = []
        var usesMoney = false, usesPercent = false
        for sheet in sheets {
            var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in sheet.rows.enumerated() {
                x += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    let ref = ColumnMatcher.letter(c) + String(r + 1)
                    switch cell {
                    case .empty: continue
                    case .text(let s):
                        let k: Int
                        if let known = index[s] { k = known } else { k = strings.count; strings.append(s); index[s] = k }
                        x += "<c r=\"\(ref)\" t=\"s\"><v>\(k)</v></c>"
                    case .number(let n, let format):
                        switch format {
                        case .general: break
                        case .money: usesMoney = true
                        case .percent: usesPercent = true
                        }
                        let style = format == .general ? "" : " s=\"\(format.rawValue)\""
                        x += "<c r=\"\(ref)\"\(style)><v>\(escaped(n))</v></c>"
                    case .date(let d):
                        x += "<c r=\"\(ref)\" s=\"1\"><v>\(serial(d))</v></c>"
                    }
                }
                x += "</row>"
            }
            x += "</sheetData></worksheet>"
            sheetXML.append(x)
        }
        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var types = head + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        types += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        types += #"<Default Extension="xml" ContentType="application/xml"/>"#
        types += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ct).sheet.main+xml\"/>"
        for i in sheets.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(ct).worksheet+xml\"/>"
        }
        types += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ct).sharedStrings+xml\"/>"
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ct).styles+xml\"/></Types>"

        let rootRels = head + "<Relationships xmlns=\"\(pkg)\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

        var book = head + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
        var used = Set<String>()
        for (i, s) in sheets.enumerated() {
            var name = sheetName(s.name, number: i + 1)
            while used.contains(name.lowercased()) { name = sheetName(String(name.prefix(27)) + "_\(i + 1)", number: i + 1) }
            used.insert(name.lowercased())
            book += "<sheet name=\"\(escaped(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        book += "</sheets></workbook>"

        var bookRels = head + "<Relationships xmlns=\"\(pkg)\">"
        for i in sheets.indices {
            bookRels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        bookRels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        bookRels += "<Relationship Id=\"rId\(sheets.count + 2)\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"

        var sst = head + "<sst xmlns=\"\(main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for s in strings {
            let space = s.first == " " || s.last == " " || s.includes("\n") ? " xml:space=\"preserve\"" : ""
            sst += "<si><t\(space)>\(escaped(s))</t></si>"
        }
        sst += "</sst>"

        var styles = head + "<styleSheet xmlns=\"\(main)\">"
        styles += #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        styles += #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
        styles += #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        styles += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        styles += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        // Styles after the date only when a cell uses them, so workbooks of plain numbers keep their bytes.
        let extra: [NumberFormat] = usesPercent ? [.money, .percent] : usesMoney ? [.money] : []
        styles += "<cellXfs count=\"\(2 + extra.count)\">" + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        styles += #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        for f in extra {
            styles += "<xf numFmtId=\"\(f.builtinId)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        }
        styles += "</cellXfs>"
        styles += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(types.utf8)),
            ("_rels/.rels", Array(rootRels.utf8)),
            ("xl/workbook.xml", Array(book.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(bookRels.utf8)),
        ]
        for (i, x) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", Array(x.utf8))) }
        parts.append(("xl/sharedStrings.xml", Array(sst.utf8)))
        parts.append(("xl/styles.xml", Array(styles.utf8)))
        return parts
    }

    /// Excel's serial number of a day (1900 system; correct from 1900-03-01 on).
    static func serial(_ d: CivilDate) -> Int {
        Int(d.dayNumber) - CivilDate.daysFromCivil(1899, 12, 30)
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not empty.
    static func sheetName(_ s: String, number: Int) -> String {
        let cleaned = String(s.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return cleaned.isEmpty ? "Sheet\(number)" : cleaned
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(u)
            default:
                // Characters XML 1.0 cannot hold at all are dropped rather than making the file unreadable.
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
