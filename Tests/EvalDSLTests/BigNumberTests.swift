import Testing
@testable import EvalDSL

/// The big integers under `Rational`'s arbitrary-precision side: conversions at the Int128 edges,
/// arithmetic against Int128, division against a bit-by-bit reference, gcd against Euclid.
@Suite struct BigNumberTests {
    /// A deterministic generator (a 64-bit LCG with an output shift), so every run tests the same operands.
    struct Words {
        var x: UInt64
        mutating func next() -> UInt { x = x &* 6364136223846793005 &+ 1442695040888963407; return UInt(x ^ (x >> 29)) }
        /// 1–6 words of several shapes: random, all ones, top word small (a normalising shift), sparse.
        mutating func magnitude(words count: Int, shape: Int) -> BigMagnitude {
            var w = (0..<count).map { _ in next() }
            switch shape % 4 {
            case 0: break
            case 1: w = w.map { $0 % 3 == 0 ? UInt.max : $0 }
            case 2: w[count - 1] >>= Int(next() % 64)
            default: w = w.map { $0 % 2 == 0 ? 0 : $0 >> 60 }
            }
            if w[count - 1] == 0 { w[count - 1] = 1 }
            return BigMagnitude(words: w)
        }
    }

    /// Long division one bit at a time: slow, but only shifts, comparisons and subtraction.
    static func referenceDivision(_ n: BigMagnitude, _ d: BigMagnitude) -> (BigMagnitude, BigMagnitude) {
        var q = [UInt](repeating: 0, count: n.words.count)
        var r = BigMagnitude.zero
        for bit in stride(from: n.bitWidth - 1, through: 0, by: -1) {
            r = r << 1
            if n.words[bit / 64] >> (bit % 64) & 1 == 1 { r = r + .one }
            if r >= d {
                r = r - d
                q[bit / 64] |= 1 << (bit % 64)
            }
        }
        return (BigMagnitude(words: q), r)
    }

    static let twoTo64 = Int128(1) << 64

    @Test(arguments: [Int128.max, Int128.max - 1, -Int128.max, 1 - Int128.max, -twoTo64 - 1, -twoTo64, twoTo64 - 1,
                      -1, 0, 1, twoTo64] as [Int128])
    func int128ConversionsRoundTrip(value: Int128) {
        let big = BigNumber(value)
        #expect(big.int128 == value)
        #expect(big.description == String(value))
        #expect((big + .one).int128 == (value == .max ? nil : value + 1))
        #expect((big - .one).int128 == (value == -Int128.max ? nil : value - 1))
        #expect((-big).int128 == -value)
    }

    @Test func int128EdgesAndTwoTo127() {
        // Int128.min converts in, but is outside the inline range on the way back.
        let min = BigNumber(Int128.min)
        #expect(min.int128 == nil && min.description == String(Int128.min))
        #expect((min + .one).int128 == Int128.min + 1)
        let twoTo127 = BigNumber(Int128.max) + .one
        #expect(twoTo127.int128 == nil && twoTo127.description == "170141183460469231731687303715884105728")
        #expect(twoTo127.magnitude.bitWidth == 128 && twoTo127.magnitude.uint128 == UInt128(1) << 127)
        #expect(-twoTo127 == min)
        #expect((twoTo127 - .one).int128 == .max)
        // -(2^64 + 1): the two-word negative the earlier library's generic conversion got wrong.
        let below = BigNumber(-Self.twoTo64) - .one
        #expect(below.int128 == -Self.twoTo64 - 1 && below.magnitude.words == [1, 1])
        #expect(BigMagnitude(UInt128.max).words == [.max, .max] && BigMagnitude(UInt128.max).uint128 == .max)
        let twoTo128 = BigMagnitude(UInt128.max) + .one
        #expect(twoTo128.words == [0, 0, 1] && twoTo128.uint128 == nil)
    }

