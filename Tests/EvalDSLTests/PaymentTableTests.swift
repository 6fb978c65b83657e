import Testing
@testable import EvalDSL

@Suite struct PaymentTableTests {
    /// splitmix64: deterministic test data without Foundation's random.
    struct Mix { var s: UInt64; mutating func next() -> UInt64 { s &+= 0x9E3779B97F4A7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) } }

    @Test func sumsMatchANaiveScanThroughMergesAndTails() {
        var rng = Mix(s: 42)
        var table = PaymentTable()
        var naive: [(p: Int, d: Int32, f: Int64)] = []
        for round in 0..<5 {
            // Single appends (some stay in the tail) and a bulk append each round.
            for _ in 0..<3000 {
                let p = Int(rng.next() % 50), d = Int32(18000 + rng.next() % 800), f = Int64(rng.next() % 1_000_000) - 100_000
                table.append(project: p, fen: f, day: CivilDate(dayNumber: d))
                naive.append((p, d, f))
            }
            var ps: [Int32] = [], fs: [Int64] = [], ds: [Int32] = []
            for _ in 0..<(round * 2000) {
                let p = Int32(rng.next() % 60), d = Int32(18000 + rng.next() % 800), f = Int64(rng.next() % 500_000)
                ps.append(p); fs.append(f); ds.append(d)
                naive.append((Int(p), d, f))
            }
            table.append(projects: ps, fen: fs, days: ds)
            for _ in 0..<200 {
                let p = Int(rng.next() % 62)
                let a = Int32(17990 + rng.next() % 820), b = Int32(17990 + rng.next() % 820)
                let (lo, hi) = (min(a, b), max(a, b))
                let expected = naive.filter { $0.p == p && $0.d >= lo && $0.d <= hi }.reduce(Int128(0)) { $0 + Int128($1.f) }
                #expect(table.sum(project: p, from: lo, through: hi) == expected)
                #expect(table.count(project: p) == naive.filter { $0.p == p }.count)
            }
        }
        #expect(table.count == naive.count)
    }

    @Test func hugeAmountsDoNotOverflow() {
        var table = PaymentTable()
        for _ in 0..<4 { table.append(project: 0, fen: Int64.max, day: CivilDate(dayNumber: 1)) }
        #expect(table.sum(project: 0, from: .min, through: .max) == Int128(Int64.max) * 4)
    }

    @Test func paymentsOfAProjectByDay() {
        var table = PaymentTable()
        table.append(project: 1, fen: 5, day: CivilDate(dayNumber: 30))
        table.append(project: 1, fen: 7, day: CivilDate(dayNumber: 10))
        table.append(project: 0, fen: 1, day: CivilDate(dayNumber: 20))
        #expect(table.payments(of: 1).map(\.fen) == [7, 5])
        #expect(table.payments(of: 3).isEmpty)
    }
}
