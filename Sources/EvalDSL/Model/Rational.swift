/// An exact rational number: the numeric core of money, rates and plain numbers.
///
/// Figures in budget reports are decimals, and every derived figure (a rate, a variance, a share)
/// is a quotient of decimals. Almost all of them fit 128-bit parts, and those are computed inline
/// without allocating; a result whose parts do not fit (the sum of thousands of rates with unrelated
/// denominators, say) moves to arbitrary precision (RationalBig.swift) and back as soon as it fits
/// again. So arithmetic never overflows: the `throws(Overflow)` signatures remain for callers written
/// against the 128-bit-only version, and never throw.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    /// Exactly one representation per value, so the synthesized `==` and `hash` are value equality:
    /// `small` whenever the reduced parts fit (`num > Int128.min`, so negation never overflows),
    /// `big` only when they do not. Both are reduced with a positive denominator.
    enum Storage: Hashable, Sendable {
        case small(num: Int128, den: Int128)
        indirect case big(BigFraction)
    }

    let storage: Storage

    /// Kept for source compatibility; no operation throws it any more.
    public struct Overflow: Error, Equatable, Sendable {}

    public static let zero = Rational(uncheckedNum: 0, den: 1)
    public static let one = Rational(uncheckedNum: 1, den: 1)

    /// Parts already reduced, `den > 0`, `num > Int128.min` (fen amounts, small constants).
    init(uncheckedNum num: Int128, den: Int128) {
        assert(den > 0 && num != .min)
        storage = .small(num: num, den: den)
    }

    init(storage: Storage) {
        self.storage = storage
    }

    public init(_ value: Int) {
        self.init(uncheckedNum: Int128(value), den: 1)
    }

    public init(_ value: Int64) {
        self.init(uncheckedNum: Int128(value), den: 1)
    }

    /// `num / den`, reduced. `den` must not be zero. Never throws.
    public init(_ num: Int128, _ den: Int128) throws(Overflow) {
        self.init(reducing: num, den)
    }

    /// `num / den`, reduced; `den` must not be zero.
    init(reducing num: Int128, _ den: Int128) {
        precondition(den != 0, "Rational with zero denominator")
        guard num != .min, den != .min else {
            self.init(big: BigFraction(reducing: BigNumber(num), BigNumber(den)))
            return
        }
        var n = num, d = den
        if d < 0 { n = -n; d = -d }
        let g = Rational.gcd(n.magnitude, d.magnitude)
        if g > 1 {
            n /= Int128(g); d /= Int128(g)
        }
        self.init(uncheckedNum: n, den: d)
    }

    /// Parses a plain decimal such as `2379.61`, `-0.5` or `1_000` exactly (at most 38 digits: the
    /// language's literal limit).
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
        guard seenDigit else { return nil }
        self.init(reducing: negative ? -num : num, den)
    }

    // MARK: Parts

    /// The numerator when it fits in Int128 (every amount and every figure a statement produces);
    /// beyond that it saturates at ±Int128.max, so that checks such as `Int64(exactly: n.num)` or
    /// `(1900...2200).contains(n.num)` fail as they should. Not for arithmetic.
    public var num: Int128 {
        switch storage {
        case .small(let n, _): n
        case .big(let b): b.num.int128 ?? (b.num.isNegative ? -Int128.max : Int128.max)
        }
    }

    /// The denominator when it fits in Int128, saturated at Int128.max otherwise (see `num`).
    public var den: Int128 {
        switch storage {
        case .small(_, let d): d
        case .big(let b): b.den.int128 ?? Int128.max
        }
    }

    /// Whether both parts fit in Int128 (the inline representation).
    var isSmall: Bool {
        if case .small = storage { true } else { false }
    }

    public var isZero: Bool {
        if case .small(let n, _) = storage { n == 0 } else { false }
    }

    public var isNegative: Bool { signum < 0 }

    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): d == 1
        case .big(let b): b.den.isOne
        }
    }

    public var signum: Int {
        switch storage {
        case .small(let n, _): n == 0 ? 0 : (n < 0 ? -1 : 1)
        case .big(let b): b.num.isNegative ? -1 : 1
        }
    }

    public var magnitude: Rational {
        switch storage {
        case .small(let n, let d): Rational(uncheckedNum: n < 0 ? -n : n, den: d)
        case .big(let b): Rational(storage: .big(BigFraction(num: BigNumber(magnitude: b.num.magnitude), den: b.den)))
        }
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var a = a, b = b
        while b != 0 {
            // Amounts and budgets in fen fit 64 bits: finish without 128-bit division (a library call).
            if a <= UInt64.max && b <= UInt64.max { return UInt128(gcd(UInt64(a), UInt64(b))) }
            (a, b) = (b, a % b)
        }
        return a
    }

    /// Stein's binary gcd: shifts and subtractions only.
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if a == 0 { return b }
        if b == 0 { return a }
        let shift = (a | b).trailingZeroBitCount
        var u = a >> a.trailingZeroBitCount, v = b
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    // MARK: Arithmetic (exact at any size)

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
           let r = smallSum(n1, d1, n2, d2) {
            return r
        }
        return Rational(big: BigFraction(a) + BigFraction(b))
    }

    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d): Rational(uncheckedNum: -n, den: d)
        case .big(let b): Rational(big: BigFraction(num: -b.num, den: b.den))
        }
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + -b }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage,
           let r = smallProduct(n1, d1, n2, d2) {
            return r
        }
        return Rational(big: BigFraction(a) * BigFraction(b))
    }

    /// `1 / self`; nil for zero.
    public var reciprocal: Rational? {
        switch storage {
        case .small(let n, let d):
            if n == 0 { return nil }
            return n < 0 ? Rational(uncheckedNum: -d, den: -n) : Rational(uncheckedNum: d, den: n)
        case .big(let b):
            let r = b.num.isNegative ? BigFraction(num: -b.den, den: -b.num) : BigFraction(num: b.den, den: b.num)
            return Rational(big: r)
        }
    }

    public func adding(_ o: Rational) throws(Overflow) -> Rational { self + o }

    public func negated() throws(Overflow) -> Rational { -self }

    public func subtracting(_ o: Rational) throws(Overflow) -> Rational { self - o }

    public func multiplied(by o: Rational) throws(Overflow) -> Rational { self * o }

    /// `self / o`; nil when `o` is zero (the caller decides what "undefined" means there).
    public func divided(by o: Rational) throws(Overflow) -> Rational? {
        guard let r = o.reciprocal else { return nil }
        return self * r
    }

    /// a/b + c/d for reduced inputs, or nil when a part would not fit. Henrici's method: only the
    /// gcd of the sum with gcd(b, d) is needed to reduce, and coprime denominators need none.
    @inline(__always)
    static func smallSum(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Rational? {
        if b == 1 && d == 1 {
            // Money: whole fen.
            let (s, o) = a.addingReportingOverflow(c)
            return o || s == .min ? nil : Rational(uncheckedNum: s, den: 1)
        }
        let g = Int128(gcd(b.magnitude, d.magnitude))
        let bg = b / g, dg = d / g
        let (x, o1) = a.multipliedReportingOverflow(by: dg)
        let (y, o2) = c.multipliedReportingOverflow(by: bg)
        let (s, o3) = x.addingReportingOverflow(y)
        if o1 || o2 || o3 || s == .min { return nil }
        if g == 1 {
            let (den, o4) = b.multipliedReportingOverflow(by: d)
            return o4 ? nil : Rational(uncheckedNum: s, den: den)
        }
        let g2 = Int128(gcd(s.magnitude, UInt128(g)))
        let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
        return o4 ? nil : Rational(uncheckedNum: s / g2, den: den)
    }

    /// (a/b)(c/d) for reduced inputs, or nil when a part would not fit. Cross-reducing first keeps
    /// the result reduced without a gcd of the products.
    @inline(__always)
    static func smallProduct(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Rational? {
        if a == 0 || c == 0 { return .zero }
        let g1 = Int128(gcd(a.magnitude, d.magnitude))
        let g2 = Int128(gcd(c.magnitude, b.magnitude))
        let (n, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        return o1 || o2 || n == .min ? nil : Rational(uncheckedNum: n, den: den)
    }

    // MARK: Order

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let n1, let d1) = a.storage, case .small(let n2, let d2) = b.storage {
            // n1/d1 < n2/d2 without overflow: full-width products.
            let l = n1.multipliedFullWidth(by: d2)
            let r = n2.multipliedFullWidth(by: d1)
            if l.high != r.high { return l.high < r.high }
            return l.low < r.low
        }
        if a.signum != b.signum { return a.signum < b.signum }
        let x = BigFraction(a), y = BigFraction(b)
        return x.num * y.den < y.num * x.den
    }
}

extension Rational: Comparable {}
