import Testing
@testable import EvalDSL

/// Rational beyond 128-bit parts: exact results, and back to the inline form as soon as they fit.
@Suite struct RationalBigTests {
    static let max = Rational(uncheckedNum: Int128.max, den: 1)
    static let twoTo127 = "170141183460469231731687303715884105728"

    @Test func additionCrossesInt128BothWays() {
        let above = Self.max + .one
        #expect(!above.isSmall)
        #expect(above.description == Self.twoTo127)
        let back = above - .one
        #expect(back.isSmall)
        #expect(back == Self.max)
        #expect(back.hashValue == Self.max.hashValue)
    }

    @Test func int128MinIsBigSoNegationNeverOverflows() throws {
        let min = try Rational(Int128.min, 1)
        #expect(!min.isSmall)
        #expect(min.description == "-" + Self.twoTo127)
        #expect(min == -Self.max - .one)
        #expect((-min).description == Self.twoTo127)
        #expect(min.magnitude == -min)
        #expect((min + .one).isSmall)
        #expect(try Rational(1, Int128.min).description == "-1/" + Self.twoTo127)
    }

    @Test func subtractionBelowInt128() {
        let low = -Self.max - Rational(2)
        #expect(low.description == "-170141183460469231731687303715884105729")
        #expect((low + Rational(2)) == -Self.max)
        #expect((low + Rational(2)).isSmall)
    }

    @Test func multiplicationAndDivisionCrossInt128() throws {
        let square = Self.max * Self.max
        #expect(square.description == "28948022309329048855892746252171976962977213799489202546401021394546514198529")
        let root = try #require(try square.divided(by: Self.max) as Rational?)
        #expect(root == Self.max && root.isSmall)
        let tiny = try #require((square).reciprocal)
        #expect(!tiny.isSmall && !tiny.isInteger)
        #expect((tiny * Self.max).description == "1/170141183460469231731687303715884105727")
        #expect((tiny * Self.max).isSmall)
        #expect(try tiny.divided(by: .zero) == nil)
        #expect(tiny * .zero == .zero)
    }

