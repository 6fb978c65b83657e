/// All payments of a session, compact: 6 bytes a payment (8 with days spanning over 179 years), no
/// object per payment.
///
/// Most payments live in a sorted part laid out by project (CSR: `start[p]..<start[p+1]` are
/// project p's payments, ordered by day), so a project's figures for any window are a binary search
/// and a contiguous sum. New payments go to a small unsorted tail, merged into the sorted part when the
/// tail grows past an eighth of it: appends stay cheap, queries stay fast, and queries never mutate.
/// A payment known only within a period is dated at the period's last day. Amounts in the sorted
/// part are `Int32` fen (±21 million yuan); a larger one is 0 there and exact in `bigFen`, at its
/// position in `bigAt`: most tables have none, and sums stay a tight loop over 32-bit values.
public struct PaymentTable: Sendable, Equatable {
    /// Offsets into `sortedDay`/`sortedFen` per project; covers the projects known at the last merge.
    private var start: [Int] = [0]
    private var sortedDay = DayColumn.empty
    private var sortedFen: [Int32] = []
    /// Positions (ascending) in the sorted part of the amounts that do not fit 32 bits, and the amounts.
    private var bigAt: [Int] = []
    private var bigFen: [Int64] = []
    private var tailProject: [Int32] = []
    private var tailDay: [Int32] = []
    private var tailFen: [Int64] = []
    /// Each project's payments within one window of days, summed while a load placed them (the
    /// fiscal year's, which every `rate(p)` reads); nil once anything else changes the table.
    /// Not part of the table's value.
    private var placedSums: (window: ClosedRange<Int32>, fen: [Int128])?

    public init() {}

    public var count: Int { sortedFen.count + tailFen.count }

    public mutating func append(project: Int, fen: Int64, day: CivilDate) {
        placedSums = nil
        tailProject.append(Int32(project))
        tailDay.append(day.dayNumber)
        tailFen.append(fen)
        if tailFen.count > max(1024, sortedFen.count / 8) { merge() }
    }

    /// Many payments at once (a load): columns of equal length, merged in one pass.
    public mutating func append(projects: [Int32], fen: [Int64], days: [Int32]) {
        precondition(projects.count == fen.count && fen.count == days.count, "columns of unequal length")
        placedSums = nil
        tailProject += projects
        tailDay += days
        tailFen += fen
        merge()
    }

    /// Many payments at once, the columns of a load handed over: the same result as
    /// `append(projects:fen:days:)` of the same payments. When the table holds no payments yet, the
    /// columns' buckets are placed by project straight into the sorted part, each released once
    /// placed, so memory peaks at about 7 bytes a payment (the records, then the table) rather than
    /// the columns and the table side by side. With a `window` (day numbers: the fiscal year), each
    /// project's payments within it are summed on the way (`sums(from:through:count:)`).
    mutating func append(taking columns: consuming PaymentColumns, window: ClosedRange<Int32>? = nil) {
        guard !columns.isEmpty else { return }
        placedSums = nil
        guard sortedFen.isEmpty && tailFen.isEmpty else {
            var projects: [Int32] = [], fen: [Int64] = [], days: [Int32] = []
            projects.reserveCapacity(columns.count); fen.reserveCapacity(columns.count); days.reserveCapacity(columns.count)
            // Each project's payments in file order, as a merge needs them.
            columns.forEach { p, f, d in projects.append(p); fen.append(f); days.append(d) }
            append(projects: projects, fen: fen, days: days)
            return
        }
        var big: [Int: Int64] = [:]
        var sums: [Int128] = []
        if columns.daysAreOffsets {
            let base = columns.dayBase
            let (newStart, day, fen) = PaymentTable.place(&columns, as: UInt16.self, big: &big, known: start.count - 1,
                                                          window: window, sums: &sums)
            (start, sortedDay, sortedFen) = (newStart, .narrow(base: base, offsets: day), fen)
        } else {
            let (newStart, day, fen) = PaymentTable.place(&columns, as: Int32.self, big: &big, known: start.count - 1,
                                                          window: window, sums: &sums)
            (start, sortedDay, sortedFen) = (newStart, .wide(day), fen)
        }
        (bigAt, bigFen) = PaymentTable.sorted(big)
        if let window { placedSums = (window, sums) }
    }

