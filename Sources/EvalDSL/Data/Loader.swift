#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads a table of projects, payments or budget adjustments from a CSV file or an .xlsx workbook
/// into a copy of `model`, and returns the copy: the caller's model is never touched, so a failed or
/// interrupted load leaves the session as it was, and a successful one is applied by taking
/// `outcome.model`. Several files load as one all-or-nothing step by passing each outcome's model
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
public func loadTable(path: String, into model: BudgetModel, options: LoadOptions) throws(LoadError) -> LoadOutcome {
    let file = options.displayName ?? path
    let format: TableFormat
    if let f = options.format { format = f } else { format = try detectFormat(path: path, file: file) }
    var sink = try LoadSink(model: model, options: options, file: file)
    switch format {
    case .csv:
        if options.sheet != nil {
            throw LoadError(.unsupported("a sheet can be named only for an .xlsx workbook, and this is a CSV file"), file: file)
        }
        var reader = try CSVReader(path: path, file: file, encoding: options.encoding, delimiter: options.delimiter,
                                   limits: options.limits)
        while true {
            // Plain payment rows are parsed straight from the reader's buffer; anything else (the
            // header, a quoted field, a bad row, a project seen for the first time) goes the general way.
            if sink.fastPaymentsReady { try reader.fastPayments(into: &sink) }
            guard try reader.next() else { break }
            try sink.consume(reader.view, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)
            if reader.row == 1000, let total = reader.totalBytes, reader.consumed > 0 {
                // The first thousand rows tell the average row's size, hence about how many there are.
                sink.reserve(rows: Int(Double(total) / Double(reader.consumed) * 1000 * 1.02))
            }
        }
        sink.encoding = reader.encoding ?? .utf8
        sink.notes += reader.notes
        return try sink.finish(format: .csv, sheet: nil, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)
    case .xlsx:
        if options.encoding != nil {
            throw LoadError(.unsupported("an encoding can be named only for a CSV file: a workbook's text is always Unicode"), file: file)
        }
        var workbook = try XLSXReader(path: path, file: file, limits: options.limits)
        let info = try workbook.readRows(sheet: options.sheet, into: &sink)
        return try sink.finish(format: .xlsx, sheet: info.sheetNames.count > 1 || options.sheet != nil ? info.sheetName : nil,
                               bytesRead: nil, totalBytes: nil)
    }
}

/// A workbook is a zip archive; an old .xls, an HTML table named .xls, or UTF-16 text is refused
/// with what to do instead; anything else is read as CSV.
func detectFormat(path: String, file: String) throws(LoadError) -> TableFormat {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw LoadError(.cannotRead(CSVReader.errnoText()), file: file) }
    defer { close(fd) }
    var head = [UInt8](repeating: 0, count: 512)
    let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 512) }
    if n < 0 { throw LoadError(.cannotRead(CSVReader.errnoText()), file: file) }
    head.removeSubrange(max(n, 0)...)
    let lower = path.lowercased()
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .xlsx }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        throw LoadError(.unsupported("an Excel 97–2003 workbook (.xls) cannot be read: save it as .xlsx or as CSV"), file: file)
    }
    let text = String(decoding: head.prefix(256), as: UTF8.self).lowercased()
    if text.contains("<html") || text.contains("<table") {
        throw LoadError(.unsupported("an HTML table (as some systems export \".xls\"): open it in Excel and save it as .xlsx or CSV"), file: file)
    }
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
        throw LoadError(.badWorkbook("it is not a zip archive (a renamed file, or a truncated one?)"), file: file)
    }
    return .csv
}

/// Turns rows into projects, payments or adjustments of the working model, and collects problems.
struct LoadSink: RowConsumer {
    let kind: LoadKind
    let options: LoadOptions
    let file: String
    var model: BudgetModel
    var encoding: TextEncoding?
    var notes: [String] = []

    private var gb18030: TextCodec?
    private var columns: ColumnMap?
    private var tableUnit: AmountUnit
    private var candidates = 0
    private var bestCandidate: (matched: Int, headers: [String], missing: [LoadField])?
    private var unitRow: Int?
    private var headerRow = 0

    private var problems: [LoadProblem] = []
    private var moreProblems = 0
    private var badRows = 0
    private var rowsRead = 0
    private var rowsLoaded = 0
    private var totalRows: [Int] = []
    private var lastProgressBytes = 0

    // Columns as indices, -1 when absent: read on every row.
    private var idCol = -1, amountCol = -1, dateCol = -1
    private var nameCol = -1, sourceCol = -1, categoryCol = -1, gradeCol = -1, tagsCol = -1, reasonCol = -1
    private var initialCol = -1, adjustedCol = -1, directionCol = -1, noteCol = -1
    private var initialUnit = AmountUnit.yuan, adjustedUnit = AmountUnit.yuan
    /// Columns of the header; -1 until it is found.
    private var headerCount = -1
    private var amountUnit = AmountUnit.yuan

