import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell end to end: the built `evalshell` on a pseudo-terminal, typed at like a
/// user would (text, CJK text, arrows, Backspace, TAB, Ctrl-C, Ctrl-D, Ctrl-R), each test with its
/// own HOME, XDG_STATE_HOME and working folder. Every key is sent only once the shell shows its
/// prompt: keys typed before libedit takes the terminal could be lost.
@Suite struct ShellTests {
    // MARK: Editing

    @Test func typesChineseTextAndEditsOverWideCharacters() throws {
        let sh = try ShellProcess()
        // ← ← then Backspace deletes 库, the character before the cursor; X goes in its place.
        let out = try sh.enter("print \"档案库房\"" + Key.left + Key.left + Key.backspace + "X")
        #expect(out.output == "档案X房\n")
        // Ctrl-A to the start, type there; Ctrl-E to the end, type there.
        try sh.expect("档案\"" + Key.ctrlA + "print \"" + Key.ctrlE + ", 1", gives: "档案 1\n")
        // → moves over a wide character as one; Ctrl-K cuts to the end.
        try sh.expect("print \"预算绩效\"" + Key.ctrlA + String(repeating: Key.right, count: 10) + Key.ctrlK + "\"", gives: "预算绩\n")
        try sh.quit()
    }

    @Test func continuationPromptForAnOpenBracketOrString() throws {
        let sh = try ShellProcess()
        try sh.send("print (1 +\r")
        try sh.waitForPrompt(continuation: true)
        try sh.send("2)\r")
        #expect(try sh.waitForPrompt().hasSuffix("3\n"))
        // A string cannot span lines: an unclosed one is reported at once.
        let open = try sh.enter("print \"第一行").output
        #expect(open.hasPrefix("<input 2>:1:7: error[E102]: string is not closed before the end of the line\n"))
        try sh.expect("print \"第一行\", (\n  \"第二行\")", gives: "第一行 第二行\n")
        try sh.quit()
        let history = try sh.historyText()
        #expect(history.contains("\nprint (1 +\\n2)\n"))
        #expect(history.contains("\nprint \"第一行\", (\\n  \"第二行\")\n"))
    }

    // MARK: Completion

    @Test func tabCompletesAChineseProjectNameAndListsSeveral() throws {
        let sh = try ShellProcess()
        try sh.enter("year 2020")
        try sh.enter("project 档案智能库房建设 budget 200")
        try sh.expect("budget(档" + Key.tab + ")", gives: "200.00 万元\n")
        try sh.enter("project 档案数字化 budget 50")
        try sh.send("budget(档案" + Key.tab)
        let listing = try sh.waitForPrompt()  // the prompt comes again under the list
        #expect(listing.hasSuffix("\n档案数字化        档案智能库房建设\n"))
        // The line is still there under the list: one more character makes the name unique.
        try sh.send("数" + Key.tab + ")\r")
        #expect(try sh.waitForPrompt().hasSuffix("50.00 万元\n"))
        try sh.quit()
    }

    @Test func tabKnowsKeywordsCommandsValueWordsAndPaths() throws {
        let folder = try TemporaryFolder()
        try "print \"数据已读入\"\n".write(toFile: folder.path + "/数据2020.evl", atomically: true, encoding: .utf8)
        let sh = try ShellProcess(directory: folder.path)
        // A keyword at the start of a line, with the space after it.
        try sh.expect("yea" + Key.tab + "2020", gives: "")
        try sh.send("proj" + Key.tab + "a budget 10 source pro" + Key.tab + "gra" + Key.tab + Key.tab)
        #expect(try sh.waitForPrompt().hasSuffix("\n优  良  中  差\n"))
        try sh.expect("良", gives: "")
        try sh.expect("count(projects where source = 省" + Key.tab + ")", gives: "1\n")
        // A function gets its bracket.
        try sh.expect("budg" + Key.tab + "a)", gives: "10.00 万元\n")
        // A path inside the string after run, closed by its quote.
        try sh.expect("run \"数" + Key.tab, gives: "数据已读入\n")
        // A shell command, and a path after it.
        #expect(try sh.enter(":he" + Key.tab + "ru" + Key.tab).output.hasPrefix("run \"PATH\"\n"))
        #expect(try sh.enter(":lo" + Key.tab + "数" + Key.tab).output.contains("数据已读入\n"))
        try sh.quit()
    }

