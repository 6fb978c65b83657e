/// The evaluated form in a .docx, laid out as the official 项目支出绩效自评表 (as FormHTML does for
/// HTML): a side cell merged down each block (`w:vMerge`), 一级 and 二级 merged over their groups,
/// the name and the conclusion across the table (`w:gridSpan`).
extension DocxTable {
    typealias C = DocxTable.Cell

    static func form(_ f: FormReport, width: Int, language: ReportLanguage) -> [DocxTable] {
        let side = 1100
        var out: [DocxTable] = []
        let h = f.form.header
        var head: [[C]] = [[C(text: "项目名称", header: true), C(text: f.headerLines()[0], span: 3)]]
        if h.department != nil || h.implementingUnit != nil {
            head.append([C(text: "主管部门", header: true), C(text: h.department ?? ""), C(text: "实施单位", header: true), C(text: h.implementingUnit ?? "")])
        }
        if let m = h.manager { head.append([C(text: "项目负责人", header: true), C(text: m, span: 3)]) }
        let value = (width - 2 * side) / 2
        out.append(DocxTable(widths: [side, value, side, value].fixedTotal(width), rows: head, headerRows: 0))

        if let block = f.budgetTable() {
            var rows: [[C]] = [[C(text: "项目资金（\(f.unit.rawValue)）", merge: .restart, header: true), C(text: "", header: true)]
                + block.headers.dropFirst().map { C(text: $0, header: true) }]
            for row in block.rows {
                let label = row[0].text()
                let indent = label.hasPrefix(" ") ? "　" : ""
                rows.append([C(text: "", merge: .continued), C(text: indent + label.trimmingLeadingSpaces())]
                    + row.dropFirst().map { C(text: $0.text(), right: true) })
            }
            let columns = block.headers.count
            let label = 1600
            let each = (width - side - label) / max(columns - 1, 1)
            out.append(DocxTable(widths: ([side, label] + Array(repeating: each, count: columns - 1)).fixedTotal(width), rows: rows, headerRows: 0))
        }

        if f.form.expectedGoal != nil || f.form.achievedGoal != nil {
            let half = (width - side) / 2
            out.append(DocxTable(widths: [side, half, width - side - half], rows: [
                [C(text: "年度总体目标", merge: .restart, header: true), C(text: "预期目标", header: true), C(text: "实际完成情况", header: true)],
                [C(text: "", merge: .continued), C(text: f.form.expectedGoal ?? ""), C(text: f.form.achievedGoal ?? "")],
            ], headerRows: 0))
        }

        if !f.evaluation.rows.isEmpty { out.append(indicators(f, width: width, language: language)) }

        func stated(_ s: String) -> String { ReportText.formStated.text(language, s) }
        let undefined = ReportText.formUndefined.text(language)
        var total: [[C]] = [[C(text: "总分", header: true), C(text: f.evaluation.total.map { f.points($0) } ?? undefined, right: true, bold: true),
                              C(text: f.form.statedTotal.map { stated($0.text) } ?? ""), C(text: "自评等级", header: true),
                              C(text: f.evaluation.grade?.rawValue ?? undefined, bold: true), C(text: f.form.statedGrade.map { stated($0.rawValue) } ?? "")]]
        if let full = f.form.fullMarks, full != f.rules.fullMarks {
            total.append([C(text: "满分", header: true), C(text: f.points(full), right: true), C(text: "", span: 4)])
        }
        if let c = f.form.conclusion { total.append([C(text: "自评结论", header: true), C(text: c, span: 5)]) }
        let each = (width - side) / 5
        out.append(DocxTable(widths: ([side] + Array(repeating: each, count: 5)).fixedTotal(width), rows: total, headerRows: 0))
        return out
    }

    /// The 绩效指标 block: the side cell over all its rows, 一级 and 二级 merged over their groups.
    static func indicators(_ f: FormReport, width: Int, language: ReportLanguage) -> DocxTable {
        let rows = f.evaluation.rows.map(\.row)
        // Whether each row starts its group.
        func starts(_ key: (IndicatorRow) -> [String]) -> [Bool] {
            rows.indices.map { $0 == 0 || key(rows[$0 - 1]) != key(rows[$0]) }
        }
        let start1 = starts { [$0.level1] }, start2 = starts { [$0.level1, $0.level2] }
        let headers = ReportText.formIndicatorHeaders.text(language).split(separator: "|").map(String.init)
        var table: [[C]] = [[C(text: "绩效指标", merge: .restart, header: true)] + headers.map { C(text: $0, header: true) }]
        for (i, r) in f.evaluation.rows.enumerated() {
            let row = r.row
            table.append([
                C(text: "", merge: .continued),
                C(text: row.level1, merge: start1[i] ? .restart : .continued),
                C(text: row.level2, merge: start2[i] ? .restart : .continued),
                C(text: row.name), C(text: row.target), C(text: row.actual ?? ""),
                C(text: f.points(row.weight), right: true), C(text: f.scoreText(r), right: true),
                C(text: row.statedScore?.text ?? "", right: true), C(text: row.deviation ?? ""),
            ])
        }
        // Fixed widths (twips; a Chinese character of 五号 is 210, a cell's margins 216): 绩效指标
        // a character a line down its tall merged cell, three for 一级 (满意度), four for 二级
        // (服务对象满意度 in two lines), five-figure scores, the rest to the deviation's explanation.
        let fixed = [440, 850, 1060, 1240, 900, 900, 640, 640, 640]
        var t = DocxTable(widths: (fixed + [width - fixed.reduce(0, +)]), rows: table)
        t.headerRows = 1
        return t
    }
}

extension [Int] {
    /// The widths with the last one adjusted so they add up to `total` exactly.
    func fixedTotal(_ total: Int) -> [Int] {
        guard !isEmpty else { return self }
        var out = self
        out[out.count - 1] += total - out.reduce(0, +)
        return out
    }
}
