/// A non-negative integer of any size: the magnitude of a `BigNumber`, for the parts of `Rational`
/// that outgrow Int128 (RationalBig.swift). Only what those fractions need: addition, subtraction,
/// multiplication, division with remainder (BigDivision.swift, BigWordDivision.swift), shifts,
/// comparison and decimal text.
///
/// Little-endian 64-bit words with no leading zero word (zero has no words), so there is one form
/// per value and the synthesized `==` and `hash` are value equality.
struct BigMagnitude: Hashable, Sendable {
    private(set) var words: [UInt]

    /// Any words, least significant first; leading zero words are dropped.
    init(words: [UInt]) {
        self.words = words
        normalize()
    }

    init(_ word: UInt) {
        words = word == 0 ? [] : [word]
    }

    init(_ value: UInt128) {
        self.init(words: [UInt(truncatingIfNeeded: value), UInt(truncatingIfNeeded: value >> 64)])
    }

    static let zero = BigMagnitude(words: [])
    static let one = BigMagnitude(1 as UInt)

    private mutating func normalize() {
        while words.last == 0 { words.removeLast() }
    }

    var isZero: Bool { words.isEmpty }

    var isOne: Bool { words.count == 1 && words[0] == 1 }

    /// The number of significant bits (0 for zero).
    var bitWidth: Int {
        guard let top = words.last else { return 0 }
        return words.count * UInt.bitWidth - top.leadingZeroBitCount
    }

    /// The value when it fits in UInt128.
    var uint128: UInt128? {
        switch words.count {
        case 0: 0
        case 1: UInt128(words[0])
        case 2: UInt128(words[1]) << 64 | UInt128(words[0])
        default: nil
        }
    }

    /// The one word of a value below 2^64 (zero included).
    var singleWord: UInt? {
        switch words.count {
        case 0: 0
        case 1: words[0]
        default: nil
        }
    }

    // MARK: Order

