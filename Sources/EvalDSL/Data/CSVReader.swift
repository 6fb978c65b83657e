#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 4180 CSV over raw bytes, streamed from a file in 1 MiB chunks: memory stays at two
/// chunks whatever the file's size. Quoted fields, doubled quotes, commas and line breaks inside
/// quotes, CRLF, LF or CR line ends, an optional BOM. Each record is one row as a spreadsheet shows
/// it (a quoted line break does not start a new row; an empty line is a row). A record longer than
/// `maxRecordBytes` is an error, so a 2 GB line ends the load instead of the machine.
///
/// Fields are byte ranges in the reader's buffer (`view`), valid until the next call to `next()`:
/// no `String`, no allocation per field. Only doubled quotes are rewritten, in place. A noncopyable
/// struct rather than a class: the hot loop then touches its state without runtime exclusivity checks.
struct CSVReader: ~Copyable {
    let file: String
    private let source: any ReadableFile
    private let chunk: Int
    private let maxRecord: Int
    private let maxColumns: Int
    private let maxRows: Int
    /// A buffer holding at least this many unread bytes is split for two threads (`splitPlainLines`).
    private let splitBytes: Int
    /// `bytesRead` when a buffer was last split (each fill is split once at most).
    private var lastSplit = -1
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>
    private let doubled: UnsafeMutablePointer<Bool>
    /// Bytes that end an unquoted field: the separator, CR, LF.
    private let special: UnsafeMutablePointer<Bool>
    private var start = 0
    private var end = 0
    private var eof = false
    private var firstFill = true
    private var pendingCR = false
    private let declared: TextEncoding?
    /// nil until a chunk with a non-ASCII byte decides it (before the header is read, in practice).
    private(set) var encoding: TextEncoding?
    private(set) var delimiter: UInt8
    private let delimiterGiven: Bool
    private var fieldCount = 0
    private var malformed: Malformed?
    private(set) var row = 0
    private(set) var bytesRead = 0
    let totalBytes: Int?
    /// Facts worth telling the caller (a BOM that overrode the declared encoding).
    private(set) var notes: [String] = []

    /// Reads the file at `path` on the disk (the tests' way in).
    init(path: String, file: String, encoding: TextEncoding?, delimiter: CSVDelimiter?, limits: LoadLimits,
         chunkSize: Int = 1 << 20, splitBytes: Int? = nil) throws(LoadError) {
        try self.init(file: openFile(path, name: file, files: LocalFileSystem()), name: file, encoding: encoding,
                      delimiter: delimiter, limits: limits, chunkSize: chunkSize, splitBytes: splitBytes)
    }

    /// Reads `source`, named `name` in messages. With two processors, a file of 1 MiB or more has
    /// its plain payment and project lines parsed on two threads (`splitBytes`, for tests, says from
    /// how many unread bytes in the buffer on; nil: that default).
    init(file source: any ReadableFile, name file: String, encoding: TextEncoding?, delimiter: CSVDelimiter?, limits: LoadLimits,
         chunkSize: Int = 1 << 20, splitBytes: Int? = nil) throws(LoadError) {
        self.file = file
        self.source = source
        self.totalBytes = source.size
        self.chunk = max(chunkSize, 16)
        self.maxRecord = max(limits.maxRecordBytes, 16)
        self.maxColumns = max(limits.maxColumns, 1)
        self.maxRows = limits.maxRows
        self.splitBytes = splitBytes ?? (processorsOnline >= 2 && (source.size ?? 0) >= 1 << 20 ? 256 << 10 : Int.max)
        self.capacity = chunk + maxRecord + 8
        self.buffer = .allocate(capacity: capacity)
        self.starts = .allocate(capacity: maxColumns + 1)
        self.ends = .allocate(capacity: maxColumns + 1)
        self.doubled = .allocate(capacity: maxColumns + 1)
        self.special = .allocate(capacity: 256)
        self.declared = encoding
        self.encoding = encoding
        self.delimiter = delimiter?.byte ?? 0x2C
        self.delimiterGiven = delimiter != nil
        setSpecial()
    }

    deinit {
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
        doubled.deallocate()
        special.deallocate()
    }

    private func setSpecial() {
        special.initialize(repeating: false, count: 256)
        special[Int(delimiter)] = true
        special[0x0A] = true
        special[0x0D] = true
    }

    /// Bytes of the file up to the end of the current record.
    var consumed: Int { bytesRead - (end - start) }

    /// The current record.
    var view: RowView {
        RowView(number: row, count: fieldCount, base: UnsafePointer(buffer), starts: UnsafePointer(starts),
                ends: UnsafePointer(ends), kinds: nil, encoding: encoding ?? .utf8, malformed: malformed)
    }

