/// A signed integer of any size: the numerator and denominator of a `BigFraction`. Sign and
/// magnitude; zero is never negative, so the synthesized `==` and `hash` are value equality.
struct BigNumber: Hashable, Sendable {
    private(set) var isNegative: Bool
    private(set) var magnitude: BigMagnitude

    init(negative: Bool = false, magnitude: BigMagnitude) {
        self.isNegative = negative && !magnitude.isZero
        self.magnitude = magnitude
    }

    init(_ value: Int128) {
        self.init(negative: value < 0, magnitude: BigMagnitude(value.magnitude))
    }

    static let zero = BigNumber(negative: false, magnitude: .zero)
    static let one = BigNumber(negative: false, magnitude: .one)

    var isZero: Bool { magnitude.isZero }

    var isOne: Bool { !isNegative && magnitude.isOne }

    /// The value when it fits in Int128 other than `Int128.min` (the inline form's range).
    var int128: Int128? {
        guard magnitude.bitWidth <= 127, let m = magnitude.uint128 else { return nil }
        return isNegative ? -Int128(m) : Int128(m)
    }

    static prefix func - (a: BigNumber) -> BigNumber {
        BigNumber(negative: !a.isNegative, magnitude: a.magnitude)
    }

    static func + (a: BigNumber, b: BigNumber) -> BigNumber {
        if a.isNegative == b.isNegative {
            return BigNumber(negative: a.isNegative, magnitude: a.magnitude + b.magnitude)
        }
        // Opposite signs: the larger magnitude decides the sign.
        if a.magnitude < b.magnitude {
            return BigNumber(negative: b.isNegative, magnitude: b.magnitude - a.magnitude)
        }
        return BigNumber(negative: a.isNegative, magnitude: a.magnitude - b.magnitude)
    }

    static func - (a: BigNumber, b: BigNumber) -> BigNumber { a + -b }

    static func * (a: BigNumber, b: BigNumber) -> BigNumber {
        BigNumber(negative: a.isNegative != b.isNegative, magnitude: a.magnitude * b.magnitude)
    }

    /// `self / d` for a `d` known to divide `self`.
    func quotient(exactlyDividingBy d: BigMagnitude) -> BigNumber {
        d.isOne ? self : BigNumber(negative: isNegative, magnitude: magnitude.quotient(exactlyDividingBy: d))
    }
}

extension BigNumber: Comparable {
    static func < (a: BigNumber, b: BigNumber) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let c = BigMagnitude.compare(a.magnitude, b.magnitude)
        return a.isNegative ? c > 0 : c < 0
    }
}

extension BigNumber: CustomStringConvertible {
    var description: String { isNegative ? "-" + magnitude.description : magnitude.description }
}
