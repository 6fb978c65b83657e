import Testing
@testable import EvalDSL

/// `rate(p) >= 60%` in a loop compares paid·d with n·budget: the 64-bit shortcut must order every
/// pair exactly as the full 256-bit products do, at the edges of 64 bits too.
@Suite struct ProjectFigureTests {
    static let edges: [Int128] = [0, 1, -1, 2, 100, -100, Int128(Int64.max), Int128(Int64.max) - 1, Int128(Int64.min),
                                  Int128(Int64.min) + 1, Int128(Int64.max) + 1, Int128(Int64.min) - 1,
                                  Int128(UInt64.max), -Int128(UInt64.max), Int128.max, Int128.min + 1, Int128(1) << 100]

    @Test func theShortcutOrdersAsTheFullProducts() {
        var rng = PaymentTableTests.Mix(s: 5)
        var values = ProjectFigureTests.edges
        for _ in 0..<40 { values.append(Int128(Int64(bitPattern: rng.next()))) }
        for _ in 0..<20 { values.append(Int128(Int64(bitPattern: rng.next()) >> 20)) }
        for _ in 0..<3000 {
            let pick = { values[Int(rng.next() % UInt64(values.count))] }
            let (a, b, c, d) = (pick(), pick(), pick(), pick())
            #expect(ProjectFigure.compareProducts(a, b, c, d) == ProjectFigure.wideCompareProducts(a, b, c, d), "\(a)·\(b) vs \(c)·\(d)")
        }
        #expect(ProjectFigure.compareProducts(Int128(Int64.min), Int128(Int64.min), Int128(Int64.max), Int128(Int64.max)) == 1)
        #expect(ProjectFigure.compareProducts(3, 2, 6, 1) == 0)
    }

    @Test func fitsInt64AtTheEdges() {
        #expect(Int128(Int64.max).fitsInt64 && Int128(Int64.min).fitsInt64 && Int128(-1).fitsInt64)
        #expect(!(Int128(Int64.max) + 1).fitsInt64 && !(Int128(Int64.min) - 1).fitsInt64 && !Int128(UInt64.max).fitsInt64)
    }

    /// A rate against a rate constant: the order flips with a negative budget.
    @Test func aRateAgainstAConstant() {
        let sixty = ProjectFigure.Constant.rate(3, 5)
        #expect(ProjectFigure.ratio(paid: 60, budget: 100).order(against: sixty) == 0)
        #expect(ProjectFigure.ratio(paid: 61, budget: 100).order(against: sixty) == 1)
        #expect(ProjectFigure.ratio(paid: -61, budget: -100).order(against: sixty) == 1)
        #expect(ProjectFigure.ratio(paid: 59, budget: -100).order(against: sixty) == -1)
        #expect(ProjectFigure.fen(5).order(against: sixty) == nil)
        #expect(ProjectFigure.fen(500).order(against: .money(1000, 2)) == 0)
    }
}
