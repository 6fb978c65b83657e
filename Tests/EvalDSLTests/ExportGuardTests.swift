import Testing
@testable import EvalDSL

/// What keeps `export` from losing files (issue 11, item 9), and the preview of writes that `render`
/// and `test` run notebooks in (item 12), on a memory file system.
@Suite struct ExportGuardTests {
    static func run(_ text: String, name: String = "/w/main.evl", files: any FileSystem) -> [String] {
        var s = Session()
        s.files = files
        let file = SourceFile(name: name, text: text)
        return s.run(file).map { $0.diagnostic.map { $0.renderRecorded(in: file) } ?? $0.text }
    }

    /// A `run` script is part of the run: its export after its own failure writes nothing, the
    /// failed `run` holds back the exports after it, and a failure before the `run` holds back
    /// the included script's exports, naming the script where it happened.
    @Test func includedScriptsArePartOfTheRun() {
        let files = MemoryFileSystem([
            "/w/inner.evl": Array("load projects from \"gone.csv\"\nexport projects columns id to \"inner.csv\"\n".utf8),
            "/w/exports.evl": Array("export projects columns id to \"from-run.csv\"\n".utf8),
        ])
        let out = Self.run("year 2020\nrun \"inner.evl\"\nexport projects columns id to \"after.csv\"\n", files: files)
        #expect(out[1].contains("`inner.evl` failed in 2 statements"))
        #expect(out[1].contains("/w/inner.evl:2:31: error[E513]: inner.csv not written: the `load` at line 1 failed"))
        #expect(out[2].hasPrefix("3:31: error[E513]: after.csv not written: the `run` at line 2 failed; fix it and run again"))
        let before = Self.run("year 2020\nnosuch\nrun \"exports.evl\"\n", files: files)
        #expect(before[2].contains("from-run.csv not written: the statement at line 2 of main.evl failed"), "\(before[2])")
        #expect(files.paths == ["/w/exports.evl", "/w/inner.evl"])
    }

    /// `startScript()` begins a new run: an earlier failure no longer holds back exports.
    @Test func startScriptForgetsEarlierFailures() {
        let files = MemoryFileSystem()
        var s = Session()
        s.files = files
        let first = SourceFile(name: "<input 1>", text: "year 2020\nproject a budget 1\nload payments from \"gone.csv\"\nexport projects to \"x.csv\"\n")
        #expect(s.run(first).last?.diagnostic?.kind.code == "E513")
        #expect(s.firstFailure == FailedStatement(keyword: "load", line: 3, file: "<input 1>"))
        s.startScript()
        #expect(s.run(SourceFile(name: "<input 2>", text: "export projects to \"x.csv\"\n")).first?.text == "exported 2 rows to x.csv")
        #expect(files.paths == ["x.csv"])
    }

    /// Writes are checked as the disk checks them, kept in memory for the rest of the run, and never
    /// reach the file system underneath.
    @Test func previewWithholdsWritesButAnswersAsIfWritten() throws {
        let base = MemoryFileSystem(["/w/old.csv": Array("old".utf8)])
        let preview = PreviewFileSystem(base)
        #expect(throws: FileError.exists) { try preview.writeAtomically(Array("new".utf8), to: "/w/old.csv", replace: false) }
        try preview.writeAtomically(Array("new".utf8), to: "/w/old.csv", replace: true)
        #expect(try preview.read("/w/old.csv") == Array("new".utf8))
        #expect(preview.status("/w/old.csv") == .file(size: 3))
        #expect(throws: FileError.failed("its folder does not exist")) { try preview.writeAtomically([], to: "/w/out/x.csv", replace: false) }
        try preview.makeFolders("/w/out")
        #expect(preview.status("/w/out") == .folder)
        try preview.writeAtomically([1], to: "/w/out/x.csv", replace: false)
        #expect(throws: FileError.failed("it is not a folder")) { try preview.makeFolders("/w/old.csv/sub") }
        #expect(throws: FileError.failed("it is a folder")) { try preview.writeAtomically([], to: "/w/out", replace: true) }
        #expect(preview.withheld == ["/w/old.csv", "/w/out/x.csv"])
        #expect(base.paths == ["/w/old.csv"] && base["/w/old.csv"] == Array("old".utf8))
        #expect(base.status("/w/out") == nil)
    }

    /// A notebook prints the same whether its exports are written or withheld.
    @Test func aNotebookPrintsTheSameWithWritesWithheld() {
        let text = """
            year 2020
            project a "甲" budget 100
            export projects columns id to "out/a.csv"
            export projects columns id to "out/a.csv"
            export projects columns id, budget to "out/a.csv"
            export projects where budget(it) > 1000 columns id to "out/a.csv" replace
            load projects from "out/a.csv"

            """
        let disk = MemoryFileSystem(["/w/main.evl": []])
        let written = Self.run(text, files: disk)
        let withheld = PreviewFileSystem(MemoryFileSystem(["/w/main.evl": []]))
        #expect(Self.run(text, files: withheld) == written)
        #expect(written[4].contains("out/a.csv exists already"))
        #expect(written[5].contains("not written: the table has no rows"))
        #expect(withheld.withheld == ["/w/out/a.csv"])
    }
}
