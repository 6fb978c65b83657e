/// Which column holds which field: headers matched against the usual Chinese headers of budget and
/// treasury exports and their common variants, a money unit read off the header (`预算数(万元)`), and
/// an explicit mapping from the caller that overrides matching.

/// A header with its unit suffix taken off: `支付金额（元）` → `支付金额`, 元.
struct HeaderText: Equatable {
    /// Blanks removed, ASCII lowercased, unit suffix removed.
    var key: String
    var unit: AmountUnit?

    init(_ raw: String) {
        var s = String(raw.unicodeScalars.filter { !ColumnMatcher.isBlank($0) }).lowercased()
        var unit: AmountUnit?
        // (万元) （万元） [万元] 【万元】 /万元 ／万元 _万元 -万元, possibly written 单位：万元 inside the brackets.
        let pairs: [(Character, Character?)] = [("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("/", nil), ("／", nil), ("_", nil), ("-", nil)]
        for (open, close) in pairs {
            var body = Substring(s)
            if let close {
                guard body.last == close, let o = body.lastIndex(of: open) else { continue }
                body = body[body.index(after: o)..<body.index(before: body.endIndex)]
            } else {
                guard let o = body.lastIndex(of: open) else { continue }
                body = body[body.index(after: o)...]
            }
            var text = String(body)
            for prefix in ["单位:", "单位：", "金额单位:", "金额单位：", "单位"] where text.hasPrefix(prefix) {
                text.removeFirst(prefix.count)
                break
            }
            if let u = AmountUnit(text: text) {
                unit = u
                s = String(s[..<s.index(s.endIndex, offsetBy: -(body.count + 1 + (close == nil ? 0 : 1)))])
                break
            }
        }
        self.key = s
        self.unit = unit
    }
}

enum ColumnMatcher {
    static func isBlank(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || u == "\n" || u == "\r" || u == "\u{3000}" || u == "\u{A0}" || u == "\u{FEFF}"
    }

    /// Recognised headers of each field, best first. Compared after `HeaderText` normalisation.
    static func aliases(_ field: LoadField, kind: LoadKind) -> [String] {
        switch field {
        case .id:
            ["项目编码", "项目代码", "项目编号", "项目id", "编码", "代码", "编号", "id", "projectid", "project_id", "code"]
        case .name:
            ["项目名称", "名称", "项目", "name", "title", "projectname", "project_name"]
        case .source:
            ["资金来源", "资金级次", "来源", "资金性质", "source"]
        case .category:
            ["支出类别", "支出类型", "支出分类", "类别", "类型", "category"]
        case .initialBudget:
            ["年初预算", "年初预算数", "年初预算金额", "年初批复预算", "预算数", "预算金额", "预算", "批复预算",
             "initial", "initialbudget", "budget"]
        case .adjustedBudget:
            ["调整后预算", "调整后预算数", "全年预算", "全年预算数", "调整后全年预算", "全年预算金额",
             "adjusted", "adjustedbudget"]
        case .grade:
            ["自评等级", "评价等级", "绩效等级", "等级", "grade"]
        case .tags:
            ["标签", "tags", "tag"]
        case .reason:
            ["偏差原因", "原因", "自评说明", "reason"]
        case .amount:
            kind == .adjustments
                ? ["调整金额", "追加金额", "调整数", "调整额", "金额", "amount"]
                : ["支付金额", "实际支付", "实际支付金额", "支出金额", "实付金额", "付款金额", "金额", "amount"]
        case .date:
            kind == .adjustments
                ? ["调整日期", "批复日期", "日期", "date"]
                : ["支付日期", "付款日期", "实际支付日期", "日期", "date"]
        case .direction:
            ["调整方向", "调整类型", "方向", "类型", "direction"]
        case .note:
            ["调整原因", "说明", "备注", "摘要", "note"]
        }
    }

    /// `text` without blanks (and a stray BOM) at either end.
    static func trimmed(_ text: String) -> String {
        let u = text.unicodeScalars
        if let f = u.first, let l = u.last, !isBlank(f), !isBlank(l) { return text }
        guard let a = u.firstIndex(where: { !isBlank($0) }), let b = u.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(u[a...b])
    }

    /// `A`, `B`, …, `Z`, `AA`, … for column index 0, 1, …
    static func letter(_ index: Int) -> String {
        var n = index + 1
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }

    /// The index of column letters `A`… `XFD`, nil if `text` is not column letters.
    static func index(ofLetters text: String) -> Int? {
        guard (1...3).contains(text.count) else { return nil }
        var n = 0
        for u in text.unicodeScalars {
            guard ("A"..."Z").contains(u) else { return nil }
            n = n * 26 + Int(u.value - 64)
        }
        return n - 1
    }
}

/// The columns of one table: which field is in which column, and the unit of each amount column.
struct ColumnMap {
    var index: [LoadField: Int] = [:]
    var unit: [LoadField: AmountUnit] = [:]
    /// Header text per column index (trimmed), `""` for an empty header.
    var headers: [String] = []

    /// The header text of column `i`, or its letter when the header is empty.
    func name(_ i: Int) -> String {
        i < headers.count && !headers[i].isEmpty ? headers[i] : ColumnMatcher.letter(i)
    }

    /// Matches `headers` for `kind`. Returns nil with the fields still missing when required fields
    /// are not all found, so the caller can try the next row as the header.
    static func match(headers raw: [String], kind: LoadKind, mapping: [LoadField: String],
                      defaultUnit: AmountUnit, file: String) throws(LoadError) -> (map: ColumnMap?, missing: [LoadField], matched: Int) {
        var map = ColumnMap()
        map.headers = raw.map(ColumnMatcher.trimmed)
        let texts = map.headers.map(HeaderText.init)
        var taken = Set<Int>()
        for (field, wanted) in mapping {
            guard kind.fields.contains(field) else {
                throw LoadError(.fieldNotInKind(field: field.rawValue, kind: kind), file: file)
            }
            let w = HeaderText(wanted)
            var found = map.headers.firstIndex(of: wanted) ?? texts.firstIndex { $0 == w }
                ?? texts.firstIndex { $0.key == w.key && !w.key.isEmpty }
            if found == nil, let i = ColumnMatcher.index(ofLetters: wanted), i < max(raw.count, 1) { found = i }
            if let i = found {
                map.index[field] = i
                taken.insert(i)
            }
        }
        for field in kind.fields where mapping[field] == nil {
            let aliases = ColumnMatcher.aliases(field, kind: kind)
            var best: (rank: Int, columns: [Int])?
            for (i, t) in texts.enumerated() where !taken.contains(i) {
                guard let rank = aliases.firstIndex(of: t.key) else { continue }
                if best == nil || rank < best!.rank { best = (rank, [i]) }
                else if rank == best!.rank { best!.columns.append(i) }
            }
            guard let best else { continue }
            if best.columns.count > 1 {
                throw LoadError(.ambiguousColumns(field: field.label(for: kind), columns: best.columns.map { map.name($0) }), file: file)
            }
            map.index[field] = best.columns[0]
            taken.insert(best.columns[0])
        }
        for (field, i) in map.index where field.isAmount {
            map.unit[field] = (i < texts.count ? texts[i].unit : nil) ?? defaultUnit
        }
        let missing = kind.required.filter { map.index[$0] == nil }
        return (missing.isEmpty ? map : nil, missing, map.index.count)
    }

    /// How a missing field is described in the error: its canonical header and the others recognised.
    static func describe(_ field: LoadField, kind: LoadKind, mapping: [LoadField: String]) -> String {
        if let wanted = mapping[field] { return L("\(field.label(for: kind)) (mapped to `\(wanted)`)") }
        let aliases = ColumnMatcher.aliases(field, kind: kind)
        return L("\(field.label(for: kind)) (a header such as \(aliases.prefix(4).joined(separator: ", ")))")
    }
}

/// `单位：万元`, `（单位：元）`, `金额单位:万元` in a title row: the unit of the table's amounts.
func unitLine(_ text: String) -> AmountUnit? {
    let s = String(text.unicodeScalars.filter { !ColumnMatcher.isBlank($0) })
    guard let r = s.firstRange(of: "单位") else { return nil }
    var rest = s[r.upperBound...]
    if rest.first == ":" || rest.first == "：" { rest = rest.dropFirst() }
    for (word, unit) in [("亿元", AmountUnit.yi), ("万元", .wan), ("千元", .qian), ("元", .yuan)] where rest.hasPrefix(word) {
        return unit
    }
    return nil
}
