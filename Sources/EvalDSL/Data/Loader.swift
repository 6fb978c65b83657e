/// Loads a table of projects, payments or budget adjustments from a CSV file or an .xlsx workbook,
/// read through `files`, into a copy of `model`, and returns the copy: the caller's model is never
/// touched, so a failed or interrupted load leaves the session as it was, and a successful one is
/// applied by taking `outcome.model`. Several files load as one all-or-nothing step by passing each outcome's model
/// to the next call and keeping only the last.
///
/// - All or nothing (the default): any bad row throws `.rejected` listing every bad row (up to
///   `maxProblems`) as `file:row:column: reason`. With `keepGoodRows`, the good rows are loaded and
///   the bad ones are listed in `outcome.problems`.
/// - The header is the first row (among the first `headerSearchRows` non-empty ones) in which every
///   required column is found; rows above it may be titles or a `单位：万元` line, which sets the unit.
/// - Blank rows and total rows (`合计`, `总计` or `小计` in the id column or, with no id, in another
///   of the first columns) are skipped, and said so.
/// - Projects: a project whose id is in the model already or earlier in the file is a bad row. A
///   project with only 调整后预算 stores it as its initial budget (`initialFen`), since the model has
///   no other place for a stated full-year budget; one with both stores 年初预算 as `initialFen` and
///   the difference as one adjustment dated the last day of the fiscal year. Both are in `notes`.
/// - Payments: for projects already in the model (load projects first); dates exactly as given, so a
///   payment made in the next January stays outside the fiscal year. `2020-12` is a payment known
///   only within December, dated its last day.
public func loadTable(path: String, into model: BudgetModel, options: LoadOptions,
                      files: any FileSystem = LocalFileSystem()) throws(LoadError) -> LoadOutcome {
    let file = options.displayName ?? path
    let format: TableFormat
    if let f = options.format { format = f } else { format = try detectFormat(path: path, file: file, files: files) }
    var sink = try LoadSink(model: model, options: options, file: file)
    switch format {
    case .csv:
        if options.sheet != nil {
            throw LoadError(.unsupported(L("a sheet can be named only for an .xlsx workbook, and this is a CSV file")), file: file)
        }
        var reader = try CSVReader(file: try openFile(path, name: file, files: files), name: file, encoding: options.encoding,
                                   delimiter: options.delimiter, limits: options.limits,
                                   chunkSize: options.csvBuffers?.chunk ?? 1 << 20, splitBytes: options.csvBuffers?.split)
        return try sink.finish(try reader.readRows(into: &sink))
    case .xlsx:
        if options.encoding != nil {
            throw LoadError(.unsupported(L("an encoding can be named only for a CSV file: a workbook's text is always Unicode")), file: file)
        }
        var workbook = try XLSXReader(file: try openFile(path, name: file, files: files), name: file, sheet: options.sheet, limits: options.limits)
        return try sink.finish(try workbook.readRows(into: &sink))
    }
}

/// Loads the rows of any `source` (a PostgreSQL table: `PostgresSource`) as `loadTable(path:…)` loads a file's:
/// the same header matching, units, validation and all-or-nothing rules, problems named
/// `source:row:column: reason`.
public func loadTable<S: RowSource & ~Copyable>(from source: inout S, into model: BudgetModel,
                                               options: LoadOptions) throws(LoadError) -> LoadOutcome {
    var sink = try LoadSink(model: model, options: options, file: options.displayName ?? source.name)
    return try sink.finish(try source.readRows(into: &sink))
}

/// The file at `path` open for reading, or why not as a load error.
func openFile(_ path: String, name: String, files: any FileSystem) throws(LoadError) -> any ReadableFile {
    do { return try files.open(path) } catch { throw LoadError(.cannotRead(error.description), file: name) }
}

/// A workbook is a zip archive; an old .xls, an HTML table named .xls, or UTF-16 text is refused
/// with what to do instead; anything else is read as CSV.
func detectFormat(path: String, file: String, files: any FileSystem) throws(LoadError) -> TableFormat {
    let handle = try openFile(path, name: file, files: files)
    var head = [UInt8](repeating: 0, count: 512)
    let n: Int
    do {
        n = try handle.read(into: &head)
    } catch {
        throw LoadError(.cannotRead(error.description), file: file)
    }
    head.removeSubrange(n...)
    let lower = path.lowercased()
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .xlsx }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        throw LoadError(.unsupported(L("an Excel 97–2003 workbook (.xls) cannot be read: save it as .xlsx or as CSV")), file: file)
    }
    let text = String(decoding: head.prefix(256), as: UTF8.self).lowercased()
    if text.includes("<html") || text.includes("<table") {
        throw LoadError(.unsupported(L("an HTML table (as some systems export \".xls\"): open it in Excel and save it as .xlsx or CSV")), file: file)
    }
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
        throw LoadError(.badWorkbook(L("it is not a zip archive (a renamed file, or a truncated one?)")), file: file)
    }
    return .csv
}
