import Foundation
import Testing

/// An analyst's exported files are never lost to a rerun that went wrong, and running someone
/// else's notebook writes nothing unless asked (issue 11, items 9 and 12).
@Suite struct ExportSafetyTests {
    static let script = """
        year 2020
        load projects from "data/projects.csv"
        export projects columns id, name, budget to "out/项目.csv" replace

        """

    /// `n` projects as a budget system exports them.
    static func projectsCSV(_ n: Int) -> String {
        var text = "项目编码,项目名称,资金来源,年初预算数（元）\n"
        for i in 0..<n { text += "XM\(100_000 + i),项目\(i),本级,\(1000 + i % 997).00\n" }
        return text
    }

    /// The reported case: last year's export of 8,962 rows, the data file gone, the script run again.
    @Test func rerunWithTheDataFileGoneKeepsLastYearsExport() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
        try Self.script.write(toFile: folder.path + "/yearly.evl", atomically: true, encoding: .utf8)
        try Self.projectsCSV(8962).write(toFile: folder.path + "/data/projects.csv", atomically: true, encoding: .utf8)
        let first = try Binary.run(["run", folder.path + "/yearly.evl"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("exported 8,963 rows to out/项目.csv"), "\(first.stdout)")
        let export = folder.path + "/out/项目.csv"
        let lastYear = try Data(contentsOf: URL(fileURLWithPath: export))

        try FileManager.default.removeItem(atPath: folder.path + "/data/projects.csv")
        let again = try Binary.run(["run", folder.path + "/yearly.evl"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("error[E513]: out/项目.csv not written: the `load` at line 2 failed; fix it and run again"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: export)) == lastYear)

        // The data file back but empty (a broken download): the load succeeds with no rows, and
        // `replace` still does not put an empty table over last year's file.
        try "项目编码,项目名称,资金来源,年初预算数（元）\n".write(toFile: folder.path + "/data/projects.csv", atomically: true, encoding: .utf8)
        let empty = try Binary.run(["run", folder.path + "/yearly.evl"])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("out/项目.csv not written"), "\(empty.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: export)) == lastYear)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out") == ["项目.csv"])
    }

    /// `evalshell run a.evl b.evl` is one run: b's export after a's failed load writes nothing.
    @Test func aFailureInAnEarlierFileOfTheSameRunHoldsBackExports() throws {
        let folder = try TemporaryFolder()
        try "year 2020\nload projects from \"gone.csv\"\n".write(toFile: folder.path + "/a.evl", atomically: true, encoding: .utf8)
        try "export projects columns id to \"out.csv\"\n".write(toFile: folder.path + "/b.evl", atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", folder.path + "/a.evl", folder.path + "/b.evl"])
        #expect(r.stderr.contains("out.csv not written: the `load` at line 2 of a.evl failed"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.csv"))
    }

    static let notebook = """
        year 2020
        project a "甲" budget 100
        project b "乙" budget 50
        export projects columns id, budget to "out/list.csv" replace
        #> exported 3 rows to out/list.csv

        """

    /// `render` and `test` of a notebook that exports with `replace` leave the file as it was, and
    /// print what they would have written; with `--write-exports` they write it.
    @Test(arguments: [["render", "--to", "md"], ["test"], ["test", "--update"]])
    func notebooksWriteExportsOnlyWhenAsked(_ command: [String]) throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: true)
        let nb = folder.path + "/nb.evl"
        try Self.notebook.write(toFile: nb, atomically: true, encoding: .utf8)
        let old = "编号,预算\n去年的,8962\n"
        try old.write(toFile: folder.path + "/out/list.csv", atomically: true, encoding: .utf8)

        let looked = try Binary.run([command[0], nb] + command.dropFirst())
        #expect(looked.status == 0, "\(looked.stdout)\(looked.stderr)")
        #expect(looked.stderr == "evalshell: \(nb): not written (pass --write-exports to write): \(folder.path)/out/list.csv\n")
        if command[0] == "render" { #expect(looked.stdout.contains("exported 3 rows to out/list.csv")) }
        #expect(try String(contentsOfFile: folder.path + "/out/list.csv", encoding: .utf8) == old)
        #expect(try String(contentsOfFile: nb, encoding: .utf8) == Self.notebook)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out") == ["list.csv"])

        let written = try Binary.run([command[0], nb, "--write-exports"] + command.dropFirst())
        #expect(written.status == 0, "\(written.stdout)\(written.stderr)")
        #expect(written.stderr == "")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/list.csv"))
        #expect(bytes.starts(with: Data("\u{FEFF}编号,预算(万元)\r\na,100.00\r\n".utf8)))
        #expect(try String(contentsOfFile: nb, encoding: .utf8) == Self.notebook)
    }

    /// At the prompt each input (and each `:load`) is a run of its own: a load that failed earlier
    /// does not hold back an export typed after it, though one in the same `:load`ed script does.
    @Test func atThePromptAFailureHoldsBackOnlyItsOwnInput() throws {
        let folder = try TemporaryFolder()
        try "load payments from \"gone.csv\"\nexport projects columns id to \"second.csv\"\n".write(toFile: folder.path + "/s.evl", atomically: true, encoding: .utf8)
        let sh = try ShellProcess(directory: folder.path)
        try sh.enter("year 2020")
        try sh.enter("project a \"甲\" budget 100")
        let loaded = try sh.enter(":load s.evl")
        #expect(loaded.output.contains("second.csv not written: the `load` at line 1 failed"), "\(loaded.output)")
        let failed = try sh.enter("load payments from \"gone.csv\"")
        #expect(failed.output.contains("error[E512]"))
        try sh.expect("export projects columns id to \"first.csv\"", gives: "exported 1 row to first.csv\n")
        try sh.quit()
        #expect(FileManager.default.fileExists(atPath: folder.path + "/first.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/second.csv"))
    }
}
