// Long division of big magnitudes: Knuth's algorithm D (The Art of Computer Programming, vol. 2,
// 4.3.1). A one-word divisor goes to the invariant-word division (BigWordDivision.swift).
extension BigMagnitude {
    /// `self / d` and `self mod d`; `d` must not be zero.
    func quotientAndRemainder(dividingBy d: BigMagnitude) -> (quotient: BigMagnitude, remainder: BigMagnitude) {
        precondition(!d.isZero, "BigMagnitude division by zero")
        if self < d { return (.zero, self) }
        if let word = d.singleWord {
            let (q, r) = quotientAndRemainder(dividingByWord: word)
            return (q, BigMagnitude(r))
        }
        // Normalise: shift both so the divisor's top bit is set, which makes each estimated
        // quotient word at most two too large. The dividend gets one more word on top.
        let s = d.words.last!.leadingZeroBitCount
        let v = (d << s).words
        var u = (self << s).words
        while u.count < words.count + 1 { u.append(0) }
        let n = v.count, m = u.count - n - 1
        var q = [UInt](repeating: 0, count: m + 1)
        u.withUnsafeMutableBufferPointer { u in
            v.withUnsafeBufferPointer { v in
                let vTop = v[n - 1], vNext = v[n - 2]
                for j in stride(from: m, through: 0, by: -1) {
                    // Estimate the quotient word from the dividend's top two words and the divisor's
                    // top one; u[j + n] <= vTop always holds here.
                    var qhat: UInt, rhat: UInt, rhatOverflow: Bool
                    if u[j + n] >= vTop {
                        qhat = .max
                        (rhat, rhatOverflow) = u[j + n - 1].addingReportingOverflow(vTop)
                    } else {
                        (qhat, rhat) = vTop.dividingFullWidth((high: u[j + n], low: u[j + n - 1]))
                        rhatOverflow = false
                    }
                    // Refine with the divisor's second word: afterwards qhat is exact or one too large.
                    while !rhatOverflow {
                        let p = qhat.multipliedFullWidth(by: vNext)
                        guard p.high > rhat || (p.high == rhat && p.low > u[j + n - 2]) else { break }
                        qhat -= 1
                        (rhat, rhatOverflow) = rhat.addingReportingOverflow(vTop)
                    }
                    // u[j...j+n] -= qhat · v
                    var carry: UInt = 0, borrow: UInt = 0
                    for i in 0..<n {
                        let p = qhat.multipliedFullWidth(by: v[i])
                        let (low, c) = p.low.addingReportingOverflow(carry)
                        carry = p.high &+ (c ? 1 : 0)
                        let (t1, b1) = u[i + j].subtractingReportingOverflow(low)
                        let (t2, b2) = t1.subtractingReportingOverflow(borrow)
                        u[i + j] = t2
                        borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
                    }
                    let (t1, b1) = u[j + n].subtractingReportingOverflow(carry)
                    let (t2, b2) = t1.subtractingReportingOverflow(borrow)
                    u[j + n] = t2
                    if b1 || b2 {
                        // qhat was one too large (rare: about 2 in 2^64): add the divisor back.
                        qhat -= 1
                        var c = false
                        for i in 0..<n {
                            let (s1, c1) = u[i + j].addingReportingOverflow(v[i])
                            let (s2, c2) = s1.addingReportingOverflow(c ? 1 : 0)
                            u[i + j] = s2
                            c = c1 || c2
                        }
                        u[j + n] = u[j + n] &+ (c ? 1 : 0)
                    }
                    q[j] = qhat
                }
            }
        }
        // The remainder is the low n words, still shifted by s.
        u.removeLast(u.count - n)
        return (BigMagnitude(words: q), BigMagnitude(words: u) >> s)
    }

    static func / (a: BigMagnitude, d: BigMagnitude) -> BigMagnitude { a.quotientAndRemainder(dividingBy: d).quotient }

    static func % (a: BigMagnitude, d: BigMagnitude) -> BigMagnitude { a.quotientAndRemainder(dividingBy: d).remainder }
}
