/// An exact rational number: the numeric core of money, rates and plain numbers.
///
/// Figures in budget reports are decimals, and every derived figure (a rate, a variance, a share)
/// is a quotient of decimals, so a rational with 128-bit parts represents all of them exactly
/// until display. Every operation reports overflow instead of trapping.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    /// Always reduced; `den > 0`.
    public let num: Int128
    public let den: Int128

    public struct Overflow: Error, Equatable, Sendable {}

    public static let zero = Rational(uncheckedNum: 0, den: 1)
    public static let one = Rational(uncheckedNum: 1, den: 1)

    init(uncheckedNum num: Int128, den: Int128) {
        self.num = num
        self.den = den
    }

    public init(_ value: Int) {
        self.init(uncheckedNum: Int128(value), den: 1)
    }

    public init(_ value: Int64) {
        self.init(uncheckedNum: Int128(value), den: 1)
    }

    /// `num / den`, reduced. `den` must not be zero.
    public init(_ num: Int128, _ den: Int128) throws(Overflow) {
        precondition(den != 0, "Rational with zero denominator")
        var n = num, d = den
        if d < 0 {
            guard n != .min, d != .min else { throw Overflow() }
            n = -n; d = -d
        }
        let g = Rational.gcd(n.magnitude, d.magnitude)
        if g > 1 {
            n /= Int128(g); d /= Int128(g)
        }
        self.init(uncheckedNum: n, den: d)
    }

    /// Parses a plain decimal such as `2379.61`, `-0.5` or `1_000` exactly.
    public init?(decimal text: Substring) {
        var negative = false
        var digits = text[...]
        if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        else if digits.first == "+" { digits = digits.dropFirst() }
        var num: Int128 = 0
        var den: Int128 = 1
        var seenPoint = false
        var seenDigit = false
        for ch in digits {
            if ch == "_" || ch == "," { continue }
            if ch == "." {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard let d = ch.wholeNumberValue, ch.isASCII else { return nil }
            seenDigit = true
            let (m, o1) = num.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int128(d))
            if o1 || o2 { return nil }
            num = a
            if seenPoint {
                let (dd, o3) = den.multipliedReportingOverflow(by: 10)
                if o3 { return nil }
                den = dd
            }
        }
        guard seenDigit, let r = try? Rational(negative ? -num : num, den) else { return nil }
        self = r
    }

    public var isZero: Bool { num == 0 }
    public var isNegative: Bool { num < 0 }
    public var isInteger: Bool { den == 1 }
    public var signum: Int { num == 0 ? 0 : (num < 0 ? -1 : 1) }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    // MARK: Arithmetic (all checked)

    public func adding(_ o: Rational) throws(Overflow) -> Rational {
        if den == o.den {
            let (s, ov) = num.addingReportingOverflow(o.num)
            if ov { throw Overflow() }
            return try Rational(s, den)
        }
        let g = Int128(Rational.gcd(den.magnitude, o.den.magnitude))
        let a = try Rational.mul(num, o.den / g)
        let b = try Rational.mul(o.num, den / g)
        let (s, ov) = a.addingReportingOverflow(b)
        if ov { throw Overflow() }
        return try Rational(s, try Rational.mul(den / g, o.den))
    }

    public func negated() throws(Overflow) -> Rational {
        guard num != .min else { throw Overflow() }
        return Rational(uncheckedNum: -num, den: den)
    }

    public func subtracting(_ o: Rational) throws(Overflow) -> Rational {
        try adding(o.negated())
    }

    public func multiplied(by o: Rational) throws(Overflow) -> Rational {
        // Cross-reduce first so that products of already-reduced values stay small.
        let g1 = Int128(Rational.gcd(num.magnitude, o.den.magnitude))
        let g2 = Int128(Rational.gcd(o.num.magnitude, den.magnitude))
        let a = g1 == 0 ? num : num / g1, d2 = g1 == 0 ? o.den : o.den / g1
        let b = g2 == 0 ? o.num : o.num / g2, d1 = g2 == 0 ? den : den / g2
        return try Rational(try Rational.mul(a, b), try Rational.mul(d1, d2))
    }

    /// `self / o`; nil when `o` is zero (the caller decides what "undefined" means there).
    public func divided(by o: Rational) throws(Overflow) -> Rational? {
        if o.isZero { return nil }
        return try multiplied(by: Rational(o.den, o.num))
    }

    static func mul(_ a: Int128, _ b: Int128) throws(Overflow) -> Int128 {
        let (p, ov) = a.multipliedReportingOverflow(by: b)
        if ov { throw Overflow() }
        return p
    }

    public var magnitude: Rational { Rational(uncheckedNum: num < 0 ? -num : num, den: den) }

    public static func < (a: Rational, b: Rational) -> Bool {
        // Compare a.num/a.den with b.num/b.den without overflow: use full-width products.
        let l = a.num.multipliedFullWidth(by: b.den)
        let r = b.num.multipliedFullWidth(by: a.den)
        if l.high != r.high { return l.high < r.high }
        return l.low < r.low
    }

    // MARK: Rounding and decimal text

    /// Rounds to `places` decimals, halves away from zero (四舍五入).
    public func rounded(places: Int) throws(Overflow) -> Rational {
        var scale: Int128 = 1
        for _ in 0..<max(0, places) { scale = try Rational.mul(scale, 10) }
        let (scaled, ov) = num.magnitude.multipliedReportingOverflow(by: UInt128(scale))
        if ov { throw Overflow() }
        let d = UInt128(den)
        var q = scaled / d
        // The remainder is below den <= Int128.max, so doubling it cannot overflow.
        if (scaled % d) * 2 >= d { q += 1 }
        guard q <= UInt128(Int128.max) else { throw Overflow() }
        return try Rational(num < 0 ? -Int128(q) : Int128(q), scale)
    }

    /// The value rounded half away from zero to exactly `places` decimals, as plain ASCII text
    /// (`-1234.50`), optionally with `,` every three integer digits. Never locale-dependent.
    public func decimalText(places: Int, grouping: Bool = false) -> String {
        guard let r = try? rounded(places: places) else { return "overflow" }
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        // r.den divides scale by construction.
        let units = r.num * (scale / r.den)
        let negative = units < 0
        let mag = units.magnitude
        let intPart = mag / UInt128(scale)
        let fracPart = mag % UInt128(scale)
        var intText = String(intPart)
        if grouping && intText.count > 3 {
            var out = ""
            for (i, ch) in intText.enumerated() {
                if i > 0 && (intText.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            intText = out
        }
        var text = negative ? "-" + intText : intText
        if places > 0 {
            var frac = String(fracPart)
            while frac.count < places { frac = "0" + frac }
            text += "." + frac
        }
        return text
    }

    /// Shortest exact decimal if there is one with at most `maxPlaces` decimals, otherwise rounded to `maxPlaces`
    /// with trailing zeros removed.
    public func shortText(maxPlaces: Int) -> String {
        var t = decimalText(places: maxPlaces)
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        if t == "-0" { t = "0" }
        return t
    }

    public var description: String { den == 1 ? String(num) : "\(num)/\(den)" }
}

extension Rational: Comparable {}