    /// Each project's payments dated in `from...through` (day numbers), in fen, written to `out`
    /// (a project each): `sum(project:from:through:)` for each, copied from the load's sums when
    /// it summed this window.
    func sums(from: Int32, through: Int32, into out: UnsafeMutableBufferPointer<Int128>) {
        if let placed = placedSums, placed.window.lowerBound == from, placed.window.upperBound == through {
            let n = min(out.count, placed.fen.count)
            placed.fen.withUnsafeBufferPointer { fen in
                if n > 0 { out.baseAddress!.update(from: fen.baseAddress!, count: n) }
            }
            // Projects past the last one with payments had none.
            for p in n..<out.count { out[p] = 0 }
            return
        }
        for p in out.indices { out[p] = sum(project: p, from: from, through: through) }
    }

    /// The columns placed by project, then by day within each project: days as the columns'
    /// offsets (`UInt16`) or as day numbers (`Int32`).
    private static func place<D: FixedWidthInteger>(_ columns: inout PaymentColumns, as: D.Type, big: inout [Int: Int64],
                                                    known: Int, window: ClosedRange<Int32>?, sums: inout [Int128]) -> ([Int], [D], [Int32]) {
        let n = columns.count
        var newStart: [Int] = []
        var placedDay: [D] = []
        // Uninitialized: pages are touched (and counted) only as the buckets fill them.
        var placedFen = [Int32](unsafeUninitializedCapacity: n) { fen, fenCount in
            placedDay = [D](unsafeUninitializedCapacity: n) { day, dayCount in
                columns.place(day: day.baseAddress!, fen: fen.baseAddress!, start: &newStart, big: &big, known: known,
                              window: window, sums: &sums)
                dayCount = n
            }
            fenCount = n
        }
        orderByDay(newStart, &placedDay, &placedFen, &big)
        return (newStart, placedDay, placedFen)
    }

    /// Orders each project's payments by day (usually they already are: a cheap check first).
    private static func orderByDay<D: FixedWidthInteger>(_ start: [Int], _ day: inout [D], _ fen: inout [Int32],
                                                          _ big: inout [Int: Int64]) {
        for p in 0..<(start.count - 1) {
            let lo = start[p], hi = start[p + 1]
            var ordered = true
            day.withUnsafeBufferPointer { day in
                var k = lo + 1
                while k < hi { if day[k - 1] > day[k] { ordered = false; break }; k += 1 }
            }
            if ordered { continue }
            var pairs = (lo..<hi).map { (day[$0], big[$0] ?? Int64(fen[$0])) }
            pairs.sort { $0.0 < $1.0 }
            for (i, pair) in pairs.enumerated() {
                day[lo + i] = pair.0
                if let narrow = Int32(exactly: pair.1) {
                    fen[lo + i] = narrow
                    big[lo + i] = nil
                } else {
                    fen[lo + i] = 0
                    big[lo + i] = pair.1
                }
            }
        }
    }

    /// A map of big amounts as positions in ascending order and their amounts.
    private static func sorted(_ big: [Int: Int64]) -> ([Int], [Int64]) {
        let keys = big.keys.sorted()
        return (keys, keys.map { big[$0]! })
    }

    public mutating func reserveCapacity(_ n: Int) {
        tailProject.reserveCapacity(n)
        tailDay.reserveCapacity(n)
        tailFen.reserveCapacity(n)
    }

    /// The exact amount at position k of the sorted part.
    private func fen(at k: Int) -> Int64 {
        if !bigAt.isEmpty, let i = PaymentTable.position(of: k, in: bigAt) { return bigFen[i] }
        return Int64(sortedFen[k])
    }

    private static func position(of k: Int, in at: [Int]) -> Int? {
        let i = firstIndex(from: k, in: at)
        return i < at.count && at[i] == k ? i : nil
    }

