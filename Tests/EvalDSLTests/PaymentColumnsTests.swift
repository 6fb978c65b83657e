import Testing
@testable import EvalDSL

/// A load's narrow columns (16-bit projects and days, 32-bit amounts, side tables for the rest) give
/// the same table as the wide columns of the same payments.
@Suite struct PaymentColumnsTests {
    func check(projects: Int, seed: UInt64) {
        var rng = PaymentTableTests.Mix(s: seed)
        var narrow = PaymentColumns(projectCount: projects, firstDay: 7305)
        var ps: [Int32] = [], fs: [Int64] = [], ds: [Int32] = []
        let edge: [Int64] = [0, 1, -1, Int64(Int32.max), Int64(Int32.max) + 1, Int64(Int32.min), Int64(Int32.min) + 1,
                             Int64(Int32.min) - 1, 9_000_000_000_000, -9_000_000_000_000]
        for k in 0..<20_000 {
            let p = Int32(rng.next() % UInt64(projects))
            // Out of order within a project, some days before the base or past 16 bits, some amounts past 32 bits.
            let d: Int32 = k % 97 == 0 ? 7305 - 10 : k % 89 == 0 ? 7305 + 70_000 : k % 83 == 0 ? 7305 + 65_535 : Int32(7305 + rng.next() % 800)
            let f = k % 50 == 0 ? edge[Int(rng.next() % UInt64(edge.count))] : Int64(rng.next() % 1_000_000) - 10_000
            narrow.append(project: p, fen: f, day: d)
            ps.append(p); fs.append(f); ds.append(d)
        }
        #expect(narrow.narrowProjects == (projects <= 65_536))
        #expect(!narrow.bigFen.isEmpty && !narrow.bigDay.isEmpty)
        var a = PaymentTable(), b = PaymentTable()
        a.append(taking: narrow)
        b.append(projects: ps, fen: fs, days: ds)
        #expect(a == b)
        for p in stride(from: 0, to: projects, by: max(1, projects / 300)) {
            #expect(a.payments(of: p).map { [Int64($0.day), $0.fen] } == b.payments(of: p).map { [Int64($0.day), $0.fen] })
            #expect(a.sum(project: p, from: .min, through: .max) == b.sum(project: p, from: .min, through: .max))
            #expect(a.sum(project: p, from: 7400, through: 7900) == b.sum(project: p, from: 7400, through: 7900))
        }
        // A second load merges into the table as wide columns do.
        var more = PaymentColumns(projectCount: projects, firstDay: 7305)
        more.append(project: 0, fen: 5_000_000_000, day: 7310)
        more.append(project: 0, fen: 7, day: 7306)
        a.append(taking: more)
        b.append(projects: [0, 0], fen: [5_000_000_000, 7], days: [7310, 7306])
        #expect(a == b)
        #expect(a.sum(project: 0, from: .min, through: .max) == b.sum(project: 0, from: .min, through: .max))
    }

    @Test func sameTableAsWideColumnsWithFewProjects() { check(projects: 300, seed: 7) }
    @Test func sameTableAsWideColumnsWithManyProjects() { check(projects: 70_000, seed: 8) }
}
