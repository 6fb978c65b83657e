import EvalDSL
import Foundation
import Testing
@testable import EvalShell

#if canImport(Glibc)
import Glibc
#endif

/// The shell's pure parts: completion by context, the history file, help, `:save`'s notebook.
@Suite struct CompletionTests {
    let context = CompletionContext(
        names: ["archive", "档案智能库房建设", "档案数字化", "本级", "r", "结余率"],
        projects: ["archive", "档案智能库房建设", "档案数字化"], groups: ["本级"], tags: ["人才", "基建"])

    func complete(_ before: String, continuing: Bool = false) -> LineEditor.Completion {
        var c = context
        c.continuing = continuing
        return ShellCompletion.complete(before, in: c)
    }

    @Test func statementStartOffersKeywordsNamesAndFunctions() {
        let c = complete("pr")
        #expect(c.word == "pr")
        #expect(c.candidates.contains("print") && c.candidates.contains("project") && !c.candidates.contains("projects"))
        #expect(complete("  ye").candidates == ["year"])
        #expect(complete("ye").endings["year"] == " ")
        #expect(complete("档案").candidates == ["档案数字化", "档案智能库房建设"])
        // A continuation line is not a statement start: no keywords.
        #expect(complete("pr", continuing: true).candidates == ["projects"])
    }

    @Test func insideExpressionsNamesFunctionsAndWords() {
        #expect(complete("rate(档案智").candidates == ["档案智能库房建设"])
        #expect(complete("rate(档案智").word == "档案智")
        let c = complete("let x = bu")
        #expect(c.candidates == ["budget"])
        #expect(c.endings["budget"] == "(")
        #expect(complete("count(本级 wh").candidates == ["where"])
        // Nothing typed yet: names, functions and `projects`, not every word of the language.
        let all = complete("rate(").candidates
        #expect(all.contains("档案数字化") && all.contains("budget") && all.contains("projects"))
        #expect(!all.contains("where") && !all.contains("until"))
        #expect(complete("sum(budget(p) for p in 本").candidates == ["本级"])
    }

    @Test func valueWordsAfterAnAttribute() {
        #expect(complete("group 转移 = projects where source = ").candidates == ["本级", "省级", "市级", "县级", "中央", "其他"])
        #expect(complete("count(projects where grade = ").candidates == ["优", "良", "中", "差"])
        #expect(complete("count(projects where grade == 优 or category != 项").candidates == ["项目支出"])
        // English aliases find the Chinese word.
        #expect(complete("count(projects where source = prov").candidates == ["省级"])
        #expect(complete("project x source ").candidates.count == 6)
        #expect(complete("project x budget 10 grade g").candidates == ["良"])
        #expect(complete("project x budget 10 grade g").endings == ["良": " "])
        #expect(complete("count(projects where grade = g").endings.isEmpty)
        #expect(complete("project x category ba").candidates == ["基本支出"])
        #expect(complete("project x tags 人").candidates == ["人才"])
        // The clauses of project, after the id or a clause's value.
        #expect(complete("project x \"档案\" gr").candidates == ["grade"])
        #expect(complete("project x source 本级 b").endings == ["budget": " "])
        #expect(complete("project x budget bu").candidates == ["budget"])  // an amount: functions
        #expect(complete("count(projects where tag 基").candidates == ["基建"])
    }

    @Test func subjectsOfStatementsAndTableColumns() {
        #expect(complete("pay ").candidates == ["archive", "档案数字化", "档案智能库房建设"])
        #expect(complete("total ").candidates == ["本级"])
        #expect(complete("adjust archive 追").candidates == ["追加"])
        #expect(complete("unit ").candidates == ["万元", "元", "亿元"].sorted())
        #expect(complete("project 档").candidates.isEmpty)  // a new name: nothing to offer
        #expect(complete("table 本级 columns id, na").candidates == ["name"])
        #expect(complete("table 本级 columns ").candidates.contains("unspent"))
    }

    @Test func nothingInsideStringsAndComments() {
        #expect(complete("print \"档案").candidates.isEmpty)
        #expect(complete("rate(archive) # ar").candidates.isEmpty)
        // A closed string is code again.
        #expect(complete("print \"x\", ar").candidates == ["archive"])
    }

