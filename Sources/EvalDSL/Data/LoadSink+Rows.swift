// The three kinds of rows: payments, budget adjustments, projects.

extension LoadSink {
    /// The id bytes of cell `col` (ASCII blanks trimmed: a GB18030 character may end in the bytes of
    /// a UTF-8 blank), their words and hash, and the first slot of the table they probe. Loading
    /// that slot here, before the row's other cells are parsed, lets the memory fetch it while they
    /// are: with tens of thousands of projects it is usually not in cache.
    @inline(__always)
    func idKey(_ row: RowView, _ col: Int) -> (bytes: UnsafeBufferPointer<UInt8>, words: (UInt64, UInt64), hash: UInt64, hint: UInt64) {
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
    mutating func projectIndex(_ row: RowView, _ col: Int, key: (bytes: UnsafeBufferPointer<UInt8>, words: (UInt64, UInt64), hash: UInt64, hint: UInt64),
                                       problemsMark mark: Int, bad: inout Bool) -> Int? {
        let cacheable = row.kind(col) == .raw || row.kind(col) == .text
        if cacheable, key.hint != 0, let known = ids.find(key.bytes, hash: key.hash, words: key.words) {
            if known >= 0 { return Int(known) }
        } else {
            guard let id = text(row, col) else {
                problem(row.number, col, L("not valid \(row.encoding) text (declare the file's encoding)"), at: mark)
                bad = true
                return nil
            }
            let index = id.isEmpty ? nil : model.projects.index(forKey: id)
            if cacheable { ids.insert(key.bytes, hash: key.hash, words: key.words, value: Int32(index ?? -1)) }
            if let index { return index }
        }
        let id = text(row, col) ?? ""
        if id.isEmpty {
            problem(row.number, col, L("no project id"), at: mark)
        } else {
            problem(row.number, col, L("unknown project `\(id)` (declare it, or load the projects first)"), at: mark)
        }
        bad = true
        return nil
    }

    // MARK: Kinds of rows

    mutating func payment(_ row: RowView) -> Bool {
        var bad = false
        let key = idKey(row, idCol)
        let mark = problems.count
        let fen = amountCell(row, amountCol, unit: amountUnit, required: true, bad: &bad)
        if let f = fen, f < 0 {
            // A refund (冲销) has no meaning in the model yet: netted silently, it would lower the
            // execution rate without anyone seeing why (LANGUAGE.md, "Money is never negative").
            problem(row.number, amountCol, L("a negative payment (a refund, 冲销) is not supported: net it against the payment it reverses"))
            bad = true
        }
        let date = dateCell(row, dateCol, allowMonth: true, bad: &bad)
        let p = projectIndex(row, idCol, key: key, problemsMark: mark, bad: &bad)
        guard !bad, let p, let fen, let date else { return false }
        if keeping {
            pays.append(project: Int32(truncatingIfNeeded: p), fen: fen, day: date.day.dayNumber)
        }
        return true
    }

    mutating func adjustment(_ row: RowView) -> Bool {
        var bad = false
        let p = projectIndex(row, idCol, key: idKey(row, idCol), problemsMark: problems.count, bad: &bad)
        var fen = amountCell(row, amountCol, unit: amountUnit, required: true, bad: &bad)
        let date = dateCell(row, dateCol, allowMonth: false, bad: &bad)
        let d = directionCol
        if let word = textCell(row, d, bad: &bad) {
            switch word.lowercased() {
            case "追加", "调增", "增加", "追加预算", "increase", "+":
                if let f = fen, f < 0 {
                    problem(row.number, d, L("追加 of a negative amount is ambiguous: write it as 调减 of a positive amount"))
                    bad = true
                }
            case "调减", "减少", "调减预算", "decrease", "-":
                if let f = fen, f < 0 {
                    problem(row.number, d, L("调减 of a negative amount is ambiguous: give the amount as a positive number"))
                    bad = true
                }
                fen = fen.map { -$0 }
            default:
                problem(row.number, d, L("`\(word)` is not a direction of adjustment (追加 or 调减)"))
                bad = true
            }
        }
        let note = textCell(row, noteCol, bad: &bad)
        guard !bad, let p, let fen, let date else { return false }
        if keeping { model.projects.values[p].adjustments.append(BudgetAdjustment(date: date.day, fen: fen, note: note)) }
        return true
    }

    mutating func project(_ row: RowView) -> Bool {
        learnEncoding(row)
        var bad = false
        let id = textCell(row, idCol, bad: &bad)
        if id == nil && !bad {
            problem(row.number, idCol, L("no project id"))
            bad = true
        }
        var p = Project(id: id ?? "")
        p.title = textCell(row, nameCol, bad: &bad)
        // Source, category, grade and tags take few values: a cell whose bytes were read before (and
        // meant a known value) costs a probe of a small table, not a String and string comparisons.
        if let f = sourceCache.value(row, sourceCol) {
            p.source = f
        } else if let s = textCell(row, sourceCol, bad: &bad) {
            if let known = sources[s] { p.source = known; sourceCache.remember(row, sourceCol, known) } else {
                p.source = fundingSource(s)
                if let f = p.source { sources[s] = f; sourceCache.remember(row, sourceCol, f) }
            }
            if p.source == nil {
                problem(row.number, sourceCol, L("`\(s)` is not a known funding source (known: \(FundingSource.known.map(\.canonical).joined(separator: ", ")))"))
                bad = true
            }
        }
        if let c = categoryCache.value(row, categoryCol) {
            p.category = c
        } else if let s = textCell(row, categoryCol, bad: &bad) {
            p.category = Category(s)
            if let c = p.category { categoryCache.remember(row, categoryCol, c) }
            if p.category == nil {
                problem(row.number, categoryCol, L("`\(s)` is not a known category (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))"))
                bad = true
            }
        }
        if let g = gradeCache.value(row, gradeCol) {
            p.grade = g
        } else if let s = textCell(row, gradeCol, bad: &bad) {
            p.grade = Grade(s)
            if let g = p.grade { gradeCache.remember(row, gradeCol, g) }
            if p.grade == nil {
                problem(row.number, gradeCol, L("`\(s)` is not a grade (优, 良, 中 or 差)"))
                bad = true
            }
        }
        if let t = tagsCache.value(row, tagsCol) {
            p.tags = t
        } else if let s = textCell(row, tagsCol, bad: &bad) {
            p.tags = LoadSink.words(s)
            tagsCache.remember(row, tagsCol, p.tags)
        }
        p.reason = textCell(row, reasonCol, bad: &bad)
        let initial = initialCol < 0 ? nil : amountCell(row, initialCol, unit: initialUnit, required: false, bad: &bad)
        let adjusted = adjustedCol < 0 ? nil : amountCell(row, adjustedCol, unit: adjustedUnit, required: false, bad: &bad)
        if let i = initial, i < 0 {
            problem(row.number, initialCol, L("a budget cannot be negative"))
            bad = true
        }
        if let a = adjusted, a < 0 {
            problem(row.number, adjustedCol, L("a budget cannot be negative"))
            bad = true
        }
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
                guard let year = options.fiscalYear ?? model.year else { return fail(.noFiscalYear) }
                p.adjustments = [derivedAdjustment(a &- i, year: year)]
                derived += 1
            }
        }
        // Good rows go in even once an all-or-nothing load has failed, so later duplicates are found.
        if !badIDs.isEmpty, let first = badIDs[id] {
            problem(row.number, idCol, L("duplicate project id `\(id)` (first at row \(first))"))
            return false
        }
        guard add(p, row.number) else {
            _ = duplicate(id, row)
            return false
        }
        return true
    }

    /// The stated full-year budget is known at the year's end: its difference from the initial
    /// budget becomes one adjustment dated then.
    func derivedAdjustment(_ fen: Int64, year: Int) -> BudgetAdjustment {
        LoadSink.derivedAdjustment(fen, year: year)
    }

    static func derivedAdjustment(_ fen: Int64, year: Int) -> BudgetAdjustment {
        BudgetAdjustment(date: Period.year(year).last, fen: fen, note: "调整后预算 − 年初预算")
    }

    /// Adds the project of file row `number` unless one with its id is there (then nothing changes):
    /// one hash lookup in the usual case, and the old project put back if there was one.
    mutating func add(_ p: Project, _ number: Int) -> Bool {
        if let old = projects.updateValue(p, forKey: p.id) {
            projects.values[projects.index(forKey: p.id)!] = old
            return false
        }
        fileRows.append(number)
        return true
    }

    /// Reports `id` as a duplicate if the session or an earlier row of the file has it; the problem, or nil.
    @discardableResult
    mutating func duplicate(_ id: String, _ row: RowView) -> String? {
        duplicate(id, number: row.number)
    }

    /// Reports `id` as a duplicate at file row `number`, as `duplicate(_:_:)` does.
    @discardableResult
    mutating func duplicate(_ id: String, number: Int) -> String? {
        let reason: String
        if let index = projects.index(forKey: id) {
            reason = index >= firstNewProject
                ? L("duplicate project id `\(id)` (first at row \(fileRows[index - firstNewProject]))")
                : L("duplicate project id `\(id)`: the session already has this project")
        } else if let first = badIDs[id] {
            reason = L("duplicate project id `\(id)` (first at row \(first))")
        } else {
            return nil
        }
        problem(number, idCol, reason)
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

    func fundingSource(_ s: String) -> FundingSource? {
        if let f = FundingSource(s) { return f }
        for suffix in ["转移支付资金", "转移支付", "专项资金", "资金", "财政"] where s.hasSuffix(suffix) && s.count > suffix.count {
            if let f = FundingSource(String(s.dropLast(suffix.count))) { return f }
        }
        return nil
    }
}
