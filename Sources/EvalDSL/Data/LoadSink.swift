import OrderedCollections

/// Turns the rows of a `RowSource` into projects, payments or adjustments of the working model, and
/// collects problems. The layers on top of a source, one file each: the header and the rows that are
/// not data (LoadSink+Header), cells decoded into text, amounts and dates (LoadSink+Cells), the three
/// kinds of rows (LoadSink+Rows), and plain CSV payment rows parsed straight from the reader's buffer
/// (LoadSink+FastPath). This file holds the state, the row loop's entry and the outcome.
struct LoadSink: RowConsumer {
    let kind: LoadKind
    let options: LoadOptions
    let file: String
    var model: BudgetModel

    // The header search (LoadSink+Header).
    var columns: ColumnMap?
    var tableUnit: AmountUnit
    var candidates = 0
    var bestCandidate: (matched: Int, headers: [String], missing: [LoadField])?
    var unitRow: Int?
    var headerRow = 0

    // Counts and problems.
    var problems: [LoadProblem] = []
    var moreProblems = 0
    var badRows = 0
    var rowsRead = 0
    var rowsLoaded = 0
    var totalRows: [Int] = []
    var lastProgressBytes = 0
    /// An error that ends the load at the end of the row (`fail`).
    var fatal: LoadError?

    // Columns as indices, -1 when absent: read on every row.
    var idCol = -1, amountCol = -1, dateCol = -1
    var nameCol = -1, sourceCol = -1, categoryCol = -1, gradeCol = -1, tagsCol = -1, reasonCol = -1
    var initialCol = -1, adjustedCol = -1, directionCol = -1, noteCol = -1
    var initialUnit = AmountUnit.yuan, adjustedUnit = AmountUnit.yuan
    /// Columns of the header; -1 until it is found.
    var headerCount = -1
    var amountUnit = AmountUnit.yuan

    /// Rows of the projects this file added (model index − `firstNewProject`), and ids of bad rows.
    var firstNewProject = 0
    var fileRows: [Int] = []
    var badIDs: [String: Int] = [:]
    var adjustedOnly = 0
    var derived = 0
    /// Project ids seen in this load, as bytes → model index (-1: unknown).
    var ids = ByteKeyTable()
    var sources: [String: FundingSource] = [:]
    // Cells whose bytes were read before (LoadSink+Rows, +ProjectRows).
    var sourceCache = CellCache<FundingSource>(limit: 64)
    var categoryCache = CellCache<Category>(limit: 64)
    var gradeCache = CellCache<Grade>(limit: 64)
    var tagsCache = CellCache<[String]>(limit: 1024)
    /// A projects load's projects: the model's, taken out while the rows add to them and put back
    /// by `finish` (each change to `model.projects` would otherwise renew the model's cache).
    var projects: OrderedDictionary<String, Project> = [:]
    /// The file's encoding once a CSV row with a byte that is not ASCII has told it (LoadSink+ProjectLines).
    var plainEncoding: TextEncoding?
    /// Field ranges of a plain project line; set when a projects load finds its header.
    var lineFields: LineFields?
    /// Projects another thread reads from plain project lines (LoadSink+ProjectSplit).
    let splitBatch = ProjectBatch()
    var gb18030: TextCodec?
    var lastDate: (day: CivilDate, period: Bool)?
    var lastDateCount = -1
    var lastDateWords: (UInt64, UInt64) = (0, 0)
    var plainDates = PlainDateCache()
    /// Payments are gathered in narrow columns and added to the model's table in one step at the end.
    var pays: PaymentColumns

