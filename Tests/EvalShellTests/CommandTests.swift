import Foundation
import Testing

/// The built binary, run as a user runs it: whole output and exit status.
@Suite struct CommandTests {
    @Test func the2020AnalysisPrintsTheWholeAudit() throws {
        let r = try Binary.run(["run", "scripts/2020-organization-dept.evl"])
        // Everything it prints is what the notebook records under its statements.
        #expect(r.stdout == (try Binary.recordedOutput("scripts/2020-organization-dept.evl")))
        #expect(r.stderr == "checks: 17 passed, 7 known findings, 0 failed\n")
        #expect(r.status == 0)
    }

    @Test func theAnalysisIsByteIdenticalAcrossRunsAndLocales() throws {
        let a = try Binary.run(["run", "scripts/2020-organization-dept.evl"], environment: ["LC_ALL": "C"])
        let b = try Binary.run(["run", "scripts/2020-organization-dept.evl"], environment: ["LC_ALL": "de_DE.UTF-8", "LANG": "zh_CN.UTF-8"])
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("3,265.42 万元"))
    }

    @Test func dashCRunsStatements() throws {
        let r = try Binary.run(["-c", "year 2020\nunit 万元\nvariance(2379.61, 3265.21)"])
        #expect(r.stdout == "37.22%\n")
        #expect(r.stderr == "")
        #expect(r.status == 0)
    }

    @Test func errorsShowFileLineColumnAndCaretAndFailTheRun() throws {
        let r = try Binary.run(["-c", "project archive \"档案\" budget 200\nrate(archiv)\n1 + 1"])
        #expect(r.stdout == "2\n")
        #expect(r.stderr == """
        -c:2:6: error[E301]: unknown name `archiv`
         2 | rate(archiv)
           |      ^~~~~~
        hint: did you mean `archive` (declared at line 1)?
        1 statement failed

        """)
        #expect(r.status == 1)
    }

    @Test func failedCheckFailsTheRunAndSaysHowMany() throws {
        let r = try Binary.run(["-c", "check 1 + 1 = 3\ncheck 2 = 2"])
        #expect(r.stdout == "✗ 1 + 1 = 3 — computed 2, claimed 3, difference -1\n✓ 2 = 2\n")
        #expect(r.stderr == "checks: 1 passed, 1 failed\n")
        #expect(r.status == 1)
    }

    @Test func scriptOnStandardInput() throws {
        let r = try Binary.run([], stdin: "year 2020\nunit 元\n885600元\n")
        #expect(r.stdout == "885,600.00 元\n")
        #expect(r.status == 0)
    }

    @Test func severalFilesShareOneSession() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "year 2020\nproject a budget 10\n".write(to: dir.appendingPathComponent("data.evl"), atomically: true, encoding: .utf8)
        try "pay a 2.5 on 2020-06-30\nrate(a)\n".write(to: dir.appendingPathComponent("analysis.evl"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["run", dir.appendingPathComponent("data.evl").path, dir.appendingPathComponent("analysis.evl").path])
        #expect(r.stdout == "25.00%\n")
        #expect(r.status == 0)
    }

    @Test func unreadableFileIsAUsageError() throws {
        let r = try Binary.run(["run", "no/such/file.evl"])
        #expect(r.stderr == "evalshell: no/such/file.evl: No such file or directory\n")
        #expect(r.status == 2)
    }

    @Test func badUsageExitsTwo() throws {
        let r = try Binary.run(["--frobnicate"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--frobnicate"))
    }

    @Test func helpAndVersion() throws {
        let h = try Binary.run(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE: evalshell"))
        #expect(h.stdout.contains("run"))
        let v = try Binary.run(["--version"])
        #expect(v.stdout == "0.1.0\n")
        #expect(v.status == 0)
    }
}

/// Every notebook under scripts/ is a regression check: replayed, its output must match what it records.
@Suite struct ScriptTests {
    static var scripts: [String] {
        let dir = Binary.packageRoot.appendingPathComponent("scripts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".evl") }.sorted()
    }

    @Test func thereAreScripts() {
        #expect(!ScriptTests.scripts.isEmpty)
    }

    @Test(arguments: ScriptTests.scripts)
    func notebookReplaysAsRecorded(_ name: String) throws {
        let r = try Binary.run(["test", "scripts/\(name)"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout == "1 passed, 0 failed\n", "\(r.stdout)")
    }
}

/// `evalshell test`: a changed figure fails with a readable diff, `--update` restores it byte-exactly.
@Suite struct NotebookCommandTests {
    func tempCopy(of path: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let dest = dir.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent(path), to: dest)
        return dest
    }

    @Test func changedFigureFailsAndUpdateRestoresByteExactly() throws {
        let copy = try tempCopy(of: "scripts/2020-organization-dept.evl")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let original = try Data(contentsOf: copy)
        // The report's own-level budget, edited: 339.57 → 339.75.
        let text = String(decoding: original, as: UTF8.self)
        let edited = text.replacingOccurrences(of: "total 本级 budget 339.57 paid 123.63", with: "total 本级 budget 339.75 paid 123.63")
        #expect(edited != text)
        try edited.write(to: copy, atomically: true, encoding: .utf8)

        let failing = try Binary.run(["test", copy.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.hasSuffix("0 passed, 1 failed\n"))
        #expect(failing.stdout.contains("""
        --- recorded
        +++ actual
        @@ -1,2 +1,2 @@
        -✗ 本级执行率: rate(本级) = 37.29% — computed 36.41%, claimed 37.29%, difference -0.88 pp  [known finding]
        +✗ 本级执行率: rate(本级) = 37.29% — computed 36.39%, claimed 37.29%, difference -0.90 pp  [known finding]
           finding: 123.63 ÷ 339.57 = 36.41%；执行率37.29%对应的支出应为126.63（疑将3误作6）
        """))
        #expect(failing.stdout.contains(":92: output differs\n"))

        // Restore the figure; the recorded output was never touched, so the file is the original again.
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let passing = try Binary.run(["test", copy.path])
        #expect(passing.stdout == "1 passed, 0 failed\n")
        #expect(passing.status == 0)

        // Update with the edit in place, then undo the edit and update again: byte-exact round trip.
        try edited.write(to: copy, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["test", "--update", copy.path]).status == 0)
        #expect(try Binary.run(["test", copy.path]).status == 0)
        try String(decoding: try Data(contentsOf: copy), as: UTF8.self)
            .replacingOccurrences(of: "total 本级 budget 339.75 paid 123.63", with: "total 本级 budget 339.57 paid 123.63")
            .write(to: copy, atomically: true, encoding: .utf8)
        let restored = try Binary.run(["test", "--update", copy.path])
        #expect(restored.stdout == "updated \(copy.path)\n1 passed, 0 failed\n")
        #expect(try Data(contentsOf: copy) == original)
    }

    @Test func updateOnUnchangedNotebookDoesNotWrite() throws {
        let copy = try tempCopy(of: "scripts/2020-organization-dept.evl")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let before = try FileManager.default.attributesOfItem(atPath: copy.path)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        let r = try Binary.run(["test", "--update", copy.path])
        #expect(r.stdout == "1 passed, 0 failed\n")
        let after = try FileManager.default.attributesOfItem(atPath: copy.path)[.modificationDate] as? Date
        #expect(before == after)
    }

    @Test func missingNotebookIsAUsageError() throws {
        let r = try Binary.run(["test", "no/such.evl"])
        #expect(r.status == 2)
    }

    @Test func severalNotebooksReportInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-nbs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("a.evl", "1 + 1\n#> 2\n"), ("b.evl", "2 + 2\n#> 5\n"), ("c.evl", "3\n#> 3\n"), ("notes.txt", "x")] {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let r = try Binary.run(["test", dir.path])
        #expect(r.stdout == """
        \(dir.path)/b.evl: the inputs are unchanged: the same inputs give a different result
        \(dir.path)/b.evl:1: output differs
        --- recorded
        +++ actual
        @@ -1,1 +1,1 @@
        -5
        +4
        2 passed, 1 failed

        """)
        #expect(r.status == 1)
    }
}
