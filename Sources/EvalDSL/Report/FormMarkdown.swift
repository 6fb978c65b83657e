/// The evaluated form in a Markdown report, in the order and cells of the official 项目支出绩效自评表.
/// Markdown cannot merge cells: 一级 and 二级 show once per group, as in the terminal.
extension MarkdownReportWriter {
    /// `language`: report mode's wording; nil for the notebook view's.
    static func form(_ f: FormReport, language: ReportLanguage? = nil) -> String {
        var header = f.headerLines()
        header[0] = "项目名称 " + header[0]
        // Two spaces before each line break: a Markdown hard break, one header line per line.
        var out = "### 项目支出绩效自评表\n\n" + header.joined(separator: "  \n") + "\n\n"
        if var block = f.budgetTable() {
            block.headers[0] = "项目资金（\(f.unit.rawValue)）"
            block.rows = block.rows.map { row in [.text(row[0].text().trimmingLeadingSpaces())] + row.dropFirst() }
            out += block.markdown(grouping: true, escaping: .full) + "\n"
        }
        if f.form.expectedGoal != nil || f.form.achievedGoal != nil {
            let goals = Table(headers: ["年度总体目标", "预期目标", "实际完成情况"], alignments: [.left, .left, .left],
                              rows: [[.text(""), .text(f.form.expectedGoal ?? ""), .text(f.form.achievedGoal ?? "")]])
            out += goals.markdown(grouping: true, escaping: .full) + "\n"
        }
        if !f.form.rows.isEmpty {
            var t = f.indicatorTable(wrap: nil)
            t.headers = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "自评得分", "偏差原因分析及改进措施"]
            out += t.markdown(grouping: true, escaping: .full) + "\n"
        }
        out += "**" + (language.map { f.reportTotalLine($0) } ?? f.totalLine()) + "**\n"
        if let c = f.form.conclusion { out += "\n自评结论  " + c + "\n" }
        return out + "\n"
    }
}

extension FormReport {
    /// 总分 and 自评等级 with the stated ones, in report mode's wording.
    func reportTotalLine(_ language: ReportLanguage) -> String {
        let undefined = ReportText.formUndefined.text(language)
        func stated(_ s: String) -> String { language == .zh ? "（" + ReportText.formStated.text(language, s) + "）" : " (" + ReportText.formStated.text(language, s) + ")" }
        var line = "总分 " + (evaluation.total.map { points($0) } ?? undefined) + (form.statedTotal.map { stated($0.text) } ?? "")
        line += "  自评等级 " + (evaluation.grade?.rawValue ?? undefined) + (form.statedGrade.map { stated($0.rawValue) } ?? "")
        if let full = form.fullMarks, full != rules.fullMarks { line += "  满分 " + points(full) }
        return line
    }
}
