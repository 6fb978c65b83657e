import Foundation
import Testing

/// A notebook that loads from PostgreSQL, through the built binary: its input header names the
/// source without the password and hashes the streamed data, so `test` tells changed data from
/// changed logic. Needs the tests' server (EVALSHELL_TEST_PG, started by tools/test.sh).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["EVALSHELL_TEST_PG"] != nil,
                             "EVALSHELL_TEST_PG is not set: no PostgreSQL server to test against (tools/test.sh starts one)"))
struct PostgresNotebookTests {
    let dir = ProcessInfo.processInfo.environment["EVALSHELL_TEST_PG"] ?? ""

    func psql(_ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-h", dir, "-U", "evalshell", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test func theHeaderRecordsTheSourceAndTestTellsChangedDataFromChangedLogic() throws {
        try psql("""
            drop table if exists notebook_pay; create table notebook_pay (项目编码 text, 支付金额 numeric, 支付日期 date);
            insert into notebook_pay values ('A1', 100.25, '2020-03-01'), ('A1', 0.75, '2020-03-01'), ('A1', 50, '2021-01-15')
            """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("pay.evl").path
        let uri = "postgresql://evalshell:not-needed@/postgres?host=\(dir)"
        try """
            year 2020
            unit 元
            project A1 "项目" budget 200元
            load payments from "\(uri)" table notebook_pay
            paid(A1)

            """.write(toFile: notebook, atomically: true, encoding: .utf8)
        let update = try Binary.run(["test", "--update", notebook])
        #expect(update.status == 0, "\(update.stderr)")
        let recorded = try String(contentsOfFile: notebook, encoding: .utf8)
        let header = recorded.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("#> input postgresql://evalshell:***@/postgres?host=\(dir) table notebook_pay sha256:"), "\(header)")
        #expect(recorded.contains("#> loaded 2 payments from notebook_pay\n"))
        #expect(recorded.contains("#> 101.00 元\n"))
        #expect(try Binary.run(["test", notebook]).status == 0)
        // The report shows the statement, with the password masked.
        let report = folder.appendingPathComponent("pay.md").path
        let render = try Binary.run(["render", notebook, "--to", "md", "-o", report])
        #expect(render.status == 0, "\(render.stderr)")
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.contains("postgresql://evalshell:***@/postgres") && !markdown.contains("not-needed"))

        // The data change: test says the inputs changed.
        try psql("insert into notebook_pay values ('A1', 9, '2020-04-01')")
        let changed = try Binary.run(["test", notebook])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("the inputs changed since the output was recorded") || changed.stderr.contains("the inputs changed since the output was recorded"),
                "\(changed.stdout)\(changed.stderr)")
        try psql("drop table notebook_pay")
    }
}

/// Without libpq, evalshell starts and runs as usual, and a load from a database says what to install.
@Suite struct PostgresLibraryMissingTests {
    @Test func aLoadFromADatabaseWithoutLibpqSaysInstallLibpq5() throws {
        let r = try Binary.run(["-c", "print 1 + 1\nload payments from \"postgresql://u:pw@/finance\" table treasury.payments"],
                               environment: ["EVALSHELL_LIBPQ": "/nonexistent/libpq.so.5"])
        #expect(r.status == 1)
        #expect(r.stdout == "2\n")
        #expect(r.stderr.contains("treasury.payments: the PostgreSQL client library (libpq.so.5) is not installed: install libpq5 (apt-get install libpq5)"), "\(r.stderr)")
        #expect(r.stderr.contains("postgresql://u:***@/finance") && !r.stderr.contains("u:pw@"))
    }

    @Test func inChineseTheMissingLibraryIsSaidInChinese() throws {
        let r = try Binary.run(["--lang", "zh", "-c", "load payments from \"postgresql://u:pw@/finance\" table treasury.payments"],
                               environment: ["EVALSHELL_LIBPQ": "/nonexistent/libpq.so.5"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("treasury.payments: 未安装 PostgreSQL 客户端库（libpq.so.5）：请安装 libpq5（apt-get install libpq5）（"), "\(r.stderr)")
        #expect(r.stderr.contains("postgresql://u:***@/finance") && !r.stderr.contains("u:pw@"))
    }
}
