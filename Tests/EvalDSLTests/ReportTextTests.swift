@testable import EvalDSL
import Testing

/// Report mode's wording: every string in both languages with the same blanks; section numbers and
/// titles as a Chinese report writes them.
@Suite struct ReportTextTests {
    static func blanks(_ s: String) -> [Character] {
        var out: [Character] = []
        var i = s.startIndex
        while let p = s[i...].firstIndex(of: "%") {
            let next = s.index(after: p)
            guard next < s.endIndex else { break }
            if s[next] != "%" { out.append(s[next]) }
            i = s.index(after: next)
        }
        return out
    }

    @Test func everyTextHasBothFormsWithTheSameBlanks() {
        for key in ReportText.allCases {
            let zh = key.text(.zh), en = key.text(.en)
            #expect(!zh.isEmpty && !en.isEmpty, "\(key)")
            #expect(Self.blanks(zh) == Self.blanks(en), "\(key)")
        }
    }

    @Test func blanksAreFilledInOrder() {
        #expect(ReportText.allAgree.text(.zh, 24, 17, 7) == "共核对 24 项，17 项一致，7 项不一致。")
        #expect(ReportText.allAgree.text(.en, 24, 17, 7) == "24 checks: 17 agree, 7 differ.")
        #expect(ReportText.progressCaption.text(.zh, 1, "Q1、Q2", "25.00 pp").hasSuffix("横向网格线每格25%）"))
    }

    @Test func sectionNumbers() {
        #expect((1...12).map { ReportText.chineseNumber($0) } == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
        #expect(ReportText.chineseNumber(20) == "二十" && ReportText.chineseNumber(35) == "三十五")
        #expect(ReportText.chineseValue("十二") == 12 && ReportText.chineseValue("二十一") == 21 && ReportText.chineseValue("甲") == nil)
        // A heading numbered as written sets the count: the next unnumbered one follows it.
        let (_, items) = NotebookReport.walkReport(Notebook(name: "n.evl", text: "print \"三、支出\"\n## 结论\n"))
        #expect(items.prefix(2) == [.heading("三、支出", level: 1), .heading("四、结论", level: 1)])
        #expect(ReportText.sectionMark(3, level: 1) == "三、" && ReportText.sectionMark(2, level: 2) == "（二）")
        #expect(ReportBuilder.numberedLevel("一、部门决算情况") == 1)
        #expect(ReportBuilder.numberedLevel("（三）各项指标完成情况分析") == 2)
        #expect(ReportBuilder.numberedLevel("一二三") == nil && ReportBuilder.numberedLevel("本级执行率") == nil)
    }

    @Test func titleIsTheHeadingNeverThePath() {
        #expect(ReportBuilder.titleText("2020年度新区组织部预算执行情况自评报告: the report replayed") == "2020年度新区组织部预算执行情况自评报告")
        #expect(ReportBuilder.titleText("区财政局年度预算执行分析 — one analysis") == "区财政局年度预算执行分析")
        #expect(ReportBuilder.baseName("/home/analyst/scripts/2020-audit.evl") == "2020-audit")
        let (title, _) = NotebookReport.walkReport(Notebook(name: "/tmp/x/无标题.evl", text: "year 2020\nprint \"一、概况\"\n"))
        #expect(title == "一、概况")
        let (untitled, _) = NotebookReport.walkReport(Notebook(name: "/tmp/x/无标题.evl", text: "year 2020\n"))
        #expect(untitled == "无标题")
    }

