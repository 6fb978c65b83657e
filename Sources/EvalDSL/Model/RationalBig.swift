import BigInt

/// The arbitrary-precision side of `Rational`: reduced `num / den` with `den > 0`, used only while a
/// value's parts do not fit in Int128. Results go back through `Rational(big:)`, which returns to the
/// inline representation whenever the parts fit again.
struct BigFraction: Hashable, Sendable {
    var num: BigInt
    var den: BigInt

    /// Parts already reduced, `den > 0`.
    init(num: BigInt, den: BigInt) {
        self.num = num
        self.den = den
    }

    /// Any `num / den` with `den != 0`, reduced.
    init(reducing num: BigInt, _ den: BigInt) {
        precondition(!den.isZero, "Rational with zero denominator")
        let g = BigInt(BigFraction.gcd(num.magnitude, den.magnitude))
        var n = num, d = den
        if g != 1 { n /= g; d /= g }
        if d.sign == .minus { n.negate(); d.negate() }
        self.init(num: n, den: d)
    }

    init(_ r: Rational) {
        switch r.storage {
        case .small(let n, let d): self.init(num: BigInt(int128: n), den: BigInt(int128: d))
        case .big(let b): self = b
        }
    }

    /// Henrici's addition: with g = gcd(b, d), only gcd(sum, g) can be left to cancel. Adding a
    /// small fraction to a huge one (an aggregate over many rates) costs one division by a word
    /// and a few linear-time products.
    static func + (x: BigFraction, y: BigFraction) -> BigFraction {
        let g = gcd(x.den.magnitude, y.den.magnitude)
        if g == 1 {
            return BigFraction(num: x.num * y.den + y.num * x.den, den: x.den * y.den)
        }
        let xg = x.den.quotient(exactlyDividingBy: g), yg = y.den.quotient(exactlyDividingBy: g)
        let s = x.num * yg + y.num * xg
        let g2 = gcd(s.magnitude, g)
        if g2 == 1 { return BigFraction(num: s, den: xg * y.den) }
        return BigFraction(num: s.quotient(exactlyDividingBy: g2), den: xg * y.den.quotient(exactlyDividingBy: g2))
    }

    /// Cross-reduced product: reduced without a gcd of the (larger) products.
    static func * (x: BigFraction, y: BigFraction) -> BigFraction {
        if x.num.isZero || y.num.isZero { return BigFraction(num: 0, den: 1) }
        let g1 = gcd(x.num.magnitude, y.den.magnitude)
        let g2 = gcd(y.num.magnitude, x.den.magnitude)
        return BigFraction(num: x.num.quotient(exactlyDividingBy: g1) * y.num.quotient(exactlyDividingBy: g2),
                           den: x.den.quotient(exactlyDividingBy: g2) * y.den.quotient(exactlyDividingBy: g1))
    }

    /// Euclid's algorithm on big magnitudes, finishing in UInt128 once both fit. Against a one-word
    /// operand (the usual case: a huge denominator and a budget in fen) it is one pass over the big one.
    static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var x = a, y = b
        if x < y { swap(&x, &y) }
        while !y.isZero {
            if let sx = x.uint128, let sy = y.uint128 {
                return BigUInt(uint128: Rational.gcd(sx, sy))
            }
            if y.bitWidth <= UInt.bitWidth {
                let w = UInt(y.words[0])
                return BigUInt(uint128: Rational.gcd(UInt128(w), UInt128(x.remainder(dividingByWord: w))))
            }
            (x, y) = (y, x % y)
        }
        return x
    }
}

extension Rational {
    /// A reduced big fraction, stored inline when both parts fit.
    init(big b: BigFraction) {
        if let n = b.num.int128, let d = b.den.int128 {
            self.init(uncheckedNum: n, den: d)
        } else {
            self.init(storage: .big(b))
        }
    }
}

// Conversions with Int128 written out word by word: the generic `Int128(exactly:)` from a negative
// BigInt beyond 64 bits is wrong (-(2^64 + 1) came back as -1; RationalBigTests covers both ways).
extension BigUInt {
    init(uint128 v: UInt128) {
        self.init(words: [UInt(truncatingIfNeeded: v), UInt(truncatingIfNeeded: v >> 64)])
    }

    /// The value when it fits in UInt128.
    var uint128: UInt128? {
        guard bitWidth <= 128 else { return nil }
        var v: UInt128 = 0
        for (i, w) in words.enumerated() { v |= UInt128(w) << (64 * i) }
        return v
    }
}

extension BigInt {
    /// `self / d` for a `d` known to divide `self`.
    func quotient(exactlyDividingBy d: BigUInt) -> BigInt {
        d == 1 ? self : BigInt(sign: sign, magnitude: magnitude.quotient(exactlyDividingBy: d))
    }

    init(int128 v: Int128) {
        self.init(sign: v < 0 ? .minus : .plus, magnitude: BigUInt(uint128: v.magnitude))
    }

    /// The value when it fits in Int128 other than `Int128.min` (the inline form's range).
    var int128: Int128? {
        guard magnitude.bitWidth <= 127, let m = magnitude.uint128 else { return nil }
        return sign == .minus ? -Int128(m) : Int128(m)
    }
}
