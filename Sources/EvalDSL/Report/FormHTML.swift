/// The evaluated form in an HTML report, in the layout of the official 项目支出绩效自评表: the header,
/// the 项目资金 block, 年度总体目标, the 绩效指标 with 一级/二级 cells merged (`rowspan`), then 总分 and
/// 自评等级. Its check lines follow as the report's other checks.
extension HTMLReportWriter {
    /// `language`: report mode's wording; nil for the notebook view's.
    static func form(_ f: FormReport, language: ReportLanguage? = nil) -> String {
        func stated(_ s: String) -> String { language.map { ReportText.formStated.text($0, s) } ?? "stated \(s)" }
        let undefined = language.map { ReportText.formUndefined.text($0) } ?? "undefined"
        var out = "<div class=\"form\">\n"
        out += language == nil ? "<h2>项目支出绩效自评表</h2>\n" : "<p class=\"formtitle\">\(escape(ReportText.formTitle.text(language!)))</p>\n"
        if let w = f.whatIf {
            let text = language.map { ReportText.formWhatIf.text($0, w) } ?? "what-if: \(w) (the stated cells are compared, not counted as checks)"
            out += "<p class=\"note\">\(escape(text))</p>\n"
        }
        out += formHeader(f)
        if let block = f.budgetTable() { out += budget(block, unit: f.unit) }
        if f.form.expectedGoal != nil || f.form.achievedGoal != nil {
            out += "<table class=\"form\">\n<tr><th rowspan=\"2\" class=\"side\">年度总体目标</th><th>预期目标</th><th>实际完成情况</th></tr>\n"
            out += "<tr><td class=\"text\">\(escape(f.form.expectedGoal ?? ""))</td><td class=\"text\">\(escape(f.form.achievedGoal ?? ""))</td></tr>\n</table>\n"
        }
        if !f.evaluation.rows.isEmpty { out += indicators(f) }
        out += "<table class=\"form\">\n<tr class=\"total\"><th class=\"side\">总分</th><td class=\"num\">\(escape(f.evaluation.total.map { f.points($0) } ?? undefined))</td>"
        out += "<td>\(escape(f.form.statedTotal.map { stated($0.text) } ?? ""))</td>"
        out += "<th>自评等级</th><td>\(escape(f.evaluation.grade?.rawValue ?? undefined))</td>"
        out += "<td>\(escape(f.form.statedGrade.map { stated($0.rawValue) } ?? ""))</td></tr>\n"
        if let full = f.form.fullMarks, full != f.rules.fullMarks {
            out += "<tr><th class=\"side\">满分</th><td class=\"num\">\(escape(f.points(full)))</td><td colspan=\"4\"></td></tr>\n"
        }
        if let c = f.form.conclusion { out += "<tr><th class=\"side\">自评结论</th><td colspan=\"5\" class=\"text\">\(escape(c))</td></tr>\n" }
        return out + "</table>\n</div>\n"
    }

    /// 项目名称, 主管部门 and 实施单位, 项目负责人: the cells the form states.
    static func formHeader(_ f: FormReport) -> String {
        let h = f.form.header
        var out = "<table class=\"form\">\n<tr><th class=\"side\">项目名称</th><td colspan=\"3\">\(escape(f.headerLines()[0]))</td></tr>\n"
        if h.department != nil || h.implementingUnit != nil {
            out += "<tr><th class=\"side\">主管部门</th><td>\(escape(h.department ?? ""))</td><th>实施单位</th><td>\(escape(h.implementingUnit ?? ""))</td></tr>\n"
        }
        if let m = h.manager { out += "<tr><th class=\"side\">项目负责人</th><td colspan=\"3\">\(escape(m))</td></tr>\n" }
        return out + "</table>\n"
    }

    /// The 年度资金总额 block: 项目资金（万元） merged down the side, the total row, its 其中 rows.
    static func budget(_ t: Table, unit: MoneyUnit) -> String {
        var out = "<table class=\"form budget\">\n<tr><th rowspan=\"\(t.rows.count + 1)\" class=\"side\">项目资金<br>（\(escape(unit.rawValue))）</th><th></th>"
        out += t.headers.dropFirst().map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in t.rows {
            let label = row[0].text()
            let part = label.hasPrefix(" ")
            out += "<tr><td\(part ? " class=\"part\"" : "")>\(escape(label.trimmingLeadingSpaces()))</td>"
            out += row.dropFirst().map { "<td class=\"num\">\(escape($0.text()))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// The 绩效指标 rows, 一级 and 二级 each one cell over the rows of its group.
    static func indicators(_ f: FormReport) -> String {
        let rows = f.evaluation.rows.map(\.row)
        // How many rows each group spans, counted at its first row (0 inside a group).
        func spans(_ key: (IndicatorRow) -> [String]) -> [Int] {
            var out = Array(repeating: 0, count: rows.count)
            var start = 0
            for i in rows.indices where i == rows.count - 1 || key(rows[i + 1]) != key(rows[i]) {
                out[start] = i - start + 1
                start = i + 1
            }
            return out
        }
        let span1 = spans { [$0.level1] }
        let span2 = spans { [$0.level1, $0.level2] }
        var out = "<table class=\"form\">\n<tr><th rowspan=\"\(rows.count + 1)\" class=\"side\">绩效指标</th>"
        out += ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "自评得分", "偏差原因分析及改进措施"].map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for (i, r) in f.evaluation.rows.enumerated() {
            let row = r.row
            out += "<tr>"
            func merged(_ n: Int, _ text: String) -> String {
                n == 0 ? "" : n == 1 ? "<td>\(escape(text))</td>" : "<td rowspan=\"\(n)\">\(escape(text))</td>"
            }
            out += merged(span1[i], row.level1) + merged(span2[i], row.level2)
            out += "<td>\(escape(row.name))</td><td>\(escape(row.target))</td><td>\(escape(row.actual ?? ""))</td>"
            out += "<td class=\"num\">\(escape(f.points(row.weight)))</td><td class=\"num\">\(escape(f.scoreText(r)))</td>"
            out += "<td class=\"num\">\(escape(row.statedScore?.text ?? ""))</td><td class=\"text\">\(escape(row.deviation ?? ""))</td></tr>\n"
        }
        return out + "</table>\n"
    }
}