    @Test func shellCommandsTopicsAndPaths() throws {
        #expect(complete(":s").candidates == [":save"])
        #expect(complete(":").candidates == Shell.metaCommands)
        #expect(complete(":s").endings[":save"] == " ")
        #expect(complete(":help ra").candidates == ["rate"])
        #expect(complete(":help pa").candidates == ["paid", "param", "pay"])
        #expect(complete(":timing o").candidates == ["off", "on"])

        let folder = NSTemporaryDirectory() + "evalshell-complete-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/数据", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "".write(toFile: folder + "/数据/2020预算.evl", atomically: true, encoding: .utf8)
        try "".write(toFile: folder + "/.hidden", atomically: true, encoding: .utf8)
        var c = context
        c.directory = folder
        #expect(ShellCompletion.complete(":load ", in: c).candidates == ["数据/"])
        let inRun = ShellCompletion.complete("run \"数据/20", in: c)
        #expect(inRun.word == "20")
        #expect(inRun.candidates == ["2020预算.evl"])
        #expect(inRun.endings["2020预算.evl"] == "\"")
        #expect(ShellCompletion.complete(":save \"数据/", in: c).endings["2020预算.evl"] == "\"")
        #expect(ShellCompletion.complete(":load 数据/", in: c).endings["2020预算.evl"] == "")
        #expect(ShellCompletion.complete(":load .h", in: c).candidates == [".hidden"])
        #expect(ShellCompletion.complete(":load " + folder + "/数", in: c).candidates == ["数据/"])
        // An interpolated path is not completed; nor a string that is not run's.
        #expect(ShellCompletion.complete("run \"{fy}/", in: c).candidates.isEmpty)
        #expect(ShellCompletion.complete("print \"数", in: c).candidates.isEmpty)
    }

    @Test func contextFromASession() {
        var session = Session()
        _ = session.run(SourceFile(name: "t", text: "year 2020\nproject 档案 budget 1 tags 基建, 人才\ngroup 本级 = projects where source = 本级\nlet r = 1\n"))
        let c = CompletionContext(session: session, continuing: false, directory: "/")
        #expect(c.projects == ["档案"])
        #expect(c.groups == ["本级"])
        #expect(c.tags == ["人才", "基建"])
        #expect(Set(c.names) == ["档案", "本级", "r"])
    }
}

@Suite struct LineEditorHelperTests {
    @Test func commonPrefixNeverSplitsACharacter() {
        #expect(LineEditor.commonPrefix(["档案馆", "档案数字化"]) == "档案")
        #expect(LineEditor.commonPrefix(["rate", "round", "run"]) == "r")
        #expect(LineEditor.commonPrefix([]) == "")
    }

    @Test func columnsAlignByDisplayWidth() {
        setlocale(LC_CTYPE, "C.UTF-8")
        #expect(LineEditor.displayWidth("档案a") == 5)
        #expect(LineEditor.columns(["档案", "档案智能库房", "ab"], terminalWidth: 100) == ["档案          档案智能库房  ab"])
        #expect(LineEditor.columns(["档案", "档案智能库房", "ab"], terminalWidth: 27) == ["档案          ab", "档案智能库房"])
    }

    @Test func promptEscapesAreBracketed() {
        #expect(LineEditor.markingEscapes(in: "\u{1B}[1mevalshell 2020\u{1B}[0m> ") == "\u{1}\u{1B}[1m\u{1}evalshell 2020\u{1}\u{1B}[0m\u{1}> ")
        #expect(LineEditor.markingEscapes(in: "evalshell> ") == "evalshell> ")
    }
}

