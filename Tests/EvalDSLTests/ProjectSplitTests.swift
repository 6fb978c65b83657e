import Testing
@testable import EvalDSL

/// Project files read on two threads (each buffer's second half read into projects by another
/// thread, added in file order by the loader's) load exactly as on one, at the places where the two
/// halves meet; and the first MiB's encoding check, which has shortcuts, judges as the full rules do.
@Suite struct ProjectSplitTests {
    static let header = "项目编码,项目名称,资金来源,支出类别,年初预算数（元）,调整后预算数（元）,自评等级,标签"

    /// `n` plain rows from `first` on; `odd` maps a row number to a line that replaces it.
    private func text(_ n: Int, first: Int = 1, odd: [Int: String] = [:]) -> String {
        var out = Self.header + "\n"
        for i in first..<(first + n) {
            if let line = odd[i] { out += line + "\n"; continue }
            let adjusted = i % 3 == 0 ? "\(i + 7).5" : "\(i).5"
            out += "P\(i),第\(i)号项目,\(["本级", "中央", ""][i % 3]),项目支出,\(i).5,\(adjusted),\(["优", "良"][i % 2]),\(["人才", "", "生态、人才"][i % 3])\n"
        }
        return out
    }

    /// Loads `text` on one thread and on two (split from several sizes on); all must be equal.
    private func same(_ text: String, keep: Bool, model m: BudgetModel = DataTest.model(),
                      configure: (inout LoadOptions) -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = DataTest.write(text, to: DataTest.scratch() + "/p.csv")
        let one = DataTest.loadSplit(path, kind: .projects, into: m, keep: keep, split: .max, configure: configure)
        for split in [64, 1000, 2500] {
            let two = DataTest.loadSplit(path, kind: .projects, into: m, keep: keep, split: split, configure: configure)
            switch (one, two) {
            case let (.success(a), .success(b)):
                #expect(a.model == b.model, sourceLocation: sourceLocation)
                #expect(Array(a.model.projects.keys) == Array(b.model.projects.keys), sourceLocation: sourceLocation)
                #expect(a.rowsLoaded == b.rowsLoaded && a.rowsRejected == b.rowsRejected, sourceLocation: sourceLocation)
                #expect(a.problems == b.problems && a.moreProblems == b.moreProblems, sourceLocation: sourceLocation)
                #expect(a.notes == b.notes && a.lines == b.lines, sourceLocation: sourceLocation)
            case let (.failure(a), .failure(b)):
                #expect(a == b, sourceLocation: sourceLocation)
            default:
                Issue.record("one thread \(one) but two \(two)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func badRowsAndDuplicatesInEitherHalf() {
        // Every few rows something odd, so that each buffer's halves have some: a bad amount, an
        // unknown source, a duplicate of an earlier row (possibly in the other half), of a bad row,
        // and of the session's projects, a quoted name over two lines that look like plain rows.
        var odd: [Int: String] = [:]
        for i in stride(from: 1_500, to: 6_000, by: 97) {
            switch (i / 97) % 6 {
            case 0: odd[i] = "P\(i),名,本级,项目支出,abc,1,优,"
            case 1: odd[i] = "P\(i),名,外星,项目支出,1,1,优,"
            case 2: odd[i] = "P\(i - 40),重复,本级,项目支出,1,1,优,"
            case 3: odd[i] = "P\(i - 97 * 3),坏行的重复,本级,项目支出,1,1,优,"
            case 4: odd[i] = "XM00\(i % 4 + 1),已有,本级,项目支出,1,1,优,"
            default: odd[i] = "P\(i),\"名\nP\(i + 1),x,本级,项目支出,1,1,优,\nP\(i + 2),y\",本级,项目支出,1,1,优,"
            }
        }
        let t = text(6_000, odd: odd)
        same(t, keep: false)
        same(t, keep: true)
        same(t, keep: true, configure: { $0.maxProblems = 5 })
        // The row limit anywhere, a split's second half included.
        for limit in [1_001, 2_345, 4_000, 5_999] {
            same(t, keep: true, configure: { $0.limits.maxRows = limit })
        }
        // Without a fiscal year, the rows whose budgets differ are refused (and not by the other thread).
        same(text(3_000), keep: true, model: DataTest.model(year: nil))
        same(text(3_000).replacingOccurrences(of: "\n", with: "\r\n"), keep: true)
        // Other separators (a tab is found by itself; a semicolon is named), and blanks and brackets
        // in the cells, which the line scan steps over.
        let spaced = text(3_000).replacingOccurrences(of: "号项目", with: "号 (A+B) 项目")
        same(spaced, keep: true)
        same(spaced.replacingOccurrences(of: ",", with: "\t"), keep: true)
        same(spaced.replacingOccurrences(of: ",", with: ";"), keep: true, configure: { $0.delimiter = .semicolon })
        let tabs = DataTest.write(spaced.replacingOccurrences(of: ",", with: "\t"), to: DataTest.scratch() + "/t.csv")
        let loaded = try? DataTest.loadSplit(tabs, kind: .projects, into: DataTest.model(), keep: false) { _ in }.get()
        #expect(loaded?.rowsLoaded == 3_000 && loaded?.model.projects["P7"]?.title == "第7号 (A+B) 项目")
    }

    @Test func interruptsAndProgressAsOnOneThread() {
        let path = DataTest.write(text(20_000), to: DataTest.scratch() + "/p.csv")
        final class Seen: @unchecked Sendable { var reports: [LoadProgress] = []; var polls = 0 }
        func run(_ split: Int, stopAt: Int?) -> ([LoadProgress], Result<LoadOutcome, LoadError>) {
            let seen = Seen()
            let outcome = DataTest.loadSplit(path, kind: .projects, into: DataTest.model(), keep: false, split: split) {
                $0.progress = { seen.reports.append($0) }
                $0.interrupt = { seen.polls += 1; return stopAt == seen.polls }
            }
            return (seen.reports, outcome)
        }
        for stop in [nil, 2, 4] {
            let (a, x) = run(.max, stopAt: stop), (b, y) = run(1000, stopAt: stop)
            #expect(a == b)
            switch (x, y) {
            case let (.success(p), .success(q)): #expect(p.model == q.model && p.rowsLoaded == 20_000)
            case let (.failure(p), .failure(q)): #expect(p == q)
            default: Issue.record("one thread \(x) but two \(y)")
            }
        }
    }

    @Test func theOtherThreadReadsProjects() throws {
        // Not only the same result: the other thread reads most of each buffer's second half.
        let path = DataTest.write(text(8_000), to: DataTest.scratch() + "/p.csv")
        let o = LoadOptions(kind: .projects)
        let counter = DataTest.LineCounter(try LoadSink(model: DataTest.model(), options: o, file: "p.csv"))
        var consumer = counter
        var reader = try CSVReader(path: path, file: "p.csv", encoding: nil, delimiter: nil, limits: o.limits,
                                   chunkSize: 4096, splitBytes: 1000)
        let facts = try reader.readRows(into: &consumer)
        let outcome = try counter.inner.finish(facts)
        #expect(outcome.rowsLoaded == 8_000)
        #expect(counter.taken > 2_500)
    }

    @Test func theEncodingCheckJudgesAsTheFullRules() {
        // The rules one byte at a time, as they were before the shortcuts.
        func reference(_ bytes: [UInt8]) -> TextCodec.UTF8Status {
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let len: Int
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch b {
                case 0xC2...0xDF: len = 2
                case 0xE0: len = 3; lo = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: len = 3
                case 0xED: len = 3; hi = 0x9F
                case 0xF0: len = 4; lo = 0x90
                case 0xF1...0xF3: len = 4
                case 0xF4: len = 4; hi = 0x8F
                default: return .invalid
                }
                for k in 1..<len {
                    if i + k >= bytes.count { return .truncated(at: i) }
                    let c = bytes[i + k]
                    if k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF) { return .invalid }
                }
                i += len
            }
            return .valid
        }
        var x: UInt64 = 11
        func next() -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return x >> 33 }
        // Pieces of text: ASCII runs, CJK, the edge leads (E0, ED, EF, F0, F4), and stray bytes.
        let pieces: [[UInt8]] = [Array("abcdefghij".utf8), Array("XM00001,".utf8), Array("项目支出".utf8), Array("é".utf8),
                                 Array("😀".utf8), [0xE0, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                                 [0xEF, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0xE4, 0x41, 0x80], [0xC0, 0x80], [0xFF],
                                 [0x80], [0xE4, 0xB8, 0xC0]]
        var counts: [String: Int] = [:]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 24) {
                // Mostly valid pieces, so that an error is often far in.
                let k = Int(next() % 16)
                bytes += pieces[k < 11 ? Int(next() % 5) : Int(next() % UInt64(pieces.count))]
            }
            // Cut anywhere, so that a character may be truncated by the end.
            if !bytes.isEmpty && next() % 3 == 0 { bytes.removeLast(Int(next() % UInt64(min(bytes.count, 3)))) }
            let want = reference(bytes)
            counts["\(want)".prefix(5).description, default: 0] += 1
            #expect(bytes.withUnsafeBufferPointer { TextCodec.utf8Status($0) } == want, "\(bytes)")
            // And with the second half on another thread, wherever the middle falls.
            #expect(bytes.withUnsafeBufferPointer { TextCodec.utf8StatusInTwo($0, minimum: 0) } == want, "\(bytes)")
        }
        // Each verdict came up often.
        #expect(counts.values.allSatisfy { $0 > 50 } && counts.count == 3, "\(counts)")
    }
}