    /// Rows of the projects this file added (model index − `firstNewProject`), and ids of bad rows.
    private var firstNewProject = 0
    private var fileRows: [Int] = []
    private var badIDs: [String: Int] = [:]
    private var adjustedOnly = 0
    private var derived = 0
    private var ids = ByteKeyTable()
    private var lastDate: (day: CivilDate, period: Bool)?
    private var lastDateCount = -1
    private var lastDateWords: (UInt64, UInt64) = (0, 0)
    private var sources: [String: FundingSource] = [:]
    // Payments are gathered in columns and added to the model's table in one step at the end.
    private var payProject: [Int32] = []
    private var payFen: [Int64] = []
    private var payDay: [Int32] = []

    init(model: BudgetModel, options: LoadOptions, file: String) throws(LoadError) {
        self.kind = options.kind
        self.options = options
        self.file = file
        self.model = model
        self.tableUnit = AmountUnit(options.defaultUnit)
        for (field, _) in options.mapping where !options.kind.fields.contains(field) {
            throw LoadError(.fieldNotInKind(field: field.rawValue, kind: options.kind), file: file)
        }
    }

    // MARK: Rows

    mutating func consume(_ row: RowView, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
        rowsRead += 1
        if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        guard headerCount >= 0 else { return try findHeader(row) }
        // A row whose id is blank or not ASCII is checked for being all blank (skipped) or a total
        // row (合计 in the id column or another); ASCII ids, the usual case, cost nothing here.
        if row.isBlank(idCol) {
            if row.isBlank { return }
            if isTotalRow(row) { totalRows.append(row.number); return }
        } else if startsNonASCII(row.bytes(idCol)), isTotalRow(row) {
            totalRows.append(row.number)
            return
        }
        var bad = false
        if let m = row.malformed {
            problem(row.number, m.column, m.text(maxColumns: options.limits.maxColumns))
            bad = true
        } else if row.count > headerCount {
            for i in headerCount..<row.count where !row.isBlank(i) {
                problem(row.number, i, "this row has \(row.count) fields but the header has \(headerCount)"
                    + (row.kinds == nil ? " (a comma inside a field that is not quoted?)" : ""))
                bad = true
                break
            }
        }
        if !bad {
            switch kind {
            case .payments: bad = !payment(row)
            case .projects: bad = !project(row)
            case .adjustments: bad = !adjustment(row)
            }
        }
        if bad { badRows += 1 } else { rowsLoaded += 1 }
        if let fatal { throw fatal }
    }

    /// Whether `fastPayment` may be tried: a payments load whose header is found.
    var fastPaymentsReady: Bool { kind == .payments && headerCount > 0 && fatal == nil && options.fastPaths }

