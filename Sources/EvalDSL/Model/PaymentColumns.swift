#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The payments a load gathers before they go into the `PaymentTable`: one 7-byte record a payment,
/// already grouped by project, since at 10 million payments these records and their sorting are
/// what the memory peaks at.
///
/// Payments go to buckets of 256 consecutive projects (a radix sort's first pass, done while
/// reading), each bucket a list of fixed-size chunks in file order. `PaymentTable` then takes the
/// buckets one by one, places their payments by project and releases each bucket's chunks as it
/// goes, so the records and the table are never both whole in memory: the load peaks at 7 bytes a
/// payment, not 16 (a sort into a second array) or 12 (one column at a time). The main load's
/// chunks are mapped from the system directly (64 KiB), because memory freed to `malloc` in the
/// middle of its heap stays with the process, and only the pages written count. The columns are
/// a handle: a copy shares the chunks, so they are handed over, never used from two copies.
///
/// A record is the low 7 bytes of a little-endian word, written as a whole word (its top byte is
/// the next record's first, written after it; a chunk keeps a spare byte at its end) and read as
/// one, masked:
/// - bits 48–55: the project's index within its bucket (the bucket gives the rest);
/// - bits 32–47: the day as an offset from `dayBase` (179 years); `0xFFFF` marks a day kept in the
///   bucket's `bigDay`;
/// - bits 0–31: the amount as `Int32` fen (±21 million yuan); `Int32.min` marks one kept exactly in
///   the bucket's `bigFen`.
/// The side lists are in the bucket's order, so the n-th marker of a bucket is its n-th entry.
/// Any number of projects takes the same path: more projects are more buckets.
struct PaymentColumns: @unchecked Sendable {
    /// Projects per bucket, as a shift: 256.
    static let bucketShift = 8
    let dayBase: Int32
    let projectCount: Int
    private let store: Store
    /// The bucket's write position and the end of its chunk, at `2b` and `2b + 1` (0 when none):
    /// the store's, held here so that an append touches no class property.
    private let cursors: UnsafeMutablePointer<UInt>
    private let bucketCount: Int

