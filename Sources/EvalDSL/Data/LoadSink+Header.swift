// Finding the header among the first rows, and the rows that are not data (blank, totals).

extension LoadSink {
    /// Looks for the header in `row` (one of the first non-blank rows); throws when the search is over
    /// and no row had every required column.
    mutating func findHeader(_ row: RowView) throws(LoadError) {
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
            firstNewProject = kind == .projects ? projects.count : model.projects.count
            if kind == .projects {
                lineFields = LineFields(count: headerCount)
                learnEncoding(row)
            }
            return
        }
        if bestCandidate == nil || m.matched > bestCandidate!.matched {
            bestCandidate = (m.matched, headerNames(texts), m.missing)
        }
        if candidates >= options.limits.headerSearchRows || !options.mapping.isEmpty {
            throw missingColumns(m.missing)
        }
    }

    func headerNames(_ texts: [String]) -> [String] {
        texts.enumerated().map { $0.element.isEmpty ? ColumnMatcher.letter($0.offset) : ColumnMatcher.trimmed($0.element) }
    }

    func missingColumns(_ missing: [LoadField]) -> LoadError {
        LoadError(.missingColumns(missing: missing.map { ColumnMap.describe($0, kind: kind, mapping: options.mapping) },
                                  found: bestCandidate?.headers ?? []), file: file)
    }

    func startsNonASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c != 0x20 && c != 0x09 { return c >= 0x80 }
        return false
    }

    mutating func isTotalRow(_ row: RowView) -> Bool {
        for i in 0..<min(row.count, 8) where !row.isBlank(i) {
            if let t = text(row, i), ["合计", "总计", "小计", "合 计", "总 计"].contains(t) { return true }
        }
        return false
    }
}