    // MARK: Ctrl-C and Ctrl-D

    @Test func ctrlCAtThePromptClearsTheLine() throws {
        let sh = try ShellProcess()
        try sh.send("let 半截 = 1")
        try sh.readScreen(until: "1")
        try sh.waitUntilIdle()
        try sh.send(Key.ctrlC)
        try sh.waitForPrompt()
        try sh.expect("1 + 1", gives: "2\n")
        #expect(try sh.enter("半截").output.contains("unknown name `半截`"))
        // In a continuation, Ctrl-C drops the whole unfinished statement.
        try sh.send("print (1 +\r")
        try sh.waitForPrompt(continuation: true)
        try sh.waitUntilIdle()
        try sh.send(Key.ctrlC)
        try sh.waitForPrompt()
        try sh.expect("print 7", gives: "7\n")
        try sh.quit()
    }

    @Test func resizingWhileEditingKeepsTheLine() throws {
        let sh = try ShellProcess()
        try sh.send("print \"档案智能库房\"")
        try sh.readScreen(until: "房\"")
        sh.term.resize(columns: 60, rows: 20)
        try sh.send(Key.left + Key.left + "X")
        try sh.readScreen(until: "X")
        sh.term.resize(columns: 30, rows: 20)
        try sh.send(Key.left + "Y")
        try sh.readScreen(until: "Y")
        sh.term.resize(columns: 100, rows: 30)
        try sh.expect("Z", gives: "档案智能库YZX房\n")
        try sh.quit()
    }

    @Test func ctrlCStopsALongStatementAndTheSessionIsAsBefore() throws {
        let folder = try TemporaryFolder()
        try ShellTests.manyProjects(1500).write(toFile: folder.path + "/many.evl", atomically: true, encoding: .utf8)
        let sh = try ShellProcess(directory: folder.path)
        try sh.enter(":load many.evl")
        try sh.enter("let x = 1")
        // Quadratic in the projects: a minute in a debug build, seconds in a release build.
        try sh.send("let x = \(ShellTests.slowExpression)\r")
        try sh.waitUntilRunning()
        usleep(100_000)
        let started = ContinuousClock.now
        try sh.send(Key.ctrlC)
        let out = try sh.waitForPrompt()
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(out.contains("interrupted: the session is as it was before this statement"))
        try sh.expect("x", gives: "1\n")
        try sh.expect("count(projects)", gives: "1500\n")
        try sh.quit()
    }

    @Test func ctrlCStopsARunScriptOrALoadAndNoneOfItIsKept() throws {
        let folder = try TemporaryFolder()
        // Many declarations, then a statement that runs long: Ctrl-C lands in one or the other.
        try (ShellTests.manyProjects(1500) + "let slow = \(ShellTests.slowExpression)\n")
            .write(toFile: folder.path + "/huge.evl", atomically: true, encoding: .utf8)
        let sh = try ShellProcess(directory: folder.path)
        try sh.enter("let kept = 1")
        for input in ["run \"huge.evl\"", ":load huge.evl"] {
            try sh.send(input + "\r")
            try sh.waitUntilRunning()
            usleep(300_000)
            let started = ContinuousClock.now
            try sh.send(Key.ctrlC)
            #expect(try sh.waitForPrompt().contains("interrupted: the session is as it was before"))
            #expect(ContinuousClock.now - started < .seconds(3))
            try sh.expect("count(projects)", gives: "0\n")
            try sh.expect("kept", gives: "1\n")
        }
        // Nothing of the stopped input is saved either.
        try sh.enter(":save s.evl")
        let saved = try String(contentsOfFile: folder.path + "/s.evl", encoding: .utf8)
        #expect(saved == String(repeating: "count(projects)\n#> 0\nkept\n#> 1\n", count: 2).replacingOccurrences(of: "^", with: "let kept = 1\n", options: .regularExpression))
        try sh.quit()
    }

