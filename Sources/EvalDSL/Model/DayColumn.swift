/// The days of a `PaymentTable`'s sorted part: 16-bit offsets from a base day while every day fits
/// (179 years, so nearly always: 2 bytes a payment), day numbers otherwise. Each project's days are
/// ascending either way, and offsets order as the days do.
enum DayColumn: Sendable {
    case narrow(base: Int32, offsets: [UInt16])
    case wide([Int32])

    static let empty = DayColumn.narrow(base: 0, offsets: [])

    /// The narrow column when the days allow it.
    init(_ days: [Int32]) {
        guard let low = days.min(), let high = days.max(), Int64(high) - Int64(low) <= Int64(UInt16.max) else {
            self = .wide(days)
            return
        }
        self = .narrow(base: low, offsets: days.map { UInt16(truncatingIfNeeded: $0 &- low) })
    }

    /// Every day, as day numbers.
    var days: [Int32] {
        switch self {
        case .narrow(let base, let offsets): return offsets.map { base &+ Int32($0) }
        case .wide(let days): return days
        }
    }

    subscript(k: Int) -> Int32 {
        switch self {
        case .narrow(let base, let offsets): return base &+ Int32(offsets[k])
        case .wide(let days): return days[k]
        }
    }

    /// The first position in `lo..<hi` (ascending days) whose day is `d` or later.
    func lowerBound(_ d: Int32, _ lo: Int, _ hi: Int) -> Int {
        switch self {
        case .narrow(let base, let offsets):
            let o = Int64(d) - Int64(base)
            if o <= 0 { return lo }
            if o > Int64(UInt16.max) { return hi }
            return DayColumn.search(offsets, UInt16(o), lo, hi, after: false)
        case .wide(let days):
            return DayColumn.search(days, d, lo, hi, after: false)
        }
    }

    /// The first position in `lo..<hi` (ascending days) whose day is after `d`.
    func upperBound(_ d: Int32, _ lo: Int, _ hi: Int) -> Int {
        switch self {
        case .narrow(let base, let offsets):
            let o = Int64(d) - Int64(base)
            if o < 0 { return lo }
            if o >= Int64(UInt16.max) { return hi }
            return DayColumn.search(offsets, UInt16(o), lo, hi, after: true)
        case .wide(let days):
            return DayColumn.search(days, d, lo, hi, after: true)
        }
    }

    /// Binary search for the first element at or past `x` (or past it, `after`).
    private static func search<D: FixedWidthInteger>(_ a: [D], _ x: D, _ lo: Int, _ hi: Int, after: Bool) -> Int {
        a.withUnsafeBufferPointer { a in
            var lo = lo, hi = hi
            while lo < hi {
                let mid = (lo + hi) / 2
                if a[mid] < x || (after && a[mid] == x) { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }
}
