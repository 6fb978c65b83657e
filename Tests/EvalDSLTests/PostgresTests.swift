import Foundation
import Testing
@testable import EvalDSL

/// The tests' PostgreSQL server (tools/pg-servers.sh, started by tools/test.sh): its socket folder in
/// EVALSHELL_TEST_PG. The database `evalshell_test` is made afresh once per test run.
enum PG {
    static let dir = ProcessInfo.processInfo.environment["EVALSHELL_TEST_PG"]
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var uri: String { "postgresql://evalshell@/evalshell_test?host=\(dir ?? "")" }

    /// Runs `sql` with psql as `evalshell`; its output.
    @discardableResult
    static func psql(_ sql: String, database: String = "evalshell_test", host: String? = nil, port: Int = 5432) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-h", host ?? dir ?? "", "-p", String(port), "-U", "evalshell", "-d", database, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        p.currentDirectoryURL = root
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw PGSetupFailed(sql: sql) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fixtures: the example data of 2020 (scripts/data/2020) as tables, and small broken tables.
    static let ready: Bool = {
        do {
            try psql("drop database if exists evalshell_test; create database evalshell_test", database: "postgres")
            try psql("""
            create schema treasury;
            create table treasury.payments (项目编码 text, 项目名称 text, "支付金额（元）" numeric(18,2), 支付日期 date, 摘要 text);
            set client_encoding = 'GB18030';
            \\copy treasury.payments from 'scripts/data/2020/payments-gb18030.csv' with (format csv, header)
            reset client_encoding;
            create table 项目库 (项目编码 text, 项目名称 text, 资金来源 text, 支出类别 text, "年初预算数（元）" text,
                                 "调整后预算数（元）" text, 自评等级 text, 标签 text);
            \\copy 项目库 from 'scripts/data/2020/projects.csv' with (format csv, header)
            alter table 项目库 add column 年度 int default 2020;
            insert into 项目库 select 项目编码 || '-2019', 项目名称, 资金来源, 支出类别, "年初预算数（元）", "调整后预算数（元）", 自评等级, 标签, 2019 from 项目库;
            create table treasury.nulls (项目编码 text, 支付金额 numeric, 支付日期 date);
            insert into treasury.nulls values ('XM00001', 100, '2020-03-01'), ('XM00001', null, '2020-03-02'),
                (null, 5, '2020-03-03'), ('XM00002', 7, null), ('XM00001', 1, '2020-03-01');
            create table treasury.bad (项目编码 text, 支付金额 numeric, 支付日期 timestamp);
            insert into treasury.bad values ('XM00001', 100, '2020-03-01 10:00'), ('XM00099', 5, '2020-03-03 09:00'),
                ('XM00002', 7, '2025-01-01 00:00');
            create table treasury.odd (code text, "amt (万元)" numeric, day timestamp);
            insert into treasury.odd values ('XM00001', 1.5, '2020-05-01 10:00'), ('XM00001', 0.25, '2020-05-01 12:00');
            create table treasury.floats (项目编码 text, 支付金额 float8, 支付日期 date);
            create table treasury.changing (项目编码 text, 支付金额 numeric, 支付日期 date);
            insert into treasury.changing values ('XM00001', 1.5, '2020-05-01');
            grant select on all tables in schema treasury to secret;
            grant usage on schema treasury to secret;
            """)
            return true
        } catch {
            return false
        }
    }()

    /// A recorded diagnostic without its `line:column: `, which depends on the socket folder's length.
    static func message(_ text: String) -> String {
        guard let r = text.range(of: ": ") else { return text }
        return String(text[r.upperBound...])
    }

    /// The output of each statement of `text` run in one session (a diagnostic as the notebook records it).
    static func run(_ text: String, in session: inout Session) -> [(source: String, output: String)] {
        let file = SourceFile(name: "test.evl", text: text)
        return Parser.parse(file).map { item in
            let r = session.execute(item, in: file)
            return (String(file.slice(r.range)), r.diagnostic.map { $0.renderRecorded(in: file) } ?? r.text)
        }
    }
}

struct PGSetupFailed: Error { var sql: String }