    /// Hands every record to `sink`; plain lines go straight from the buffer when it takes them.
    mutating func readRows<C: RowConsumer>(into sink: inout C) throws(LoadError) -> RowSourceFacts {
        while true {
            if sink.takesPlainLines {
                // The first thousand rows alone, so that the rest of the first buffer may be split.
                if row < 1000 && splitBytes != Int.max { try plainLines(into: &sink, before: 1000) }
                try splitPlainLines(into: &sink)
                try plainLines(into: &sink)
            }
            guard try next() else { break }
            try sink.consume(view, bytesRead: bytesRead, totalBytes: totalBytes)
            if row == 1000, let total = totalBytes, consumed > 0 {
                // The first thousand rows tell the average row's size, hence about how many there are.
                sink.reserve(rows: Int(Double(total) / Double(consumed) * 1000 * 1.02))
            }
        }
        return RowSourceFacts(format: .csv, encoding: encoding ?? .utf8, notes: notes, bytesRead: bytesRead, totalBytes: totalBytes)
    }

    /// Moves to the next record; false at the end of the file.
    mutating func next() throws(LoadError) -> Bool {
        if firstFill { try fill() }
        while true {
            if pendingCR {
                if start == end && !eof { try fill(); continue }
                if start < end && buffer[start] == 0x0A { start += 1 }
                pendingCR = false
            }
            if start == end {
                if eof { return false }
                try fill()
                continue
            }
            if let next = scan() {
                finishRecord()
                start = next
                row += 1
                if row > maxRows {
                    throw LoadError(.tooLarge(L("more than \(groupedThousands(maxRows)) rows")), file: file)
                }
                return true
            }
            try fill()
        }
    }

    /// The shortcut for plain lines (a payments load's fast path): hands each complete record
    /// already in the buffer to `sink.takePlainLine`, which parses it straight from the bytes when
    /// it is a plain row (and declines otherwise, touching nothing). Stops at the first record it
    /// declines, at the end of the buffer, or before the row limit, leaving that record to `next()`:
    /// the reader's state is then exactly as if `next()` had read the rows taken here. Stops as well
    /// once `before` rows are read.
    private mutating func plainLines<C: RowConsumer>(into sink: inout C, before: Int = .max) throws(LoadError) {
        guard !firstFill, !pendingCR else { return }
        let buffer = UnsafePointer(self.buffer)
        let delim = delimiter
        let end = self.end
        let last = min(maxRows, before)
        var start = self.start
        defer { self.start = start }
        while start < end && row < last {
            guard let next = try sink.takePlainLine(buffer, from: start, to: end, delimiter: delim,
                                                    bytesRead: bytesRead, totalBytes: totalBytes) else { return }
            start = next
            row += 1
            if row == 1000, let total = totalBytes {
                let consumed = bytesRead - (end - start)
                if consumed > 0 { sink.reserve(rows: Int(Double(total) / Double(consumed) * 1000 * 1.02)) }
            }
        }
    }

    /// The buffer's unread bytes on two threads, when there are enough of them: the second part,
    /// from a line feed near the middle (`PlainLineParser.firstShare`), is parsed by another thread
    /// as plain lines (up to the first line that is not plain; a project line it cannot read, but
    /// whose end it knows, is left to this thread), while this one reads the first part exactly as
    /// on one core, the general way included. A line feed may be inside a quoted field, so the
    /// other thread's lines are a guess: taken only when this thread's last record ends exactly
    /// where they begin, and dropped otherwise (the one-core path then reads them). Either way the
    /// rows, their order, their problems and the polls are those of the one-core path.
    private mutating func splitPlainLines<C: RowConsumer>(into sink: inout C) throws(LoadError) {
        // Not before row 1000, when the columns are sized from the bytes those rows took (which
        // `plainLines` measures to the buffer's end, not the split's).
        // Once a buffer at most: a file of lines that are not plain would otherwise start a thread per row.
        guard !firstFill, !pendingCR, end - start >= splitBytes, row >= 1000, row < maxRows, lastSplit != bytesRead else { return }
        lastSplit = bytesRead
        guard let parser = sink.plainLineParser() else { return }
        let middle = start + Int(Double(end - start) * parser.firstShare)
        guard let lf = memchr(buffer + middle, 0x0A, end - middle) else { return }
        let split = UnsafeMutableRawPointer(lf).assumingMemoryBound(to: UInt8.self) - buffer + 1
        guard split < end else { return }
        let fullEnd = end, fullEOF = eof
        let job = PlainLinesJob(parser, UnsafePointer(buffer), from: split, to: end, delimiter: delimiter, maxRows: maxRows - row)
        // The first half, on a buffer that seems to end at the split (and not at the file's end).
        end = split
        eof = false
        defer {
            _ = job.finish()
            end = fullEnd
            eof = fullEOF
        }
        while true {
            try plainLines(into: &sink)
            if start == split { break }
            // A record that runs past the split: the guess was wrong (or the record is long).
            guard let next = scan() else { return }
            finishRecord()
            start = next
            row += 1
            if row > maxRows {
                throw LoadError(.tooLarge(L("more than \(groupedThousands(maxRows)) rows")), file: file)
            }
            try sink.consume(view, bytesRead: bytesRead, totalBytes: totalBytes)
            if start == split { break }
            guard sink.takesPlainLines else { return }
        }
        guard let lines = job.finish(), lines.rows > 0, row + lines.rows <= maxRows else { return }
        end = fullEnd
        eof = fullEOF
        guard let holes = lines.projects?.holes, !holes.isEmpty else {
            row += lines.rows
            start = lines.stop
            return try sink.takePlainLines(lines, bytesRead: bytesRead, totalBytes: totalBytes)
        }
        // Project lines the other thread left between those it read: each read here in its turn,
        // as on one core (its end is known: a line without a quote).
        var done = 0
        for hole in holes {
            if hole.before > done {
                var part = lines
                part.rows = hole.before - done
                row += part.rows
                try sink.takePlainLines(part, bytesRead: bytesRead, totalBytes: totalBytes)
                done = hole.before
            }
            start = hole.start
            try plainLines(into: &sink, before: row + 1)
            if start == hole.next { continue }
            guard let next = scan(), next == hole.next else {
                preconditionFailure("a line without a quote ends where the other thread found its end")
            }
            finishRecord()
            start = next
            row += 1
            try sink.consume(view, bytesRead: bytesRead, totalBytes: totalBytes)
        }
        var rest = lines
        rest.rows = lines.projects!.count - done
        row += rest.rows
        start = lines.stop
        if rest.rows > 0 { try sink.takePlainLines(rest, bytesRead: bytesRead, totalBytes: totalBytes) }
    }