    /// The first index of `at` (ascending) whose position is k or more.
    private static func firstIndex(from k: Int, in at: [Int]) -> Int {
        var lo = 0, hi = at.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if at[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Sorts everything into the CSR part: a counting sort by project, then by day within each project.
    private mutating func merge() {
        guard !tailFen.isEmpty else { return }
        placedSums = nil
        var projectCount = start.count - 1
        for p in tailProject where Int(p) + 1 > projectCount { projectCount = Int(p) + 1 }
        var counts = [Int](repeating: 0, count: projectCount + 1)
        for p in 0..<(start.count - 1) { counts[p + 1] = start[p + 1] - start[p] }
        for p in tailProject { counts[Int(p) + 1] += 1 }
        var newStart = counts
        for i in 1..<newStart.count { newStart[i] += newStart[i - 1] }
        let total = newStart[projectCount]
        var day = [Int32](repeating: 0, count: total)
        var fen = [Int32](repeating: 0, count: total)
        var big: [Int: Int64] = [:]
        var fill = newStart
        var nextBig = 0
        let oldDays = sortedDay.days
        for p in 0..<(start.count - 1) {
            for k in start[p]..<start[p + 1] {
                day[fill[p]] = oldDays[k]
                fen[fill[p]] = sortedFen[k]
                // The big amounts are met in ascending position order.
                if nextBig < bigAt.count && bigAt[nextBig] == k { big[fill[p]] = bigFen[nextBig]; nextBig += 1 }
                fill[p] += 1
            }
        }
        for k in 0..<tailFen.count {
            let p = Int(tailProject[k])
            day[fill[p]] = tailDay[k]
            if let narrow = Int32(exactly: tailFen[k]) { fen[fill[p]] = narrow } else { big[fill[p]] = tailFen[k] }
            fill[p] += 1
        }
        PaymentTable.orderByDay(newStart, &day, &fen, &big)
        start = newStart
        sortedDay = DayColumn(day)
        sortedFen = fen
        (bigAt, bigFen) = PaymentTable.sorted(big)
        tailProject = []
        tailDay = []
        tailFen = []
    }

    /// Sum of project `p`'s payments dated in `from...through` (day numbers), in fen.
    public func sum(project p: Int, from: Int32, through: Int32) -> Int128 {
        if let placed = placedSums, placed.window.lowerBound == from, placed.window.upperBound == through {
            return p < placed.fen.count ? placed.fen[p] : 0
        }
        var total: Int128 = 0
        if p + 1 < start.count {
            let lo = sortedDay.lowerBound(from, start[p], start[p + 1])
            let hi = sortedDay.upperBound(through, lo, start[p + 1])
            // 32-bit amounts: an Int64 sum of fewer than 2³² of them cannot overflow.
            var partial: Int64 = 0
            sortedFen.withUnsafeBufferPointer { fen in
                for i in lo..<hi { partial &+= Int64(fen[i]) }
            }
            total = Int128(partial)
            if !bigAt.isEmpty {
                var i = PaymentTable.firstIndex(from: lo, in: bigAt)
                while i < bigAt.count && bigAt[i] < hi { total += Int128(bigFen[i]); i += 1 }
            }
        }
        let target = Int32(p)
        for k in 0..<tailFen.count where tailProject[k] == target && tailDay[k] >= from && tailDay[k] <= through {
            total += Int128(tailFen[k])
        }
        return total
    }

    public func count(project p: Int) -> Int {
        var n = p + 1 < start.count ? start[p + 1] - start[p] : 0
        let target = Int32(p)
        for q in tailProject where q == target { n += 1 }
        return n
    }

    /// Project `p`'s payments as (day, fen), by day.
    public func payments(of p: Int) -> [(day: Int32, fen: Int64)] {
        var out: [(day: Int32, fen: Int64)] = []
        if p + 1 < start.count {
            for k in start[p]..<start[p + 1] { out.append((sortedDay[k], fen(at: k))) }
        }
        let target = Int32(p)
        for k in 0..<tailFen.count where tailProject[k] == target { out.append((tailDay[k], tailFen[k])) }
        return out.sorted { $0.day < $1.day }
    }

    public static func == (a: PaymentTable, b: PaymentTable) -> Bool {
        let n = max(a.start.count, b.start.count) - 1
        guard a.count == b.count else { return false }
        for p in 0..<n where a.payments(of: p).map({ [Int64($0.day), $0.fen] }) != b.payments(of: p).map({ [Int64($0.day), $0.fen] }) {
            return false
        }
        return true
    }
}
