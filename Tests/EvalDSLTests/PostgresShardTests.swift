import Foundation
import Testing
@testable import EvalDSL

/// Payments sharded by project over two PostgreSQL servers, joined on a third (the coordinator) as a
/// partitioned table whose partitions are postgres_fdw foreign tables (tools/pg-servers.sh starts the
/// three; EVALSHELL_TEST_PG_SHARDS is their folder). docs/SCALE.md tells the same on Citus.
enum Shards {
    static let root = ProcessInfo.processInfo.environment["EVALSHELL_TEST_PG_SHARDS"]
    static let coordinatorPort = 5435
    static var uri: String { "postgresql://evalshell@/postgres?host=\(root ?? "")/coordinator&port=\(coordinatorPort)" }

    /// The example payments of 2020, inserted through the coordinator: each row goes to the shard its
    /// project's hash names.
    static let ready: Bool = {
        guard let root else { return false }
        let columns = "(项目编码 text, 项目名称 text, \"支付金额（元）\" numeric(18,2), 支付日期 date, 摘要 text)"
        do {
            for (n, port) in [(1, 5433), (2, 5434)] {
                try PG.psql("drop table if exists pay; create table pay \(columns)", database: "postgres", host: "\(root)/shard\(n)", port: port)
            }
            try PG.psql("""
                drop table if exists payments; drop server if exists s1 cascade; drop server if exists s2 cascade;
                create extension if not exists postgres_fdw;
                create server s1 foreign data wrapper postgres_fdw options (host '\(root)/shard1', port '5433', dbname 'postgres');
                create server s2 foreign data wrapper postgres_fdw options (host '\(root)/shard2', port '5434', dbname 'postgres');
                create user mapping for current_user server s1 options (user 'evalshell');
                create user mapping for current_user server s2 options (user 'evalshell');
                create table payments \(columns) partition by hash (项目编码);
                create foreign table payments_0 partition of payments for values with (modulus 2, remainder 0) server s1 options (table_name 'pay');
                create foreign table payments_1 partition of payments for values with (modulus 2, remainder 1) server s2 options (table_name 'pay');
                set client_encoding = 'GB18030';
                \\copy payments from 'scripts/data/2020/payments-gb18030.csv' with (format csv, header)
                """, database: "postgres", host: "\(root)/coordinator", port: coordinatorPort)
            return true
        } catch {
            return false
        }
    }()
}

@Suite(.serialized, .enabled(if: Shards.root != nil, "EVALSHELL_TEST_PG_SHARDS is not set: no sharded PostgreSQL servers to test against (tools/test.sh starts them)"))
struct PostgresShardTests {
    init() { #expect(Shards.ready, "the sharded tables could not be made") }

    @Test func theShardsHoldTheRowsAndTheFiguresAreTheCSVFigures() throws {
        let counts = try [(1, 5433), (2, 5434)].map { (n, port) in
            try PG.psql("select count(*) from pay", database: "postgres", host: "\(Shards.root!)/shard\(n)", port: port)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(counts == ["194", "206"])
        let data = PG.root.appendingPathComponent("scripts/data/2020").path
        let body = """
            table projects columns id, name, source, budget, paid, rate, grade
            print rate(projects), paid(projects, in: 2021), paid(projects, by: Q3)
            """
        var a = Session(), b = Session()
        let fromFiles = PG.run("year 2020\nload projects from \"\(data)/projects.csv\"\nload payments from \"\(data)/payments-gb18030.csv\"\n" + body, in: &a)
        let fromShards = PG.run("year 2020\nload projects from \"\(data)/projects.csv\"\nload payments from \"\(Shards.uri)\" table payments\n" + body, in: &b)
        #expect(fromShards[2].output.hasPrefix("loaded 396 payments from payments"))
        #expect(fromFiles[3].output == fromShards[3].output)
        #expect(fromFiles[4].output == fromShards[4].output)
        #expect(fromShards[4].output == "58.02% 377.52 万元 3,515.31 万元")
    }

    /// The plan of the loader's own query: one foreign scan per shard, each summing on its shard.
    @Test func thePerDaySumsRunOnTheShards() throws {
        var source = PostgresSource(uri: Shards.uri, request: .table("payments"), kind: .payments, fiscalYear: 2020)
        var s = Session()
        let data = PG.root.appendingPathComponent("scripts/data/2020").path
        _ = PG.run("year 2020\nload projects from \"\(data)/projects.csv\"", in: &s)
        _ = try loadTable(from: &source, into: s.model, options: LoadOptions(kind: .payments, fiscalYear: 2020))
        let copy = try #require(source.statement)
        let select = copy.dropFirst("COPY (".count).dropLast(") TO STDOUT (FORMAT csv, HEADER)".count)
        let plan = try PG.psql("set enable_partitionwise_aggregate = on; explain (verbose, costs off) \(select)",
                               database: "postgres", host: "\(Shards.root!)/coordinator", port: Shards.coordinatorPort)
        let remote = plan.split(separator: "\n").filter { $0.contains("Remote SQL:") }
        #expect(remote.count == 2, "\(plan)")
        for line in remote {
            #expect(line.contains("sum(\"支付金额（元）\")") && line.contains("FROM public.pay") && line.contains("GROUP BY 1, 3"), "\(line)")
        }
        #expect(plan.split(separator: "\n").filter { $0.contains("Relations: Aggregate on") }.count == 2)
    }
}
