import Foundation
import Testing

/// `--lang`, the locale, `--ambiguous` and `EVALSHELL_AMBIGUOUS` on the command line.
@Suite struct LanguageCommandTests {
    static let script = """
        year 2020
        project a "“三支一扶”" budget 100
        pay a 45 on 2020-06-30
        check rate(a) = 46%
        table projects columns id, name, rate
        rate(b)
        """

    @Test func englishByDefault() throws {
        let r = try Binary.run(["-c", LanguageCommandTests.script])
        #expect(r.stdout == """
            ✗ rate(a) = 46% — computed 45.00%, claimed 46.00%, difference -1.00 pp
            编号  项目名称    执行率
            ----  ----------  ------
            a     “三支一扶”  45.00%
            ----  ----------  ------
            合计              45.00%

            """)
        #expect(r.stderr.hasPrefix("-c:6:6: error[E301]: unknown name `b`\n"))
        #expect(r.stderr.hasSuffix("checks: 0 passed, 1 failed; 1 statement failed\n"))
    }

    /// A Chinese locale: Chinese messages, and ✓ ✗ “ ” measured two columns wide.
    @Test func chineseLocale() throws {
        let r = try Binary.run(["-c", LanguageCommandTests.script], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(r.stdout == """
            ✗ rate(a) = 46% — 计算数 45.00%，报告数 46.00%，相差 -1.00 个百分点
            编号  项目名称      执行率
            ----  ------------  ------
            a     “三支一扶”  45.00%
            ----  ------------  ------
            合计                45.00%

            """)
        #expect(r.stderr.hasPrefix("-c:6:6: 错误[E301]: 未定义的名称 `b`\n"))
        #expect(r.stderr.hasSuffix("核对：0 项一致，1 项不一致；1 条语句出错\n"))
    }

    @Test func optionsWinOverTheLocale() throws {
        let r = try Binary.run(["-c", "check 1 = 2", "--lang", "en", "--ambiguous", "narrow"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(r.stdout == "✗ 1 = 2 — computed 1, claimed 2, difference -1\n")
        let zh = try Binary.run(["-c", "check 1 = 2", "--lang", "zh"], environment: ["LC_ALL": "C"])
        #expect(zh.stdout == "✗ 1 = 2 — 计算数 1，报告数 2，相差 -1\n")
        let wide = try Binary.run(["-c", "project a \"“a”“b”“c”\"\ntable projects columns name"], environment: ["EVALSHELL_AMBIGUOUS": "wide"])
        #expect(wide.stdout.hasPrefix("项目名称\n---------------\n“a”“b”“c”\n"), "\(wide.stdout)")
        let bad = try Binary.run(["-c", "1", "--lang", "fr"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--lang takes zh or en, not `fr`"))
    }

    /// A notebook replays in the language it records, whatever the locale: English notebooks under a
    /// Chinese locale, and Chinese ones under an English locale.
    @Test func notebooksIgnoreTheLocale() throws {
        let zh = try Binary.run(["test", "Tests/notebooks/zh", "Tests/notebooks/checks"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 0, "\(zh.stdout)")
        let en = try Binary.run(["test", "Tests/notebooks/zh", "Tests/notebooks/checks"], environment: ["LANG": "en_US.UTF-8", "EVALSHELL_AMBIGUOUS": "wide"])
        #expect(en.status == 0, "\(en.stdout)")
        #expect(zh.stdout.hasSuffix(" 个通过，0 个未通过\n"), "\(zh.stdout)")
        #expect(en.stdout.hasSuffix(" passed, 0 failed\n"), "\(en.stdout)")
    }
}
