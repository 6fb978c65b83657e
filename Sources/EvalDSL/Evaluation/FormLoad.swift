
/// `metric P from "PATH"`: indicator rows from a CSV (UTF-8 or GB18030) or .xlsx sheet laid out like
/// the form. Kept apart from `load`: the table is a form's part, not a list of records, and it is small.
extension Session {
    /// The rows read, and the file as a notebook records it among its inputs.
    func metricRows(_ pathExpr: Expr, sheet: Expr?, encoding: Name?, file: SourceFile, evaluator ev: Evaluator) throws(Diagnostic) -> (rows: [IndicatorRow], input: (String, InputFile)) {
        let got = try ev.eval(pathExpr)
        guard case .text(let path) = got else {
            throw Diagnostic(.wrongArgumentType(function: "metric … from", argument: L("the path"), expected: L("text"), got: got.gotText), pathExpr.range)
        }
        var sheetName: String?
        if let sheet {
            let got = try ev.eval(sheet)
            guard case .text(let s) = got else {
                throw Diagnostic(.wrongArgumentType(function: "metric … from", argument: L("the sheet"), expected: L("text"), got: got.gotText), sheet.range)
            }
            sheetName = s
        }
        var enc: TextEncoding?
        if let e = encoding {
            guard let t = TextEncoding(name: e.text) else {
                throw Diagnostic(.unknownValue(field: L("encoding"), value: e.text, allowed: ["utf8", "gb18030 (also gbk, gb2312)"]), e.range)
            }
            enc = t
        }
        let resolved = Session.resolve(path, from: file)
        let table: [[String]]
        do {
            table = try FormSheet.cells(path: resolved, file: path, sheet: sheetName, encoding: enc, files: files)
        } catch {
            throw Diagnostic(.loadFailed(error.message), pathExpr.range)
        }
        do {
            return (try IndicatorRow.rows(fromCells: try FormSheet.indicatorCells(table)), (path, InputFile(path: resolved, scriptHash: nil)))
        } catch let e as IndicatorCellsError {
            throw Diagnostic(.loadFailed("\(path): \(e.description)"), pathExpr.range)
        } catch let e as FormSheet.LayoutError {
            throw Diagnostic(.loadFailed("\(path): \(e.description)"), pathExpr.range)
        } catch {
            throw Diagnostic(.loadFailed("\(path): \(error)"), pathExpr.range)
        }
    }
}

/// The cells of a small sheet as text, and the 绩效指标 part found in it by its headers.
enum FormSheet {
    struct LayoutError: Error, CustomStringConvertible {
        var description: String
    }

    /// The headers, in the order `IndicatorRow.rows(fromCells:)` takes the cells, and how each is recognised.
    static let columns: [(name: String, matches: [String])] = [
        ("一级指标", ["一级"]), ("二级指标", ["二级"]), ("三级指标", ["三级"]), ("年度指标值", ["指标值", "年度目标值", "目标值"]),
        ("实际完成值", ["实际完成", "完成值"]), ("分值", ["分值"]), ("得分", ["得分"]), ("偏差原因分析及改进措施", ["偏差"]),
    ]

    /// The rows under the header row that names 三级指标, cells reordered as the form's, until a blank row
    /// or a 总分/合计 row.
    static func indicatorCells(_ table: [[String]]) throws -> [[String]] {
        guard let h = table.firstIndex(where: { row in row.contains { $0.includes("三级") } }) else {
            throw LayoutError(description: L("no header row naming 三级指标 (the headers are: 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)"))
        }
        let header = table[h].map(\.trimmingCellSpaces)
        var index: [Int?] = []
        for c in columns {
            index.append(header.firstIndex { cell in c.matches.contains { cell.includes($0) } })
        }
        let missing = zip(columns, index).prefix(6).filter { $0.1 == nil }.map(\.0.name)
        guard missing.isEmpty else {
            throw LayoutError(description: L("the header row has no column \(missing.joined(separator: ", ")) (found: \(header.filter { !$0.isEmpty }.joined(separator: ", ")))"))
        }
        var out: [[String]] = []
        for row in table[(h + 1)...] {
            let cells = index.map { i in i.flatMap { $0 < row.count ? row[$0] : "" } ?? "" }
            if cells.allSatisfy({ $0.trimmingCellSpaces.isEmpty }) { break }
            let first = row.first?.trimmingCellSpaces ?? ""
            if first.hasPrefix("总分") || first.hasPrefix("合计") { break }
            out.append(cells)
        }
        return out
    }

    /// The cells of a CSV file or a workbook's sheet as text, read through `files` like any load.
    static func cells(path: String, file: String, sheet: String?, encoding: TextEncoding?,
                      files: any FileSystem) throws(LoadError) -> [[String]] {
        var sink = Collector()
        if path.lowercased().hasSuffix(".xlsx") {
            var reader = try XLSXReader(file: try openFile(path, name: file, files: files), name: file, sheet: sheet, limits: LoadLimits())
            _ = try reader.readRows(into: &sink)
        } else {
            var reader = try CSVReader(file: try openFile(path, name: file, files: files), name: file, encoding: encoding,
                                       delimiter: nil, limits: LoadLimits())
            _ = try reader.readRows(into: &sink)
        }
        return sink.rows
    }

    /// Rows as text: CSV fields decoded from the file's encoding, workbook numbers as written with
    /// float noise (`9.8000000000000007`) cut.
    struct Collector: RowConsumer {
        var rows: [[String]] = []
        var codec: TextCodec?

        mutating func consume(_ row: RowView, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
            var cells: [String] = []
            for i in 0..<row.count {
                var s: String
                if row.kind(i) == .raw {
                    if codec?.encoding != row.encoding { codec = try TextCodec(row.encoding) }
                    s = codec?.decode(row.bytes(i)) ?? ""
                } else {
                    s = String(decoding: row.bytes(i), as: UTF8.self)
                }
                if row.kind(i) == .number, let r = Rational(decimal: Substring(s)), s.count > 12, let rounded = try? r.rounded(places: 8) {
                    s = rounded.shortText(maxPlaces: 8)
                }
                cells.append(s)
            }
            while rows.count + 1 < row.number { rows.append([]) }
            rows.append(cells)
            if rows.count > 10_000 { throw LoadError(.tooLarge(L("more than 10,000 rows: not a form")), file: "") }
        }

        mutating func poll(bytesRead: Int, totalBytes: Int?) throws(LoadError) {}
    }
}
