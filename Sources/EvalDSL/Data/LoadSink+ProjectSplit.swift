// Plain project lines on two threads: while the loader's thread reads the first half of a buffer,
// another reads the second half's plain lines into `Project` values (the fields found, the id's and
// name's Strings built, the amounts and remembered cells read); the loader's thread then adds them
// in file order, judging duplicates as the general path would. The split itself is the reader's
// (`CSVReader.splitPlainLines`), the same as for payments.

/// What another thread needs to read plain project lines as `plainProject` reads them: the columns,
/// the cells remembered so far (a copy), the fiscal year, and whether the file is known to be UTF-8.
struct ProjectLineParser: Sendable {
    let fields: Int
    let idCol: Int, nameCol: Int, reasonCol: Int, sourceCol: Int, categoryCol: Int, gradeCol: Int, tagsCol: Int
    let initialCol: Int, adjustedCol: Int
    let initialUnit: AmountUnit, adjustedUnit: AmountUnit
    let year: Int?
    /// Lines with bytes that are not ASCII are read only when the file is known to be UTF-8 (GB18030
    /// text is decoded on the loader's thread, whose decoder is its own).
    let utf8: Bool
    let sourceCache: CellCache<FundingSource>
    let categoryCache: CellCache<Category>
    let gradeCache: CellCache<Grade>
    let tagsCache: CellCache<[String]>
    /// Where the projects go: the loader's, emptied and filled again at each split, so that its
    /// memory is touched once a load (a page the first time costs the system more than the copy).
    let batch: ProjectBatch

    /// The lines of `buf[from..<end]` from the first on, up to the first that is not a plain line
    /// (`plainProjectFields`: then where it ends is not sure) or is not whole before `end`, at most
    /// `maxRows` of them: read into projects where `plainProject` would take them but for the
    /// checks of their ids against the projects, and left to the loader's thread (a hole) where
    /// not. Stops at a hole when they are too many to be worth it.
    func parse(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8, maxRows: Int) -> PlainLines {
        batch.reset(capacity: (end - from) / 64 + 16)
        let lineFields = LineFields(count: fields)
        var k = from, lines = 0
        while lines < maxRows, k < end,
              let line = plainProjectFields(buf, from: k, to: end, delimiter: delimiter, count: fields, into: lineFields) {
            let row = RowView(number: 0, count: fields, base: buf, starts: UnsafePointer(lineFields.starts),
                              ends: UnsafePointer(lineFields.ends), kinds: nil, encoding: .utf8)
            if !((line.ascii || utf8) && project(row, into: batch)) {
                guard batch.holes.count < 32 + lines / 8 else { break }
                batch.holes.append((before: batch.count, start: k, next: line.next))
            }
            lines += 1
            k = line.next
        }
        return PlainLines(columns: PaymentColumns(projectCount: 0, firstDay: 0, transient: true), rows: lines, stop: k,
                          projects: batch)
    }

    /// The project of `row` appended to `batch` when `plainProject` would read the row so (its
    /// checks in the same order, but for those of the id against the projects, made when it is
    /// added); false otherwise.
    @inline(__always)
    private func project(_ row: RowView, into batch: ProjectBatch) -> Bool {
        guard let id = LoadSink.plainID(row.bytes(idCol)) else { return false }
        var title: String?, reason: String?
        guard ProjectLineParser.text(row, nameCol, &title), ProjectLineParser.text(row, reasonCol, &reason) else { return false }
        var source: FundingSource?, category: Category?, grade: Grade?, tags: [String] = []
        if let s = sourceCache.value(row, sourceCol) { source = s } else if sourceCol >= 0 && !row.isBlank(sourceCol) { return false }
        if let c = categoryCache.value(row, categoryCol) { category = c } else if categoryCol >= 0 && !row.isBlank(categoryCol) { return false }
        if let g = gradeCache.value(row, gradeCol) { grade = g } else if gradeCol >= 0 && !row.isBlank(gradeCol) { return false }
        if let t = tagsCache.value(row, tagsCol) { tags = t } else if tagsCol >= 0 && !row.isBlank(tagsCol) { return false }
        var initial: Int64?, adjusted: Int64?
        guard LoadSink.plainFen(row, initialCol, initialUnit, &initial),
              LoadSink.plainFen(row, adjustedCol, adjustedUnit, &adjusted) else { return false }
        var adjustments: [BudgetAdjustment] = []
        if let i = initial, let a = adjusted, a != i {
            guard let year else { return false }
            adjustments = [LoadSink.derivedAdjustment(a &- i, year: year)]
        }
        let flags: UInt8 = (initial == nil && adjusted != nil ? ProjectBatch.adjustedOnly : 0)
            | (adjustments.isEmpty ? 0 : ProjectBatch.derived)
        batch.append(Project(id: id, title: title, source: source, category: category, initialFen: initial ?? adjusted,
                             adjustments: adjustments, grade: grade, tags: tags, reason: reason), flags: flags)
        return true
    }

