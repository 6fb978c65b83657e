import Foundation
import Synchronization
import Testing
@testable import EvalDSL

/// The session's one file system: a script that runs, loads and exports in memory touches no disk
/// and gives what it gives on disk; a policy sees and limits every access; a source of rows that is
/// no file loads like one.
@Suite struct FileSystemTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/data/2020").path

    /// A folder that does not exist on this machine: whatever the session writes there would show.
    static let root = "/evalshell-memory-\(UUID().uuidString)"

    static let setup = "year 2020\nunit 万元\nload projects from \"data/projects.xlsx\"\n"
    static let main = """
        run "setup.evl"
        load payments from "data/payments.csv"
        paid(projects)
        export projects where rate(it) < 50% columns id, name, rate to "out/low.csv"
        export projects columns id, paid to "out/paid.json"

        """

    /// The example data and the scripts, at `root` in a memory file system.
    static func memory() throws -> MemoryFileSystem {
        let disk = LocalFileSystem()
        return MemoryFileSystem([
            root + "/data/projects.xlsx": try disk.read(data + "/projects.xlsx"),
            root + "/data/payments.csv": try disk.read(data + "/payments-gb18030.csv"),
            root + "/setup.evl": Array(setup.utf8),
        ])
    }

    static func run(_ text: String, at folder: String, files: any FileSystem) -> (out: [String], session: Session) {
        var s = Session()
        s.files = files
        let file = SourceFile(name: folder + "/main.evl", text: text)
        let out = s.run(file).map { $0.diagnostic.map { $0.renderRecorded(in: file) } ?? $0.text }
        return (out, s)
    }

    @Test func aScriptRunsLoadsAndExportsInMemoryAsOnDisk() throws {
        let memory = try Self.memory()
        let (out, session) = Self.run(Self.main, at: Self.root, files: memory)
        #expect(!FileManager.default.fileExists(atPath: Self.root))
        #expect(memory.paths.contains(Self.root + "/out/low.csv"))
        #expect(memory.paths.contains(Self.root + "/out/paid.json"))
        #expect(out[1] == "loaded 400 payments from data/payments.csv\nnote: columns not used: 项目名称, 摘要")

        // The same script in a real folder: the same outputs and the same files, byte for byte.
        let dir = DataTest.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        for path in memory.paths where !path.contains("/out/") {
            DataTest.write(memory[path]!, to: dir + path.dropFirst(Self.root.count))
        }
        let (diskOut, diskSession) = Self.run(Self.main, at: dir, files: LocalFileSystem())
        #expect(out == diskOut)
        #expect(memory[Self.root + "/out/low.csv"] == DataTest.read(dir + "/out/low.csv"))
        #expect(memory[Self.root + "/out/paid.json"] == DataTest.read(dir + "/out/paid.json"))
        #expect(session.model.payments.count == diskSession.model.payments.count)

        // A notebook's input header hashes the files where the session read them.
        let notebook = NotebookRunner.run(Notebook(name: Self.root + "/main.evl", text: Self.main), session: { var s = Session(); s.files = memory; return s }())
        let onDisk = NotebookRunner.run(Notebook(name: dir + "/main.evl", text: Self.main))
        #expect(notebook.header.actual == onDisk.header.actual)
        #expect(notebook.header.actual.count == 3)
    }

    @Test func exportingTheSameResultAgainIsNoConflictInMemory() throws {
        let memory = try Self.memory()
        let first = Self.run(Self.main, at: Self.root, files: memory).out
        let again = Self.run(Self.main, at: Self.root, files: memory).out
        #expect(first == again)
        memory[Self.root + "/out/low.csv"] = Array("changed".utf8)
        let third = Self.run(Self.main, at: Self.root, files: memory).out
        #expect(third[3].hasPrefix("4:") && third[3].contains("error[") && third[3].contains("out/low.csv exists already"))
    }

    /// Every access, in order.
    final class Log: Sendable {
        let accesses = Mutex<[FileAccess]>([])
        var all: [FileAccess] { accesses.withLock { $0 } }
    }

    @Test func aPolicySeesEveryAccessAndRefusesWhatItDoesNotAllow() throws {
        let memory = try Self.memory()
        let log = Log()
        let root = Self.root
        let inside = GuardedFileSystem.inside([root + "/data", root + "/out"])
        let guarded = GuardedFileSystem(memory) { access in
            log.accesses.withLock { $0.append(access) }
            // Scripts may be read where they are; data only from data/, results only into out/.
            if access.mode == .read && access.path.hasSuffix(".evl") { return true }
            return inside(access)
        }
        let (out, _) = Self.run(Self.main + "export projects columns id to \"../elsewhere.csv\"\n", at: Self.root, files: guarded)
        #expect(out[5].contains("error[") && out[5].contains("cannot write ../elsewhere.csv: not allowed: the session may not write there"))
        #expect(!memory.paths.contains { $0.hasSuffix("elsewhere.csv") })
        let seen = Set(log.all.map(\.description))
        #expect(seen.isSuperset(of: [
            "read \(root)/setup.evl", "read \(root)/data/projects.xlsx", "read \(root)/data/payments.csv",
            "write \(root)/out/low.csv", "write \(root)/out/paid.json", "write \(root)/../elsewhere.csv",
        ]))
        #expect(log.all.allSatisfy { $0.path.hasPrefix(root + "/") })

        // A load outside the allowed folders never reaches the files.
        let (refused, _) = Self.run("load projects from \"setup.csv\"\n", at: Self.root, files: GuardedFileSystem(memory, allows: inside))
        #expect(refused[0].contains("setup.csv: cannot read the file: not allowed: the session may not read there"))
    }

    @Test func aWorkbookAndACSVReadFromMemoryAsFromDisk() throws {
        let memory = try Self.memory()
        for (name, kind, memoryPath) in [("projects.xlsx", LoadKind.projects, "/data/projects.xlsx"),
                                          ("payments-gb18030.csv", .payments, "/data/payments.csv")] {
            var options = LoadOptions(kind: kind, displayName: name)
            options.fiscalYear = 2020
            let model = try loadTable(path: Self.data + "/projects.xlsx", into: BudgetModel(), options: LoadOptions(kind: .projects, fiscalYear: 2020)).model
            let disk = try loadTable(path: Self.data + "/" + name, into: kind == .projects ? BudgetModel() : model, options: options)
            let mem = try loadTable(path: Self.root + memoryPath, into: kind == .projects ? BudgetModel() : model, options: options, files: memory)
            #expect(disk.lines == mem.lines)
            #expect(disk.model.projects == mem.model.projects)
            #expect(disk.model.payments.count == mem.model.payments.count)
        }
    }

    @Test func aMissingFileOrAFolderIsSaidSoInMemoryAsOnDisk() throws {
        let memory = try Self.memory()
        let (out, _) = Self.run("load projects from \"nothing.csv\"\nrun \"data\"\nload projects from \"data\"\n", at: Self.root, files: memory)
        let dir = DataTest.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        let (diskOut, _) = Self.run("load projects from \"nothing.csv\"\nrun \"data\"\nload projects from \"data\"\n", at: dir, files: LocalFileSystem())
        #expect(out == diskOut)
        #expect(out[0].contains("nothing.csv: cannot read the file: no such file"))
        #expect(out[1].contains("it is a directory"))
    }
}