    @Test func ctrlCStopsALongLoadAndNothingOfItIsKept() throws {
        let folder = try TemporaryFolder()
        try "项目编码,项目名称,年初预算数（万元）\nXM1,档案,100\nXM2,职称,50\n".write(toFile: folder.path + "/projects.csv", atomically: true, encoding: .utf8)
        // 600,000 payments: seconds to load in a debug build.
        var chunk = ""
        for day in 1...28 { for _ in 0..<50 { chunk += "XM1,0.01,2020-03-\(day < 10 ? "0" : "")\(day)\n" } }
        let payments = FileManager.default.createFile(atPath: folder.path + "/payments.csv", contents: nil)
        #expect(payments)
        let handle = try #require(FileHandle(forWritingAtPath: folder.path + "/payments.csv"))
        handle.write(Data("项目编码,支付金额,支付日期\n".utf8))
        let bytes = Data(chunk.utf8)
        for _ in 0..<(600_000 / 1400) { handle.write(bytes) }
        try handle.close()

        let sh = try ShellProcess(directory: folder.path)
        try sh.enter("year 2020")
        try sh.expect("load projects from \"projects.csv\"", gives: "loaded 2 projects from projects.csv\n")
        try sh.send("load payments from \"payments.csv\"\r")
        try sh.waitUntilRunning()
        #if DEBUG
        // After half a second a line shows how far it has read (a debug build takes seconds here).
        try sh.readScreen(until: "(Ctrl-C stops)")
        #else
        usleep(300_000)
        #endif
        let started = ContinuousClock.now
        try sh.send(Key.ctrlC)
        let out = try sh.waitForPrompt()
        #expect(out.hasSuffix("interrupted: the session is as it was before this statement\n"))
        // The progress line was cleared before.
        #expect(sh.allRaw.contains("\r\u{1B}[K\rinterrupted"))
        #expect(ContinuousClock.now - started < .seconds(3))
        try sh.expect("paid(projects)", gives: "0.00 万元\n")
        try sh.expect("count(projects)", gives: "2\n")
        try sh.quit()
    }

    @Test func ctrlDExitsWithZeroAndSavesHistory() throws {
        let sh = try ShellProcess()
        try sh.enter("print \"保存历史\"")
        try sh.enter("1 + 1")
        try sh.enter("1 + 1")  // the same again: one entry
        try sh.send(Key.ctrlD)
        #expect(try sh.term.waitForExit(timeout: .seconds(10)) == 0)
        #expect(try sh.historyText() == "#evalshell-history v1\nprint \"保存历史\"\n1 + 1\n")
    }

    @Test func aClosedTerminalOrSIGTERMStillSavesHistory() throws {
        // At the prompt: the terminal hangs up.
        let sh = try ShellProcess()
        try sh.enter("print \"挂断之前\"")
        try sh.waitUntilIdle()
        kill(sh.term.pid, SIGHUP)
        #expect(try sh.term.waitForExit(timeout: .seconds(10)) == 128 + SIGHUP)
        #expect(try sh.historyText() == "#evalshell-history v1\nprint \"挂断之前\"\n")

        // While a long statement runs: it stops, and the shell leaves.
        let folder = try TemporaryFolder()
        try ShellTests.manyProjects(1500).write(toFile: folder.path + "/many.evl", atomically: true, encoding: .utf8)
        let busy = try ShellProcess(directory: folder.path)
        try busy.enter(":load many.evl")
        try busy.send("let x = \(ShellTests.slowExpression)\r")
        try busy.waitUntilRunning()
        usleep(100_000)
        kill(busy.term.pid, SIGTERM)
        #expect(try busy.term.waitForExit(timeout: .seconds(10)) == 128 + SIGTERM)
        #expect(try busy.historyText().hasSuffix("\nlet x = \(ShellTests.slowExpression)\n"))
    }

    @Test func quitAndBareExitLeaveWithZero() throws {
        for word in [":quit", "exit", "quit"] {
            let sh = try ShellProcess()
            try sh.send(word + "\r")
            #expect(try sh.term.waitForExit(timeout: .seconds(10)) == 0)
        }
    }

    // MARK: History

    @Test func upArrowRecallsTheLastRunsStatements() throws {
        let home = try TemporaryFolder()
        do {
            let first = try ShellProcess(home: home)
            try first.enter("print \"上次的语句\"")
            try first.enter("print (1 +\n2)")
            try first.quit()
        }
        let second = try ShellProcess(home: home)
        // The multi-line entry comes back whole (shown on its two lines) and runs as one statement.
        #expect(try second.enter(Key.up).visible.hasSuffix("print (1 +\n2)\n3\n"))
        #expect(try second.enter(Key.up + Key.up).visible.hasSuffix("\n上次的语句\n"))
        // Ctrl-R finds an entry by a Chinese fragment; Enter runs it.
        try second.expect(Key.ctrlR + "上次", gives: "上次的语句\n")
        try second.quit()
    }

