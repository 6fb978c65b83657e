import Foundation
import Testing
@testable import EvalDSL

/// The form statements: parsing, loading a form kept as a spreadsheet, findings and what-ifs.
/// Boundary cases of the scores are notebooks (Tests/notebooks/forms).
@Suite struct FormStatementTests {
    static let form = """
        year 2020
        unit 万元
        project p "培训" budget 50
        pay p 45 on 2020-11-30
        form p "培训项目自评表"
        execution p weight 10 score 9
        metric p 产出 数量 "期数" target "≥4期" actual "3期" weight 60 score 45
        metric p 效益 社会效益 "能力" target "有效提升" actual "达成" weight 30 score 27

        """

    @Test func evaluateGivesTheStructuredForm() {
        var s = Session()
        let results = s.run(SourceFile(name: "t.evl", text: FormStatementTests.form + "evaluate p\n"))
        guard case .form(let r)? = results.last?.output else {
            Issue.record("no form output")
            return
        }
        #expect(r.evaluation.total == Rational(81))
        #expect(r.evaluation.grade == .good)
        #expect(r.evaluation.budget.rate == (try? Rational(9).divided(by: Rational(10))) ?? nil)
        #expect(r.outcomes.allSatisfy { $0.status == .passed })
        #expect(s.tally.passed == r.outcomes.count)
    }

    @Test func scoreGradeAndWhatIf() {
        #expect(value(FormStatementTests.form + "score(p)") == "81.00")
        #expect(value(FormStatementTests.form + "score(p, \"期数\")") == "45.00")
        #expect(value(FormStatementTests.form + "grade(p)") == "良")
        #expect(value(FormStatementTests.form + "form p").contains("总分 81.00  自评等级 良"))
        #expect(value(FormStatementTests.form + "score(p) if p actual \"期数\" = \"4期\"") == "81 → 96  (+15)")
        #expect(value(FormStatementTests.form + "score(p) if p pays 5 on 2020-12-31") == "81 → 82  (+1)")
        #expect(value(FormStatementTests.form + "score(p) if p actual \"人次\" = \"4期\"").contains("has no single row `人次`"))
    }

    @Test func aFindingThatHoldsFailsTheRun() {
        var s = Session()
        _ = s.run(SourceFile(name: "t.evl", text: FormStatementTests.form
            + "conclusion p total 81 finding \"thought wrong\"\nevaluate p\n"))
        #expect(s.tally.failed == 1)
        var t = Session()
        _ = t.run(SourceFile(name: "t.evl", text: FormStatementTests.form
            + "conclusion p total 80 finding \"the stated total is 1 short\"\nevaluate p\n"))
        #expect(t.tally.failed == 0 && t.tally.findings == 1)
    }

    @Test func statementErrorsAreClear() {
        #expect(diagnostic("metric p 产出 数量 \"x\" target \"≥1个\" weight 1")?.kind == .notDerivable("no form `p` is open: start it with `form p \"title\"`"))
        #expect(diagnostic("form p\nmetric p 产出 数量 \"x\" actual \"1个\" weight 1")?.kind.message.contains("`target") == true)
        #expect(diagnostic("form p\nform p \"again\"")?.kind == .duplicateName("p", previousLine: 1))
        #expect(diagnostic("form p\nmetric p 产出 数量 \"x\" target \"≥1个\" weight 20%") != nil)
        #expect(diagnostic("steprule r = else 0, 1 -> 2") != nil)
        #expect(diagnostic("scoring rounding sideways 2") != nil)
        #expect(diagnostic("scoring grades 优 70 良 80 中 60") != nil)
    }

    @Test func stepRulesReadBothArrows() {
        let rules = "steprule r = 0 -> 3, <= 10% → 2, < 20% -> 1, else 0\n"
        #expect(value(rules + "points(r, 0%)") == "3.00")
        #expect(value(rules + "points(r, 10%)") == "2.00")
        #expect(value(rules + "points(r, 19.99%)") == "1.00")
        #expect(value(rules + "points(r, 20%)") == "0.00")
        #expect(value("steprule r = >= 90% -> 5\npoints(r, 80%)") == "undefined")
    }

    static let sheet: [[String]] = [
        ["项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "期数", "≥4期", "3期", "60", "45", "一期取消"],
        ["", "", "人次", "≥400人次", "420人次", "10", "10", ""],
        ["效益指标", "社会效益指标", "能力", "有效提升", "达成", "30", "", ""],
        ["总分", "", "", "", "", "", "", ""],
    ]

    @Test func metricsFromAGB18030CSV() throws {
        let dir = DataTest.scratch()
        let csv = FormStatementTests.sheet.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let codec = try TextCodec(.gb18030, direction: .encode)
        DataTest.write(codec.encode(csv), to: dir + "/form.csv")
        let out = run("form p\nmetric p from \"\(dir)/form.csv\" encoding gb18030\nscore(p, \"人次\")\nscore(p, \"能力\")")
        #expect(out == ["", "read 3 indicator rows into the form `p`", "10.00", "undefined"])
    }

    @Test func metricsFromAWorkbook() throws {
        let dir = DataTest.scratch()
        let rows = Array(FormStatementTests.sheet.dropFirst(2))
        // 分值 and 得分 as numbers, as a spreadsheet holds them; the rest as text.
        let cells: [[Table.Cell]] = rows.map { r in r.enumerated().map { i, c in (i == 5 || i == 6) && !c.isEmpty ? .number(Rational(decimal: Substring(c))!) : .text(c) } }
        let table = Table(headers: FormStatementTests.sheet[1], alignments: Array(repeating: .left, count: 8), rows: cells)
        _ = try exportTable(table, to: dir + "/form.xlsx")
        let out = run("form p\nmetric p from \"\(dir)/form.xlsx\"\nscore(p, \"期数\")\nscore(p, \"人次\")")
        #expect(out == ["", "read 3 indicator rows into the form `p`", "45.00", "10.00"])
    }

    @Test func aSheetWithoutTheHeadersSaysWhich() {
        let dir = DataTest.scratch()
        DataTest.write("一级指标,二级指标,三级指标,分值\n产出,数量,x,10\n", to: dir + "/bad.csv")
        let d = diagnostic("form p\nmetric p from \"\(dir)/bad.csv\"")
        #expect(d?.kind.message.contains("年度指标值, 实际完成值") == true)
    }
}
