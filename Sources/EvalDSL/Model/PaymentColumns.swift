/// The payments a load gathers before they go into the `PaymentTable`, narrow: 8 bytes a payment
/// while there are at most 65,536 projects (10 beyond), instead of 16, since at 10 million payments
/// these columns and their sorting are what the memory peaks at.
/// - Project indices as `UInt16` when every project of the model fits, else as `Int32`.
/// - Amounts as `Int32` fen (±21 million yuan); `Int32.min` marks one kept exactly in `bigFen`.
/// - Days as `UInt16` offsets from `dayBase` (179 years); `UInt16.max` marks one kept in `bigDay`.
/// The side tables hold (row, value) in row order; a load whose amounts are all under 21 million
/// yuan leaves `bigFen` empty.
struct PaymentColumns: Sendable {
    let narrowProjects: Bool
    let dayBase: Int32
    private(set) var project16: [UInt16] = []
    private(set) var project32: [Int32] = []
    private(set) var fen: [Int32] = []
    private(set) var day: [UInt16] = []
    private(set) var bigFen: [(row: Int, fen: Int64)] = []
    private(set) var bigDay: [(row: Int, day: Int32)] = []

    /// Columns for payments of a model with `projectCount` projects, dated from about `firstDay` on.
    init(projectCount: Int, firstDay: Int32) {
        narrowProjects = projectCount <= Int(UInt16.max) + 1
        dayBase = firstDay
    }

    /// Payments appended (still so once a column is dropped).
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }
    var capacity: Int { fen.capacity }

    mutating func reserveCapacity(_ n: Int) {
        if narrowProjects { project16.reserveCapacity(n) } else { project32.reserveCapacity(n) }
        fen.reserveCapacity(n)
        day.reserveCapacity(n)
    }

    @inline(__always)
    mutating func append(project: Int32, fen f: Int64, day d: Int32) {
        if narrowProjects { project16.append(UInt16(truncatingIfNeeded: project)) } else { project32.append(project) }
        if f > Int64(Int32.min) && f <= Int64(Int32.max) {
            fen.append(Int32(truncatingIfNeeded: f))
        } else {
            bigFen.append((fen.count, f))
            fen.append(Int32.min)
        }
        let offset = Int64(d) - Int64(dayBase)
        if offset >= 0 && offset < Int64(UInt16.max) {
            day.append(UInt16(truncatingIfNeeded: offset))
        } else {
            bigDay.append((day.count, d))
            day.append(UInt16.max)
        }
        count += 1
    }

    /// The payments of `other` (of the same layout) after these.
    mutating func append(contentsOf other: borrowing PaymentColumns) {
        precondition(other.narrowProjects == narrowProjects && other.dayBase == dayBase, "columns of another layout")
        let offset = count
        if narrowProjects { project16 += other.project16 } else { project32 += other.project32 }
        fen += other.fen
        day += other.day
        for b in other.bigFen { bigFen.append((b.row + offset, b.fen)) }
        for b in other.bigDay { bigDay.append((b.row + offset, b.day)) }
        count += other.count
    }

    /// How many payments are dated before day number `first` (the load's note on payments before
    /// the fiscal year).
    func count(before first: Int32) -> Int {
        let offset = Int64(first) - Int64(dayBase)
        var n = bigDay.reduce(0) { $0 + ($1.day < first ? 1 : 0) }
        if offset > 0 {
            // Days kept in `bigDay` are marked UInt16.max, never below an offset that fits.
            let limit = UInt16(clamping: offset)
            n += day.reduce(0) { $0 + ($1 < limit ? 1 : 0) }
        }
        return n
    }

    /// Releases the amounts (once placed).
    mutating func dropFen() { fen = []; bigFen = [] }
    /// Releases the days and projects (once placed).
    mutating func dropRest() { day = []; bigDay = []; project16 = []; project32 = [] }
}
