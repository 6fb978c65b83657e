/// The arbitrary-precision side of `Rational`: reduced `num / den` with `den > 0`, used only while a
/// value's parts do not fit in Int128. Results go back through `Rational(big:)`, which returns to the
/// inline representation whenever the parts fit again.
struct BigFraction: Hashable, Sendable {
    var num: BigNumber
    var den: BigNumber

    /// Parts already reduced, `den > 0`.
    init(num: BigNumber, den: BigNumber) {
        self.num = num
        self.den = den
    }

    /// Any `num / den` with `den != 0`, reduced.
    init(reducing num: BigNumber, _ den: BigNumber) {
        precondition(!den.isZero, "Rational with zero denominator")
        let g = BigFraction.gcd(num.magnitude, den.magnitude)
        let negative = num.isNegative != den.isNegative
        self.init(num: BigNumber(negative: negative, magnitude: num.magnitude.quotient(exactlyDividingBy: g)),
                  den: BigNumber(magnitude: den.magnitude.quotient(exactlyDividingBy: g)))
    }

    init(_ r: Rational) {
        switch r.storage {
        case .small(let n, let d): self.init(num: BigNumber(n), den: BigNumber(d))
        case .big(let b): self = b
        }
    }

    /// Henrici's addition: with g = gcd(b, d), only gcd(sum, g) can be left to cancel. Adding a
    /// small fraction to a huge one (an aggregate over many rates) costs one division by a word
    /// and a few linear-time products.
    static func + (x: BigFraction, y: BigFraction) -> BigFraction {
        let g = gcd(x.den.magnitude, y.den.magnitude)
        if g.isOne {
            return BigFraction(num: x.num * y.den + y.num * x.den, den: x.den * y.den)
        }
        let xg = x.den.quotient(exactlyDividingBy: g), yg = y.den.quotient(exactlyDividingBy: g)
        let s = x.num * yg + y.num * xg
        let g2 = gcd(s.magnitude, g)
        if g2.isOne { return BigFraction(num: s, den: xg * y.den) }
        return BigFraction(num: s.quotient(exactlyDividingBy: g2), den: xg * y.den.quotient(exactlyDividingBy: g2))
    }

    /// Cross-reduced product: reduced without a gcd of the (larger) products.
    static func * (x: BigFraction, y: BigFraction) -> BigFraction {
        if x.num.isZero || y.num.isZero { return BigFraction(num: .zero, den: .one) }
        let g1 = gcd(x.num.magnitude, y.den.magnitude)
        let g2 = gcd(y.num.magnitude, x.den.magnitude)
        return BigFraction(num: x.num.quotient(exactlyDividingBy: g1) * y.num.quotient(exactlyDividingBy: g2),
                           den: x.den.quotient(exactlyDividingBy: g2) * y.den.quotient(exactlyDividingBy: g1))
    }

    /// Euclid's algorithm on big magnitudes, finishing in UInt128 once both fit. Against a one-word
    /// operand (the usual case: a huge denominator and a budget in fen) it is one pass over the big one.
    static func gcd(_ a: BigMagnitude, _ b: BigMagnitude) -> BigMagnitude {
        var x = a, y = b
        if x < y { swap(&x, &y) }
        while !y.isZero {
            if let sx = x.uint128, let sy = y.uint128 {
                return BigMagnitude(Rational.gcd(sx, sy))
            }
            if let w = y.singleWord {
                return BigMagnitude(Rational.gcd(UInt128(w), UInt128(x.remainder(dividingByWord: w))))
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