    /// One payment row parsed straight from the bytes `buf[from..<to]` of a CSV reader's buffer, when
    /// it is plain: exactly the header's number of fields, no quote, an ASCII id without blanks that
    /// is a project already seen in this load, an amount `plainAmount` reads, a date `YYYY-MM-DD`,
    /// and a line end (LF or CRLF) within the buffer. Returns the offset after the line end, or nil
    /// (having changed nothing) for any other row, which `consume` then reads the general way and
    /// judges exactly as before. The row is counted, polled and stored as `consume` would.
    @inline(__always)
    mutating func fastPayment(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8,
                              bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int? {
        let fields = headerCount
        var k = from
        var idStart = 0, idEnd = 0, amountStart = 0, amountEnd = 0, dateStart = 0, dateEnd = 0
        var idWords: (UInt64, UInt64) = (0, 0), idHash: UInt64 = 0, idHint: UInt64 = 0
        var f = 0
        while true {
            let s = k
            if f == idCol {
                // Printable ASCII only: no blank to trim, no total row, no quote.
                while k < end {
                    let b = buf[k]
                    if b == delimiter || b &- 0x21 >= 0x5E || b == 0x22 { break }
                    k += 1
                }
                idStart = s; idEnd = k
                if k == s { return nil }
                // Hashed now, and its slot loaded, so that the memory fetches it (with tens of
                // thousands of projects it is usually not in cache) while the other cells are parsed.
                let key = UnsafeBufferPointer(start: buf + s, count: k - s)
                idWords = ByteKeyTable.words(key)
                idHash = ByteKeyTable.hash(key, idWords)
                idHint = ids.firstMeta(idHash)
            } else {
                while k < end {
                    let b = buf[k]
                    if b == delimiter || b == 0x0A || b == 0x0D || b == 0x22 { break }
                    k += 1
                }
                if f == amountCol { amountStart = s; amountEnd = k } else if f == dateCol { dateStart = s; dateEnd = k }
            }
            guard k < end else { return nil }
            f += 1
            let b = buf[k]
            if f == fields { break }
            guard b == delimiter else { return nil }
            k += 1
        }
        // The line end.
        let next: Int
        if buf[k] == 0x0A {
            next = k + 1
        } else if buf[k] == 0x0D && k + 1 < end && buf[k + 1] == 0x0A {
            next = k + 2
        } else {
            return nil
        }
        // At most 18 characters, as `ValueParser.amount` asks before it tries `plainAmount`.
        guard amountEnd - amountStart <= 18,
              let fen = ValueParser.plainAmount(UnsafeBufferPointer(start: buf + amountStart, count: amountEnd - amountStart),
                                                exponent: amountUnit.exponent) else { return nil }
        // The date: YYYY-MM-DD, the same as the last one in the usual case.
        guard dateEnd - dateStart == 10 else { return nil }
        let d = buf + dateStart
        let word = UnsafeRawPointer(d).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(d + 8).loadUnaligned(as: UInt16.self)
        let day: Int32
        if word == fastDateWord && tail == fastDateTail && fastDateDay != nil {
            day = fastDateDay!
        } else {
            guard d[4] == 0x2D && d[7] == 0x2D else { return nil }
            @inline(__always) func digit(_ i: Int) -> Int? {
                let v = d[i] &- 0x30
                return v < 10 ? Int(v) : nil
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
            let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, dd = d0 * 10 + d1
            guard options.years.contains(y), let c = CivilDate(year: y, month: m, day: dd) else { return nil }
            day = c.dayNumber
            fastDateWord = word
            fastDateTail = tail
            fastDateDay = day
        }
        // The project, among ids this load has seen (a zero first slot: surely not among them).
        guard idHint != 0, let known = ids.find(UnsafeBufferPointer(start: buf + idStart, count: idEnd - idStart),
                                                hash: idHash, words: idWords), known >= 0 else { return nil }
        // The row is taken: counted and polled as `consume` does.
        rowsRead += 1
        if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        if keeping {
            payProject.append(known)
            payFen.append(fen)
            payDay.append(day)
        }
        rowsLoaded += 1
        return next
    }

    private var fastDateWord: UInt64 = 0
    private var fastDateTail: UInt16 = 0
    private var fastDateDay: Int32?

    mutating func poll(bytesRead: Int, totalBytes: Int?) throws(LoadError) {
        if let interrupt = options.interrupt, interrupt() {
            throw LoadError(.interrupted(rows: rowsRead), file: file)
        }
        if let progress = options.progress, bytesRead - lastProgressBytes >= 1 << 20 {
            lastProgressBytes = bytesRead
            progress(LoadProgress(bytesRead: bytesRead, totalBytes: totalBytes, rows: rowsRead))
        }
    }

    /// Room for about `rows` more payments, so a million of them do not grow the columns 20 times.
    mutating func reserve(rows: Int) {
        let rows = min(rows, options.limits.maxRows)
        if kind == .projects {
            model.projects.reserveCapacity(model.projects.count + rows)
            fileRows.reserveCapacity(rows)
            return
        }
        guard kind == .payments, rows > payFen.capacity else { return }
        payProject.reserveCapacity(rows)
        payFen.reserveCapacity(rows)
        payDay.reserveCapacity(rows)
    }

    /// Whether good payments and adjustments still go into the model: not once an all-or-nothing load
    /// has failed (projects always do, to find later duplicates).
    private var keeping: Bool { options.keepGoodRows || badRows == 0 }

    /// Records a problem; `at` puts it before the problems recorded from that index on (to keep a
    /// row's problems in column order when its cells are not read in that order).
    private mutating func problem(_ row: Int, _ column: Int?, _ reason: String, at: Int? = nil) {
        let p = LoadProblem(file: file, row: row, column: column.map { columns?.name($0) ?? ColumnMatcher.letter($0) }, reason: reason)
        let cap = max(options.maxProblems, 0)
        if let at, at < problems.count {
            problems.insert(p, at: at)
            if problems.count > cap { problems.removeLast(); moreProblems += 1 }
        } else if problems.count < cap {
            problems.append(p)
        } else {
            moreProblems += 1
        }
    }

    // MARK: Header

    private mutating func findHeader(_ row: RowView) throws(LoadError) {
        if row.isBlank { return }
        candidates += 1
        let texts = (0..<row.count).map { text(row, $0) ?? "" }
        if let fatal { throw fatal }
        for t in texts where unitRow == nil {
            if let u = unitLine(t) { tableUnit = u; unitRow = row.number }
        }
        let m = try ColumnMap.match(headers: texts, kind: kind, mapping: options.mapping, defaultUnit: tableUnit, file: file)
        if let map = m.map {
            columns = map
            headerCount = map.headers.count
            headerRow = row.number
            idCol = map.index[.id] ?? -1
            amountCol = map.index[.amount] ?? -1
            dateCol = map.index[.date] ?? -1
            nameCol = map.index[.name] ?? -1
            sourceCol = map.index[.source] ?? -1
            categoryCol = map.index[.category] ?? -1
            gradeCol = map.index[.grade] ?? -1
            tagsCol = map.index[.tags] ?? -1
            reasonCol = map.index[.reason] ?? -1
            initialCol = map.index[.initialBudget] ?? -1
            adjustedCol = map.index[.adjustedBudget] ?? -1
            directionCol = map.index[.direction] ?? -1
            noteCol = map.index[.note] ?? -1
            amountUnit = map.unit[.amount] ?? tableUnit
            initialUnit = map.unit[.initialBudget] ?? tableUnit
            adjustedUnit = map.unit[.adjustedBudget] ?? tableUnit
            firstNewProject = model.projects.count
            return
        }
        if bestCandidate == nil || m.matched > bestCandidate!.matched {
            bestCandidate = (m.matched, headerNames(texts), m.missing)
        }
        if candidates >= options.limits.headerSearchRows || !options.mapping.isEmpty {
            throw missingColumns(m.missing)
        }
    }

    private func headerNames(_ texts: [String]) -> [String] {
        texts.enumerated().map { $0.element.isEmpty ? ColumnMatcher.letter($0.offset) : ColumnMatcher.trimmed($0.element) }
    }

    private func missingColumns(_ missing: [LoadField]) -> LoadError {
        LoadError(.missingColumns(missing: missing.map { ColumnMap.describe($0, kind: kind, mapping: options.mapping) },
                                  found: bestCandidate?.headers ?? []), file: file)
    }

    private func startsNonASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c != 0x20 && c != 0x09 { return c >= 0x80 }
        return false
    }

    private mutating func isTotalRow(_ row: RowView) -> Bool {
        for i in 0..<min(row.count, 8) where !row.isBlank(i) {
            if let t = text(row, i), ["合计", "总计", "小计", "合 计", "总 计"].contains(t) { return true }
        }
        return false
    }

    // MARK: Cells

    /// The text of cell `i`, trimmed; nil when it is not valid in the file's encoding.
    private mutating func text(_ row: RowView, _ i: Int) -> String? {
        let b = row.bytes(i)
        switch row.kind(i) {
        case .raw:
            let t: String?
            if row.encoding == .gb18030 && !TextCodec.isASCII(b) {
                if gb18030 == nil {
                    do { gb18030 = try TextCodec(.gb18030) } catch {
                        if fatal == nil { fatal = LoadError(.encodingUnavailable("GB18030"), file: file) }
                        return nil
                    }
                }
                t = gb18030?.decode(b).map(ColumnMatcher.trimmed)
            } else {
                var i = 0, j = b.count
                ValueParser.trim(b, &i, &j)
                // `'=…`, `'-…`: a cell neutralised against formula injection (as `export` writes them).
                if j - i >= 2 && b[i] == 0x27, b[i + 1] == 0x3D || b[i + 1] == 0x2B || b[i + 1] == 0x2D || b[i + 1] == 0x40 {
                    i += 1
                }
                let trimmed = UnsafeBufferPointer(rebasing: b[i..<j])
                // String(validating:) is generic and slow; the bytes are checked here, then copied.
                return TextCodec.utf8Status(trimmed) == .valid ? String(decoding: trimmed, as: UTF8.self) : nil
            }
            if let t, t.utf8.count >= 2, t.utf8.first == 0x27, let second = t.unicodeScalars.dropFirst().first,
               "=+-@".unicodeScalars.contains(second) {
                return String(t.dropFirst())
            }
            return t
        case .text, .error, .isoDate:
            return ColumnMatcher.trimmed(String(decoding: b, as: UTF8.self))
        case .number:
            return ValueParser.excelNumberText(b).map { String(decoding: $0, as: UTF8.self) } ?? ""
        case .boolean:
            return b.first == 0x31 ? "TRUE" : "FALSE"
        }
    }

    /// The text of cell `i` for a message: as it is, shortened.
    private mutating func shown(_ row: RowView, _ i: Int) -> String {
        let t = text(row, i) ?? "(not valid \(row.encoding) text)"
        return t.count > 40 ? String(t.prefix(40)) + "…" : t
    }

    /// A text cell, nil when blank; a cell that is not valid text is a problem.
    private mutating func textCell(_ row: RowView, _ col: Int, bad: inout Bool) -> String? {
        guard col >= 0, !row.isBlank(col) else { return nil }
        guard let t = text(row, col) else {
            problem(row.number, col, "not valid \(row.encoding) text (declare the file's encoding)")
            bad = true
            return nil
        }
        return t.isEmpty ? nil : t
    }

    /// An amount cell in fen; nil when blank (a problem when `required`) or bad.
    private mutating func amountCell(_ row: RowView, _ col: Int, unit: AmountUnit, required: Bool, bad: inout Bool) -> Int64? {
        let b = row.bytes(col)
        let failure: AmountFailure
        switch row.kind(col) {
        case .raw, .text:
            if row.kind(col) == .raw && row.encoding == .gb18030 && !TextCodec.isASCII(b) {
                guard let t = text(row, col) else {
                    problem(row.number, col, "not valid GB18030 text")
                    bad = true
                    return nil
                }
                var utf8 = Array(t.utf8)
                do throws(AmountFailure) {
                    return try utf8.withUnsafeMutableBufferPointer { (p) throws(AmountFailure) in
                        try ValueParser.amount(UnsafeBufferPointer(p), unit: unit)
                    }
                } catch { failure = error }
            } else {
                do throws(AmountFailure) { return try ValueParser.amount(b, unit: unit) } catch { failure = error }
            }
        case .number:
            guard let plain = ValueParser.excelNumberText(b) else { failure = .notANumber; break }
            do throws(AmountFailure) {
                return try plain.withUnsafeBufferPointer { (p) throws(AmountFailure) in try ValueParser.amount(p, unit: unit) }
            } catch { failure = error }
        case .error:
            problem(row.number, col, "`\(shown(row, col))` is an Excel error value, not an amount")
            bad = true
            return nil
        case .boolean, .isoDate:
            failure = .notANumber
        }
        switch failure {
        case .empty:
            if required {
                problem(row.number, col, "no amount")
                bad = true
            }
        case .notANumber: problem(row.number, col, "`\(shown(row, col))` is not a number"); bad = true
        case .grouping:
            problem(row.number, col, "`\(shown(row, col))` is not a number: a comma must separate groups of three digits")
            bad = true
        case .scientific:
            problem(row.number, col, "`\(shown(row, col))` is in scientific notation, which Excel writes when it has rounded"
                + " the number: format the column as a number and save again")
            bad = true
        case .fractionOfFen:
            problem(row.number, col, "`\(shown(row, col))` is not a whole number of fen (分): at most \(unit.exponent) decimals in \(unit.name)")
            bad = true
        case .tooLarge: problem(row.number, col, "`\(shown(row, col))` is too large"); bad = true
        }
        return nil
    }

    /// A date cell: its day number and whether it is a period (`2020-12`); nil when bad.
    private mutating func dateCell(_ row: RowView, _ col: Int, allowMonth: Bool, bad: inout Bool) -> (day: CivilDate, period: Bool)? {
        let b = row.bytes(col)
        var parsed: ParsedDate?
        var failure: DateFailure = .notADate
        switch row.kind(col) {
        case .number:
            // A serial number; the time of day (the fraction) does not matter.
            if let plain = ValueParser.excelNumberText(b), plain.first != 0x2D {
                var serial = 0
                var digits = 0
                for c in plain { if c == 0x2E { break }; serial = serial * 10 + Int(c - 0x30); digits += 1; if digits > 9 { break } }
                if digits <= 9, let d = ValueParser.excelSerial(serial, date1904: row.date1904) {
                    let c = d.components
                    return checkYear(row, col, d, year: c.year, period: false, bad: &bad)
                }
            }
            problem(row.number, col, "`\(shown(row, col))` is not a date serial number Excel could show")
            bad = true
            return nil
        case .raw where row.encoding == .gb18030 && !TextCodec.isASCII(b):
            guard let t = text(row, col) else {
                problem(row.number, col, "not valid GB18030 text")
                bad = true
                return nil
            }
            let utf8 = Array(t.utf8)
            do throws(DateFailure) {
                parsed = try utf8.withUnsafeBufferPointer { (p) throws(DateFailure) in try ValueParser.date(p) }
            } catch { failure = error }
        case .raw, .text, .isoDate:
            // Treasury exports are in date order: a date like the last one costs a comparison.
            if b.count <= 16 && b.count == lastDateCount && ByteKeyTable.words(b) == lastDateWords, let d = lastDate {
                return d
            }
            do throws(DateFailure) { parsed = try ValueParser.date(b) } catch { failure = error }
            if case .day(let y, let m, let d)? = parsed, b.count <= 16 {
                let r = checkYear(row, col, CivilDate(year: y, month: m, day: d)!, year: y, period: false, bad: &bad)
                lastDate = r
                lastDateCount = r == nil ? -1 : b.count
                lastDateWords = ByteKeyTable.words(b)
                return r
            }
        case .boolean, .error:
            failure = .notADate
        }
        if let parsed {
            switch parsed {
            case .day(let y, let m, let d):
                return checkYear(row, col, CivilDate(year: y, month: m, day: d)!, year: y, period: false, bad: &bad)
            case .month(let y, let m):
                guard allowMonth else {
                    problem(row.number, col, "`\(shown(row, col))` is a month: a budget adjustment needs a day")
                    bad = true
                    return nil
                }
                guard options.years.contains(y) else { break }
                return checkYear(row, col, Period.month(year: y, month: m).last, year: y, period: true, bad: &bad)
            }
        }
        let s = shown(row, col)
        switch failure {
        case .empty: problem(row.number, col, "no date")
        case .notADate: problem(row.number, col, "`\(s)` is not a date (write 2020-12-31, 2020/12/31, 2020年12月31日 or 20201231)")
        case .noSuchDay: problem(row.number, col, "`\(s)` is not a day of the calendar")
        case .ambiguous: problem(row.number, col, "`\(s)` is ambiguous (day or month first?): write 2020-12-31")
        case .serialLike:
            problem(row.number, col, "`\(s)` is not a date (an Excel serial number? format the column as a date and save again)")
        }
        bad = true
        return nil
    }

    private mutating func checkYear(_ row: RowView, _ col: Int, _ d: CivilDate, year: Int, period: Bool, bad: inout Bool) -> (day: CivilDate, period: Bool)? {
        guard options.years.contains(year) else {
            problem(row.number, col, "`\(shown(row, col))` is a date outside any sensible range (\(options.years.lowerBound)–\(options.years.upperBound))")
            bad = true
            return nil
        }
        return (d, period)
    }

    /// The model index of the project whose id is in cell `col`; nil (and a problem) when unknown.
    /// The id bytes of cell `col` (ASCII blanks trimmed: a GB18030 character may end in the bytes of
    /// a UTF-8 blank), their words and hash, and the first slot of the table they probe. Loading
    /// that slot here, before the row's other cells are parsed, lets the memory fetch it while they
    /// are: with tens of thousands of projects it is usually not in cache.
    @inline(__always)
    private func idKey(_ row: RowView, _ col: Int) -> (bytes: UnsafeBufferPointer<UInt8>, words: (UInt64, UInt64), hash: UInt64, hint: UInt64) {
        var b = row.bytes(col)
        var i = 0, j = b.count
        while i < j && ValueParser.isSpace(b[i]) { i += 1 }
        while j > i && ValueParser.isSpace(b[j - 1]) { j -= 1 }
        b = UnsafeBufferPointer(rebasing: b[i..<j])
        let w = ByteKeyTable.words(b)
        let h = ByteKeyTable.hash(b, w)
        return (b, w, h, ids.firstMeta(h))
    }

    /// The model index of the project whose id is in cell `col`; nil (and a problem, put before those
    /// of the row's cells after `mark`) when unknown.
    private mutating func projectIndex(_ row: RowView, _ col: Int, key: (bytes: UnsafeBufferPointer<UInt8>, words: (UInt64, UInt64), hash: UInt64, hint: UInt64),
                                       problemsMark mark: Int, bad: inout Bool) -> Int? {
        let cacheable = row.kind(col) == .raw || row.kind(col) == .text
        if cacheable, key.hint != 0, let known = ids.find(key.bytes, hash: key.hash, words: key.words) {
            if known >= 0 { return Int(known) }
        } else {
            guard let id = text(row, col) else {
                problem(row.number, col, "not valid \(row.encoding) text (declare the file's encoding)", at: mark)
                bad = true
                return nil
            }
            let index = id.isEmpty ? nil : model.projects.index(forKey: id)
            if cacheable { ids.insert(key.bytes, hash: key.hash, words: key.words, value: Int32(index ?? -1)) }
            if let index { return index }
        }
        let id = text(row, col) ?? ""
        if id.isEmpty {
            problem(row.number, col, "no project id", at: mark)
        } else {
            problem(row.number, col, "unknown project `\(id)` (declare it, or load the projects first)", at: mark)
        }
        bad = true
        return nil
    }

    // MARK: Kinds of rows

    private mutating func payment(_ row: RowView) -> Bool {
        var bad = false
        let key = idKey(row, idCol)
        let mark = problems.count
        let fen = amountCell(row, amountCol, unit: amountUnit, required: true, bad: &bad)
        let date = dateCell(row, dateCol, allowMonth: true, bad: &bad)
        let p = projectIndex(row, idCol, key: key, problemsMark: mark, bad: &bad)
        guard !bad, let p, let fen, let date else { return false }
        if keeping {
            payProject.append(Int32(truncatingIfNeeded: p))
            payFen.append(fen)
            payDay.append(date.day.dayNumber)
        }
        return true
    }

    private mutating func adjustment(_ row: RowView) -> Bool {
        var bad = false
        let p = projectIndex(row, idCol, key: idKey(row, idCol), problemsMark: problems.count, bad: &bad)
        var fen = amountCell(row, amountCol, unit: amountUnit, required: true, bad: &bad)
        let date = dateCell(row, dateCol, allowMonth: false, bad: &bad)
        let d = directionCol
        if let word = textCell(row, d, bad: &bad) {
            switch word.lowercased() {
            case "追加", "调增", "增加", "追加预算", "increase", "+":
                break
            case "调减", "减少", "调减预算", "decrease", "-":
                if let f = fen, f < 0 {
                    problem(row.number, d, "调减 of a negative amount is ambiguous: give the amount as a positive number")
                    bad = true
                }
                fen = fen.map { -$0 }
            default:
                problem(row.number, d, "`\(word)` is not a direction of adjustment (追加 or 调减)")
                bad = true
            }
        }
        let note = textCell(row, noteCol, bad: &bad)
        guard !bad, let p, let fen, let date else { return false }
        if keeping { model.projects.values[p].adjustments.append(BudgetAdjustment(date: date.day, fen: fen, note: note)) }
        return true
    }

    private mutating func project(_ row: RowView) -> Bool {
        var bad = false
        let id = textCell(row, idCol, bad: &bad)
        if id == nil && !bad {
            problem(row.number, idCol, "no project id")
            bad = true
        }
        var p = Project(id: id ?? "")
        p.title = textCell(row, nameCol, bad: &bad)
        // Source, category and grade take few values: a cell whose bytes were read before (and
        // meant a known value) costs a comparison of bytes, not a String and string comparisons.
        if let f = LoadSink.cached(sourceCache, row, sourceCol) {
            p.source = f
        } else if let s = textCell(row, sourceCol, bad: &bad) {
            if let known = sources[s] { p.source = known; LoadSink.remember(&sourceCache, row, sourceCol, known) } else {
                p.source = fundingSource(s)
                if let f = p.source { sources[s] = f; LoadSink.remember(&sourceCache, row, sourceCol, f) }
            }
            if p.source == nil {
                problem(row.number, sourceCol, "`\(s)` is not a known funding source (known: \(FundingSource.known.map(\.canonical).joined(separator: ", ")))")
                bad = true
            }
        }
        if let c = LoadSink.cached(categoryCache, row, categoryCol) {
            p.category = c
        } else if let s = textCell(row, categoryCol, bad: &bad) {
            p.category = Category(s)
            if let c = p.category { LoadSink.remember(&categoryCache, row, categoryCol, c) }
            if p.category == nil {
                problem(row.number, categoryCol, "`\(s)` is not a known category (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
                bad = true
            }
        }
        if let g = LoadSink.cached(gradeCache, row, gradeCol) {
            p.grade = g
        } else if let s = textCell(row, gradeCol, bad: &bad) {
            p.grade = Grade(s)
            if let g = p.grade { LoadSink.remember(&gradeCache, row, gradeCol, g) }
            if p.grade == nil {
                problem(row.number, gradeCol, "`\(s)` is not a grade (优, 良, 中 or 差)")
                bad = true
            }
        }
        if let s = textCell(row, tagsCol, bad: &bad) { p.tags = LoadSink.words(s) }
        p.reason = textCell(row, reasonCol, bad: &bad)
        let initial = initialCol < 0 ? nil : amountCell(row, initialCol, unit: initialUnit, required: false, bad: &bad)
        let adjusted = adjustedCol < 0 ? nil : amountCell(row, adjustedCol, unit: adjustedUnit, required: false, bad: &bad)
        guard let id else { return false }
        guard !bad else {
            // A bad row's id still counts for duplicates.
            if duplicate(id, row) == nil, badIDs[id] == nil { badIDs[id] = row.number }
            return false
        }
        switch (initial, adjusted) {
        case (nil, nil): break
        case (let i?, nil): p.initialFen = i
        case (nil, let a?):
            p.initialFen = a
            adjustedOnly += 1
        case (let i?, let a?):
            p.initialFen = i
            if a != i {
                // The stated full-year budget is known at the year's end: its difference from the
                // initial budget becomes one adjustment dated then.
                guard let year = options.fiscalYear ?? model.year else { return fail(.noFiscalYear) }
                p.adjustments.append(BudgetAdjustment(date: Period.year(year).last, fen: a &- i, note: "调整后预算 − 年初预算"))
                derived += 1
            }
        }
        // One hash lookup in the common case: insert, and put the old project back if there was one.
        // Good rows go in even once an all-or-nothing load has failed, so later duplicates are found.
        if !badIDs.isEmpty, let first = badIDs[id] {
            problem(row.number, idCol, "duplicate project id `\(id)` (first at row \(first))")
            return false
        }
        let (old, index) = model.projects.updateValue(p, forKey: id, insertingAt: model.projects.count)
        if let old {
            model.projects.values[index] = old
            _ = duplicate(id, row)
            return false
        }
        fileRows.append(row.number)
        return true
    }

    private var sourceCache: [([UInt8], FundingSource)] = []
    private var categoryCache: [([UInt8], Category)] = []
    private var gradeCache: [([UInt8], Grade)] = []

    /// The value a CSV cell with exactly these bytes meant before, if one did (and the cell is not blank).
    @inline(__always)
    private static func cached<T>(_ cache: [([UInt8], T)], _ row: RowView, _ col: Int) -> T? {
        guard col >= 0, row.kinds == nil, !cache.isEmpty else { return nil }
        let b = row.bytes(col)
        guard !b.isEmpty, let base = b.baseAddress else { return nil }
        for (bytes, value) in cache where bytes.count == b.count {
            if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, b.count) == 0 }) { return value }
        }
        return nil
    }

    /// Remembers that the bytes of CSV cell `col` mean `value` (a few distinct values at most).
    private static func remember<T>(_ cache: inout [([UInt8], T)], _ row: RowView, _ col: Int, _ value: T) {
        guard row.kinds == nil, cache.count < 16 else { return }
        let b = row.bytes(col)
        guard !b.isEmpty else { return }
        cache.append((Array(b), value))
    }

    /// Reports `id` as a duplicate if the session or an earlier row of the file has it; the problem, or nil.
    @discardableResult
    private mutating func duplicate(_ id: String, _ row: RowView) -> String? {
        let reason: String
        if let index = model.projects.index(forKey: id) {
            reason = index >= firstNewProject
                ? "duplicate project id `\(id)` (first at row \(fileRows[index - firstNewProject]))"
                : "duplicate project id `\(id)`: the session already has this project"
        } else if let first = badIDs[id] {
            reason = "duplicate project id `\(id)` (first at row \(first))"
        } else {
            return nil
        }
        problem(row.number, idCol, reason)
        return reason
    }

    /// Tags as written: separated by commas (ASCII or Chinese), 、, semicolons or blanks.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case ",", "，", "、", ";", "；", " ", "\u{3000}", "\t":
                if !current.isEmpty { out.append(String(current)); current = .init() }
            default:
                current.append(u)
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// Records an error that ends the load at the end of the row (`finish` throws it).
    private mutating func fail(_ kind: LoadError.Kind) -> Bool {
        if fatal == nil { fatal = LoadError(kind, file: file) }
        return false
    }

    private var fatal: LoadError?

    private func fundingSource(_ s: String) -> FundingSource? {
        if let f = FundingSource(s) { return f }
        for suffix in ["转移支付资金", "转移支付", "专项资金", "资金", "财政"] where s.hasSuffix(suffix) && s.count > suffix.count {
            if let f = FundingSource(String(s.dropLast(suffix.count))) { return f }
        }
        return nil
    }

    // MARK: End

    mutating func finish(format: TableFormat, sheet: String?, bytesRead: Int?, totalBytes: Int?) throws(LoadError) -> LoadOutcome {
        if let fatal { throw fatal }
        guard let columns else { throw missingColumns(bestCandidate?.missing ?? kind.required) }
        if let progress = options.progress {
            progress(LoadProgress(bytesRead: bytesRead ?? lastProgressBytes, totalBytes: totalBytes, rows: rowsRead))
        }
        if badRows > 0 && !options.keepGoodRows {
            throw LoadError(.rejected(problems: problems, more: moreProblems, badRows: badRows, rows: rowsLoaded + badRows), file: file)
        }
        var notes = self.notes
        if headerRow > 1 {
            notes.append("the header is row \(headerRow)" + (unitRow.map { "; amounts are in \(tableUnit.name) (row \($0))" } ?? ""))
        }
        let used = Set(columns.index.values)
        let ignored = columns.headers.enumerated().filter { !$0.element.isEmpty && !used.contains($0.offset) }.map(\.element)
        if !ignored.isEmpty { notes.append("columns not used: " + ignored.joined(separator: ", ")) }
        if !totalRows.isEmpty {
            notes.append("total \(totalRows.count == 1 ? "row" : "rows") skipped: row " + totalRows.map(String.init).joined(separator: ", "))
        }
        if adjustedOnly > 0 {
            notes.append("\(groupedThousands(adjustedOnly)) \(adjustedOnly == 1 ? "project gives" : "projects give") only 调整后预算:"
                + " stored as the budget, so initial() shows it too")
        }
        if derived > 0, let year = options.fiscalYear ?? model.year {
            notes.append("\(groupedThousands(derived)) \(derived == 1 ? "project's" : "projects'") 调整后预算 differs from 年初预算:"
                + " the difference is one adjustment dated \(Period.year(year).last)")
        }
        if !payFen.isEmpty {
            // Handed over, not copied: the table sorts them into place and releases each column.
            let projects = payProject, fen = payFen, days = payDay
            payProject = []
            payFen = []
            payDay = []
            model.payments.append(taking: consume projects, fen: consume fen, days: consume days)
        }
        var found: [LoadField: String] = [:]
        for (f, i) in columns.index { found[f] = columns.name(i) }
        return LoadOutcome(model: model, kind: kind, file: file, format: format, encoding: format == .csv ? encoding : nil,
                           sheet: sheet, columns: found, rowsLoaded: rowsLoaded, rowsRejected: badRows, problems: problems,
                           moreProblems: moreProblems, notes: notes)
    }
}