    init(model: BudgetModel, options: LoadOptions, file: String) throws(LoadError) {
        self.kind = options.kind
        self.options = options
        self.file = file
        self.model = model
        self.tableUnit = AmountUnit(options.defaultUnit)
        // Payments may name only the projects the model has now; days offset from the first year allowed.
        self.pays = PaymentColumns(projectCount: model.projects.count,
                                   firstDay: CivilDate(year: options.years.lowerBound, month: 1, day: 1)?.dayNumber ?? 0)
        for (field, _) in options.mapping where !options.kind.fields.contains(field) {
            throw LoadError(.fieldNotInKind(field: field.rawValue, kind: options.kind), file: file)
        }
        if kind == .projects {
            projects = self.model.projects
            self.model.projects = [:]
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
                problem(row.number, i, L("this row has \(row.count) fields but the header has \(headerCount)")
                    + (row.kinds == nil ? L(" (a comma inside a field that is not quoted?)") : ""))
                bad = true
                break
            }
        }
        if !bad {
            switch kind {
            case .payments: bad = !payment(row)
            case .projects: bad = !(plainProject(row) ?? project(row))
            case .adjustments: bad = !adjustment(row)
            }
        }
        if bad { badRows += 1 } else { rowsLoaded += 1 }
        if let fatal { throw fatal }
    }

    mutating func poll(bytesRead: Int, totalBytes: Int?) throws(LoadError) {
        if let interrupt = options.interrupt, interrupt() {
            throw LoadError(.interrupted(rows: rowsRead), file: file)
        }
        if let progress = options.progress, bytesRead - lastProgressBytes >= 1 << 20 {
            lastProgressBytes = bytesRead
            progress(LoadProgress(bytesRead: bytesRead, totalBytes: totalBytes, rows: rowsRead))
        }
    }

    /// Room for about `rows` more projects (payments need none: their columns grow by chunks).
    mutating func reserve(rows: Int) {
        let rows = min(rows, options.limits.maxRows)
        if kind == .projects {
            projects.reserveCapacity(projects.count + rows)
            fileRows.reserveCapacity(rows)
            return
        }
    }

    /// Whether good payments and adjustments still go into the model: not once an all-or-nothing load
    /// has failed (projects always do, to find later duplicates).
    var keeping: Bool { options.keepGoodRows || badRows == 0 }

    /// Records a problem; `at` puts it before the problems recorded from that index on (to keep a
    /// row's problems in column order when its cells are not read in that order).
    mutating func problem(_ row: Int, _ column: Int?, _ reason: String, at: Int? = nil) {
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

    /// Records an error that ends the load at the end of the row (`finish` throws it).
    mutating func fail(_ kind: LoadError.Kind) -> Bool {
        if fatal == nil { fatal = LoadError(kind, file: file) }
        return false
    }

    // MARK: End

    /// The outcome once the source has handed over every row, or the error that rejects the load.
    mutating func finish(_ source: RowSourceFacts) throws(LoadError) -> LoadOutcome {
        if kind == .projects {
            model.projects = projects
            projects = [:]
        }
        if let fatal { throw fatal }
        guard let columns else { throw missingColumns(bestCandidate?.missing ?? kind.required) }
        if let progress = options.progress {
            progress(LoadProgress(bytesRead: source.bytesRead ?? lastProgressBytes, totalBytes: source.totalBytes, rows: rowsRead))
        }
        if badRows > 0 && !options.keepGoodRows {
            throw LoadError(.rejected(problems: problems, more: moreProblems, badRows: badRows, rows: rowsLoaded + badRows), file: file)
        }
        var notes = source.notes
        if headerRow > 1 {
            notes.append(L("the header is row \(headerRow)") + (unitRow.map { L("; amounts are in \(tableUnit.name) (row \($0))") } ?? ""))
        }
        let used = Set(columns.index.values)
        let ignored = columns.headers.enumerated().filter { !$0.element.isEmpty && !used.contains($0.offset) }.map(\.element)
        if !ignored.isEmpty { notes.append(L("columns not used: ") + ignored.joined(separator: ", ")) }
        if !totalRows.isEmpty {
            notes.append((totalRows.count == 1 ? L("total row skipped: row ") : L("total rows skipped: row ")) + totalRows.map(String.init).joined(separator: ", "))
        }
        if adjustedOnly > 0 {
            let n = groupedThousands(adjustedOnly)
            notes.append(adjustedOnly == 1 ? L("\(n) project gives only 调整后预算: stored as the budget, so initial() shows it too")
                : L("\(n) projects give only 调整后预算: stored as the budget, so initial() shows it too"))
        }
        if derived > 0, let year = options.fiscalYear ?? model.year {
            let n = groupedThousands(derived), day = Period.year(year).last
            notes.append(derived == 1 ? L("\(n) project's 调整后预算 differs from 年初预算: the difference is one adjustment dated \(day)")
                : L("\(n) projects' 调整后预算 differs from 年初预算: the difference is one adjustment dated \(day)"))
        }
        if let year = options.fiscalYear ?? model.year {
            // Payments of a year before the fiscal year are kept but never counted by paid(x): most
            // likely last year's file, so say so (later ones are the usual early-next-year payments).
            let start = Period.year(year).first.dayNumber
            let early = pays.count(before: start)
            if early > 0 {
                let n = groupedThousands(early)
                notes.append(early == 1 ? L("\(n) payment is dated before \(year): kept, but outside the fiscal year, so paid(x) does not count it")
                                        : L("\(n) payments are dated before \(year): kept, but outside the fiscal year, so paid(x) does not count them"))
            }
        }
        if !pays.isEmpty {
            // Handed over, not copied: the table sorts them into place and releases each column.
            let columns = pays
            pays = PaymentColumns(projectCount: 0, firstDay: 0)
            // The fiscal year's sums per project come with the placing, for `rate(p)` of every project.
            let window = (model.year ?? options.fiscalYear).map { Period.year($0).first.dayNumber...Period.year($0).last.dayNumber }
            model.payments.append(taking: consume columns, window: window)
        }
        var found: [LoadField: String] = [:]
        for (f, i) in columns.index { found[f] = columns.name(i) }
        return LoadOutcome(model: model, kind: kind, file: file, format: source.format, encoding: source.encoding,
                           sheet: source.sheet, columns: found, rowsLoaded: rowsLoaded, rowsRejected: badRows, problems: problems,
                           moreProblems: moreProblems, notes: notes)
    }
}
