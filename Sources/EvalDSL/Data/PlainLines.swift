#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Plain CSV payment lines parsed straight from a reader's bytes: by the loader on the reading
// thread (LoadSink+FastPath), and by a second thread on the second half of a buffer (CSVReader's
// parallel step), with the same function, so both judge a line alike.

/// What a plain payment line looks like: the header's number of fields, and where the cells are.
struct PlainShape: Sendable {
    var fields: Int
    var idCol: Int
    var amountCol: Int
    var dateCol: Int
    var exponent: Int
    var years: ClosedRange<Int>
}

/// The last date read and its day: treasury exports are in date order, so a date like the last one
/// costs a comparison of two words.
struct PlainDateCache: Sendable {
    var word: UInt64 = 0
    var tail: UInt16 = 0
    var day: Int32?
}

/// One plain payment line: where the next line starts, the project's index, the amount, the day.
typealias PlainPayment = (next: Int, project: Int32, fen: Int64, day: Int32)

/// Where the next line starts when a line ends at `k` (LF or CRLF); nil when `k` holds anything else.
@inline(__always)
func plainLineEnd(_ buf: UnsafePointer<UInt8>, at k: Int, before end: Int) -> Int? {
    if buf[k] == 0x0A { return k + 1 }
    if buf[k] == 0x0D && k + 1 < end && buf[k + 1] == 0x0A { return k + 2 }
    return nil
}

/// The payment line at `buf[from]` when it is plain: exactly `shape.fields` fields, no quote, an
/// ASCII id without blanks that `ids` knows as a project, an amount `plainAmount` reads, a date
/// `YYYY-MM-DD` within the years, and a line end (LF or CRLF) before `end`. Nil for any other line,
/// which the general path then reads and judges. Touches nothing but the date cache.
@inline(__always)
func plainPayment(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8, shape: PlainShape,
                  ids: borrowing ByteKeyTable, dates: inout PlainDateCache) -> PlainPayment? {
    var k = from
    var idStart = 0, idEnd = 0, amountStart = 0, amountEnd = 0, dateStart = 0, dateEnd = 0
    var idWords: (UInt64, UInt64) = (0, 0), idHash: UInt64 = 0, idHint: UInt64 = 0
    var f = 0
    while true {
        let s = k
        if f == shape.idCol {
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
            if f == shape.amountCol { amountStart = s; amountEnd = k } else if f == shape.dateCol { dateStart = s; dateEnd = k }
        }
        guard k < end else { return nil }
        f += 1
        let b = buf[k]
        if f == shape.fields { break }
        guard b == delimiter else { return nil }
        k += 1
    }
    guard let next = plainLineEnd(buf, at: k, before: end) else { return nil }
    // At most 18 characters, as `ValueParser.amount` asks before it tries `plainAmount`.
    guard amountEnd - amountStart <= 18,
          let fen = ValueParser.plainAmount(UnsafeBufferPointer(start: buf + amountStart, count: amountEnd - amountStart),
                                            exponent: shape.exponent), fen >= 0 else { return nil }  // a refund: the slow path reports it
    // The date: YYYY-MM-DD, the same as the last one in the usual case.
    guard dateEnd - dateStart == 10 else { return nil }
    let d = buf + dateStart
    let word = UnsafeRawPointer(d).loadUnaligned(as: UInt64.self)
    let tail = UnsafeRawPointer(d + 8).loadUnaligned(as: UInt16.self)
    let day: Int32
    if word == dates.word && tail == dates.tail, let known = dates.day {
        day = known
    } else {
        guard d[4] == 0x2D && d[7] == 0x2D else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let v = d[i] &- 0x30
            return v < 10 ? Int(v) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, dd = d0 * 10 + d1
        guard shape.years.contains(y), let c = CivilDate(year: y, month: m, day: dd) else { return nil }
        day = c.dayNumber
        dates = PlainDateCache(word: word, tail: tail, day: day)
    }
    // The project, among ids this load has seen (a zero first slot: surely not among them).
    guard idHint != 0, let known = ids.find(UnsafeBufferPointer(start: buf + idStart, count: idEnd - idStart),
                                            hash: idHash, words: idWords), known >= 0 else { return nil }
    return (next, known, fen, day)
}

