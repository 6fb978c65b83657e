// The fast path of a CSV projects load: a plain project line taken straight from the reader's
// buffer (`RowConsumer.takePlainLine`), without the general record scan.

/// Where the fields of a plain project line start and end in the reader's buffer: room for the
/// header's fields, allocated once per load.
final class LineFields {
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>

    init(count: Int) {
        starts = .allocate(capacity: count)
        ends = .allocate(capacity: count)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }
}

extension LoadSink {
    /// The project line at `buf[from]`, when it is plain: exactly the header's number of fields, no
    /// quote, a line end (LF or CRLF) before `end`, and text whose encoding is known if it is not
    /// ASCII; its fields are then read as `plainProject` reads a row. Returns the offset after the
    /// line end, or nil (having changed nothing but caches) for any other line, which the reader
    /// then hands to `consume`. The row is counted and polled as `consume` would.
    mutating func takePlainProjectLine(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8,
                                       bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int? {
        guard let fields = lineFields,
              let line = plainProjectFields(buf, from: from, to: end, delimiter: delimiter, count: headerCount, into: fields) else { return nil }
        // Text that is not ASCII before a row has told the file's encoding: the general way.
        if !line.ascii && plainEncoding == nil { return nil }
        let row = RowView(number: rowsRead + 1, count: headerCount, base: buf, starts: UnsafePointer(fields.starts),
                          ends: UnsafePointer(fields.ends), kinds: nil, encoding: plainEncoding ?? .utf8)
        guard plainProject(row) == true else { return nil }
        rowsRead += 1
        if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        rowsLoaded += 1
        return line.next
    }

    /// Remembers the file's encoding from a CSV row with a byte that is not ASCII: the reader had
    /// decided it before handing such a row over.
    mutating func learnEncoding(_ row: RowView) {
        guard plainEncoding == nil, row.kinds == nil else { return }
        for i in 0..<row.count where !TextCodec.isASCII(row.bytes(i)) {
            plainEncoding = row.encoding
            return
        }
    }
}

/// The fields of the line at `buf[from]` when it is a plain project line: exactly `n` fields, no
/// quote, and a line end (LF or CRLF) before `end`. Their ranges go into `fields`; returns the
/// offset after the line end and whether every byte is ASCII, or nil for any other line.
@inline(__always)
func plainProjectFields(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8, count n: Int,
                        into fields: LineFields) -> (next: Int, ascii: Bool)? {
    let starts = fields.starts, ends = fields.ends
    var k = from, f = 0
    // The bytes of the fields ORed together: a top bit set says some byte is not ASCII.
    var high: UInt64 = 0
    let delimWord = 0x0101_0101_0101_0101 &* UInt64(delimiter)
    // With a separator below 0x2D (a comma or a tab), every byte that can end a field is below
    // 0x2D, so one test finds them all, eight bytes at a time; the rare other bytes below it (a
    // blank, a bracket) are then stepped over.
    let below: UInt64 = delimiter < 0x2D ? 0x2D2D_2D2D_2D2D_2D2D : 0
    while true {
        starts[f] = k
        // The end of the field eight bytes at a time (as `CSVReader.scan` finds it): a byte equal
        // to the separator, LF, CR or a quote sets its lane's top bit in `hit` (the lowest such
        // lane is exact).
        var found = false
        while k + 8 <= end {
            let w = UnsafeRawPointer(buf + k).loadUnaligned(as: UInt64.self)
            let hit = below != 0 ? (w &- below) & ~w & 0x8080_8080_8080_8080
                : CSVReader.lanes(w, equalTo: delimWord) | CSVReader.lanes(w, equalTo: 0x0A0A_0A0A_0A0A_0A0A)
                    | CSVReader.lanes(w, equalTo: 0x0D0D_0D0D_0D0D_0D0D) | CSVReader.lanes(w, equalTo: 0x2222_2222_2222_2222)
            if hit != 0 {
                let lane = hit.trailingZeroBitCount >> 3
                let b = buf[k + lane]
                if below != 0 && b != delimiter && b != 0x0A && b != 0x0D && b != 0x22 {
                    // Part of the field: on past it (an ASCII byte, so `high` needs only those before it).
                    high |= w & ((1 << UInt64(lane * 8)) &- 1)
                    k += lane + 1
                    continue
                }
                high |= w & ((1 << UInt64(lane * 8)) &- 1)
                k += lane
                found = true
                break
            }
            high |= w
            k += 8
        }
        if !found {
            while k < end {
                let b = buf[k]
                if b == delimiter || b == 0x0A || b == 0x0D || b == 0x22 { break }
                high |= UInt64(b)
                k += 1
            }
        }
        ends[f] = k
        guard k < end, buf[k] != 0x22 else { return nil }
        f += 1
        if f == n { break }
        guard buf[k] == delimiter else { return nil }
        k += 1
    }
    guard let next = plainLineEnd(buf, at: k, before: end) else { return nil }
    return (next, high & 0x8080_8080_8080_8080 == 0)
}