    /// Text cell `col` as `LoadSink.plainText` reads it (UTF-8 or ASCII bytes).
    @inline(__always)
    private static func text(_ row: RowView, _ col: Int, _ out: inout String?) -> Bool {
        guard col >= 0, !row.isBlank(col) else { return true }
        guard let t = LoadSink.utf8Text(row.bytes(col)) else { return false }
        if !t.isEmpty { out = t }
        return true
    }
}

/// Projects read by another thread, in file order, with what the loader counts of each: held in
/// memory of their own so that they are moved into the model's dictionary, not copied.
final class ProjectBatch: @unchecked Sendable {
    /// A flag: the row gives only 调整后预算.
    static let adjustedOnly: UInt8 = 1
    /// A flag: the row's 调整后预算 differs from its 年初预算 (one derived adjustment).
    static let derived: UInt8 = 2

    private(set) var base: UnsafeMutablePointer<Project>
    private(set) var flags: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Lines left to the loader's thread: how many projects come before each, where it starts and
    /// where the next line starts.
    var holes: [(before: Int, start: Int, next: Int)] = []
    /// The projects before it have been moved out or destroyed by the loader.
    var taken = 0

    init(capacity: Int = 1) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        flags = .allocate(capacity: self.capacity)
    }

    /// Empties the batch (destroying the projects not taken, of a batch that was dropped), with room
    /// for about `capacity` projects.
    func reset(capacity wanted: Int) {
        (base + taken).deinitialize(count: count - taken)
        count = 0
        taken = 0
        holes.removeAll(keepingCapacity: true)
        if wanted > capacity {
            base.deallocate()
            flags.deallocate()
            capacity = wanted
            base = .allocate(capacity: capacity)
            flags = .allocate(capacity: capacity)
        }
    }

    deinit {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
        flags.deallocate()
    }

    @inline(__always)
    func append(_ p: consuming Project, flags f: UInt8) {
        if count == capacity { grow() }
        (base + count).initialize(to: p)
        flags[count] = f
        count += 1
    }

    private func grow() {
        let more = capacity * 2
        let b = UnsafeMutablePointer<Project>.allocate(capacity: more)
        b.moveInitialize(from: base, count: count)
        base.deallocate()
        base = b
        let f = UnsafeMutablePointer<UInt8>.allocate(capacity: more)
        f.initialize(from: flags, count: count)
        flags.deallocate()
        flags = f
        capacity = more
    }
}

extension LoadSink {
    /// What another thread needs to read plain project lines; nil when they are not taken.
    func projectLineParser() -> ProjectLineParser? {
        // Not for GB18030 text, which only the loader's thread decodes.
        guard takesPlainLines, kind == .projects, headerCount > 0, plainEncoding != .gb18030 else { return nil }
        return ProjectLineParser(fields: headerCount, idCol: idCol, nameCol: nameCol, reasonCol: reasonCol, sourceCol: sourceCol,
                                 categoryCol: categoryCol, gradeCol: gradeCol, tagsCol: tagsCol, initialCol: initialCol,
                                 adjustedCol: adjustedCol, initialUnit: initialUnit, adjustedUnit: adjustedUnit,
                                 year: options.fiscalYear ?? model.year, utf8: plainEncoding == .utf8, sourceCache: sourceCache,
                                 categoryCache: categoryCache, gradeCache: gradeCache,
                                 // Arrays of its own: a project holds its tags array counted, and two threads
                                 // counting the same arrays would pass their memory back and forth.
                                 tagsCache: tagsCache.mapValues { $0.map { $0 } }, batch: splitBatch)
    }

    /// The next `rows` projects another thread read, from the lines right after the rows consumed
    /// so far: each row counted and polled as `consume` would, and its project added as
    /// `plainProject` would add it; an id the session or an earlier row has is reported as
    /// `project` reports it (these rows are plain, so that is all the general path makes of them).
    mutating func takePlainProjects(_ batch: ProjectBatch, rows: Int, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
        let n = batch.taken + rows
        while batch.taken < n {
            let i = batch.taken
            rowsRead += 1
            if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
            let p = batch.base + i
            // `project` counts these before it looks for a duplicate.
            let flags = batch.flags[i]
            if flags & ProjectBatch.adjustedOnly != 0 { adjustedOnly += 1 }
            if flags & ProjectBatch.derived != 0 { derived += 1 }
            let id = p.pointee.id
            if !badIDs.isEmpty, let first = badIDs[id] {
                p.deinitialize(count: 1)
                batch.taken = i + 1
                problem(rowsRead, idCol, L("duplicate project id `\(id)` (first at row \(first))"))
                badRows += 1
                continue
            }
            let count = projects.count
            projects.updateValue(forKey: id, default: p.move()) { _ in }
            if projects.count > count {
                batch.taken = i + 1
                fileRows.append(rowsRead)
                rowsLoaded += 1
            } else {
                p.deinitialize(count: 1)
                batch.taken = i + 1
                duplicate(id, number: rowsRead)
                badRows += 1
            }
        }
    }
}
