import Testing
@testable import EvalDSL

/// A load's columns (7-byte records in buckets of 256 projects, side lists for the rest) placed
/// into a `PaymentTable`: exact sums over any window, each project's payments by day and, within a
/// day, in file order, whatever the input's order, the number of projects or the side lists.
@Suite struct PaymentLoadTests {
    typealias Payment = (p: Int32, f: Int64, d: Int32)

    /// Payments in no order: many on the same days, some amounts past 32 bits (or negative, which
    /// only a test gives the columns), some days before the base or past 16 bits when `bigDays`.
    /// With `sparse`, only every 700th project has payments: most buckets of 256 are empty.
    func payments(_ n: Int, projects: Int, bigDays: Bool, sparse: Bool = false, seed: UInt64) -> [Payment] {
        var rng = PaymentTableTests.Mix(s: seed)
        let edge: [Int64] = [Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min), -1, 0, 9_000_000_000_000]
        return (0..<n).map { k in
            let p = sparse ? Int32(rng.next() % UInt64(projects / 700) * 700 + 699) : Int32(rng.next() % UInt64(projects))
            let d: Int32 = bigDays && k % 211 == 0 ? 7305 - 40 : bigDays && k % 223 == 0 ? 7305 + 80_000 : Int32(7305 + rng.next() % 40)
            let f = k % 97 == 0 ? edge[Int(rng.next() % UInt64(edge.count))] : Int64(rng.next() % 100_000)
            return (p, f, d)
        }
    }

    func columns(_ pays: ArraySlice<Payment>, projects: Int, transient: Bool = false) -> PaymentColumns {
        var c = PaymentColumns(projectCount: projects, firstDay: 7305, transient: transient)
        for x in pays { c.append(project: x.p, fen: x.f, day: x.d) }
        return c
    }

    /// The table against a naive scan of `pays`: sums over windows, counts, and each project's
    /// payments as a stable sort by day of the file order gives them.
    func check(_ table: PaymentTable, _ pays: [Payment], projects: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        var byProject = [[Payment]](repeating: [], count: projects)
        for x in pays { byProject[Int(x.p)].append(x) }
        #expect(table.count == pays.count, sourceLocation: sourceLocation)
        var rng = PaymentTableTests.Mix(s: 99)
        // Every project near one with payments too (before, after, and the next bucket's first).
        let near = Set(pays.flatMap { [Int($0.p) - 1, Int($0.p), Int($0.p) + 1, (Int($0.p) | 255) + 1] }).filter { $0 >= 0 && $0 < projects }
        let picked = Set(stride(from: 0, to: projects, by: max(1, projects / 400))).union(near.count < 2000 ? near : [])
        for p in picked.sorted() {
            let mine = byProject[p]
            #expect(table.count(project: p) == mine.count, sourceLocation: sourceLocation)
            let expected = mine.enumerated().sorted { ($0.element.d, $0.offset) < ($1.element.d, $1.offset) }.map { [Int64($0.element.d), $0.element.f] }
            #expect(table.payments(of: p).map { [Int64($0.day), $0.fen] } == expected, sourceLocation: sourceLocation)
            for _ in 0..<4 {
                let a = Int32(7290 + rng.next() % 60), b = Int32(7290 + rng.next() % 60)
                let (lo, hi) = (min(a, b), max(a, b))
                let sum = mine.filter { $0.d >= lo && $0.d <= hi }.reduce(Int128(0)) { $0 + Int128($1.f) }
                #expect(table.sum(project: p, from: lo, through: hi) == sum, sourceLocation: sourceLocation)
            }
            let all = mine.reduce(Int128(0)) { $0 + Int128($1.f) }
            #expect(table.sum(project: p, from: .min, through: .max) == all, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(300, false, false), (300, true, false), (70_000, false, false), (70_000, true, false), (70_000, false, true)])
    func placedTableMatchesANaiveScan(projects: Int, bigDays: Bool, sparse: Bool) {
        // Enough payments for buckets of several chunks (9,362 records each) with 300 projects.
        let pays = payments(60_000, projects: projects, bigDays: bigDays, sparse: sparse,
                            seed: UInt64(projects) + (bigDays ? 1 : 0) + (sparse ? 2 : 0))
        var first = columns(pays[..<40_000], projects: projects)
        #expect(first.daysAreOffsets == !bigDays)
        // A second thread's share, appended as `takePlainLines` does.
        first.append(contentsOf: columns(pays[40_000..<50_000], projects: projects, transient: true))
        let early = pays[..<50_000].filter { $0.d < 7310 }.count
        #expect(first.count(before: 7310) == early)
        var table = PaymentTable()
        table.append(taking: first)
        check(table, Array(pays[..<50_000]), projects: projects)
        // A second load merges into the table; then single payments (a script's) and their merge.
        table.append(taking: columns(pays[50_000..<55_000], projects: projects))
        check(table, Array(pays[..<55_000]), projects: projects)
        for x in pays[55_000...] { table.append(project: Int(x.p), fen: x.f, day: CivilDate(dayNumber: x.d)) }
        check(table, pays, projects: projects)
    }

    /// Every project's sum over `window`, one at a time and all at once, against a naive scan: the
    /// load's own sums while they hold, the table's after a later change.
    func checkWindow(_ table: PaymentTable, _ pays: [Payment], projects: Int, _ window: ClosedRange<Int32>,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        var expected = [Int128](repeating: 0, count: projects + 3)
        for x in pays where window.contains(x.d) { expected[Int(x.p)] += Int128(x.f) }
        let all = [Int128](unsafeUninitializedCapacity: projects + 3) { out, n in
            out.initialize(repeating: -1)
            table.sums(from: window.lowerBound, through: window.upperBound, into: out)
            n = projects + 3
        }
        #expect(all == expected, sourceLocation: sourceLocation)
        let one = (0..<projects + 3).map { table.sum(project: $0, from: window.lowerBound, through: window.upperBound) }
        #expect(one == expected, sourceLocation: sourceLocation)
    }

    @Test(arguments: [(300, false), (300, true), (70_000, true)])
    func loadSumsEachProjectsWindow(projects: Int, bigDays: Bool) {
        let pays = payments(30_000, projects: projects, bigDays: bigDays, seed: 7 + UInt64(projects))
        // The window cuts through the payments' days; side-list days fall outside it.
        let window: ClosedRange<Int32> = 7310...7330
        var table = PaymentTable()
        table.append(taking: columns(pays[..<20_000], projects: projects), window: window)
        checkWindow(table, Array(pays[..<20_000]), projects: projects, window)
        // Another window, then a second load and single payments: the load's sums no longer hold.
        checkWindow(table, Array(pays[..<20_000]), projects: projects, 7305...7309)
        table.append(taking: columns(pays[20_000..<25_000], projects: projects), window: window)
        checkWindow(table, Array(pays[..<25_000]), projects: projects, window)
        var single = PaymentTable()
        single.append(taking: columns(pays[..<20_000], projects: projects), window: window)
        let x = pays[20_000]
        single.append(project: Int(x.p), fen: x.f, day: CivilDate(dayNumber: 7320))
        checkWindow(single, Array(pays[..<20_000]) + [(x.p, x.f, 7320)], projects: projects, window)
    }

    @Test func projectsPastTheLastPaymentHaveNone() {
        var more = PaymentTable()
        more.append(taking: columns([(3, 5, 7305)], projects: 600))
        #expect(more.count(project: 599) == 0 && more.sum(project: 3, from: .min, through: .max) == 5)
        #expect(more.payments(of: 700).isEmpty)
    }
}
