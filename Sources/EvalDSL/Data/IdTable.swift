#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Project ids as raw bytes → project index (−1: unknown), so a million payments decode and look up
/// each distinct id once, not once per row. Open addressing with the keys in the slots themselves:
/// the first 16 bytes of an id (all of the usual codes) as two words, so a lookup touches one slot,
/// one cache line, which is what a million lookups in random order are bound by. Longer ids keep
/// the rest in an arena.
struct ByteKeyTable {
    private struct Slot {
        var w0: UInt64
        var w1: UInt64
        /// value << 32 | (length + 1); 0 for an empty slot.
        var meta: UInt64
    }

    private var slots: [Slot]
    private var mask: Int
    private var used = 0
    /// For ids over 16 bytes: slot → (start, count) of the whole id in `arena`.
    private var long: [Int: (start: Int, count: Int)] = [:]
    private var arena: [UInt8] = []

    init() {
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, meta: 0), count: 1024)
        mask = 1023
    }

    /// The first 16 bytes of `key` as two little-endian words, zero-padded. Loaded as words (two
    /// overlapping loads for the odd lengths), not copied byte by byte: a copy through memory would
    /// stall the loads that follow it.
    @inline(__always)
    static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = key.count
        guard let base = key.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        if n >= 16 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        if n > 8 {
            let tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (16 - n))
            return (raw.loadUnaligned(as: UInt64.self), tail)
        }
        if n == 8 { return (raw.loadUnaligned(as: UInt64.self), 0) }
        if n >= 4 {
            let lo = UInt64(raw.loadUnaligned(as: UInt32.self))
            let hi = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) >> UInt32(8 * (8 - n)))
            return (lo | hi << 32, 0)
        }
        var w: UInt64 = 0
        for k in 0..<n { w |= UInt64(base[k]) << UInt64(8 * k) }
        return (w, 0)
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>, _ w: (UInt64, UInt64)) -> UInt64 {
        var h = (w.0 ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 31) ^ w.1 ^ UInt64(key.count)) &* 0x94D0_49BB_1331_11EB
        if key.count > 16 {
            for b in key[16...] { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        return h ^ (h >> 29)
    }

    /// The `meta` of the first slot `h` probes: 0 when the key is surely absent. Called early, it
    /// starts the slot's fetch from memory.
    @inline(__always)
    func firstMeta(_ h: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask].meta }
    }

    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, words w: (UInt64, UInt64)) -> Int32? {
        let length = UInt64(key.count + 1)
        return slots.withUnsafeBufferPointer { slots -> Int32? in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = slots[i]
                if s.meta == 0 { return nil }
                if s.meta & 0xFFFF_FFFF == length && s.w0 == w.0 && s.w1 == w.1 {
                    if key.count <= 16 || sameTail(i, key) { return Int32(truncatingIfNeeded: s.meta >> 32) }
                }
                i = (i + 1) & mask
            }
        }
    }

    private func sameTail(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let l = long[slot], l.count == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + l.start, key.baseAddress!, key.count) == 0 }
    }

    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, words w: (UInt64, UInt64), value: Int32) {
        // At most 5/8 full: probes stay short, and 20,000 ids take 768 KiB.
        if (used + 1) * 8 > slots.count * 5 { grow() }
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].meta != 0 { i = (i + 1) & mask }
        slots[i] = Slot(w0: w.0, w1: w.1, meta: UInt64(UInt32(bitPattern: value)) << 32 | UInt64(key.count + 1))
        if key.count > 16 {
            long[i] = (arena.count, key.count)
            arena.append(contentsOf: key)
        }
        used += 1
    }

    private mutating func grow() {
        let old = slots
        let oldLong = long
        slots = [Slot](repeating: Slot(w0: 0, w1: 0, meta: 0), count: old.count * 2)
        mask = slots.count - 1
        long = [:]
        for (k, s) in old.enumerated() where s.meta != 0 {
            let count = Int(s.meta & 0xFFFF_FFFF) - 1
            var h: UInt64
            if count > 16, let l = oldLong[k] {
                h = arena.withUnsafeBufferPointer { a in
                    ByteKeyTable.hash(UnsafeBufferPointer(rebasing: a[l.start..<(l.start + l.count)]), (s.w0, s.w1))
                }
            } else {
                h = withUnsafeBytes(of: (s.w0, s.w1)) { raw in
                    ByteKeyTable.hash(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count), (s.w0, s.w1))
                }
            }
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].meta != 0 { i = (i + 1) & mask }
            slots[i] = s
            if let l = oldLong[k] { long[i] = l }
        }
    }
}