    /// Payments appended.
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }

    /// Columns for payments of a model with `projectCount` projects, dated from about `firstDay` on.
    /// `transient` ones (a second thread's share of a buffer, soon copied into the load's) take
    /// small chunks from the heap.
    init(projectCount: Int, firstDay: Int32, transient: Bool = false) {
        self.projectCount = projectCount
        dayBase = firstDay
        bucketCount = max(1, (projectCount + (1 << Self.bucketShift) - 1) >> Self.bucketShift)
        store = Store(buckets: bucketCount, transient: transient)
        cursors = store.cursors
    }

    /// Whether every project index of the model fits 16 bits (the records are alike either way).
    var narrowProjects: Bool { projectCount <= Int(UInt16.max) + 1 }
    /// The amounts past 32 bits, and the days past 16 bits from `dayBase`, of all buckets.
    var bigFen: [Int64] { store.bigFen.flatMap { $0 } }
    var bigDay: [Int32] { store.bigDay.flatMap { $0 } }

    @inline(__always)
    mutating func append(project: Int32, fen f: Int64, day d: Int32) {
        let b = Int(project) >> Self.bucketShift
        precondition(project >= 0 && b < bucketCount, "a project the columns were not made for")
        var fenBits = UInt32(bitPattern: Int32(truncatingIfNeeded: f))
        if !(f > Int64(Int32.min) && f <= Int64(Int32.max)) {
            store.bigFen[b].append(f)
            fenBits = UInt32(bitPattern: Int32.min)
        }
        let offset = Int64(d) - Int64(dayBase)
        var dayBits = UInt64(truncatingIfNeeded: offset)
        if !(offset >= 0 && offset < Int64(UInt16.max)) {
            store.bigDay[b].append(d)
            dayBits = UInt64(UInt16.max)
        }
        let word = UInt64(UInt8(truncatingIfNeeded: project)) << 48 | dayBits << 32 | UInt64(fenBits)
        var at = cursors[2 &* b]
        if at == cursors[2 &* b &+ 1] { at = store.newChunk(b) }
        UnsafeMutableRawPointer(bitPattern: at).unsafelyUnwrapped.storeBytes(of: word.littleEndian, as: UInt64.self)
        cursors[2 &* b] = at &+ UInt(Records.bytes)
        count += 1
    }

    /// The payments of `other` (of the same model) after these.
    mutating func append(contentsOf other: borrowing PaymentColumns) {
        precondition(other.dayBase == dayBase && other.bucketCount <= bucketCount, "columns of another layout")
        for b in 0..<other.bucketCount {
            other.store.forEachSpan(b) { span in
                var from = span.base, left = span.count * Records.bytes
                while left > 0 {
                    var at = cursors[2 * b]
                    if at == cursors[2 * b + 1] { at = store.newChunk(b) }
                    let n = min(left, Int(cursors[2 * b + 1] - at))
                    UnsafeMutableRawPointer(bitPattern: at)!.copyMemory(from: from, byteCount: n)
                    cursors[2 * b] = at + UInt(n)
                    from += n
                    left -= n
                }
            }
            store.bigFen[b] += other.store.bigFen[b]
            store.bigDay[b] += other.store.bigDay[b]
        }
        count += other.count
    }

    /// How many payments are dated before day number `first` (the load's note on payments before
    /// the fiscal year).
    func count(before first: Int32) -> Int {
        let offset = Int64(first) - Int64(dayBase)
        var n = 0
        for days in store.bigDay { n += days.reduce(0) { $0 + ($1 < first ? 1 : 0) } }
        if offset > 0 {
            // Days kept in `bigDay` are marked UInt16.max, never below an offset that fits.
            let limit = UInt64(min(offset, Int64(UInt16.max)))
            for b in 0..<bucketCount {
                store.forEachSpan(b) { span in
                    for w in span where (w >> 32) & 0xFFFF < limit { n += 1 }
                }
            }
        }
        return n
    }

    /// Every payment as (project, fen, day), exact, by bucket and in file order within a bucket, so
    /// each project's payments come in file order.
    func forEach(_ body: (Int32, Int64, Int32) -> Void) {
        for b in 0..<bucketCount {
            var nextFen = 0, nextDay = 0
            let bigFen = store.bigFen[b], bigDay = store.bigDay[b]
            store.forEachSpan(b) { span in
                for w in span {
                    let p = Int32(b << Self.bucketShift) | Int32((w >> 48) & 0xFF)
                    var f = Int64(Int32(truncatingIfNeeded: w))
                    if f == Int64(Int32.min) { f = bigFen[nextFen]; nextFen += 1 }
                    let offset = UInt16(truncatingIfNeeded: w >> 32)
                    var d = dayBase &+ Int32(offset)
                    if offset == UInt16.max { d = bigDay[nextDay]; nextDay += 1 }
                    body(p, f, d)
                }
            }
        }
    }

    /// Whether every day is an offset from `dayBase` in the records (none in the side lists).
    var daysAreOffsets: Bool { store.bigDay.allSatisfy(\.isEmpty) }

    /// The payments placed by project into the sorted part of a `PaymentTable` with no payments:
    /// `day` and `fen` (room for `count` each) are written in order, the days as offsets from
    /// `dayBase` when `D` is `UInt16` (only when `daysAreOffsets`), else as day numbers;
    /// `start[p]..<start[p + 1]` are project p's positions (its payments in file order), and
    /// amounts that do not fit 32 bits are 0 in `fen` and exact in `big` by position. `start` covers at least `known` projects.
    /// Each bucket's chunks are released once placed: these columns are empty afterwards.
    /// With a `window` (day numbers), `sums[p]` is project p's payments dated within it: the fiscal
    /// year's, which every `rate(p)` reads, summed as each bucket is placed, while its payments are
    /// in the cache, rather than in a later pass over the whole table.
    mutating func place<D: FixedWidthInteger>(day: UnsafeMutablePointer<D>, fen: UnsafeMutablePointer<Int32>, start: inout [Int],
                        big: inout [Int: Int64], known: Int, window: ClosedRange<Int32>? = nil, sums: inout [Int128]) {
        let offsets = D.self == UInt16.self
        precondition(!offsets || daysAreOffsets, "days that are not offsets")
        var top = -1
        if let last = (0..<bucketCount).last(where: { store.hasWords($0) }) {
            store.forEachSpan(last) { span in
                for w in span { top = max(top, last << Self.bucketShift | Int((w >> 48) & 0xFF)) }
            }
        }
        let projects = max(known, top + 1)
        start = [Int](repeating: count, count: projects + 1)
        sums = [Int128](repeating: 0, count: window == nil ? 0 : projects)
        var at = 0
        var fill = [Int](repeating: 0, count: 1 << Self.bucketShift + 1)
        for b in 0..<bucketCount {
            let first = b << Self.bucketShift
            // Past the last project with payments (or `known`): none left to place.
            if first >= projects { break }
            guard store.hasWords(b) else {
                // No payments for these projects: they all start (and end) here.
                for p in first..<min(first + (1 << Self.bucketShift), projects) { start[p] = at }
                continue
            }
            // A counting sort of the bucket by project: counts, then each record to its place.
            for i in fill.indices { fill[i] = 0 }
            fill.withUnsafeMutableBufferPointer { fill in
                store.forEachSpan(b) { span in
                    for w in span { fill[Int((w >> 48) & 0xFF) + 1] += 1 }
                }
                fill[0] = at
                for i in 1..<fill.count { fill[i] += fill[i - 1] }
                for i in 0..<min(1 << Self.bucketShift, projects - first) { start[first + i] = fill[i] }
                var nextFen = 0, nextDay = 0
                let bigFen = store.bigFen[b], bigDay = store.bigDay[b], base = dayBase
                store.forEachSpan(b) { span in
                    for w in span {
                        let i = Int((w >> 48) & 0xFF)
                        let k = fill[i]
                        fill[i] = k + 1
                        let f = Int32(truncatingIfNeeded: w)
                        if f == Int32.min {
                            big[k] = bigFen[nextFen]
                            nextFen += 1
                            fen[k] = 0
                        } else {
                            fen[k] = f
                        }
                        let offset = UInt16(truncatingIfNeeded: w >> 32)
                        if offsets {
                            day[k] = D(truncatingIfNeeded: offset)
                        } else if offset == UInt16.max {
                            day[k] = D(truncatingIfNeeded: bigDay[nextDay])
                            nextDay += 1
                        } else {
                            day[k] = D(truncatingIfNeeded: base &+ Int32(offset))
                        }
                    }
                }
                if let window {
                    // While the bucket's payments are still in cache: each project's sum over its
                    // own contiguous positions, a loop the compiler vectorizes.
                    let first32 = offsets ? window.lowerBound &- base : window.lowerBound
                    let width = UInt32(bitPattern: window.upperBound &- window.lowerBound)
                    for i in 0..<min(1 << Self.bucketShift, projects - first) {
                        let lo = start[first + i]
                        sums[first + i] = Int128(Self.windowSum(day + lo, fen + lo, fill[i] - lo, first32, width))
                    }
                    if nextFen > 0 {
                        // The amounts past 32 bits, 0 in `fen`.
                        for i in 0..<min(1 << Self.bucketShift, projects - first) {
                            for k in start[first + i]..<fill[i] where fen[k] == 0 {
                                guard let exact = big[k] else { continue }
                                if UInt32(bitPattern: Int32(truncatingIfNeeded: day[k]) &- first32) <= width { sums[first + i] += Int128(exact) }
                            }
                        }
                    }
                }
                at = fill[1 << Self.bucketShift]
            }
            store.release(b)
        }
        count = 0
    }
}

