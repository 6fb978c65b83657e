/// All payments of a session, compact: 12 bytes a payment, no object per payment.
///
/// Most payments live in a sorted part laid out by project (CSR: `start[p]..<start[p+1]` are
/// project p's payments, ordered by day), so a project's figures for any window are a binary search
/// and a contiguous sum. New payments go to a small unsorted tail, merged into the sorted part when the
/// tail grows past an eighth of it: appends stay cheap, queries stay fast, and queries never mutate.
/// A payment known only within a period is dated at the period's last day.
public struct PaymentTable: Sendable, Equatable {
    /// Offsets into `sortedDay`/`sortedFen` per project; covers the projects known at the last merge.
    private var start: [Int] = [0]
    private var sortedDay: [Int32] = []
    private var sortedFen: [Int64] = []
    private var tailProject: [Int32] = []
    private var tailDay: [Int32] = []
    private var tailFen: [Int64] = []

    public init() {}

    public var count: Int { sortedFen.count + tailFen.count }

    public mutating func append(project: Int, fen: Int64, day: CivilDate) {
        tailProject.append(Int32(project))
        tailDay.append(day.dayNumber)
        tailFen.append(fen)
        if tailFen.count > max(1024, sortedFen.count / 8) { merge() }
    }

    /// Many payments at once (a load): columns of equal length, merged in one pass.
    public mutating func append(projects: [Int32], fen: [Int64], days: [Int32]) {
        precondition(projects.count == fen.count && fen.count == days.count, "columns of unequal length")
        tailProject += projects
        tailDay += days
        tailFen += fen
        merge()
    }

    /// Many payments at once, the columns handed over (a load): the same result as
    /// `append(projects:fen:days:)`, without copying them into the tail first. When the table holds
    /// no payments yet, they are sorted by project straight into the CSR part (a stable counting
    /// sort, scattering each column: independent writes, which the memory serves in parallel), and
    /// each column given is released as soon as it has been placed, so memory peaks at the columns
    /// given plus 8 bytes a payment (24 in all) rather than twice the columns plus the sorted part.
    /// (Moving rows in place along the permutation's cycles would peak at 16 bytes, but it is a chain
    /// of dependent loads: measured 70–130 ms slower for a million payments.)
    public mutating func append(taking projects: consuming [Int32], fen: consuming [Int64], days: consuming [Int32]) {
        precondition(projects.count == fen.count && fen.count == days.count, "columns of unequal length")
        guard !projects.isEmpty else { return }
        guard sortedFen.isEmpty && tailFen.isEmpty else {
            append(projects: projects, fen: fen, days: days)
            return
        }
        var projectCount = start.count - 1
        var newStart: [Int] = []
        projects.withUnsafeBufferPointer { proj in
            var top: Int32 = -1
            for p in proj where p > top { top = p }
            projectCount = max(projectCount, Int(top) + 1)
            newStart = [Int](repeating: 0, count: projectCount + 1)
            newStart.withUnsafeMutableBufferPointer { c in
                for p in proj { c[Int(p) + 1] += 1 }
                for i in 1..<c.count { c[i] += c[i - 1] }
            }
        }
        // Fen first (the widest column): placed, then its input released.
        let sortedF = PaymentTable.scatter(fen, by: projects, into: newStart)
        fen = []
        let sortedD = PaymentTable.scatter(days, by: projects, into: newStart)
        projects = []
        days = []
        start = newStart
        sortedFen = sortedF
        sortedDay = sortedD
        orderByDay(projectCount)
    }