@Suite struct HistoryStoreTests {
    func temporaryFile() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory() + "evalshell-history-\(UUID().uuidString)/evalshell/history")
    }

    @Test func formatRoundTripsAndIsReadable() {
        let entries = ["a\\b", "print (1 +\n2)", "cr\rx", "档案"]
        let text = HistoryStore.encode(entries)
        #expect(text == "#evalshell-history v1\na\\\\b\nprint (1 +\\n2)\ncr\\rx\n档案\n")
        #expect(HistoryStore.decode(text) == entries)
        #expect(HistoryStore.decode("") == [])
        #expect(HistoryStore.decode("_HiStOrY_V2_\nx\n") == nil)
    }

    @Test func entriesAreTrimmedAndConsecutiveDuplicatesDropped() {
        var h = HistoryStore(url: nil, limit: 10)
        #expect(h.add("  1 + 1 \n") == "1 + 1")
        #expect(h.add("1 + 1") == nil)
        #expect(h.add("   ") == nil)
        #expect(h.add("2") == "2")
        #expect(h.add("1 + 1") == "1 + 1")
        #expect(h.entries == ["1 + 1", "2", "1 + 1"])
    }

    @Test func sizeIsCappedInMemoryAndOnDisk() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        var h = HistoryStore(url: url, limit: 3)
        for i in 1...5 { _ = h.add("\(i)") }
        #expect(h.entries == ["3", "4", "5"])
        #expect(h.save() == nil)
        #expect(try String(contentsOf: url, encoding: .utf8) == "#evalshell-history v1\n3\n4\n5\n")
        #expect(HistoryStore(url: url, limit: 2).entries == ["4", "5"])
    }

    @Test func twoShellsSavingMergeTheirEntries() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        var a = HistoryStore(url: url, limit: 4)
        var b = HistoryStore(url: url, limit: 4)
        _ = a.add("甲一"); _ = b.add("乙一"); _ = a.add("甲二")
        #expect(a.save() == nil)
        #expect(b.save() == nil)
        var c = HistoryStore(url: url, limit: 4)
        #expect(c.entries == ["甲一", "甲二", "乙一"])
        _ = c.add("丙"); _ = c.add("丁")
        #expect(c.save() == nil)
        #expect(HistoryStore(url: url, limit: 4).entries == ["甲二", "乙一", "丙", "丁"])
        // No temporary or half files are left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).sorted()
        #expect(left == ["history", "history.lock"])
    }

    @Test func aForeignFileIsLeftAloneWithOneWarning() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "_HiStOrY_V2_\nold\n".write(to: url, atomically: true, encoding: .utf8)
        var h = HistoryStore(url: url, limit: 10)
        #expect(h.warnings.count == 1)
        _ = h.add("new")
        #expect(h.save() == nil)
        #expect(try String(contentsOf: url, encoding: .utf8) == "_HiStOrY_V2_\nold\n")
    }
}

@Suite struct HelpTests {
    @Test func everyStatementAndFunctionHasHelpWithAnExample() {
        for keyword in Parser.statementKeywords {
            let entry = Help.statements.first { $0.name == keyword }
            #expect(entry != nil, "no help for the statement `\(keyword)`")
            #expect(entry?.example.hasPrefix(keyword) == true, "the example of `\(keyword)` does not use it")
            #expect(Help.text(topic: keyword).contains("example: "))
        }
        #expect(Help.statements.map(\.name).sorted() == Parser.statementKeywords.sorted())
        for f in Builtins.all {
            #expect(!f.summary.isEmpty && f.example.contains(f.name + "("), "no help with an example for `\(f.name)`")
            #expect(Help.text(topic: f.name).contains("example: \(f.example)"))
        }
        for command in Shell.metaCommands {
            #expect(Help.commands.contains { $0.name == command }, "no help for \(command)")
            #expect(Help.text(topic: String(command.dropFirst())).contains("example: "))
        }
    }

    /// Every statement example parses (each alone: they use names declared elsewhere).
    @Test func statementExamplesParse() {
        for s in Help.statements {
            let items = Parser.parse(SourceFile(name: "help", text: s.example))
            #expect(items.count == 1)
            if case .broken(let d, _, _)? = items.first {
                Issue.record("the example of `\(s.name)` does not parse: \(d.kind.message)")
            }
        }
    }

    @Test func unknownTopicSuggestsTheNearest() {
        #expect(Help.text(topic: "rte") == "no help on `rte` (did you mean `rate`?); :help lists the topics")
        #expect(Help.text(topic: "zzzz") == "no help on `zzzz`; :help lists the topics")
        #expect(Help.nearest(":hlep", in: Shell.metaCommands, within: 2) == ":help")
    }
}