    @Test func twoShellsAtOnceKeepBothHistories() throws {
        let home = try TemporaryFolder()
        let a = try ShellProcess(home: home)
        let b = try ShellProcess(home: home)
        try a.enter("print \"甲\"")
        try b.enter("print \"乙\"")
        try a.enter("print \"甲二\"")
        try a.quit()
        try b.quit()
        // Each statement is saved as it is entered: the file has them in the order they were typed.
        #expect(try b.historyText() == "#evalshell-history v1\nprint \"甲\"\nprint \"乙\"\nprint \"甲二\"\n")
    }

    @Test func aKilledShellKeepsTheStatementsEnteredBeforeIt() throws {
        let sh = try ShellProcess()
        try sh.enter("print \"崩溃之前\"")
        try sh.waitUntilIdle()
        kill(sh.term.pid, SIGKILL)
        _ = try sh.term.waitForExit(timeout: .seconds(10))
        #expect(try sh.historyText() == "#evalshell-history v1\nprint \"崩溃之前\"\n")
    }

    @Test func anUnusableHistoryFileWarnsOnceAndTheShellGoesOn() throws {
        // The history file's place is taken by a folder: it cannot be read or written.
        let home = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: home.path + "/state/evalshell/history", withIntermediateDirectories: true)
        let sh = try ShellProcess(home: home)
        #expect(sh.banner.components(separatedBy: "warning:").count == 2)
        #expect(sh.banner.contains("cannot read the history file"))
        try sh.expect("1 + 2", gives: "3\n")
        try sh.send(Key.ctrlD)
        let rest = PseudoTerminal.visibleText(sh.term.readAvailable(quiet: .milliseconds(100)))
        #expect(try sh.term.waitForExit(timeout: .seconds(10)) == 0)
        #expect(!rest.contains("warning"))

        // The folder for history cannot be made: XDG_STATE_HOME is a file.
        let other = try TemporaryFolder()
        try "".write(toFile: other.path + "/state", atomically: true, encoding: .utf8)
        let sh2 = try ShellProcess(home: other)
        #expect(sh2.banner.components(separatedBy: "warning:").count == 2)
        #expect(sh2.banner.contains("cannot create the history folder"))
        try sh2.expect("1 + 2", gives: "3\n")
        try sh2.quit()