    /// Orders each project's payments in the sorted part by day (usually they already are: a cheap check first).
    private mutating func orderByDay(_ projectCount: Int) {
        for p in 0..<projectCount {
            let lo = start[p], hi = start[p + 1]
            var ordered = true
            sortedDay.withUnsafeBufferPointer { day in
                var k = lo + 1
                while k < hi { if day[k - 1] > day[k] { ordered = false; break }; k += 1 }
            }
            if ordered { continue }
            var pairs = (lo..<hi).map { (sortedDay[$0], sortedFen[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (i, pair) in pairs.enumerated() { sortedDay[lo + i] = pair.0; sortedFen[lo + i] = pair.1 }
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        tailProject.reserveCapacity(n)
        tailDay.reserveCapacity(n)
        tailFen.reserveCapacity(n)
    }

    /// Sorts everything into the CSR part: a counting sort by project, then by day within each project.
    private mutating func merge() {
        guard !tailFen.isEmpty else { return }
        var projectCount = start.count - 1
        for p in tailProject where Int(p) + 1 > projectCount { projectCount = Int(p) + 1 }
        var counts = [Int](repeating: 0, count: projectCount + 1)
        for p in 0..<(start.count - 1) { counts[p + 1] = start[p + 1] - start[p] }
        for p in tailProject { counts[Int(p) + 1] += 1 }
        var newStart = counts
        for i in 1..<newStart.count { newStart[i] += newStart[i - 1] }
        let total = newStart[projectCount]
        var day = [Int32](repeating: 0, count: total)
        var fen = [Int64](repeating: 0, count: total)
        var fill = newStart
        for p in 0..<(start.count - 1) {
            for k in start[p]..<start[p + 1] {
                day[fill[p]] = sortedDay[k]
                fen[fill[p]] = sortedFen[k]
                fill[p] += 1
            }
        }
        for k in 0..<tailFen.count {
            let p = Int(tailProject[k])
            day[fill[p]] = tailDay[k]
            fen[fill[p]] = tailFen[k]
            fill[p] += 1
        }
        // Order each project's payments by day (usually they already are: a cheap check first).
        for p in 0..<projectCount {
            let lo = newStart[p], hi = newStart[p + 1]
            var ordered = true
            var k = lo + 1
            while k < hi { if day[k - 1] > day[k] { ordered = false; break }; k += 1 }
            if ordered { continue }
            var pairs = (lo..<hi).map { (day[$0], fen[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (i, pair) in pairs.enumerated() { day[lo + i] = pair.0; fen[lo + i] = pair.1 }
        }
        start = newStart
        sortedDay = day
        sortedFen = fen
        tailProject = []
        tailDay = []
        tailFen = []
    }

    /// One column moved into the by-project layout: the values of project p go to `start[p]…` in
    /// their input order (a stable counting sort's placement step).
    private static func scatter<T>(_ values: [T], by projects: [Int32], into start: [Int]) -> [T] {
        let n = values.count
        var fill = start
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
            projects.withUnsafeBufferPointer { proj in
                values.withUnsafeBufferPointer { v in
                    fill.withUnsafeMutableBufferPointer { fl in
                        for k in 0..<n {
                            let p = Int(proj[k])
                            out.initializeElement(at: fl[p], to: v[k])
                            fl[p] += 1
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// Sum of project `p`'s payments dated in `from...through` (day numbers), in fen.
    public func sum(project p: Int, from: Int32, through: Int32) -> Int128 {
        var total: Int128 = 0
        if p + 1 < start.count {
            let lo = lowerBound(from, start[p], start[p + 1])
            let hi = upperBound(through, lo, start[p + 1])
            var k = lo
            // Int64 partial sums are exact while they do not overflow; spill to Int128 in blocks.
            while k < hi {
                let end = min(hi, k + 4096)
                var partial: Int64 = 0
                var overflow = false
                for i in k..<end {
                    let (s, o) = partial.addingReportingOverflow(sortedFen[i])
                    if o { overflow = true; break }
                    partial = s
                }
                if overflow {
                    for i in k..<end { total += Int128(sortedFen[i]) }
                } else {
                    total += Int128(partial)
                }
                k = end
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
            for k in start[p]..<start[p + 1] { out.append((sortedDay[k], sortedFen[k])) }
        }
        let target = Int32(p)
        for k in 0..<tailFen.count where tailProject[k] == target { out.append((tailDay[k], tailFen[k])) }
        return out.sorted { $0.day < $1.day }
    }

    private func lowerBound(_ d: Int32, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedDay[mid] < d { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func upperBound(_ d: Int32, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedDay[mid] <= d { lo = mid + 1 } else { hi = mid }
        }
        return lo
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
