import BigInt

// Division of a big magnitude by one word, the inner step of every aggregate over many rates (a
// huge common denominator against one project's budget). BigInt's own word division is a portable
// shift-and-subtract loop (over 40% of an average over 50,000 rates); these use multiplications
// only: Möller and Granlund's division by an invariant word ("Improved division by invariant
// integers", 2011) for remainders, and Jebelean's exact division by the inverse of an odd word.
extension BigUInt {
    /// `self mod d`; `d` must not be zero.
    func remainder(dividingByWord d: UInt) -> UInt {
        precondition(d != 0)
        let w = Array(words)
        guard let top = w.last else { return 0 }
        // Divide (self << s) by the normalised d << s; the remainder comes out shifted by s.
        let s = d.leadingZeroBitCount
        let dn = d << s
        let v = InvariantWord(dn)
        var r: UInt = s == 0 ? 0 : top >> (UInt.bitWidth - s)
        for i in w.indices.reversed() {
            let low = s == 0 ? w[i] : (w[i] << s) | (i > 0 ? w[i - 1] >> (UInt.bitWidth - s) : 0)
            r = v.remainder(high: r, low: low)
        }
        return r >> s
    }

    /// `self / d` for a `d` known to divide `self`.
    func quotient(exactlyDividingBy d: BigUInt) -> BigUInt {
        if d == 1 { return self }
        guard d.bitWidth <= UInt.bitWidth else { return self / d }
        // d = odd · 2^z: shift out z (no bits are lost, d divides self), then divide by the odd part.
        let word = UInt(d.words[0])
        let z = word.trailingZeroBitCount
        let odd = word >> z
        var w = Array((self >> z).words)
        let inverse = odd.inverseModuloWord
        var borrow: UInt = 0
        for i in w.indices {
            let (t, under) = w[i].subtractingReportingOverflow(borrow)
            let q = t &* inverse
            w[i] = q
            borrow = q.multipliedFullWidth(by: odd).high &+ (under ? 1 : 0)
        }
        return BigUInt(words: w)
    }
}

/// A normalised divisor (top bit set) with its reciprocal ⌊(β² − 1)/d⌋ − β, β = 2^64.
struct InvariantWord {
    let d: UInt
    let v: UInt

    init(_ d: UInt) {
        precondition(d.leadingZeroBitCount == 0)
        self.d = d
        v = d.dividingFullWidth((high: ~d, low: UInt.max)).quotient
    }

    /// ⟨high, low⟩ mod d, for high < d.
    func remainder(high u1: UInt, low u0: UInt) -> UInt {
        let p = v.multipliedFullWidth(by: u1)
        let (q0, carry) = p.low.addingReportingOverflow(u0)
        let q1 = p.high &+ u1 &+ (carry ? 1 : 0) &+ 1
        var r = u0 &- q1 &* d
        if r > q0 { r = r &+ d }
        if r >= d { r = r &- d }
        return r
    }
}

extension UInt {
    /// The inverse of an odd word modulo 2^64, by Newton's iteration (each step doubles the
    /// number of correct low bits, from 3: an odd x is its own inverse modulo 8).
    var inverseModuloWord: UInt {
        var x = self
        for _ in 0..<5 { x = x &* (2 &- self &* x) }
        return x
    }
}