    @Test func commentHeadingsAreNumberedAndAssumptionsMove() {
        let nb = Notebook(name: "n.evl", text: """
        # 标题
        #
        ## 概况
        # 正文一段。
        #
        # 假设：
        #  A1. 甲。
        #  A2. 乙。
        year 2020
        ### 细节
        scenario 提前 = a moves 2021-01 to 2020-12-31
        """)
        let (_, items) = NotebookReport.walkReport(nb)
        #expect(items.prefix(3) == [.heading("一、概况", level: 1), .block(.paragraph(["正文一段。"])), .heading("（一）细节", level: 2)])
        #expect(items.contains(.block(.list(["A1. 甲。", "A2. 乙。"]))))
        #expect(items.contains(.block(.paragraph(["假设："]))))
        #expect(items.contains(.block(.list(["- 情景“提前”：a原在2021-01的支付改为2020-12-31支付"]))))
    }
}

/// Report mode's words for values the notebook writes in code: true/false and the lag marks.
@Suite struct ReportValueWordingTests {
    static let notebook = Notebook(name: "lag.evl", text: """
    year 2020
    unit 万元
    project XM00001 "档案库房" source 本级 category 项目支出 budget 100
    pay XM00001 10 on 2020-12-20
    group 项目 = projects where category = 项目支出
    progress 项目 lag 10pp
    print "达到序时进度", rate(项目) >= 75%
    rate(项目) < 75%

    """)

    static func paragraphs(_ language: ReportLanguage) -> [String] {
        NotebookReport.walkReport(notebook, options: ReportOptions(language: language)).items.compactMap {
            if case .block(.paragraph(let lines)) = $0 { return lines.joined(separator: "\n") }
            return nil
        }
    }

    @Test func trueAndFalseReadAsWords() {
        let zh = Self.paragraphs(.zh), en = Self.paragraphs(.en)
        #expect(zh.contains("达到序时进度 否") && zh.contains("rate(项目) < 75%：是"))
        #expect(en.contains("达到序时进度 no") && en.contains("rate(项目) < 75%: yes"))
        #expect(zh.contains("注：▲ 表示该期间累计执行率落后序时进度超过10个百分点。"))
        #expect(en.contains("▲ marks a period more than 10 pp behind the schedule."))
    }

    static let seeks = Notebook(name: "seek.evl", text: """
    year 2020
    unit 万元
    project a "档案库房" source 本级 category 项目支出 budget 100
    pay a 10 on 2020-03-20
    group 本级 = projects where source = 本级
    seek a pays ? in Q4 until rate(本级) >= 50%
    seek a pays rest in ? until rate(本级) >= 90%
    seek a pays ? in Q4 until rate(本级) >= 200%
    rate(本级) if a pays rest in Q4

    """)

    @Test func seekAnswersInTheReportsWords() {
        let zh = NotebookReport.walkReport(Self.seeks, options: ReportOptions(language: .zh)).items.compactMap {
            if case .block(.paragraph(let lines)) = $0 { return lines.joined(separator: "\n") }
            return nil
        }
        #expect(zh.contains("rate(本级) if a pays rest in Q4：10.00% → 100.00%（+90.00个百分点）"), "\(zh)")
        #expect(zh.prefix(3) == [
            "a须在2020Q4至少支付 40.00 万元，方能使 rate(本级) >= 50% 成立；rate(本级)：10.00% → 50.00%",
            "a须最迟在2020-12支付余下的全部预算（90.00 万元），方能使 rate(本级) >= 90% 成立；rate(本级)：10.00% → 100.00%",
            "在预算内无法使 rate(本级) >= 200% 成立：即使将余下的 90.00 万元（a的预算）全部在2020Q4支付也不够；rate(本级)：10.00% → 100.00%",
        ])
        let notebook = NotebookRunner.run(Self.seeks).entries.flatMap(\.actual)
        #expect(notebook.contains("`a` must pay at least 40.00 万元 in 2020Q4 for rate(本级) >= 50%; rate(本级): 10.00% → 50.00%"))
    }

    @Test func theNotebookKeepsTrueAndFalse() {
        let lines = NotebookRunner.run(Self.notebook).entries.flatMap(\.actual)
        #expect(lines.contains("达到序时进度 false") && lines.contains("true") && lines.contains("XM00001  0.00%!  0.00%!  0.00%!  10.00%!"))
    }
}