    @Test func oneFormPerValueSoHashesAgree() {
        #expect(BigMagnitude(words: [5, 0, 0]) == BigMagnitude(5 as UInt))
        #expect(BigMagnitude(words: [5, 0, 0]).hashValue == BigMagnitude(5 as UInt).hashValue)
        #expect(BigMagnitude(words: [0, 0]) == .zero && BigMagnitude(words: [0, 0]).words.isEmpty)
        let negativeZero = BigNumber(negative: true, magnitude: .zero)
        #expect(negativeZero == .zero && negativeZero.hashValue == BigNumber.zero.hashValue && !negativeZero.isNegative)
        let a = BigNumber(Int128.max) * BigNumber(3), b = BigNumber(Int128.max) + BigNumber(Int128.max) * BigNumber(2)
        #expect(a == b && a.hashValue == b.hashValue && Set([a, b]).count == 1)
        let c = (BigMagnitude(UInt128.max) + .one) - .one
        #expect(c == BigMagnitude(UInt128.max) && c.words.count == 2)
    }

    @Test func arithmeticAgreesWithInt128() {
        var g = Words(x: 7)
        for i in 0..<3000 {
            let a = Int128(Int64(bitPattern: UInt64(g.next()))) >> (i % 60)
            let b = Int128(Int64(bitPattern: UInt64(g.next()))) >> (i % 53)
            let x = BigNumber(a), y = BigNumber(b)
            #expect((x + y).int128 == a + b)
            #expect((x - y).int128 == a - b)
            #expect((x * y).int128 == a * b)
            #expect((x < y) == (a < b) && (x == y) == (a == b))
            let order = a.magnitude < b.magnitude ? -1 : a.magnitude == b.magnitude ? 0 : 1
            #expect(BigMagnitude.compare(x.magnitude, y.magnitude) == order)
        }
    }

    @Test func productsAndShiftsOfManyWords() {
        var g = Words(x: 99)
        for i in 0..<300 {
            let a = g.magnitude(words: 1 + i % 6, shape: i), b = g.magnitude(words: 1 + (i / 6) % 6, shape: i / 4)
            #expect(a * b == b * a)
            #expect((a + b) * b == a * b + b * b)
            #expect((a + b) - b == a)
            let k = Int(g.next() % 200)
            #expect((a << k) >> k == a)
            #expect((a << k).bitWidth == a.bitWidth + k)
            #expect(a * BigMagnitude(UInt128(1) << (k % 128)) == a << (k % 128))
        }
    }

    /// Every quotient and remainder equals the bit-by-bit reference, and q·d + r = n with r < d,
    /// for dividends and divisors of 1–6 words.
    @Test func divisionMatchesReference() {
        var g = Words(x: 2024)
        for i in 0..<1500 {
            let n = g.magnitude(words: 1 + i % 6, shape: i)
            var d = g.magnitude(words: 1 + (i / 6) % 6, shape: i / 5)
            if i % 11 == 0 {
                // Divisor and dividend with the same top word: the estimate's β − 1 case.
                var w = d.words
                w[w.count - 1] = n.words.last!
                d = BigMagnitude(words: w)
            }
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            let (rq, rr) = Self.referenceDivision(n, d)
            #expect(q == rq && r == rr, "\(n) / \(d)")
            #expect(q * d + r == n && r < d)
        }
    }

    /// Quotients known in advance: n = q·d + r built from random q, d and r < d.
    @Test func divisionRecoversBuiltQuotients() {
        var g = Words(x: 31337)
        for i in 0..<1000 {
            let d = g.magnitude(words: 2 + i % 5, shape: i)
            let q = g.magnitude(words: 1 + (i / 5) % 6, shape: i / 3)
            let r = g.magnitude(words: 1 + i % 6, shape: i / 7) % d
            let (q2, r2) = (q * d + r).quotientAndRemainder(dividingBy: d)
            #expect(q2 == q && r2 == r)
        }
    }

    /// Divisors whose third word from the top makes the two-word estimate one too large, so the
    /// step that adds the divisor back runs: d = 2^191 + 1 (normalised) and 2^190 + 1 (shifted by
    /// one), n = k · (d − 1). The estimate from the top words is k, but k · d exceeds n by k.
    @Test(arguments: [0, 1] as [Int])
    func divisionAddsBack(shift: Int) {
        let top = BigMagnitude.one << (191 - shift)
        let d = top + .one
        #expect(d.words.count == 3 && d.words[2].leadingZeroBitCount == shift)
        for k: UInt in [1, 2, 3, 1 << 40, .max] {
            let n = top.multiplied(byWord: k)
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            #expect(q == BigMagnitude(k - 1))
            #expect(r == top - BigMagnitude(k - 1))
            #expect(q * d + r == n && r < d)
        }
        // The same in the middle of a longer dividend (words below and above the step).
        let n = (top.multiplied(byWord: 5) << 64) + BigMagnitude(UInt128(12345))
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        #expect(q * d + r == n && r < d)
        #expect((q, r) == Self.referenceDivision(n, d))
    }

