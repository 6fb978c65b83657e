import Foundation
import Testing

/// The built binary, run as a user runs it: whole output and exit status.
@Suite struct CommandTests {
    @Test func the2020AnalysisPrintsTheWholeAudit() throws {
        let r = try Binary.run(["run", "scripts/2020-organization-dept.evl"])
        #expect(r.stdout == (try Binary.expected("2020-organization-dept.stdout")))
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

/// Every analysis under scripts/ is a regression check: it runs clean and prints exactly what was reviewed.
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
    func scriptPrintsItsReviewedOutput(_ name: String) throws {
        let r = try Binary.run(["run", "scripts/\(name)"])
        let expectedName = String(name.dropLast(4)) + ".stdout"
        #expect(r.stdout == (try Binary.expected(expectedName)))
        #expect(r.status == 0, "\(r.stderr)")
    }
}
