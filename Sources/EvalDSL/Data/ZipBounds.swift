/// Whether ZIPFoundation can read a zip archive held in memory without going past its end.
///
/// Why: ZIPFoundation reads an in-memory archive through a `FILE` whose read function traps
/// ("Range requires lowerBound <= upperBound") once it is asked to read after seeking past the end
/// of the data, and a damaged or hostile workbook's directory can point anywhere (found by
/// fuzz-xlsx). A workbook read from the disk is safe (the C library's own reads just come back
/// short), so this check guards only the in-memory path. It follows the reads ZIPFoundation makes —
/// the end record, each central directory entry, its local header, its data and data descriptor —
/// and answers false when any would start past the end, or when there is no end record (found by
/// fuzz-xlsx too: ZIPFoundation then leaks the archive's bytes). ZIP64, which a workbook held in
/// memory never needs, is refused rather than followed.
func zipOffsetsStayInside(_ b: [UInt8]) -> Bool {
    let n = b.count
    func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
    // The end record, searched from the end as ZIPFoundation does; none: it refuses the archive itself.
    var end: Int? = nil
    var i = n - 22
    while i >= 0 {
        if u32(i) == 0x0605_4b50 { end = i; break }
        i -= 1
    }
    // No end record, or one cut short: ZIPFoundation refuses the archive too, but then leaks it
    // (an in-memory archive's file is never closed when opening it fails), so it is refused here.
    guard let end, end + 22 + u16(end + 20) <= n else { return false }
    if end >= 20, u32(end - 20) == 0x0706_4b50 { return false }   // a ZIP64 locator
    if end >= 76, u32(end - 76) == 0x0606_4b50 { return false }   // a ZIP64 end record
    let entries = u16(end + 10)
    var at = u32(end + 16)
    for _ in 0..<entries {
        guard at <= n else { return false }
        // A directory entry that cannot be read whole ends ZIPFoundation's listing there.
        guard at + 46 <= n, u32(at) == 0x0201_4b50 else { return true }
        let version = b[at + 6], flags = u16(at + 8), method = u16(at + 10)
        let compressed = u32(at + 20), uncompressed = u32(at + 24)
        let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
        let local = u32(at + 42)
        if version >= 45 { return false }
        // A ZIP64 extra field (id 1) would replace the sizes and the offset with others.
        var e = at + 46 + nameLength
        let extraEnd = min(e + extraLength, n)
        while e + 4 <= extraEnd {
            if u16(e) == 1 { return false }
            e += 4 + u16(e + 2)
        }
        guard local <= n else { return false }
        guard local + 30 <= n else { return true }   // no local header: the listing ends
        let data = local + 30 + u16(local + 26) + u16(local + 28)
        guard data <= n else { return false }
        if flags & 8 != 0, data + (method != 0 ? compressed : uncompressed) > n { return false }
        if data + compressed > n { return false }
        at += 46 + nameLength + extraLength + commentLength
    }
    return true
}
