import Testing
@testable import EvalDSL

/// The decimal text every table cell, export and report shows: the byte-by-byte writer of the common
/// case against exact expectations and against a plain reference built from integer division.
@Suite struct DecimalTextTests {
    @Test func edgesOfRoundingSignAndGrouping() throws {
        let cases: [(Rational, Int, Bool, String)] = [
            (.zero, 2, false, "0.00"),
            (try Rational(-4, 1000), 2, false, "0.00"),        // rounds to zero: no "-0.00"
            (try Rational(-5, 1000), 2, false, "-0.01"),       // half away from zero
            (try Rational(999_995, 1000), 2, true, "1,000.00"),
            (try Rational(-123_456_789_123, 100), 2, true, "-1,234,567,891.23"),
            (try Rational(123_456, 1), 0, true, "123,456"),
            (try Rational(2, 3), 0, false, "1"),
            (try Rational(1, 3), 6, false, "0.333333"),
            (try Rational(100, 1), 2, true, "100.00"),
            (try Rational(1000, 1), 2, true, "1,000.00"),
            // 2^64 units: beyond the compact writer, the general path answers the same way.
            (try Rational(Int128(UInt64.max) + 1, 100), 2, true, "184,467,440,737,095,516.16"),
            (try Rational(Int128(UInt64.max), 100), 2, false, "184467440737095516.15"),
        ]
        for (r, places, grouping, text) in cases {
            #expect(r.decimalText(places: places, grouping: grouping) == text, "\(r) at \(places)")
        }
    }

    @Test func ratesAsPercentages() throws {
        let f = ValueFormatter(unit: .yuan)
        #expect(f.rate(try Rational(6185, 10000)) == "61.85%")
        #expect(f.rate(try Rational(2, 3)) == "66.67%")
        #expect(f.rate(try Rational(-1, 200_000)) == "0.00%")
        #expect(f.rate(try Rational(-1, 20_000)) == "-0.01%")
        #expect(f.rate(try Rational(1, 3), places: 4) == "33.3333%")
        #expect(f.rate(try Rational(123_456_789, 1)) == "12345678900.00%")
    }

    /// Every combination of sign, size, places and grouping on deterministic pseudo-random fractions,
    /// against `reference`.
    @Test func agreesWithIntegerDivision() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for i in 0..<5000 {
            let magnitude = Int64(truncatingIfNeeded: next() >> (1 + next() % 60))
            let num = i % 2 == 0 ? magnitude : -magnitude
            let den = Int64(truncatingIfNeeded: next() >> (1 + next() % 62)) | 1
            let places = Int(next() % 7)
            let grouping = next() % 2 == 0
            let r = try Rational(Int128(num), Int128(den))
            #expect(r.decimalText(places: places, grouping: grouping) == reference(num, den, places, grouping),
                    "\(num)/\(den) at \(places)")
        }
    }

    /// |num/den| · 10^places rounded half away from zero with Int128 division, then split at the point.
    func reference(_ num: Int64, _ den: Int64, _ places: Int, _ grouping: Bool) -> String {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int128(num.magnitude) * scale
        var (q, r) = scaled.quotientAndRemainder(dividingBy: Int128(den))
        if 2 * r >= Int128(den) { q += 1 }
        var int = String(q / scale)
        if grouping {
            var out = ""
            for (k, ch) in int.enumerated() {
                if k > 0 && (int.count - k) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            int = out
        }
        var text = (num < 0 && q != 0 ? "-" : "") + int
        if places > 0 {
            let frac = String(q % scale)
            text += "." + String(repeating: "0", count: places - frac.count) + frac
        }
        return text
    }
}
