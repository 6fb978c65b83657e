import Foundation
import Testing

/// `render --lang`: the results and report mode's own wording in the language chosen; without it a
/// notebook renders in the language it records, and report mode stays in Chinese.
@Suite struct RenderLanguageTests {
    static let sample = "Tests/notebooks/report/docx-sample.evl"
    static let zhNotebook = "Tests/notebooks/zh/negative-payment.evl"

    @Test func aMarkdownReportInEnglish() throws {
        let r = try Binary.run(["render", Self.sample, "--to", "md", "--report", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("""
            | Check | Stated | Computed | Result |
            | --- | ---: | ---: | --- |
            | 执行率 | 87.92% | 87.92% | ✓ agrees |
            | 支出合计 | 100.00 万元 | 105.50 万元 | ✗ differs (see no. 1) |
            """), "\(r.stdout)")
        #expect(r.stdout.contains("\nNo project lags the schedule by more than 25 pp.\n"))
        #expect(r.stdout.contains("\n- Budget year: 2020\n- Money unit: 万元\n"))
        #expect(r.stdout.contains("\n## Appendix: input files\n"))
        #expect(!r.stdout.contains("核对项") && !r.stdout.contains("一致"))
    }

    @Test func aReportStaysInChineseWithoutLang() throws {
        let r = try Binary.run(["render", Self.sample, "--to", "md", "--report"])
        #expect(r.stdout.contains("| 核对项 | 报告数 | 计算数 | 结果 |"), "\(r.stdout)")
        // Report mode words a form's checks and the lag itself, with or without --lang zh.
        let zh = try Binary.run(["render", Self.sample, "--to", "md", "--report", "--lang", "zh"]).stdout
        for text in [r.stdout, zh] {
            #expect(text.contains("\n| 培训 全部分值合计 | 100.00 | 100.00 | ✓ 一致 |\n"), "\(text)")
            #expect(text.contains("\n没有项目落后序时进度超过25个百分点。\n"))
        }
        let en = try Binary.run(["render", Self.sample, "--to", "md", "--report", "--lang", "en"]).stdout
        #expect(en.contains("\n| 培训 All weights | 100.00 | 100.00 | ✓ agrees |\n"), "\(en)")
    }

    @Test func aNotebookRecordedInChineseRendersInChinese() throws {
        let r = try Binary.run(["render", Self.zhNotebook, "--to", "md"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("```text\n5:13: 错误[E515]: 支出金额不能为负\n提示：支出是实际付出的金额；请直接更正被冲回的那笔支出\n```\n"), "\(r.stdout)")
        let en = try Binary.run(["render", Self.zhNotebook, "--to", "md", "--lang", "en"])
        #expect(en.stdout.contains("```text\n5:13: error[E515]: a payment cannot be negative\nhint: a payment is an amount paid out; correct the payment it reverses instead\n```\n"), "\(en.stdout)")
    }

    @Test func anEnglishNotebookRendersInChineseWithLangZh() throws {
        let r = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "md", "--lang", "zh"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\n68:13: 错误[E301]: 未定义的项目 `档案库`\n提示：是否想写 `档案库房`（第 22 行声明）？\n"), "\(r.stdout)")
        let en = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "md"])
        #expect(en.stdout.contains("\n68:13: error[E301]: unknown project `档案库`\n"))
    }
}
