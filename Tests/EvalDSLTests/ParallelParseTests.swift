import Testing
@testable import EvalDSL

/// Payment files read on two threads (each buffer's second half parsed by another thread) load
/// exactly as on one: the same payments, counts, problems and errors, the first bad row included,
/// whatever quoted line breaks (which may look like plain lines) the halves are split at.
@Suite struct ParallelParseTests {
    /// Loads `path` with small buffers, split for two threads from `split` unread bytes on.
    private func load(_ path: String, split: Int, keep: Bool, maxRows: Int? = nil) -> Result<LoadOutcome, LoadError> {
        var o = LoadOptions(kind: .payments, keepGoodRows: keep)
        if let maxRows { o.limits.maxRows = maxRows }
        do {
            var sink = try LoadSink(model: DataTest.model(), options: o, file: "p.csv")
            var reader = try CSVReader(path: path, file: "p.csv", encoding: nil, delimiter: nil, limits: o.limits,
                                       chunkSize: 4096, splitBytes: split)
            return .success(try sink.finish(try reader.readRows(into: &sink)))
        } catch {
            return .failure(error)
        }
    }

    private func same(_ text: String, keep: Bool, maxRows: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = DataTest.write(text, to: DataTest.scratch() + "/p.csv")
        let one = load(path, split: Int.max, keep: keep, maxRows: maxRows)
        for split in [64, 1000, 3000] {
            let two = load(path, split: split, keep: keep, maxRows: maxRows)
            switch (one, two) {
            case let (.success(a), .success(b)):
                #expect(a.model == b.model, sourceLocation: sourceLocation)
                for p in 0..<4 {
                    #expect(a.model.payments.payments(of: p).map { [Int64($0.day), $0.fen] }
                            == b.model.payments.payments(of: p).map { [Int64($0.day), $0.fen] }, sourceLocation: sourceLocation)
                }
                #expect(a.rowsLoaded == b.rowsLoaded && a.rowsRejected == b.rowsRejected, sourceLocation: sourceLocation)
                #expect(a.problems == b.problems, sourceLocation: sourceLocation)
                #expect(a.notes == b.notes, sourceLocation: sourceLocation)
            case let (.failure(a), .failure(b)):
                #expect(a == b, sourceLocation: sourceLocation)
            default:
                Issue.record("one thread \(one) but two \(two)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Deterministic payment lines with a note column: mostly plain, some notes quoted with line
    /// breaks inside whose lines look like plain payments, and (when `bad`) a few bad rows.
    private func text(_ n: Int, seed: UInt64, quotedEvery: UInt64, bad: Bool, crlf: Bool = false) -> String {
        var x = seed
        func next() -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return x >> 33 }
        let nl = crlf ? "\r\n" : "\n"
        var out = "项目编码,支付金额,支付日期,摘要" + nl
        for i in 0..<n {
            let p = next() % 4 + 1, fen = next() % 100_000_000, day = next() % 28 + 1, month = i * 12 / n + 1
            let date = "2020-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
            var line = "XM00\(p),\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100),\(date),"
            if next() % quotedEvery == 0 {
                // A quoted note over several lines, each like a plain payment of another project.
                line += "\"XM00\(p % 4 + 1),1.00,2020-01-01,\(nl)XM00\(p % 3 + 1),2.00,2020-01-02,\(nl)\"\"x\"\"\""
            }
            if bad && i % 4999 == 2500 { line = i % 2 == 0 ? "XM009,1.00,\(date)," : "XM001,abc,\(date)," }
            out += line + nl
        }
        return out
    }

    @Test func quotedLineBreaksAtTheSplitLoadAsOnOneThread() {
        same(text(6_000, seed: 1, quotedEvery: 7, bad: false), keep: false)
        same(text(6_000, seed: 2, quotedEvery: 2, bad: false, crlf: true), keep: false)
        same(text(6_000, seed: 3, quotedEvery: 1000, bad: false), keep: false)
    }

    @Test func theSameFirstBadRowAndProblemsAsOnOneThread() {
        let bad = text(12_000, seed: 4, quotedEvery: 9, bad: true)
        same(bad, keep: false)
        same(bad, keep: true)
        // The row limit falls where one thread would put it.
        same(text(6_000, seed: 5, quotedEvery: 1000, bad: false), keep: true, maxRows: 4_321)
        same(text(6_000, seed: 5, quotedEvery: 1000, bad: false), keep: true, maxRows: 6_000)
    }

    @Test func theOtherThreadTakesLines() throws {
        // Not only the same result: on plain lines, the second thread takes most of each buffer's second half.
        let path = DataTest.write(text(6_000, seed: 6, quotedEvery: 1_000_000, bad: false), to: DataTest.scratch() + "/p.csv")
        let o = LoadOptions(kind: .payments)
        var sink = try LoadSink(model: DataTest.model(), options: o, file: "p.csv")
        let counter = DataTest.LineCounter(sink)
        var consumer = counter
        var reader = try CSVReader(path: path, file: "p.csv", encoding: nil, delimiter: nil, limits: o.limits,
                                   chunkSize: 4096, splitBytes: 1000)
        let facts = try reader.readRows(into: &consumer)
        sink = counter.inner
        let outcome = try sink.finish(facts)
        #expect(outcome.rowsLoaded == 6_000)
        #expect(counter.taken > 2_000)
    }
}
