import Foundation
import Testing
@testable import EvalDSL

/// Helpers of the data-layer tests: fixtures, a scratch folder, models to load into.
enum DataTest {
    /// The path of a committed fixture (Tests/EvalDSLTests/Fixtures).
    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// A fresh folder of its own for each caller.
    static func scratch() -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-data-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base.path
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    @discardableResult
    static func write(_ text: String, to path: String) -> String {
        write(Array(text.utf8), to: path)
    }

    static func read(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    /// A model of fiscal year 2020 with bare projects of these ids.
    static func model(_ ids: [String] = ["XM001", "XM002", "XM003", "XM004"], year: Int? = 2020) -> BudgetModel {
        var m = BudgetModel()
        m.year = year
        for id in ids { m.projects[id] = Project(id: id) }
        return m
    }

    static func load(_ path: String, _ kind: LoadKind, into model: BudgetModel = DataTest.model(),
                     _ configure: (inout LoadOptions) -> Void = { _ in }) throws(LoadError) -> LoadOutcome {
        var options = LoadOptions(kind: kind, displayName: (path as NSString).lastPathComponent)
        configure(&options)
        return try loadTable(path: path, into: model, options: options)
    }

    /// The error of a load that must fail.
    static func failure(_ path: String, _ kind: LoadKind, into model: BudgetModel = DataTest.model(),
                        _ configure: (inout LoadOptions) -> Void = { _ in }) -> LoadError? {
        do {
            _ = try load(path, kind, into: model, configure)
            return nil
        } catch {
            return error
        }
    }

    /// Every payment of the model as `id day fen`, in project order then by day.
    static func payments(_ m: BudgetModel) -> [String] {
        var out: [String] = []
        for (p, id) in m.projects.keys.enumerated() {
            for pay in m.payments.payments(of: p) {
                out.append("\(id) \(CivilDate(dayNumber: pay.day)) \(pay.fen)")
            }
        }
        return out
    }

    static func day(_ s: String) -> CivilDate {
        let parts = s.split(separator: "-").map { Int($0)! }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])!
    }
}

extension DataTest {
    /// The progress reports (rows, then bytes read) of loading `path` with the fast paths on, then
    /// off: the fast paths must report exactly what the general one does.
    static func progressBothWays(_ path: String, kind: LoadKind) -> [[Int]] {
        final class Seen: @unchecked Sendable { var rows: [Int] = []; var bytes: [Int] = [] }
        var reports: [[Int]] = []
        for fast in [true, false] {
            let seen = Seen()
            var o = LoadOptions(kind: kind, keepGoodRows: true, progress: { seen.rows.append($0.rows); seen.bytes.append($0.bytesRead) })
            o.fastPaths = fast
            _ = try? loadTable(path: path, into: DataTest.model(), options: o)
            reports.append(seen.rows + seen.bytes)
        }
        return reports
    }
}

extension DataTest {
    /// `path` loaded with the fast paths on, then off, each outcome or error as it came.
    static func loadBothWays(_ path: String, kind: LoadKind, into m: BudgetModel, keep: Bool,
                             configure: (inout LoadOptions) -> Void) -> (fast: Result<LoadOutcome, LoadError>, slow: Result<LoadOutcome, LoadError>) {
        func run(_ fast: Bool) -> Result<LoadOutcome, LoadError> {
            var o = LoadOptions(kind: kind, keepGoodRows: keep)
            configure(&o)
            o.fastPaths = fast
            do { return .success(try loadTable(path: path, into: m, options: o)) } catch { return .failure(error) }
        }
        return (run(true), run(false))
    }

    /// `path` loaded with the fast paths on, read in buffers of 4 KiB that are split for two threads
    /// from `split` unread bytes on (Int.max: never), so that a small file is read on two threads.
    static func loadSplit(_ path: String, kind: LoadKind, into m: BudgetModel, keep: Bool, split: Int = 1000,
                          configure: (inout LoadOptions) -> Void) -> Result<LoadOutcome, LoadError> {
        var o = LoadOptions(kind: kind, keepGoodRows: keep)
        configure(&o)
        o.csvBuffers = (chunk: 4096, split: split)
        do { return .success(try loadTable(path: path, into: m, options: o)) } catch { return .failure(error) }
    }
}

extension DataTest {
    /// A load's sink that counts the rows handed over as blocks of plain lines (a second thread's
    /// share of a buffer), to show the other thread did read most of them.
    final class LineCounter: RowConsumer {
        var inner: LoadSink
        var taken = 0
        init(_ inner: LoadSink) { self.inner = inner }
        func consume(_ row: RowView, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
            try inner.consume(row, bytesRead: bytesRead, totalBytes: totalBytes)
        }
        func poll(bytesRead: Int, totalBytes: Int?) throws(LoadError) { try inner.poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        var takesPlainLines: Bool { inner.takesPlainLines }
        func takePlainLine(_ buf: UnsafePointer<UInt8>, from: Int, to: Int, delimiter: UInt8, bytesRead: Int,
                           totalBytes: Int?) throws(LoadError) -> Int? {
            try inner.takePlainLine(buf, from: from, to: to, delimiter: delimiter, bytesRead: bytesRead, totalBytes: totalBytes)
        }
        func plainLineParser() -> PlainLineParser? { inner.plainLineParser() }
        func takePlainLines(_ lines: consuming PlainLines, bytesRead: Int, totalBytes: Int?) throws(LoadError) {
            taken += lines.rows
            try inner.takePlainLines(lines, bytesRead: bytesRead, totalBytes: totalBytes)
        }
    }
}

extension DataTest {
    /// A load taken by a fast path (`fast`) and by the general one (`slow`) give the same outcome:
    /// the model, the counts, the problems, the notes and the lines, or the same error; `detail`
    /// compares more of two successful models.
    static func expectSameOutcome(_ fast: Result<LoadOutcome, LoadError>, _ slow: Result<LoadOutcome, LoadError>,
                                  detail: (LoadOutcome, LoadOutcome) -> Void = { _, _ in },
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        switch (fast, slow) {
        case let (.success(a), .success(b)):
            #expect(a.model == b.model, sourceLocation: sourceLocation)
            detail(a, b)
            #expect(a.rowsLoaded == b.rowsLoaded && a.rowsRejected == b.rowsRejected, sourceLocation: sourceLocation)
            #expect(a.problems == b.problems, sourceLocation: sourceLocation)
            #expect(a.notes == b.notes, sourceLocation: sourceLocation)
            #expect(a.lines == b.lines, sourceLocation: sourceLocation)
        case let (.failure(a), .failure(b)):
            #expect(a == b, sourceLocation: sourceLocation)
        default:
            Issue.record("fast \(fast) but general \(slow)", sourceLocation: sourceLocation)
        }
    }
}