    /// Reads the next chunk after the unfinished record, which moves to the front of the buffer.
    private mutating func fill() throws(LoadError) {
        if start > 0 {
            let keep = end - start
            if keep > 0 { memmove(buffer, buffer + start, keep) }
            end = keep
            start = 0
        }
        if end >= maxRecord {
            throw LoadError(.tooLarge(L("row \(groupedThousands(row + 1)) is longer than \(byteSize(maxRecord)) (a quote that is never closed, or not a CSV file)")), file: file)
        }
        let want = min(chunk, capacity - end)
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: want))
        } catch {
            throw LoadError(.cannotRead(error.description), file: file)
        }
        end += n
        bytesRead += n
        if n == 0 { eof = true }
        if firstFill {
            firstFill = false
            try inspectStart()
        }
        if encoding == nil { detectEncoding() }
    }

    /// Decides the encoding from the first non-ASCII bytes: valid UTF-8 is UTF-8, anything else GB18030.
    /// Everything not yet consumed is looked at (all ASCII before it, or it would be decided), so a
    /// character cut by the end of the chunk is seen whole once the next chunk is in.
    private mutating func detectEncoding() {
        let region = UnsafeBufferPointer(start: buffer + start, count: end - start)
        guard let first = region.firstIndex(where: { $0 >= 0x80 }) else {
            if eof { encoding = .utf8 }
            return
        }
        switch TextCodec.utf8StatusInTwo(region) {
        case .valid: encoding = .utf8
        case .invalid: encoding = .gb18030
        case .truncated(let at):
            if eof { encoding = .gb18030 } else if at > first { encoding = .utf8 }
            // else: only a cut-off character so far; the next chunk decides.
        }
    }

    /// BOMs, binary files, and the separator, from the first chunk.
    private mutating func inspectStart() throws(LoadError) {
        let head = UnsafeBufferPointer(start: buffer, count: min(end, 4096))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && zip(head, bytes).allSatisfy { $0 == $1 } }
        if starts([0xEF, 0xBB, 0xBF]) {
            start = 3
            if declared == .gb18030 { notes.append(L("the file starts with a UTF-8 byte order mark: read as UTF-8, not GB18030")) }
            encoding = .utf8
        } else if starts([0x84, 0x31, 0x95, 0x33]) {
            start = 4
            encoding = .gb18030
        } else if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            throw LoadError(.unsupported(L("the file is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\"")), file: file)
        }
        if head.contains(0) {
            throw LoadError(.unsupported(L("not a text file (it contains NUL bytes): give a CSV or .xlsx file")), file: file)
        }
        if !delimiterGiven {
            var commas = 0, tabs = 0
            for b in head[start...] {
                if b == 0x0A || b == 0x0D { break }
                if b == 0x2C { commas += 1 } else if b == 0x09 { tabs += 1 }
            }
            if tabs > 0 && commas == 0 {
                delimiter = 0x09
                setSpecial()
            }
        }
    }

    /// Splits the record at `start` into fields; the offset after its line end, or nil when the
    /// record runs past the buffer and more must be read.
    private mutating func scan() -> Int? {
        let buffer = self.buffer, special = self.special, starts = self.starts, ends = self.ends, doubled = self.doubled
        let end = self.end, eof = self.eof, delim = self.delimiter, maxColumns = self.maxColumns
        let ws: UInt8 = delim == 0x09 ? 0x20 : 0x09
        let delimWord = 0x0101_0101_0101_0101 &* UInt64(delim)
        var fields = 0
        var bad: Malformed? = nil
        var i = start
        defer {
            fieldCount = fields
            malformed = bad
        }
        @inline(__always) func lineEnd(_ k: Int) -> Int {
            if buffer[k] == 0x0D {
                if k + 1 < end { return buffer[k + 1] == 0x0A ? k + 2 : k + 1 }
                pendingCR = true
            }
            return k + 1
        }
        while true {
            if fields >= maxColumns {
                // Too many fields: the rest go into the last one, and the row is reported.
                bad = bad ?? Malformed(column: maxColumns - 1, reason: .tooManyFields)
                fields = maxColumns - 1
            }
            // Blanks before an opening quote are allowed (`a, "b"`).
            var q = i
            while q < end && (buffer[q] == 0x20 || buffer[q] == ws) { q += 1 }
            if q < end && buffer[q] == 0x22 {
                let content = q + 1
                var k = content
                var hasDoubled = false
                var closing: Int
                while true {
                    guard let hit = memchr(buffer + k, 0x22, end - k) else {
                        if !eof { return nil }
                        bad = bad ?? Malformed(column: fields, reason: .unclosedQuote)
                        closing = end
                        k = end
                        break
                    }
                    let pos = hit.assumingMemoryBound(to: UInt8.self) - buffer
                    if pos + 1 == end && !eof { return nil }
                    if pos + 1 < end && buffer[pos + 1] == 0x22 {
                        hasDoubled = true
                        k = pos + 2
                        continue
                    }
                    closing = pos
                    k = pos + 1
                    break
                }
                starts[fields] = content
                ends[fields] = closing
                doubled[fields] = hasDoubled
                fields += 1
                while k < end && (buffer[k] == 0x20 || buffer[k] == ws) { k += 1 }
                if k < end && !special[Int(buffer[k])] {
                    bad = bad ?? Malformed(column: fields - 1, reason: .textAfterQuote)
                    while k < end && !special[Int(buffer[k])] { k += 1 }
                }
                if k == end { return eof ? end : nil }
                if buffer[k] == delim { i = k + 1; continue }
                return lineEnd(k)
            }
            // The end of an unquoted field, eight bytes at a time: a byte equal to the separator, CR
            // or LF makes its lane's top bit set in `hit` (the lowest such lane is exact).
            var k = i
            while k + 8 <= end {
                let w = UnsafeRawPointer(buffer + k).loadUnaligned(as: UInt64.self)
                let hit = CSVReader.lanes(w, equalTo: delimWord) | CSVReader.lanes(w, equalTo: 0x0A0A_0A0A_0A0A_0A0A)
                    | CSVReader.lanes(w, equalTo: 0x0D0D_0D0D_0D0D_0D0D)
                if hit != 0 { k += hit.trailingZeroBitCount >> 3; break }
                k += 8
            }
            if k + 8 > end {
                while k < end && !special[Int(buffer[k])] { k += 1 }
            }
            if k == end && !eof { return nil }
            starts[fields] = i
            ends[fields] = k
            doubled[fields] = false
            fields += 1
            if k == end { return end }
            if buffer[k] == delim { i = k + 1; continue }
            return lineEnd(k)
        }
    }

    /// The lanes (bytes) of `w` equal to the byte repeated in `pattern`, as their top bits; exact
    /// for the lowest such lane, which is all the scan uses.
    @inline(__always)
    static func lanes(_ w: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let x = w ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// Rewrites doubled quotes in place: `a""b` → `a"b`.
    private mutating func finishRecord() {
        for f in 0..<fieldCount where doubled[f] {
            var r = starts[f], w = starts[f]
            let e = ends[f]
            while r < e {
                buffer[w] = buffer[r]
                if buffer[r] == 0x22 && r + 1 < e && buffer[r + 1] == 0x22 { r += 2 } else { r += 1 }
                w += 1
            }
            ends[f] = w
        }
    }
}

/// `1 MiB`, `512 MiB`, `2.0 GiB`: sizes in messages.
func byteSize(_ n: Int) -> String {
    if n >= 1 << 30 && n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
    if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
    if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
    return L("\(groupedThousands(n)) bytes")
}

extension CSVReader: RowSource {
    var name: String { file }
}