    static func compare(_ a: BigMagnitude, _ b: BigMagnitude) -> Int {
        if a.words.count != b.words.count { return a.words.count < b.words.count ? -1 : 1 }
        var i = a.words.count - 1
        while i >= 0 {
            if a.words[i] != b.words[i] { return a.words[i] < b.words[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    // MARK: Addition and subtraction

    /// One pass that writes each word once (no copy of the longer operand first).
    static func + (a: BigMagnitude, b: BigMagnitude) -> BigMagnitude {
        let (long, short) = a.words.count >= b.words.count ? (a.words, b.words) : (b.words, a.words)
        let n = long.count, m = short.count
        let out = [UInt](unsafeUninitializedCapacity: n + 1) { z, count in
            long.withUnsafeBufferPointer { x in
                short.withUnsafeBufferPointer { y in
                    var carry = false
                    for i in 0..<m {
                        let (s1, c1) = x[i].addingReportingOverflow(y[i])
                        let (s2, c2) = s1.addingReportingOverflow(carry ? 1 : 0)
                        z[i] = s2
                        carry = c1 || c2
                    }
                    for i in m..<n {
                        (z[i], carry) = x[i].addingReportingOverflow(carry ? 1 : 0)
                    }
                    z[n] = carry ? 1 : 0
                }
            }
            count = n + 1
        }
        return BigMagnitude(words: out)
    }

    /// `a - b` for `a >= b`.
    static func - (a: BigMagnitude, b: BigMagnitude) -> BigMagnitude {
        precondition(a.words.count >= b.words.count, "BigMagnitude subtraction below zero")
        var out = a.words
        var borrow = false
        for i in 0..<b.words.count {
            let (d1, b1) = out[i].subtractingReportingOverflow(b.words[i])
            let (d2, b2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            out[i] = d2
            borrow = b1 || b2
        }
        var i = b.words.count
        while borrow {
            precondition(i < out.count, "BigMagnitude subtraction below zero")
            (out[i], borrow) = out[i].subtractingReportingOverflow(1)
            i += 1
        }
        return BigMagnitude(words: out)
    }

    // MARK: Multiplication

    /// Schoolbook multiplication: the operands here are a few words to a few hundred, where the
    /// quadratic method is the fast one; a one-word operand (a budget in fen) is one linear pass.
    static func * (a: BigMagnitude, b: BigMagnitude) -> BigMagnitude {
        if a.isZero || b.isZero { return .zero }
        if b.words.count == 1 { return a.multiplied(byWord: b.words[0]) }
        if a.words.count == 1 { return b.multiplied(byWord: a.words[0]) }
        let n = a.words.count, m = b.words.count
        var out = [UInt](repeating: 0, count: n + m)
        a.words.withUnsafeBufferPointer { x in
            b.words.withUnsafeBufferPointer { y in
                out.withUnsafeMutableBufferPointer { z in
                    for j in 0..<m {
                        let yj = y[j]
                        if yj == 0 { continue }
                        var carry: UInt = 0
                        for i in 0..<n {
                            let p = x[i].multipliedFullWidth(by: yj)
                            let (s1, c1) = p.low.addingReportingOverflow(z[i + j])
                            let (s2, c2) = s1.addingReportingOverflow(carry)
                            z[i + j] = s2
                            // p.high <= 2^64 - 2, so adding two carries cannot overflow.
                            carry = p.high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
                        }
                        z[j + n] = carry
                    }
                }
            }
        }
        return BigMagnitude(words: out)
    }

    func multiplied(byWord w: UInt) -> BigMagnitude {
        if w == 0 || isZero { return .zero }
        if w == 1 { return self }
        // Every word is written, so the array is not zeroed first (a pass that showed in profiles).
        let n = words.count
        let out = [UInt](unsafeUninitializedCapacity: n + 1) { z, count in
            words.withUnsafeBufferPointer { x in
                var carry: UInt = 0
                for i in 0..<n {
                    let p = x[i].multipliedFullWidth(by: w)
                    let (s, c) = p.low.addingReportingOverflow(carry)
                    z[i] = s
                    carry = p.high &+ (c ? 1 : 0)
                }
                z[n] = carry
            }
            count = n + 1
        }
        return BigMagnitude(words: out)
    }

    /// 10^n.
    static func powerOfTen(_ n: Int) -> BigMagnitude {
        // 10^19 is the largest power of ten in a word.
        var result = BigMagnitude.one
        var left = n
        while left >= 19 {
            result = result.multiplied(byWord: 10_000_000_000_000_000_000)
            left -= 19
        }
        var last: UInt = 1
        for _ in 0..<left { last *= 10 }
        return result.multiplied(byWord: last)
    }

    // MARK: Shifts

    static func << (a: BigMagnitude, bits: Int) -> BigMagnitude {
        precondition(bits >= 0)
        if a.isZero || bits == 0 { return a }
        let wordShift = bits / UInt.bitWidth, bitShift = bits % UInt.bitWidth
        var out = [UInt](repeating: 0, count: a.words.count + wordShift + 1)
        for i in a.words.indices {
            let w = a.words[i]
            out[i + wordShift] |= w << bitShift
            if bitShift > 0 { out[i + wordShift + 1] = w >> (UInt.bitWidth - bitShift) }
        }
        return BigMagnitude(words: out)
    }

    static func >> (a: BigMagnitude, bits: Int) -> BigMagnitude {
        precondition(bits >= 0)
        let wordShift = bits / UInt.bitWidth, bitShift = bits % UInt.bitWidth
        if wordShift >= a.words.count { return .zero }
        if bits == 0 { return a }
        let count = a.words.count - wordShift
        var out = [UInt](repeating: 0, count: count)
        for i in 0..<count {
            let low = a.words[i + wordShift] >> bitShift
            let high = bitShift > 0 && i + wordShift + 1 < a.words.count
                ? a.words[i + wordShift + 1] << (UInt.bitWidth - bitShift) : 0
            out[i] = low | high
        }
        return BigMagnitude(words: out)
    }
}

extension BigMagnitude: Comparable {
    static func < (a: BigMagnitude, b: BigMagnitude) -> Bool { compare(a, b) < 0 }
}

extension BigMagnitude: CustomStringConvertible {
    /// Decimal digits, by 19 at a time.
    var description: String {
        if isZero { return "0" }
        var chunks: [UInt] = []
        var rest = self
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingByWord: 10_000_000_000_000_000_000)
            chunks.append(r)
            rest = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}

extension Double {
    /// The nearest Double to a magnitude below 2^1024, rounded as the earlier big-integer library
    /// did (the first dropped bit rounds up only an odd last kept bit; the bits below it are not
    /// read), so that charts of huge values draw exactly as before. For drawing, never for a figure.
    init(_ value: BigMagnitude) {
        let width = value.bitWidth
        if width <= 53 {
            self = Double(value.singleWord ?? 0)
            return
        }
        // The top 54 bits: the 53 of the significand and the first dropped one.
        let top = UInt64((value >> (width - 54)).singleWord!)
        let significand = top & 3 == 3 ? (top >> 1) + 1 : top >> 1
        self = Double(sign: .plus, exponent: width - 53, significand: Double(significand))
    }
}