extension PaymentColumns {
    /// The sum of the `n` amounts whose day (as `Int32`) lies in `first...first + width`; day
    /// numbers lie well within ±2³⁰, so the distance cannot wrap. Apart and countable, so the
    /// compiler vectorizes it.
    @inline(never)
    static func windowSum<D: FixedWidthInteger>(_ day: UnsafePointer<D>, _ fen: UnsafePointer<Int32>, _ n: Int,
                                                _ first: Int32, _ width: UInt32) -> Int64 {
        var sum: Int64 = 0
        var j = 0
        while j < n {
            // Fewer than 2³² amounts of 32 bits each: an Int64 sum cannot overflow.
            // Both read whatever the day: a select of loaded values, which vectorizes (a load only
            // inside the window would be a branch).
            let amount = Int64(fen[j])
            let inside = UInt32(bitPattern: Int32(truncatingIfNeeded: day[j]) &- first) <= width
            sum &+= inside ? amount : 0
            j &+= 1
        }
        return sum
    }

    /// The chunks behind the columns: freed with the last copy of the columns.
    final class Store {
        let cursors: UnsafeMutablePointer<UInt>
        let buckets: Int
        /// Bytes a chunk takes, and records it holds (a byte to spare: see `Records`).
        let chunkBytes: Int
        let chunkRecords: Int
        /// Whether chunks are mapped from the system (else from the heap).
        let mapped: Bool
        var chunks: [[UnsafeMutableRawPointer]]
        var bigFen: [[Int64]]
        var bigDay: [[Int32]]