    @Test func denominatorsBeyondInt128() throws {
        let a = try Rational(1, Int128.max), b = try Rational(1, Int128.max - 1)
        let sum = a + b
        #expect(!sum.isSmall)
        #expect(sum.description == "340282366920938463463374607431768211453/"
            + "28948022309329048855892746252171976962807072616028733314669334090830630092802")
        #expect(sum - b == a)
        #expect((sum - b).isSmall)
        #expect(sum.decimalText(places: 44) == "0.00000000000000000000000000000000000001175494")
    }

    @Test func comparesAcrossRepresentations() throws {
        let above = Self.max + .one
        let tiny = try #require((Self.max * Self.max).reciprocal)
        #expect(Self.max < above)
        #expect(-above < -Self.max)
        #expect(-above < Rational(-1))
        #expect(Rational.zero < tiny && tiny < Rational(reducing: 1, Int128.max))
        #expect(-tiny < .zero)
        #expect(above * Rational(2) > above)
        #expect(!(above < above))
        #expect([above, Self.max, -above, tiny].max() == above)
        #expect([above, Self.max, -above, tiny].min() == -above)
    }

    @Test func roundsBigValuesHalfAwayFromZero() throws {
        // (2^128 - 1) / 2 = 2^127 - 0.5: the half goes away from zero, past Int128.max.
        let half = (Self.max + Self.max + .one) * Rational(reducing: 1, 2)
        #expect(try half.rounded(places: 0).description == Self.twoTo127)
        #expect(try (-half).rounded(places: 0).description == "-" + Self.twoTo127)
        #expect(half.decimalText(places: 1) == "170141183460469231731687303715884105727.5")
        let twoThirds = Self.max * Self.max * Rational(reducing: 2, 3)
        #expect(twoThirds.decimalText(places: 2)
            == "19298681539552699237261830834781317975318142532992801697600680929697676132352.67")
        #expect((-twoThirds * Rational(reducing: 1, 2)).decimalText(places: 2)
            == "-9649340769776349618630915417390658987659071266496400848800340464848838066176.33")
        // A big value that rounds to a small one comes back inline.
        let nearOne = Rational.one + (try #require((Self.max * Self.max).reciprocal))
        let one = try nearOne.rounded(places: 12)
        #expect(one == .one && one.isSmall)
        #expect(nearOne.shortText(maxPlaces: 6) == "1")
    }

    @Test func formatsBigIntegersWithGrouping() {
        let above = Self.max + .one
        #expect(above.decimalText(places: 2, grouping: true) == "170,141,183,460,469,231,731,687,303,715,884,105,728.00")
        #expect((-above).decimalText(places: 0, grouping: true) == "-170,141,183,460,469,231,731,687,303,715,884,105,728")
    }

    @Test func partsPropertiesAndDouble() throws {
        let above = Self.max + .one
        #expect(above.isInteger && above.signum == 1 && !above.isNegative && !above.isZero)
        #expect((-above).signum == -1 && (-above).isNegative)
        // `num` saturates, so range checks on it fail for values beyond Int128.
        #expect(above.num == Int128.max && (-above).num == -Int128.max && above.den == 1)
        #expect(Int64(exactly: above.num) == nil)
        #expect(above.doubleValue == 1.7014118346046923e38)
        let tiny = try #require((Self.max * Self.max).reciprocal)
        #expect(abs(tiny.doubleValue - 3.4544e-77) < 1e-80)
        let huge = Self.max * Self.max * Self.max * Self.max * Self.max * Self.max * Self.max * Self.max * Self.max
        let third = (huge + .one) * (huge * Rational(3)).reciprocal!
        #expect(!third.isSmall && abs(third.doubleValue - 1.0 / 3.0) < 1e-15)
        #expect(Set([above, Self.max + Rational(1)]).count == 1)
    }

    @Test func gcdAgreesWithEuclid() {
        var x: UInt64 = 12345
        func next() -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return x ^ (x >> 31) }
        func euclid(_ a: UInt128, _ b: UInt128) -> UInt128 { b == 0 ? a : euclid(b, a % b) }
        for i in 0..<2000 {
            let k = UInt128(next() >> (i % 56 + 8)) << (i % 7)
            let a = UInt128(next() >> (i % 61)) * k, b = UInt128(next() >> (i % 59)) * k
            #expect(Rational.gcd(a, b) == euclid(a, b))
            #expect(Rational.gcd(a << 64 | 5, b) == euclid(a << 64 | 5, b))
        }
        #expect(Rational.gcd(UInt128(0), 0) == 0 && Rational.gcd(UInt128(0), 7) == 7 && Rational.gcd(UInt128(12), 0) == 12)
    }

    /// Decimal text agrees between the inline path (64-bit and 128-bit division) and the big one,
    /// at every number of places up to well past 10^38.
    @Test func decimalTextIsTheSameOnEveryPath() throws {
        let values: [Rational] = [Rational(reducing: 12363, 33957), Rational(reducing: -1, 3), Rational(reducing: 5, 8),
                                  Rational(reducing: -Int128.max, 7), Rational(reducing: Int128.max, Int128.max - 1), .zero]
        for v in values {
            for places in [0, 1, 2, 6, 12, 19, 20, 21, 30, 38, 39, 45] {
                // The same value, forced through the big representation.
                let big = Rational(storage: .big(BigFraction(v)))
                #expect(v.decimalText(places: places) == big.decimalText(places: places), "\(v) at \(places)")
                #expect(try v.rounded(places: places) == Rational(big: BigFraction(big.roundedHalfAway(places: places))))
            }
        }
        #expect(Rational(reducing: -1, 3).decimalText(places: 21) == "-0.333333333333333333333")
        #expect(Rational(reducing: -1, 3000).decimalText(places: 2) == "0.00")
    }
}
