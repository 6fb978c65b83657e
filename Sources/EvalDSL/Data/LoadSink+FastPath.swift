// The fast path of a CSV payments load: `RowConsumer`'s shortcut for delimited text.

extension LoadSink {
    /// Whether `takePlainLine` may be tried: a payments load whose header is found.
    var takesPlainLines: Bool { kind == .payments && headerCount > 0 && fatal == nil && options.fastPaths }

    /// One payment row parsed straight from the bytes `buf[from..<to]` of a CSV reader's buffer, when
    /// it is plain: exactly the header's number of fields, no quote, an ASCII id without blanks that
    /// is a project already seen in this load, an amount `plainAmount` reads, a date `YYYY-MM-DD`,
    /// and a line end (LF or CRLF) within the buffer. Returns the offset after the line end, or nil
    /// (having changed nothing) for any other row, which `consume` then reads the general way and
    /// judges exactly as before. The row is counted, polled and stored as `consume` would.
    @inline(__always)
    mutating func takePlainLine(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8,
                                bytesRead: Int, totalBytes: Int?) throws(LoadError) -> Int? {
        let fields = headerCount
        var k = from
        var idStart = 0, idEnd = 0, amountStart = 0, amountEnd = 0, dateStart = 0, dateEnd = 0
        var idWords: (UInt64, UInt64) = (0, 0), idHash: UInt64 = 0, idHint: UInt64 = 0
        var f = 0
        while true {
            let s = k
            if f == idCol {
                // Printable ASCII only: no blank to trim, no total row, no quote.
                while k < end {
                    let b = buf[k]
                    if b == delimiter || b &- 0x21 >= 0x5E || b == 0x22 { break }
                    k += 1
                }
                idStart = s; idEnd = k
                if k == s { return nil }
                // Hashed now, and its slot loaded, so that the memory fetches it (with tens of
                // thousands of projects it is usually not in cache) while the other cells are parsed.
                let key = UnsafeBufferPointer(start: buf + s, count: k - s)
                idWords = ByteKeyTable.words(key)
                idHash = ByteKeyTable.hash(key, idWords)
                idHint = ids.firstMeta(idHash)
            } else {
                while k < end {
                    let b = buf[k]
                    if b == delimiter || b == 0x0A || b == 0x0D || b == 0x22 { break }
                    k += 1
                }
                if f == amountCol { amountStart = s; amountEnd = k } else if f == dateCol { dateStart = s; dateEnd = k }
            }
            guard k < end else { return nil }
            f += 1
            let b = buf[k]
            if f == fields { break }
            guard b == delimiter else { return nil }
            k += 1
        }
        // The line end.
        let next: Int
        if buf[k] == 0x0A {
            next = k + 1
        } else if buf[k] == 0x0D && k + 1 < end && buf[k + 1] == 0x0A {
            next = k + 2
        } else {
            return nil
        }
        // At most 18 characters, as `ValueParser.amount` asks before it tries `plainAmount`.
        guard amountEnd - amountStart <= 18,
              let fen = ValueParser.plainAmount(UnsafeBufferPointer(start: buf + amountStart, count: amountEnd - amountStart),
                                                exponent: amountUnit.exponent) else { return nil }
        // The date: YYYY-MM-DD, the same as the last one in the usual case.
        guard dateEnd - dateStart == 10 else { return nil }
        let d = buf + dateStart
        let word = UnsafeRawPointer(d).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(d + 8).loadUnaligned(as: UInt16.self)
        let day: Int32
        if word == fastDateWord && tail == fastDateTail && fastDateDay != nil {
            day = fastDateDay!
        } else {
            guard d[4] == 0x2D && d[7] == 0x2D else { return nil }
            @inline(__always) func digit(_ i: Int) -> Int? {
                let v = d[i] &- 0x30
                return v < 10 ? Int(v) : nil
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
            let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, dd = d0 * 10 + d1
            guard options.years.contains(y), let c = CivilDate(year: y, month: m, day: dd) else { return nil }
            day = c.dayNumber
            fastDateWord = word
            fastDateTail = tail
            fastDateDay = day
        }
        // The project, among ids this load has seen (a zero first slot: surely not among them).
        guard idHint != 0, let known = ids.find(UnsafeBufferPointer(start: buf + idStart, count: idEnd - idStart),
                                                hash: idHash, words: idWords), known >= 0 else { return nil }
        // The row is taken: counted and polled as `consume` does.
        rowsRead += 1
        if rowsRead & 4095 == 0 { try poll(bytesRead: bytesRead, totalBytes: totalBytes) }
        if keeping {
            pays.append(project: known, fen: fen, day: day)
        }
        rowsLoaded += 1
        return next
    }

}