        // The history could be read at the start but not saved at the end: one warning, on leaving.
        let third = try TemporaryFolder()
        let sh3 = try ShellProcess(home: third)
        #expect(!sh3.banner.contains("warning"))
        try sh3.expect("1 + 2", gives: "3\n")
        try FileManager.default.removeItem(atPath: third.path + "/state/evalshell")
        try "".write(toFile: third.path + "/state/evalshell", atomically: true, encoding: .utf8)
        // Saving this one fails quietly; it stays pending, and leaving says so once.
        try sh3.expect("2 + 3", gives: "5\n")
        try sh3.send(":quit\r")
        #expect(try sh3.term.waitForExit(timeout: .seconds(10)) == 0)
        let leaving = PseudoTerminal.visibleText(sh3.term.readAvailable(quiet: .milliseconds(50)))
        #expect(leaving.components(separatedBy: "warning:").count == 2)
        #expect(leaving.contains("warning: cannot save the history file"))
    }

    // MARK: Commands, errors, help

    @Test func errorShowsACaretUnderTheFaultAndTheSessionKeepsItsState() throws {
        let sh = try ShellProcess()
        try sh.enter("year 2020")
        try sh.enter("project archive \"档案智能库房建设\" budget 200")
        let out = try sh.enter("rate(archiv)").output
        #expect(out == """
            <input 3>:1:6: error[E301]: unknown name `archiv`
             1 | rate(archiv)
               |      ^~~~~~
            hint: did you mean `archive` (declared in <input 2> at line 1)?

            """)
        try sh.expect("budget(archive)", gives: "200.00 万元\n")
        let inString = try sh.enter("print \"预算 {budget(档案)}\"").output
        #expect(inString.contains("error[E301]: unknown name `档案`"))
        #expect(inString.contains(" 1 | print \"预算 {budget(档案)}\"\n"))
        try sh.quit()
    }

    @Test func helpForEveryTopicAndUnknownCommandsSuggestTheNearest() throws {
        let sh = try ShellProcess()
        let overview = try sh.enter(":help").output
        #expect(overview.hasPrefix("Statements (one per line; # starts a comment):\n"))
        #expect(overview.contains("  param      "))
        #expect(overview.contains("Shell commands:\n"))
        #expect(try sh.enter(":help rate").output.contains("example: rate(本级)"))
        #expect(try sh.enter(":help param").output.contains("example: param fy = 2020"))
        try sh.expect(":help rte", gives: "no help on `rte` (did you mean `rate`?); :help lists the topics\n")
        try sh.expect(":sve x.evl", gives: "unknown command :sve (did you mean :save?); :help lists the commands\n")
        // A command is one line, even with an open bracket in it.
        try sh.expect(":load 没有(1.evl", gives: "evalshell: 没有(1.evl: No such file or directory\n")
        try sh.expect("help", gives: overview)
        try sh.quit()
    }

    @Test func timingAndReset() throws {
        let sh = try ShellProcess()
        try sh.enter("year 2020")
        try sh.enter(":timing on")
        #expect(try sh.enter("1 + 1").output.range(of: #"^2\n\(\d+\.\d ms\)\n$"#, options: .regularExpression) != nil)
        try sh.enter(":timing off")
        try sh.expect(":reset", gives: "session cleared\n")
        try sh.expect("1 + 1", gives: "2\n")
        // The prompt lost the year with the session.
        try sh.send("print 1\r")
        #expect(try sh.waitForPrompt().hasSuffix("1\n"))
        #expect(sh.lastPrompt == "evalshell> ")
        try sh.quit()
    }

    // MARK: :save

    /// The README's first session: `:save`, then `evalshell run` prints what the session showed and
    /// `evalshell test` passes.
    @Test func saveWritesANotebookThatRunsAndTestsLikeTheSession() throws {
        let folder = try TemporaryFolder()
        let sh = try ShellProcess(directory: folder.path)
        var shown = ""
        var expected = ""
        for line in ["year 2020", "unit 万元", "project archive \"档案智能库房建设\" source 本级 budget 200",
                     "pay archive 12.5 on 2020-12-20", "rate(archive)", "check rate(archive) = 6.2%",
                     "rate(archiv)", "table projects columns id, name, budget, rate",
                     "print \"执行率\", (\n  rate(archive))"] {
            let out = try sh.enter(line).output
            if out.contains("error[") { continue }
            shown += out
            expected += line + "\n" + out.split(separator: "\n").map { "#> " + $0 + "\n" }.joined()
        }
        try sh.expect(":save archive.evl", gives: "saved 8 statements to archive.evl\n")
        try sh.quit()

        let path = sh.directory + "/archive.evl"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected)
        #expect(text.contains("""
            check rate(archive) = 6.2%
            #> ✗ rate(archive) = 6.2% — computed 6.25%, claimed 6.20%, difference +0.05 pp
            table projects
            """))
        let run = try Binary.run(["run", path])
        #expect(run.stdout == shown)
        #expect(run.status == 1)  // the check fails, as it did in the session
        let test = try Binary.run(["test", path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    }

    @Test func saveKeepsRelativePathsPointingAtTheSameFiles() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/data/2020", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: true)
        try "project a budget 10\nprint \"已读入\"\n".write(toFile: folder.path + "/data/2020/budget.evl", atomically: true, encoding: .utf8)
        try "run \"2020/budget.evl\"\n".write(toFile: folder.path + "/data/all.evl", atomically: true, encoding: .utf8)
        try "项目编码,项目名称,年初预算数（万元）\nb,档案,20\n".write(toFile: folder.path + "/data/projects.csv", atomically: true, encoding: .utf8)
        let sh = try ShellProcess(directory: folder.path)
        // Typed: relative to the working folder.
        try sh.enter("param fy = 2020")
        try sh.expect("run \"data/{fy}/budget.evl\"", gives: "已读入\n")
        try sh.expect("load projects from \"data/projects.csv\"", gives: "loaded 1 project from data/projects.csv\n")
        try sh.expect("export projects columns id, budget to \"out/budgets.csv\"", gives: "exported 3 rows to out/budgets.csv\n")
        try sh.enter(":save out/typed.evl")
        // Loaded: relative to the loaded script's folder.
        try sh.enter(":reset")
        try sh.expect(":load data/all.evl", gives: "已读入\nloaded 1 statement from data/all.evl\n")
        try sh.enter(":save out/loaded.evl")
        try sh.enter(":save loaded.evl")
        try sh.quit()

        func saved(_ file: String) throws -> String {
            let text = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8)
            return text.replacingOccurrences(of: #"sha256:[0-9a-f]{16}"#, with: "sha256:…", options: .regularExpression)
        }
        // Saving reads nothing again and writes nothing else: the export's file is as it was.
        #expect(try saved("out/typed.evl") == """
            #> input ../data/2020/budget.evl sha256:…
            #> input ../data/projects.csv sha256:…
            param fy = 2020
            run "../data/{fy}/budget.evl"
            #> 已读入
            load projects from "../data/projects.csv"
            #> loaded 1 project from ../data/projects.csv
            export projects columns id, budget to "budgets.csv"
            #> exported 3 rows to budgets.csv

            """)
        try FileManager.default.removeItem(atPath: folder.path + "/out/budgets.csv")  // export writes it again
        #expect(try saved("out/loaded.evl").contains("\nrun \"../data/2020/budget.evl\"\n#> 已读入\n"))
        #expect(try saved("loaded.evl").contains("\nrun \"data/2020/budget.evl\"\n#> 已读入\n"))
        for file in ["out/typed.evl", "out/loaded.evl", "loaded.evl"] {
            let test = try Binary.run(["test", folder.path + "/" + file])
            #expect(test.status == 0, "\(file): \(test.stdout)\(test.stderr)")
        }
    }

    // MARK: Colour

    @Test func colourOnlyWhenWanted() throws {
        let bold = "\u{1B}[1m", red = "\u{1B}[31m"
        let coloured = try ShellProcess(color: true)
        try coloured.enter("rate(x)")
        #expect(coloured.allRaw.contains(bold + "evalshell"))  // the prompt
        #expect(coloured.allRaw.contains(red + "error[E301]"))
        try coloured.quit()

        for (environment, arguments) in [(["NO_COLOR": "1"], [String]()), ([:], ["--no-color"])] {
            let plain = try ShellProcess(environment: environment, arguments: arguments, color: true)
            #expect(try plain.enter("rate(x)").output.contains("error[E301]"))
            for code in [bold, red, "\u{1B}[0m", "\u{1B}[2m"] {
                #expect(!plain.allRaw.contains(code))
            }
            try plain.quit()
        }
    }

    // MARK: Not a terminal

    @Test func standardInputThatIsNotATerminalRunsAsAScript() throws {
        let ok = try Binary.run([], stdin: "year 2020\nproject a budget 10\nbudget(a)\n")
        #expect(ok.stdout == "10.00 万元\n")
        #expect(ok.stderr == "")
        #expect(ok.status == 0)
        let failing = try Binary.run([], stdin: "budget(nothing)\n1 + 1\n")
        #expect(failing.stdout == "2\n")
        #expect(failing.stderr.hasPrefix("<stdin>:1:8: error[E301]"))
        #expect(failing.status == 1)
        // No colour into a pipe, even when colour is not turned off.
        let piped = try Binary.run([], stdin: "year 2020\nproject a budget 10\ncheck budget(a) = 10\nrate(x)\n", environment: ["NO_COLOR": ""])
        #expect(piped.stdout == "✓ budget(a) = 10\n")
        #expect(!piped.stdout.contains("\u{1B}") && !piped.stderr.contains("\u{1B}"))
    }

    // MARK: The README

    /// README's "A first session", typed into the shell line by line: every line it shows is what
    /// the shell prints (with the saved file in a temporary folder instead of /tmp).
    @Test func readmeFirstSessionIsWhatTheShellPrints() throws {
        let readme = try String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "## A first session\n```\n"),
              let end = readme.range(of: "\n```", range: section.upperBound..<readme.endIndex) else {
            Issue.record("README.md has no first session")
            return
        }
        let folder = try TemporaryFolder()
        let transcript = String(readme[section.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "/tmp/archive.", with: folder.path + "/archive.")
        var lines = transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        // What follows a prompt or a command up to the next one: its expected output.
        func expectedOutput() -> String {
            var out = ""
            while let line = lines.first, !line.hasPrefix("$ "), line.range(of: #"^evalshell( \d{4})?> "#, options: .regularExpression) == nil {
                out += line + "\n"
                lines.removeFirst()
            }
            return out
        }
        var shell: ShellProcess?
        while let line = lines.popFirst() {
            if line == "$ .build/release/evalshell" {
                shell = try ShellProcess(directory: folder.path)
                #expect(shell!.banner == expectedOutput())
            } else if line.hasPrefix("$ .build/release/evalshell ") {
                let arguments = line.dropFirst("$ .build/release/evalshell ".count).split(separator: " ").map(String.init)
                let r = try Binary.run(arguments)
                #expect(r.stdout + r.stderr == expectedOutput(), "\(line)")
            } else if let prompt = line.range(of: #"^evalshell( \d{4})?> "#, options: .regularExpression), let sh = shell {
                #expect(sh.lastPrompt == String(line[prompt]), "the prompt before \(line)")
                let input = String(line[prompt.upperBound...])
                if input == "^D" {
                    try sh.send(Key.ctrlD)
                    #expect(try sh.term.waitForExit(timeout: .seconds(10)) == 0)
                    shell = nil
                    _ = expectedOutput()
                } else {
                    let out = try sh.enter(input).output
                    #expect(out == expectedOutput(), "after \(input)")
                }
            } else {
                Issue.record("unexpected line in the README's session: \(line)")
            }
        }
        #expect(shell == nil, "the session does not end with ^D")
    }

    // MARK: Fixtures

    static let slowExpression = "sum(count(q for q in projects if budget(q) > budget(p)) for p in projects)"

    static func manyProjects(_ n: Int) -> String {
        var text = "year 2020\n"
        for i in 0..<n { text += "project p\(i) source 本级 budget \(i % 97 + 1)\n" }
        return text
    }
}

// MARK: - Driving the shell

enum Key {
    static let left = "\u{1B}[D", right = "\u{1B}[C", up = "\u{1B}[A", down = "\u{1B}[B"
    static let backspace = "\u{7F}", tab = "\t"
    static let ctrlA = "\u{01}", ctrlC = "\u{03}", ctrlD = "\u{04}", ctrlE = "\u{05}", ctrlK = "\u{0B}", ctrlR = "\u{12}"
}

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "evalshell-shell-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// `evalshell` on a pseudo-terminal with its own HOME and XDG_STATE_HOME (`home`/state), started in
/// `directory`, colour off (NO_COLOR) unless asked for.
final class ShellProcess {
    let term: PseudoTerminal
    let home: TemporaryFolder
    /// The terminal seen from this side, to tell when the line editor has taken it.
    private let slave: Int32
    /// Where it was started.
    let directory: String
    /// What appeared before the first prompt, as visible text.
    private(set) var banner = ""
    /// Everything read so far, raw.
    private(set) var allRaw = ""
    /// The last prompt shown, as visible text.
    private(set) var lastPrompt = ""

    struct Entered {
        /// Everything shown after Enter up to the next prompt, as visible text, without the echo of
        /// the typed line (or lines).
        var output: String
        /// Everything shown, echo included.
        var visible: String
    }

    /// How long to wait for a prompt.
    let timeout: Duration

    init(home: TemporaryFolder? = nil, directory: String? = nil, environment: [String: String] = [:],
         arguments: [String] = [], color: Bool = false, timeout: Duration = .seconds(10)) throws {
        self.timeout = timeout
        let home = try home ?? TemporaryFolder()
        self.home = home
        self.directory = directory ?? home.path
        var env = PseudoTerminal.defaultEnvironment
        env["HOME"] = home.path
        env["XDG_STATE_HOME"] = home.path + "/state"
        if !color { env["NO_COLOR"] = "1" }
        for (k, v) in environment { env[k] = v }
        // A shell script only to start in `directory`: exec keeps the process, its terminal and session.
        term = try PseudoTerminal(
            executable: "/bin/sh",
            arguments: ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", self.directory, Binary.url.path] + arguments,
            environment: env)
        slave = open(term.slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        banner = PseudoTerminal.visibleText(try readRawUntilPrompt(continuation: false))
    }

    deinit {
        if slave >= 0 { close(slave) }
    }

    func send(_ keys: String) throws {
        try term.send(keys)
    }

    /// libedit prints the prompt a moment before it puts the terminal in raw mode: keys that come
    /// in between are echoed twice, and a Ctrl-D there is lost. So after a prompt, wait for raw mode.
    private func waitUntilEditing() throws {
        try waitForTerminal(raw: true)
    }

    /// Waits until the shell sleeps, waiting for a key. A signal (Ctrl-C) sent at the prompt must
    /// not come between two of libedit's reads: it would be seen only with the next key (see
    /// cel_install_sigint_handler), and a test sends keys far faster than a person.
    func waitUntilIdle() throws {
        let deadline = ContinuousClock.now + timeout
        var sleeping = 0
        while sleeping < 3 {
            let stat = (try? String(contentsOfFile: "/proc/\(term.pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.range(of: ") ").map { stat[$0.upperBound...].prefix(1) } ?? ""
            sleeping = state == "S" ? sleeping + 1 : 0
            if ContinuousClock.now >= deadline { throw PseudoTerminal.Failure(description: "the shell never waited for a key") }
            usleep(1_000)
        }
    }

    /// After Enter: waits until the line editor has given the line to the shell (the terminal is
    /// back in its normal mode), so Ctrl-C reaches the statement, not the line being edited.
    func waitUntilRunning() throws {
        try waitForTerminal(raw: false)
    }

    private func waitForTerminal(raw: Bool) throws {
        guard slave >= 0 else { return }
        let deadline = ContinuousClock.now + .seconds(10)
        var attributes = termios()
        while tcgetattr(slave, &attributes) == 0, (attributes.c_lflag & tcflag_t(ICANON) == 0) != raw {
            if ContinuousClock.now >= deadline {
                throw PseudoTerminal.Failure(description: raw ? "the shell never took the terminal" : "the shell never took the line")
            }
            usleep(500)
        }
    }

    /// Types `line` (with its own editing keys; a "\n" inside is Enter on a continuation line),
    /// presses Enter and waits for the next prompt.
    @discardableResult
    func enter(_ line: String) throws -> Entered {
        let lines = line.split(separator: "\n", omittingEmptySubsequences: false)
        var visible = ""
        for (k, part) in lines.enumerated() {
            try send(part + "\r")
            visible += PseudoTerminal.visibleText(try readRawUntilPrompt(continuation: k < lines.count - 1))
        }
        return Entered(output: Self.dropEcho(visible, lines: lines.count), visible: visible)
    }

    /// Types `line`, presses Enter and expects exactly `expected` as its output.
    func expect(_ line: String, gives expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = try enter(line).output
        #expect(output == expected, "after typing \(line.debugDescription)", sourceLocation: sourceLocation)
    }

    /// Waits for the next prompt; returns the visible text before it.
    @discardableResult
    func waitForPrompt(continuation: Bool = false) throws -> String {
        PseudoTerminal.visibleText(try readRawUntilPrompt(continuation: continuation))
    }

    /// Reads what the terminal shows until `text` appears (visible text up to there).
    @discardableResult
    func readScreen(until text: String) throws -> String {
        PseudoTerminal.visibleText(try term.read(until: text, timeout: .seconds(10)))
    }

    /// Leaves with `:quit` and expects status 0.
    func quit() throws {
        try send(":quit\r")
        let status = try term.waitForExit(timeout: .seconds(10))
        #expect(status == 0)
    }

    func historyText() throws -> String {
        try String(contentsOfFile: home.path + "/state/evalshell/history", encoding: .utf8)
    }

    /// Raw output up to and including the next prompt (the main one, or `...> `), which is taken off.
    private func readRawUntilPrompt(continuation: Bool) throws -> String {
        var raw = ""
        while true {
            let chunk = try term.read(until: "> ", timeout: timeout)
            raw += chunk
            allRaw += chunk
            let visible = PseudoTerminal.visibleText(raw)
            let pattern = continuation ? #"(^|\n) *\.\.\.> $"# : #"(^|\n)evalshell( \d{4})?> $"#
            if let r = visible.range(of: pattern, options: .regularExpression) {
                lastPrompt = String(visible[r]).trimmingCharacters(in: .newlines)
                try waitUntilEditing()
                // Take the prompt off the raw text: from its last line break on.
                if let nl = raw.range(of: "\n", options: .backwards) {
                    return String(raw[..<nl.upperBound])
                }
                return ""
            }
        }
    }

    /// The output after the echo of `lines` typed lines.
    private static func dropEcho(_ visible: String, lines: Int) -> String {
        var rest = Substring(visible)
        for _ in 0..<lines {
            guard let nl = rest.firstIndex(of: "\n") else { return "" }
            rest = rest[rest.index(after: nl)...]
        }
        return String(rest)
    }
}