@Suite(.serialized, .enabled(if: PG.dir != nil, "EVALSHELL_TEST_PG is not set: no PostgreSQL server to test against (tools/test.sh starts one)"))
struct PostgresTests {
    init() { #expect(PG.ready, "the fixtures could not be made in the test server") }

    /// The yearly analysis of scripts/ with its data from the database gives every figure the files give.
    @Test func theSameDataFromCSVAndFromPostgreSQLGivesTheSameFigures() throws {
        let script = try String(contentsOf: PG.root.appendingPathComponent("scripts/district-finance-yearly.evl"), encoding: .utf8)
        var body = script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#>") && !$0.hasPrefix("load ") && !$0.hasPrefix("export ") }.joined(separator: "\n")
        // Every project's figures too, and the payments after the year, month by month.
        body += """

        table projects columns id, name, source, budget, paid, rate, grade
        print paid(区财政局, in: 2021-01), paid(区财政局, in: 2021-02), paid(区财政局, by: 2020-06-15)
        """
        let data = PG.root.appendingPathComponent("scripts/data/2020").path
        let files = """
        year 2020
        load projects from "\(data)/projects.csv"
        load payments from "\(data)/payments-gb18030.csv"
        """
        let database = """
        year 2020
        load projects from "\(PG.uri)" query "select * from 项目库 where 年度 = {fy}"
        load payments from "\(PG.uri)" table treasury.payments
        """
        var a = Session(), b = Session()
        let fromFiles = PG.run(files + "\n" + body, in: &a)
        let fromDatabase = PG.run(database + "\n" + body, in: &b)
        #expect(fromDatabase[1].output == """
            loaded 40 projects from query
            note: columns not used: 年度
            note: 9 projects' 调整后预算 differs from 年初预算: the difference is one adjustment dated 2020-12-31
            """)
        #expect(fromDatabase[2].output == """
            loaded 396 payments from treasury.payments
            note: the server summed the payments per project and day, dated 2020-01-01 to 2021-12-31 (the fiscal year and the next)
            """)
        #expect(fromFiles.count == fromDatabase.count)
        var compared = 0
        for (x, y) in zip(fromFiles.dropFirst(3), fromDatabase.dropFirst(3)) {
            #expect(x.source == y.source)
            #expect(x.output == y.output, "\(x.source)")
            if !x.output.isEmpty { compared += 1 }
        }
        #expect(compared >= 12)
    }

    /// The notebook's input header: the source without password, and the hash of what streamed,
    /// which changes with the data and only then.
    @Test func theInputHeaderRecordsTheSourceAndAHashOfTheData() throws {
        var s = Session()
        let load = "year 2020\nload projects from \"\(PG.uri)\" query \"select * from 项目库 where 年度 = {fy}\"\nload payments from \"\(PG.uri)\" table treasury.changing"
        _ = PG.run(load, in: &s)
        let keys = Array(s.inputs.keys)
        #expect(keys == ["\(PG.uri) query select * from 项目库 where 年度 = 2020", "\(PG.uri) table treasury.changing"])
        let first = s.inputs["\(PG.uri) table treasury.changing"]!.hash()
        #expect(first.count == 64)
        var again = Session()
        _ = PG.run(load, in: &again)
        #expect(again.inputs["\(PG.uri) table treasury.changing"]!.hash() == first)
        try PG.psql("insert into treasury.changing values ('XM00002', 2, '2020-06-01')")
        var changed = Session()
        _ = PG.run(load, in: &changed)
        #expect(changed.inputs["\(PG.uri) table treasury.changing"]!.hash() != first)
        try PG.psql("delete from treasury.changing where 项目编码 = 'XM00002'")
    }

    @Test func badRowsAreNamedByTableRowAndColumn() {
        var s = Session()
        let out = PG.run("""
            year 2020
            load projects from "\(PG.uri)" query "select * from 项目库 where 年度 = {fy}"
            load payments from "\(PG.uri)" table treasury.bad
            load projects from "\(PG.uri)" query "select 'XM90001' as 项目编码, 'lots' as 年初预算"
            """, in: &s)
        // The 2025 payment is outside the window the server sums (2020 and 2021): not a row at all.
        #expect(PG.message(out[2].output) == """
            error[E512]: treasury.bad: 1 of 2 rows are bad; nothing was loaded
            note: treasury.bad:3:项目编码: unknown project `XM00099` (declare it, or load the projects first)
            """)
        #expect(PG.message(out[3].output) == """
            error[E512]: query: 1 of 1 rows are bad; nothing was loaded
            note: query:2:年初预算: `lots` is not a number
            """)
    }

    /// Columns named by the statement, a unit in a column's name, timestamps summed per day.
    @Test func columnsAreMatchedAndUnitsReadAsForAFile() {
        var s = Session()
        let out = PG.run("""
            year 2020
            unit 元
            load projects from "\(PG.uri)" query "select * from 项目库 where 年度 = {fy}"
            load payments from "\(PG.uri)" table treasury.odd columns id = "code", amount = "amt (万元)", date = "day"
            paid(XM00001, in: 2020-05-01)
            load payments from "\(PG.uri)" table treasury.odd
            """, in: &s)
        #expect(out[3].output.hasPrefix("loaded 1 payment from treasury.odd\n"))
        #expect(out[4].output == "17,500.00 元")
        #expect(PG.message(out[5].output) == "error[E512]: treasury.odd: no column for 支付金额 (a header such as 支付金额, 实际支付, 实际支付金额, 支出金额); 支付日期 (a header such as 支付日期, 付款日期, 实际支付日期, 日期); the columns found are: code, amt (万元), day")
    }

    @Test func nullsAreEmptyCellsAndBadRows() {
        var s = Session()
        let out = PG.run("""
            year 2020
            unit 元
            load projects from "\(PG.uri)" query "select * from 项目库 where 年度 = {fy}"
            load payments from "\(PG.uri)" table treasury.nulls
            load payments from "\(PG.uri)" table treasury.nulls skip bad rows
            print paid(XM00001)
            """, in: &s)
        // Sorted by project and day, NULLs last: a NULL amount makes its day's sum NULL.
        #expect(PG.message(out[3].output) == """
            error[E512]: treasury.nulls: 3 of 4 rows are bad; nothing was loaded
            note: treasury.nulls:3:支付金额: no amount
            note: treasury.nulls:4:支付日期: no date
            note: treasury.nulls:5:项目编码: no project id
            """)
        #expect(out[4].output == """
            loaded 1 payment from treasury.nulls; 3 bad rows left out
            treasury.nulls:3:支付金额: no amount
            treasury.nulls:4:支付日期: no date
            treasury.nulls:5:项目编码: no project id
            note: the server summed the payments per project and day, dated 2020-01-01 to 2021-12-31 (the fiscal year and the next)
            """)
        #expect(out[5].output == "101.00 元")
    }

    @Test func aMissingTableAQueryErrorAndAFloatColumnAreRefused() {
        var s = Session()
        let out = PG.run("""
            year 2020
            load payments from "\(PG.uri)" table treasury.nothing
            load payments from "\(PG.uri)" query "select nonsense from nowhere"
            load payments from "\(PG.uri)" table treasury.floats
            load payments from "\(PG.uri)" query "select * from t where x = {name}"
            load payments from "\(PG.uri)"
            """, in: &s)
        #expect(PG.message(out[1].output) == "error[E512]: treasury.nothing: the database refused the query: relation \"treasury.nothing\" does not exist")
        #expect(PG.message(out[2].output) == "error[E512]: query: the database refused the query: relation \"nowhere\" does not exist")
        #expect(PG.message(out[3].output) == "error[E512]: treasury.floats: column 支付金额 holds floating-point numbers, which cannot hold amounts exactly: make it numeric (ALTER TABLE … TYPE numeric(18,2))")
        #expect(PG.message(out[4].output) == "error[E512]: query: a query may name only {fy}, the fiscal year, not {name}: other values are never put into SQL")
        #expect(PG.message(out[5].output) == "error[E512]: \(PG.uri): name what to read after the database: `table NAME` or `query \"SQL\"`")
    }

    /// A password is used but never shown: not in a message, an excerpt, the output or the header.
    @Test func aPasswordInTheURIIsNeverEchoed() {
        let wrong = "postgresql://secret:hunter2@/evalshell_test?host=\(PG.dir ?? "")"
        let right = "postgresql://secret:the-right-password@/evalshell_test?host=\(PG.dir ?? "")"
        var s = Session()
        let text = "year 2020\nload payments from \"\(wrong)\" table treasury.changing\nload projects from \"\(right)\" query \"select 'XM00001' as 项目编码\"\nload payments from \"\(right)\" table treasury.changing"
        let file = SourceFile(name: "secret.evl", text: text)
        var everything = ""
        for item in Parser.parse(file) {
            let r = s.execute(item, in: file)
            everything += r.text + (r.diagnostic.map { $0.render(in: file) + $0.renderRecorded(in: file) } ?? "")
        }
        everything += s.inputs.keys.joined(separator: "\n")
        #expect(everything.contains("password authentication failed for user \"secret\""))
        #expect(everything.contains("postgresql://secret:***@/evalshell_test"))
        #expect(!everything.contains("hunter2"))
        #expect(!everything.contains("the-right-password"))
        #expect(s.model.payments.count == 1)
    }

    @Test func thePasswordComesFromPGPASSWORD() {
        setenv("PGPASSWORD", "the-right-password", 1)
        defer { unsetenv("PGPASSWORD") }
        var s = Session()
        let out = PG.run("""
            load projects from "postgresql://secret@/evalshell_test?host=\(PG.dir ?? "")" query "select 'XM00001' as 项目编码"
            """, in: &s)
        #expect(out[0].output == "loaded 1 project from query")
    }

    /// Ctrl-C while the server works: the query is cancelled on the server and the session is as it was.
    @Test func ctrlCCancelsTheServerQuery() throws {
        var s = Session()
        _ = PG.run("year 2020\nload projects from \"\(PG.uri)\" query \"select * from 项目库 where 年度 = {fy}\"", in: &s)
        let before = s.model
        let start = Date()
        s.interrupt = { Date().timeIntervalSince(start) > 0.5 }
        let out = PG.run("load payments from \"\(PG.uri)\" query \"select 'XM00001' as 项目编码, 1 as 支付金额, current_date as 支付日期 from pg_sleep(30)\"", in: &s)
        let took = Date().timeIntervalSince(start)
        #expect(out[0].output.contains("error[E"), "\(out[0].output)")
        #expect(out[0].output.contains("interrupted"))
        #expect(took < 5, "took \(took) s")
        #expect(s.model == before)
        // The server's backend stops too (cancelled, not left running until its end).
        var running = "1"
        for _ in 0..<50 {
            running = try PG.psql("select count(*) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if running == "0" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(running == "0")
    }
}

/// Without a server: the masking of passwords and the message when libpq is missing.
@Suite struct PostgresURITests {
    @Test func passwordsAreMasked() {
        #expect(PostgresURI.masked("postgresql://analyst:s3cret@db.example/finance") == "postgresql://analyst:***@db.example/finance")
        #expect(PostgresURI.masked("load payments from \"postgres://a:b@/x?host=/run/postgresql&password=zz\" table t")
                == "load payments from \"postgres://a:***@/x?host=/run/postgresql&password=***\" table t")
        #expect(PostgresURI.masked("postgresql://analyst@/finance?host=/run/postgresql") == "postgresql://analyst@/finance?host=/run/postgresql")
        #expect(PostgresURI.masked("postgresql://u:秘密@/财政") == "postgresql://u:***@/财政")
        #expect(PostgresURI.masked("no uri: user:pw@host") == "no uri: user:pw@host")
    }

    @Test func theExcerptOfADiagnosticMasksThePasswordAndKeepsTheCaretsInPlace() {
        let text = "load payments from \"postgresql://u:longpassword@/db\" table nowhere"
        let file = SourceFile(name: "x.evl", text: text)
        let at = text.utf8.count - "nowhere".utf8.count
        let d = Diagnostic(.loadFailed("nowhere: no such table"), SourceRange(at, text.utf8.count))
        #expect(d.render(in: file) == """
            x.evl:1:60: error[E512]: nowhere: no such table
             1 | load payments from "postgresql://u:***@/db" table nowhere
               | \(String(repeating: " ", count: 50))^~~~~~~

            """)
    }

    @Test func aMissingLibraryNamesThePackage() {
        guard case .failure(let missing) = PostgresLibrary.open("libpq-not-here.so.5") else {
            Issue.record("a library that is not there was opened")
            return
        }
        #expect(missing.message.hasPrefix("the PostgreSQL client library (libpq.so.5) is not installed: install libpq5 (apt-get install libpq5)"))
    }

    @Test func aQueryNamesOnlyTheFiscalYear() throws {
        #expect(try PostgresSource.substitute("select * from t where y = {fy} and s = '{{a}}'", fiscalYear: 2020, name: "query")
                == "select * from t where y = 2020 and s = '{a}'")
        #expect(throws: LoadError(.database("a query may name only {fy}, the fiscal year, not {x}: other values are never put into SQL"), file: "query")) {
            try PostgresSource.substitute("select {x}", fiscalYear: 2020, name: "query")
        }
        #expect(throws: LoadError(.noFiscalYear, file: "query")) { try PostgresSource.substitute("select {fy}", fiscalYear: nil, name: "query") }
    }
}
