// Division of a big magnitude by one word, the inner step of every aggregate over many rates (a
// huge common denominator against one project's budget). Multiplications only, no hardware
// division in the loop: Möller and Granlund's division by an invariant word ("Improved division by
// invariant integers", 2011) for quotients and remainders, and Jebelean's exact division by the
// inverse of an odd word.
extension BigMagnitude {
    /// `self mod d`; `d` must not be zero.
    func remainder(dividingByWord d: UInt) -> UInt {
        precondition(d != 0)
        guard let top = words.last else { return 0 }
        // Divide (self << s) by the normalised d << s; the remainder comes out shifted by s.
        let s = d.leadingZeroBitCount
        let v = InvariantWord(d << s)
        var r: UInt = s == 0 ? 0 : top >> (UInt.bitWidth - s)
        words.withUnsafeBufferPointer { w in
            for i in w.indices.reversed() {
                let low = s == 0 ? w[i] : (w[i] << s) | (i > 0 ? w[i - 1] >> (UInt.bitWidth - s) : 0)
                r = v.remainder(high: r, low: low)
            }
        }
        return r >> s
    }

    /// `self / d` and `self mod d`; `d` must not be zero.
    func quotientAndRemainder(dividingByWord d: UInt) -> (quotient: BigMagnitude, remainder: UInt) {
        precondition(d != 0)
        guard let top = words.last else { return (.zero, 0) }
        let s = d.leadingZeroBitCount
        let v = InvariantWord(d << s)
        var r: UInt = s == 0 ? 0 : top >> (UInt.bitWidth - s)
        var q = [UInt](repeating: 0, count: words.count)
        words.withUnsafeBufferPointer { w in
            for i in w.indices.reversed() {
                let low = s == 0 ? w[i] : (w[i] << s) | (i > 0 ? w[i - 1] >> (UInt.bitWidth - s) : 0)
                (q[i], r) = v.divide(high: r, low: low)
            }
        }
        return (BigMagnitude(words: q), r >> s)
    }

    /// `self / d` for a `d` known to divide `self`.
    func quotient(exactlyDividingBy d: BigMagnitude) -> BigMagnitude {
        if d.isOne { return self }
        guard let word = d.singleWord else { return quotientAndRemainder(dividingBy: d).quotient }
        // d = odd · 2^z: shift out z (no bits are lost, d divides self), then divide by the odd part;
        // the shift is done word by word in the same pass.
        let z = word.trailingZeroBitCount
        let odd = word >> z
        let inverse = odd.inverseModuloWord
        let n = words.count
        let out = [UInt](unsafeUninitializedCapacity: n) { q, count in
            words.withUnsafeBufferPointer { w in
                var borrow: UInt = 0
                for i in 0..<n {
                    let shifted = z == 0 ? w[i] : (w[i] >> z) | (i + 1 < n ? w[i + 1] << (UInt.bitWidth - z) : 0)
                    let (t, under) = shifted.subtractingReportingOverflow(borrow)
                    let qi = t &* inverse
                    q[i] = qi
                    borrow = qi.multipliedFullWidth(by: odd).high &+ (under ? 1 : 0)
                }
            }
            count = n
        }
        return BigMagnitude(words: out)
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
    @inline(__always)
    func remainder(high u1: UInt, low u0: UInt) -> UInt {
        divide(high: u1, low: u0).remainder
    }

    /// ⟨high, low⟩ / d and mod d, for high < d: the quotient is estimated from the reciprocal and
    /// corrected at most twice.
    @inline(__always)
    func divide(high u1: UInt, low u0: UInt) -> (quotient: UInt, remainder: UInt) {
        let p = v.multipliedFullWidth(by: u1)
        let (q0, carry) = p.low.addingReportingOverflow(u0)
        var q1 = p.high &+ u1 &+ (carry ? 1 : 0) &+ 1
        var r = u0 &- q1 &* d
        if r > q0 { q1 = q1 &- 1; r = r &+ d }
        if r >= d { q1 = q1 &+ 1; r = r &- d }
        return (q1, r)
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