        init(buckets: Int, transient: Bool) {
            self.buckets = buckets
            mapped = !transient
            chunkBytes = transient ? 4096 : 65536
            chunkRecords = (chunkBytes - 1) / Records.bytes
            cursors = .allocate(capacity: 2 * buckets)
            cursors.initialize(repeating: 0, count: 2 * buckets)
            chunks = Array(repeating: [], count: buckets)
            bigFen = Array(repeating: [], count: buckets)
            bigDay = Array(repeating: [], count: buckets)
        }

        deinit {
            for b in 0..<buckets { release(b) }
            cursors.deallocate()
        }

        /// A fresh chunk for bucket b once its last is full: its first address.
        func newChunk(_ b: Int) -> UInt {
            let bytes = chunkBytes
            let p: UnsafeMutableRawPointer
            if mapped {
#if canImport(Darwin)
                let flags = MAP_PRIVATE | MAP_ANON
#else
                let flags = MAP_PRIVATE | MAP_ANONYMOUS
#endif
                let m = mmap(nil, bytes, PROT_READ | PROT_WRITE, flags, -1, 0)
                guard let m, m != UnsafeMutableRawPointer(bitPattern: -1) else { fatalError("out of memory") }
                p = m
            } else {
                p = .allocate(byteCount: bytes, alignment: 8)
            }
            chunks[b].append(p)
            let at = UInt(bitPattern: p)
            cursors[2 * b] = at
            cursors[2 * b + 1] = at + UInt(chunkRecords * Records.bytes)
            return at
        }

        func hasWords(_ b: Int) -> Bool { !chunks[b].isEmpty }

        /// Bucket b's records in order, a chunk at a time.
        func forEachSpan(_ b: Int, _ body: (Records) -> Void) {
            let list = chunks[b]
            for (i, c) in list.enumerated() {
                let n = i == list.count - 1 ? Int(cursors[2 * b] - UInt(bitPattern: c)) / Records.bytes : chunkRecords
                body(Records(base: UnsafeRawPointer(c), count: n))
            }
        }

        /// Frees bucket b's chunks and side lists.
        func release(_ b: Int) {
            for c in chunks[b] {
                if mapped { munmap(c, chunkBytes) } else { c.deallocate() }
            }
            chunks[b] = []
            bigFen[b] = []
            bigDay[b] = []
            cursors[2 * b] = 0
            cursors[2 * b + 1] = 0
        }
    }
}

extension PaymentColumns {
    /// Records of a chunk, read as words: each the 8 bytes at its place, little-endian, masked to 7.
    struct Records: Sequence {
        static let bytes = 7
        let base: UnsafeRawPointer
        let count: Int

        func makeIterator() -> Iterator { Iterator(at: base, end: base + count * Records.bytes) }

        struct Iterator: IteratorProtocol {
            var at: UnsafeRawPointer
            let end: UnsafeRawPointer

            @inline(__always)
            mutating func next() -> UInt64? {
                guard at < end else { return nil }
                let word = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self)) & 0x00FF_FFFF_FFFF_FFFF
                at += Records.bytes
                return word
            }
        }
    }
}