/// What a second thread needs to take plain payment lines as the loader would: the line's shape,
/// the project ids known when it starts, and the layout of the payment columns.
public struct PlainLineParser: Sendable {
    let shape: PlainShape
    let ids: ByteKeyTable
    let dates: PlainDateCache
    let projectCount: Int
    let dayBase: Int32
    /// A projects load's lines are read by this instead (LoadSink+ProjectSplit).
    var projects: ProjectLineParser? = nil

    /// The share of a split buffer the reader's thread reads itself. A project this thread reads
    /// costs it about four times what one the other thread read does (to add), so it takes fewer
    /// (measured at 50,000 projects, in instructions a row: about 4,300 here against 3,250 there
    /// and 900 here; the first thousand rows and half the encoding check are this thread's too).
    var firstShare: Double { projects == nil ? 0.5 : 0.3 }

    /// The plain lines of `buf[from..<end]` from the first on, up to the first line that is not
    /// plain (or is not whole before `end`), at most `maxRows` of them.
    func parse(_ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8, maxRows: Int) -> PlainLines {
        if let projects { return projects.parse(buf, from: from, to: end, delimiter: delimiter, maxRows: maxRows) }
        var out = PlainLines(columns: PaymentColumns(projectCount: projectCount, firstDay: dayBase, transient: true),
                             rows: 0, stop: from)
        var dates = self.dates
        var k = from
        while out.rows < maxRows, k < end,
              let p = plainPayment(buf, from: k, to: end, delimiter: delimiter, shape: shape, ids: ids, dates: &dates) {
            out.columns.append(project: p.project, fen: p.fen, day: p.day)
            out.rows += 1
            k = p.next
        }
        out.stop = k
        return out
    }
}

/// Plain lines taken on a second thread: their payments (or projects), how many lines, and the
/// offset after the last one in the reader's buffer.
public struct PlainLines: Sendable {
    var columns: PaymentColumns
    var rows: Int
    var stop: Int
    var projects: ProjectBatch? = nil
}

/// Plain lines parsed on another thread from the moment this is made; `finish` waits for them.
/// The buffer must stay as it is until then.
final class PlainLinesJob: @unchecked Sendable {
    private var lines: PlainLines?
    private var worker: WorkerThread?

    init(_ parser: PlainLineParser, _ buf: UnsafePointer<UInt8>, from: Int, to end: Int, delimiter: UInt8, maxRows: Int) {
        let address = UInt(bitPattern: buf)
        worker = WorkerThread { [self] in
            lines = parser.parse(UnsafePointer(bitPattern: address)!, from: from, to: end, delimiter: delimiter, maxRows: maxRows)
        }
    }

    /// The lines, once the thread is done (nil when called again).
    func finish() -> PlainLines? {
        guard var w = worker else { return nil }
        w.join()
        worker = nil
        return lines
    }
}

/// A thread running one piece of work beside the caller's; `join` waits for it. When no thread
/// can be started, the work runs at once on the caller's thread.
struct WorkerThread {
    private final class Box: @unchecked Sendable {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }
#if canImport(Glibc)
    private var thread = pthread_t()
#else
    private var thread: pthread_t?
#endif
    private var started = false

    init(_ work: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(work))
        started = pthread_create(&thread, nil, { raw in
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, box.toOpaque()) == 0
        if !started {
            box.release()
            work()
        }
    }

    /// Waits for the work to end (once).
    mutating func join() {
        guard started else { return }
        started = false
#if canImport(Glibc)
        pthread_join(thread, nil)
#else
        pthread_join(thread!, nil)
#endif
    }
}

/// The number of processors online (1 when unknown).
let processorsOnline: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