@Suite struct NotebookSaveTests {
    @Test func relativePrefixLeadsFromTheSavedFileToTheOriginalFolder() {
        #expect(NotebookSave.relativePrefix(from: "/w/main", to: "/w/main") == "")
        #expect(NotebookSave.relativePrefix(from: "/w/main/out", to: "/w/main") == "../")
        #expect(NotebookSave.relativePrefix(from: "/w/main", to: "/w/main/data") == "data/")
        #expect(NotebookSave.relativePrefix(from: "/w/main/out/x", to: "/w/main/data") == "../../data/")
        #expect(NotebookSave.relativePrefix(from: "/tmp", to: "/w/main") == "/w/main/")
        #expect(NotebookSave.relativePrefix(from: "/w/./main/../main", to: "/w/main") == "")
    }

    @Test func runPathsGetThePrefixEscaped() {
        let statements = [
            SavedStatement(source: "year 2020", output: "", baseDirectory: "/w/a{b}", runPathOffset: nil),
            SavedStatement(source: "run \"data/{fy}.evl\"", output: "", baseDirectory: "/w/a{b}", runPathOffset: 5),
            SavedStatement(source: "run \"/abs.evl\"", output: "", baseDirectory: "/w/a{b}", runPathOffset: nil),
        ]
        #expect(NotebookSave.statementsText(statements, savedIn: "/w/a{b}") == "year 2020\nrun \"data/{fy}.evl\"\nrun \"/abs.evl\"\n")
        #expect(NotebookSave.statementsText(statements, savedIn: "/w/out") == "year 2020\nrun \"../a{{b}}/data/{fy}.evl\"\nrun \"/abs.evl\"\n")
    }

    @Test func theRunPathOffsetIsFoundForRelativeLiteralsOnly() {
        var session = Session()
        _ = session.run(SourceFile(name: "t", text: "param fy = 2020\nlet root = \"/data\""))
        func offset(_ text: String) -> Int? {
            let file = SourceFile(name: "<input 1>", text: text)
            guard case .statement(let s)? = Parser.parse(file).first, case .run(let path) = s.kind else { return nil }
            return Shell.relativeRunPathOffset(path, statement: s, in: file, session: session)
        }
        #expect(offset("run \"a/{fy}.evl\"") == 5)
        #expect(offset("run  “数据.evl”") == 8)
        #expect(offset("run \"/a.evl\"") == nil)
        #expect(offset("run \"{root}/a.evl\"") == nil)
    }

    @Test func theNotebookRecordsEachStatementsOutput() {
        let statements = [
            SavedStatement(source: "year 2020", output: "", baseDirectory: "/", runPathOffset: nil),
            SavedStatement(source: "print \"a\", (\n 1)", output: "a 1", baseDirectory: "/", runPathOffset: nil),
            SavedStatement(source: "print \"x\\n\\ny  \"", output: "x\n\ny  ", baseDirectory: "/", runPathOffset: nil),
        ]
        let r = NotebookSave.build(statements, path: "/nowhere/s.evl", directory: "/", interrupt: { false })
        #expect(r.text == "year 2020\nprint \"a\", (\n 1)\n#> a 1\nprint \"x\\n\\ny  \"\n#> x\n#>\n#> y\n")
        #expect(r.differences.isEmpty)
        #expect(!r.interrupted)
        // A replay that differs from what the session showed is reported.
        var changed = statements
        changed[1].output = "a 2"
        #expect(NotebookSave.build(changed, path: "/nowhere/s.evl", directory: "/", interrupt: { false }).differences == ["print \"a\", ("])
    }

    @Test func writeAtomicallyReplacesAndKeepsTheMode() throws {
        let folder = NSTemporaryDirectory() + "evalshell-write-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/n.evl"
        try writeAtomically("one\n", to: path)
        chmod(path, 0o600)
        try writeAtomically("二\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "二\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["n.evl"])
        #expect(throws: FileWriteError.self) { try writeAtomically("x", to: folder + "/missing/n.evl") }
        #expect(throws: FileWriteError.self) { try writeAtomically("x", to: folder) }
    }
}
