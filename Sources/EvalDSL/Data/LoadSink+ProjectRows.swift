// The fast path of a projects load: a CSV row of the usual kind read with a String for its id and
// its name only, and the project built once.

extension LoadSink {
    /// The project row `row`, read the short way when it is of the usual kind: a CSV row (not a
    /// workbook's) with the header's number of fields, a printable ASCII id without blanks, text
    /// that is valid in the file's encoding, vocabulary cells (资金来源, 支出类别, 自评等级, 标签) whose
    /// bytes an earlier row had, amounts `plainAmount` reads that are not negative, and an id that
    /// neither the session nor an earlier row has. True once taken; nil, having changed nothing but
    /// the caches, for any other row, which `project` then reads and judges as it always did.
    @inline(__always)
    mutating func plainProject(_ row: RowView) -> Bool? {
        guard options.fastPaths, row.kinds == nil, row.count == headerCount,
              let id = LoadSink.plainID(row.bytes(idCol)) else { return nil }
        var title: String?, reason: String?
        guard plainText(row, nameCol, &title), plainText(row, reasonCol, &reason) else { return nil }
        // A remembered cell is never blank; a blank one means no value, as in `project`.
        var source: FundingSource?, category: Category?, grade: Grade?, tags: [String] = []
        if let s = sourceCache.value(row, sourceCol) { source = s } else if sourceCol >= 0 && !row.isBlank(sourceCol) { return nil }
        if let c = categoryCache.value(row, categoryCol) { category = c } else if categoryCol >= 0 && !row.isBlank(categoryCol) { return nil }
        if let g = gradeCache.value(row, gradeCol) { grade = g } else if gradeCol >= 0 && !row.isBlank(gradeCol) { return nil }
        if let t = tagsCache.value(row, tagsCol) { tags = t } else if tagsCol >= 0 && !row.isBlank(tagsCol) { return nil }
        var initial: Int64?, adjusted: Int64?
        guard LoadSink.plainFen(row, initialCol, initialUnit, &initial),
              LoadSink.plainFen(row, adjustedCol, adjustedUnit, &adjusted) else { return nil }
        var adjustments: [BudgetAdjustment] = []
        if let i = initial, let a = adjusted, a != i {
            guard let year = options.fiscalYear ?? model.year else { return nil }
            adjustments = [derivedAdjustment(a &- i, year: year)]
        }
        if !badIDs.isEmpty && badIDs[id] != nil { return nil }
        // Built straight into the dictionary's storage (not built, then copied in), and only when the
        // id is new: one that is there already leaves the count and everything else as they were.
        let count = projects.count
        projects.updateValue(forKey: id, default: Project(id: id, title: title, source: source, category: category,
                                                          initialFen: initial ?? adjusted, adjustments: adjustments,
                                                          grade: grade, tags: tags, reason: reason)) { _ in }
        guard projects.count > count else { return nil }
        fileRows.append(row.number)
        if initial == nil && adjusted != nil { adjustedOnly += 1 }
        if !adjustments.isEmpty { derived += 1 }
        return true
    }

    /// The id in `b` when it is printable ASCII without blanks and does not start with `'` (which
    /// may mark a cell neutralised against formulas): then it is its own text, trimmed.
    @inline(__always)
    static func plainID(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = b.first, first != 0x27 else { return nil }
        for c in b where c &- 0x21 >= 0x5E { return nil }
        // ASCII: a small id is a small string, without an allocation.
        return String(decoding: b, as: UTF8.self)
    }

    /// Text cell `col` as `textCell` reads it, into `out` (nil when blank); false, for `project` to
    /// report, when it is not valid text.
    @inline(__always)
    mutating func plainText(_ row: RowView, _ col: Int, _ out: inout String?) -> Bool {
        guard col >= 0, !row.isBlank(col) else { return true }
        guard let t = text(row, col) else { return false }
        if !t.isEmpty { out = t }
        return true
    }

    /// Amount cell `col` in fen, into `out` (nil when empty), when `plainAmount` reads it and it is
    /// not negative; false for any other cell, which `amountCell` then reads or reports.
    @inline(__always)
    static func plainFen(_ row: RowView, _ col: Int, _ unit: AmountUnit, _ out: inout Int64?) -> Bool {
        guard col >= 0 else { return true }
        let b = row.bytes(col)
        if b.isEmpty { return true }
        guard b.count <= 18, let fen = ValueParser.plainAmount(b, exponent: unit.exponent), fen >= 0 else { return false }
        out = fen
        return true
    }
}
