import Foundation
import Testing

/// The command line's shared options and its misuse (each case: the exact message and exit status).
@Suite struct CLITests {
    @Test func aStatementThatStartsWithAMinusIsAStatement() throws {
        let r = try Binary.run(["-c", "-5"])
        #expect(r.status == 0)
        #expect(r.stdout == "-5\n")
    }

    /// `-c STATEMENTS` and no arguments at all skip the argument parser (start-up); they must mean
    /// what the parser makes of them, which `shell …` (the same command, through it) shows.
    @Test func theQuickStartsMeanWhatTheParserSays() throws {
        for statements in ["-5", "--help", "year 2020\nrate(x)", "lang zh\ncheck 1 = 2"] {
            let quick = try Binary.run(["-c", statements]), parsed = try Binary.run(["shell", "-c", statements])
            #expect(quick.status == parsed.status && quick.stdout == parsed.stdout && quick.stderr == parsed.stderr, "\(statements)")
        }
        let quick = try Binary.run([], stdin: "1 + 1\nrate(x)\n"), parsed = try Binary.run(["shell"], stdin: "1 + 1\nrate(x)\n")
        #expect(quick.status == 1 && quick.stdout == "2\n")
        #expect(quick.status == parsed.status && quick.stdout == parsed.stdout && quick.stderr == parsed.stderr)
        let zh = try Binary.run(["-c", "rate(x)"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stderr.contains("错误[E301]"), "\(zh.stderr)")
    }

    /// `--help` and usage errors in the language of the messages: the commands' and options' texts
    /// and the argument parser's own headings; English unchanged.
    @Test func helpAndUsageErrorsSpeakTheLocalesLanguage() throws {
        let zh = ["LANG": "zh_CN.UTF-8"]
        let help = try Binary.run(["--help"], environment: zh)
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("概述：预算绩效分析的交互式命令行与脚本运行工具。\n"), "\(help.stdout)")
        for words in ["用法：evalshell <subcommand>", "选项：", "子命令：", "  shell（默认）           在终端上打开交互式命令行", "  -h, --help              显示帮助信息。", "子命令的详细说明：evalshell help <子命令>"] {
            #expect(help.stdout.contains(words), "\(words)")
        }
        let render = try Binary.run(["help", "render"], environment: zh)
        #expect(render.stdout.contains("参数：\n  <file>                  笔记本。\n"), "\(render.stdout)")
        #expect(render.stdout.contains("  --lang <zh|en>          消息的语言：zh 或 en"), "\(render.stdout)")
        #expect(render.stdout.contains("  --font <family>         报告模式的正文字体（标题为黑体）。（默认：仿宋）\n"), "\(render.stdout)")
        #expect(render.stdout.contains("报告格式：md、html、docx 或 pdf。（可选值：md, html, docx, pdf）\n"), "\(render.stdout)")
        let english = try Binary.run(["render", "--help", "--lang", "en"], environment: zh)
        #expect(english.stdout.hasPrefix("OVERVIEW: Render a notebook as a report: Markdown, HTML, Word (.docx) or PDF.\n"), "\(english.stdout)")
        let bad = try Binary.run(["run", "--bogus", "x"], environment: zh)
        #expect(bad.status == 2)
        #expect(bad.stderr == """
            错误：未知选项 '--bogus'
            用法：evalshell run <file> ... [--set <name=value> ...] [--no-color] [--lang <zh|en>] [--ambiguous <wide|narrow>] [--time]
              详见 'evalshell run --help'。
            用法见 evalshell --help。

            """, "\(bad.stderr)")
        let none = try Binary.run(["run"], environment: zh)
        #expect(none.stderr.hasPrefix("错误：缺少参数 '<file> ...'\n说明： <file>  要运行的脚本文件。\n"), "\(none.stderr)")
    }

    @Test func setNeedsNameEqualsValue() throws {
        let r = try Binary.run(["run", "--set", "fy", "scripts/2020-what-if.evl"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: The value 'fy' is invalid for '--set <name=value>'\n"), "\(r.stderr)")
    }

    @Test func renderFormatIsOneOfTheKnown() throws {
        let r = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "odt"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: The value 'odt' is invalid for '--to <format>'. Please provide one of 'md', 'html', 'docx' or 'pdf'.\n"), "\(r.stderr)")
    }

    @Test func markdownIsAnotherNameForMd() throws {
        let md = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "md"])
        let markdown = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "markdown"])
        #expect(md.status == 0)
        #expect(md.stdout == markdown.stdout)
    }

    /// Runs evalshell with `input` as its standard input; returns its exit status and standard error.
    func run(standardInput input: String) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = Binary.url
        p.standardInput = FileHandle(forReadingAtPath: input)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, message)
    }

    @Test func standardInputThatIsADirectoryIsSaidSo() throws {
        let r = try run(standardInput: "/")
        #expect(r.status == 2)
        #expect(r.stderr == "evalshell: standard input is a directory\n")
    }

    @Test func standardInputThatIsNotUTF8IsSaidSo() throws {
        // GB18030 bytes of 中: a script must be UTF-8.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gbk-\(UUID().uuidString).evl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0xD6, 0xD0, 0x0A])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try run(standardInput: path)
        #expect(r.status == 2)
        #expect(r.stderr == "evalshell: standard input is not valid UTF-8\n")
    }
}