/// A source of rows that is no file, as a database table will be: named for its problems, its
/// first row the column names.
struct TableRows: RowSource {
    var name: String
    var rows: [[String]]

    mutating func readRows<C: RowConsumer>(into consumer: inout C) throws(LoadError) -> RowSourceFacts {
        for (i, row) in rows.enumerated() {
            var arena: [UInt8] = [0]
            var starts: [Int] = [], ends: [Int] = []
            for cell in row {
                starts.append(arena.count)
                arena += Array(cell.utf8)
                ends.append(arena.count)
            }
            let kinds = [RowView.CellKind](repeating: .text, count: row.count)
            try arena.withUnsafeBufferPointer { (a) throws(LoadError) in
                try starts.withUnsafeBufferPointer { (s) throws(LoadError) in
                    try ends.withUnsafeBufferPointer { (e) throws(LoadError) in
                        try kinds.withUnsafeBufferPointer { (k) throws(LoadError) in
                            let view = RowView(number: i + 1, count: row.count, base: a.baseAddress!, starts: s.baseAddress!,
                                               ends: e.baseAddress!, kinds: k.baseAddress!, encoding: .utf8)
                            try consumer.consume(view, bytesRead: 0, totalBytes: nil)
                        }
                    }
                }
            }
        }
        return RowSourceFacts(format: .csv)
    }
}

@Suite struct RowSourceTests {
    @Test func aSourceThatIsNoFileLoadsWithTheSameRules() throws {
        var table = TableRows(name: "treasury.payments", rows: [
            ["project", "amount", "date"],
            ["XM001", "100.50", "2020-03-01"],
            ["XM002", "1,000", "2020-04-01"],
        ])
        let out = try loadTable(from: &table, into: DataTest.model(), options: LoadOptions(kind: .payments, mapping: [.id: "project", .amount: "amount", .date: "date"]))
        #expect(out.summary == "loaded 2 payments from treasury.payments")
        #expect(out.model.payments.count == 2)

        var bad = TableRows(name: "treasury.payments", rows: [
            ["项目编码", "支付金额", "支付日期"],
            ["XM001", "lots", "2020-03-01"],
            ["XM009", "5", "2020-13-01"],
        ])
        #expect(throws: LoadError(.rejected(problems: [
            LoadProblem(file: "treasury.payments", row: 2, column: "支付金额", reason: "`lots` is not a number"),
            LoadProblem(file: "treasury.payments", row: 3, column: "项目编码", reason: "unknown project `XM009` (declare it, or load the projects first)"),
            LoadProblem(file: "treasury.payments", row: 3, column: "支付日期", reason: "`2020-13-01` is not a date (write 2020-12-31, 2020/12/31, 2020年12月31日 or 20201231)"),
        ], more: 0, badRows: 2, rows: 2), file: "treasury.payments")) {
            try loadTable(from: &bad, into: DataTest.model(), options: LoadOptions(kind: .payments))
        }
    }
}
