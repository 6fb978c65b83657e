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

    @Test func namesInBackquotes() {
        let ids = CompletionContext(names: ["2020-001", "2020-002", "110101", "archive"], projects: ["2020-001", "2020-002", "110101", "archive"])
        let c = ShellCompletion.complete("rate(`2020-0", in: ids)
        #expect(c.word == "2020-0")
        #expect(c.candidates == ["2020-001", "2020-002"])
        #expect(c.endings["2020-001"] == "`")
        #expect(ShellCompletion.complete("pay `11", in: ids).candidates == ["110101"])
        // A closed pair is done with: back to ordinary names.
        #expect(ShellCompletion.complete("rate(`2020-001`) + rate(arch", in: ids).candidates == ["archive"])
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

    @Test func theWordsOfLoadAndExport() {
        #expect(complete("load pa").candidates == ["payments"])
        #expect(complete("load pa").endings == ["payments": " "])
        #expect(complete("load payments f").endings == ["from": " \""])
        #expect(complete("load payments from \"p.csv\" ").candidates == ["columns", "encoding", "sheet", "skip", "unit"])
        #expect(complete("load payments from \"p.csv\" encoding gb18030 un").candidates == ["unit"])
        #expect(complete("load payments from \"p.csv\" encoding gb18030 ").candidates == ["columns", "sheet", "skip", "unit"])
        #expect(complete("load payments from \"p.csv\" encoding g").candidates == ["gb18030"])
        #expect(complete("load payments from \"p.csv\" unit ").candidates == ["万元", "元"])
        #expect(complete("load payments from \"postgresql:///finance\" ").candidates == ["query", "table"])
        #expect(complete("load payments from \"postgresql:///finance\" ta").candidates == ["table"])
        #expect(complete("load payments from \"p.csv\" sk").endings == ["skip": " bad rows"])
        #expect(complete("export 本级 ").candidates == ["columns", "to"])
        #expect(complete("export 本级 t").endings == ["to": " \""])
        #expect(complete("export 本级 columns id, na").candidates == ["name"])
        #expect(complete("export 本").candidates == ["本级"])
    }

    @Test func kindsOfFundsAfterFunds() {
        #expect(complete("pay archive 10 on 2020-05-01 funds 上年").candidates == ["上年结转资金"])
        #expect(complete("rate(archive, funds: 财政").candidates == ["当年财政拨款", "财政资金", "财政专户管理资金"])
        #expect(complete("project p budget 10 funds 当年财政拨款 8, carr").candidates == ["上年结转资金"])
    }

    @Test func nothingInsideStringsAndComments() {
        #expect(complete("print \"档案").candidates.isEmpty)
        #expect(complete("rate(archive) # ar").candidates.isEmpty)
        // A closed string is code again.
        #expect(complete("print \"x\", ar").candidates == ["archive", "arrival"])
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
        #expect(inRun.endings["2020预算.evl"] == "\" ")
        #expect(ShellCompletion.complete(":save \"数据/", in: c).endings["2020预算.evl"] == "\"")
        #expect(ShellCompletion.complete(":load 数据/", in: c).endings["2020预算.evl"] == "")
        #expect(ShellCompletion.complete(":load .h", in: c).candidates == [".hidden"])
        #expect(ShellCompletion.complete(":load " + folder + "/数", in: c).candidates == ["数据/"])
        // load … from "…" and export … to "…" take paths too, closed by a quote and a space.
        let inLoad = ShellCompletion.complete("load payments from \"数据/2", in: c)
        #expect(inLoad.candidates == ["2020预算.evl"])
        #expect(inLoad.endings["2020预算.evl"] == "\" ")
        #expect(ShellCompletion.complete("export 本级 columns id, name to \"数据/2", in: c).candidates == ["2020预算.evl"])
        #expect(ShellCompletion.complete("load payments from \"p.csv\" sheet \"数", in: c).candidates.isEmpty)
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

    /// A password typed into a database URI never reaches the history, in memory or on disk.
    @Test func aPasswordInADatabaseURIIsMaskedInTheHistory() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }
        var h = HistoryStore(url: url, limit: 10)
        #expect(h.add("load payments from \"postgresql://analyst:s3cret@/finance\" table pay") == "load payments from \"postgresql://analyst:***@/finance\" table pay")
        #expect(h.save() == nil)
        #expect(try !String(contentsOf: url, encoding: .utf8).contains("s3cret"))
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

    static func statement(_ source: String) -> SavedStatement {
        SavedStatement(source: source, output: "", baseDirectory: "/w/a{b}", relativePath: nil)
    }

    @Test func pathsGetThePrefixEscapedAndPrintedPathsFollow() {
        let statements = [
            Self.statement("year 2020"),
            SavedStatement(source: "run \"data/{fy}.evl\"", output: "", baseDirectory: "/w/a{b}",
                           relativePath: .init(path: "data/2020.evl", offset: 5, printed: false)),
            Self.statement("run \"/abs.evl\""),
            SavedStatement(source: "load payments from \"p.csv\" skip bad rows", output: "loaded 3 payments from p.csv (1 row skipped: p.csv:4)",
                           baseDirectory: "/w/a{b}", relativePath: .init(path: "p.csv", offset: 20, printed: true)),
        ]
        #expect(NotebookSave.text(statements, savedIn: "/w/a{b}") == """
            year 2020
            run "data/{fy}.evl"
            run "/abs.evl"
            load payments from "p.csv" skip bad rows
            #> loaded 3 payments from p.csv (1 row skipped: p.csv:4)

            """)
        #expect(NotebookSave.text(statements, savedIn: "/w/out") == """
            year 2020
            run "../a{{b}}/data/{fy}.evl"
            run "/abs.evl"
            load payments from "../a{{b}}/p.csv" skip bad rows
            #> loaded 3 payments from ../a{b}/p.csv (1 row skipped: ../a{b}/p.csv:4)

            """)
    }

    @Test func pathsIntoTheSavedFilesFolderBecomeShort() {
        let export = SavedStatement(source: "export projects to \"out/x.csv\"", output: "exported 2 rows to out/x.csv", baseDirectory: "/w",
                                    relativePath: .init(path: "out/x.csv", offset: 20, printed: true, folders: "out/"))
        #expect(NotebookSave.text([export], savedIn: "/w/out") == "export projects to \"x.csv\"\n#> exported 2 rows to x.csv\n")
        #expect(NotebookSave.text([export], savedIn: "/w") == "export projects to \"out/x.csv\"\n#> exported 2 rows to out/x.csv\n")
        #expect(NotebookSave.text([export], savedIn: "/w/data") == "export projects to \"../out/x.csv\"\n#> exported 2 rows to ../out/x.csv\n")
    }

    @Test func aPrintedPathIsReplacedOnlyWhereItStandsAlone() {
        #expect(NotebookSave.replacingPath("a.csv", with: "../a.csv", in: "exported 2 rows to a.csv") == "exported 2 rows to ../a.csv")
        #expect(NotebookSave.replacingPath("a.csv", with: "../a.csv", in: "a.csv: data.csv, xa.csv") == "../a.csv: data.csv, xa.csv")
        #expect(NotebookSave.replacingPath("p", with: "../p", in: "loaded 1 projects from p\np") == "loaded 1 projects from ../p\n../p")
    }

    @Test func theRelativePathIsFoundForStringsWithARelativeValueOnly() {
        var session = Session()
        _ = session.run(SourceFile(name: "t", text: "param fy = 2020\nlet root = \"/data\""))
        func relative(_ text: String) -> SavedStatement.RelativePath? {
            let file = SourceFile(name: "<input 1>", text: text)
            return Shell.relativePath(of: Parser.parse(file)[0], in: file, session: session)
        }
        #expect(relative("run \"a/{fy}.evl\"") == .init(path: "a/2020.evl", offset: 5, printed: false, folders: "a/"))
        #expect(relative("run \"a/b/{fy}/c.evl\"")?.folders == "a/b/")
        #expect(relative("run \"../数据/c.evl\"")?.folders == "../数据/")
        #expect(relative("run  “数据.evl”")?.offset == 8)
        #expect(relative("run \"/a.evl\"") == nil)
        #expect(relative("run \"{root}/a.evl\"") == nil)
        #expect(relative("load payments from \"p.csv\" skip bad rows") == .init(path: "p.csv", offset: 20, printed: true))
        #expect(relative("export projects to \"out/x.csv\" replace") == .init(path: "out/x.csv", offset: 20, printed: true, folders: "out/"))
        #expect(relative("print \"a.csv\"") == nil)
    }

    @Test func theNotebookRecordsEachStatementsOutputAndReplays() throws {
        let folder = NSTemporaryDirectory() + "evalshell-save-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "project a budget 10\nprint \"已读入\"\n".write(toFile: folder + "/data/a.evl", atomically: true, encoding: .utf8)
        // A session in `folder`, as the shell keeps it.
        var session = Session()
        var statements: [SavedStatement] = []
        for (k, text) in ["year 2020", "run \"data/a.evl\"", "print \"a\", (\n 1)", "print \"x\\n\\ny  \"", "budget(a)"].enumerated() {
            let file = SourceFile(name: folder + "/<input \(k + 1)>", text: text)
            let item = Parser.parse(file)[0]
            let relative = Shell.relativePath(of: item, in: file, session: session)
            let before = session.inputs
            let r = session.execute(item, in: file)
            #expect(r.diagnostic == nil)
            statements.append(SavedStatement(source: text, output: r.text, baseDirectory: folder, relativePath: relative,
                                             inputs: session.inputs.filter { before[$0.key] != $0.value }.map { .init(key: $0.key, file: $0.value) }))
        }
        for (name, saved) in [("s.evl", folder), ("out/s.evl", folder + "/out")] {
            let text = NotebookSave.text(statements, savedIn: saved)
            #expect(text.hasPrefix("#> input \(name == "s.evl" ? "" : "../")data/a.evl sha256:"))
            #expect(text.hasSuffix("print \"a\", (\n 1)\n#> a 1\nprint \"x\\n\\ny  \"\n#> x\n#>\n#> y\nbudget(a)\n#> 10.00 万元\n"))
            // What `evalshell test` does with it.
            try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: true)
            let replay = NotebookRunner.run(Notebook(name: folder + "/" + name, text: text))
            #expect(replay.passed, "\(name): \(replay.entries.filter { $0.status != .matches }) \(replay.header)")
        }
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