    /// Division by one word (quotients and remainders by invariant division, exact quotients by the
    /// inverse) agrees with the reference, for divisors with and without factors of two.
    @Test func wordDivisionMatchesReference() {
        var g = Words(x: 0x9E37_79B9_7F4A_7C15)
        let divisors: [UInt] = [1, 2, 3, 10, 1 << 63, .max, .max - 1, 4_294_967_291, 100_000_000_000, 1_000_000_007 << 20]
        for round in 0..<120 {
            var big = BigMagnitude(words: (0..<(1 + round % 12)).map { _ in g.next() })
            if round % 7 == 0 { big = .zero }
            for d in divisors + [g.next() | 1, g.next() >> (round % 64), g.next() << (round % 64)] where d != 0 {
                let (rq, rr) = Self.referenceDivision(big, BigMagnitude(d))
                #expect(BigMagnitude(big.remainder(dividingByWord: d)) == rr)
                let (q, r) = big.quotientAndRemainder(dividingByWord: d)
                #expect(q == rq && BigMagnitude(r) == rr)
                let multiple = big.multiplied(byWord: d)
                #expect(multiple.quotient(exactlyDividingBy: BigMagnitude(d)) == big)
                #expect(multiple.remainder(dividingByWord: d) == 0)
            }
        }
    }

    @Test func gcdAgreesWithEuclid() {
        var g = Words(x: 12345)
        func euclid(_ a: UInt128, _ b: UInt128) -> UInt128 { b == 0 ? a : euclid(b, a % b) }
        for i in 0..<1000 {
            let k = UInt128(g.next() >> (i % 56 + 8)) << (i % 7)
            let a = UInt128(g.next() >> (i % 61)) * k, b = UInt128(g.next() >> (i % 59)) * k
            #expect(BigFraction.gcd(BigMagnitude(a), BigMagnitude(b)) == BigMagnitude(euclid(a, b)))
            // A common multi-word factor: gcd(x·f, y·f) = gcd(x, y) · f.
            let f = g.magnitude(words: 1 + i % 4, shape: i)
            let x = UInt128(g.next() >> (i % 50)), y = UInt128(g.next())
            #expect(BigFraction.gcd(BigMagnitude(x) * f, BigMagnitude(y) * f) == BigMagnitude(euclid(x, y)) * f)
        }
        #expect(BigFraction.gcd(.zero, BigMagnitude(7 as UInt)) == BigMagnitude(7 as UInt))
        #expect(BigFraction.gcd(BigMagnitude(UInt128.max) << 70, .zero) == BigMagnitude(UInt128.max) << 70)
    }

    @Test func decimalText() {
        #expect(BigMagnitude.zero.description == "0" && BigNumber.zero.description == "0")
        #expect((BigMagnitude(UInt128.max) + .one).description == "340282366920938463463374607431768211456")
        for n in [0, 1, 18, 19, 20, 38, 39, 57, 100] {
            let p = BigMagnitude.powerOfTen(n)
            #expect(p.description == "1" + String(repeating: "0", count: n))
            #expect((p - .one).description == (n == 0 ? "0" : String(repeating: "9", count: n)))
        }
        #expect(BigNumber(-Int128.max).description == "-170141183460469231731687303715884105727")
    }

    @Test func doubleConversion() {
        #expect(Double(BigMagnitude.one << 127) == 0x1p127)
        #expect(Double(BigMagnitude(UInt128(1) << 53 | 1)) == 0x1p53)
        #expect(Double(BigMagnitude(UInt128(3) << 52 | 1)) == 0x1.8p53)
        #expect(Double(BigMagnitude(UInt128(1) << 53 | 3)) == 0x1p53 + 4)
        #expect(Double(BigMagnitude(UInt128.max)) == 0x1p128)
        #expect(Double(BigMagnitude.zero) == 0 && Double(BigMagnitude(12345 as UInt)) == 12345)
    }
}
