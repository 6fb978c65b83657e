/// A table or a query of a PostgreSQL database as a `RowSource`: the server streams the rows with
/// `COPY (…) TO STDOUT (FORMAT csv, HEADER)` and the CSV reader hands them to the loader, so the
/// header matching, units, validation, all-or-nothing rules and notes are those of a CSV file, and
/// problems read `table:row:column: reason`.
///
/// A payments table is not streamed row by row: the model keeps only per-project, per-day sums, so
/// the server computes them (`GROUP BY project, date`), within the fiscal year and the next year
/// (`paid(x, in: 2021)` after a 2020 analysis), as exact `numeric` text. Everything runs in a
/// `READ ONLY` transaction with a statement timeout.
public struct PostgresSource: RowSource {
    /// What to read: a table (`schema.table` or `table`) or a query.
    public enum Request: Sendable, Equatable {
        case table(String)
        case query(String)
    }

    public var uri: String
    public var request: Request
    public var kind: LoadKind
    /// Columns named by the `load` statement: field → the table's column name.
    public var mapping: [LoadField: String]
    /// The fiscal year: the window of a payments table's sums, and `{fy}` in a query.
    public var fiscalYear: Int?
    public var limits: LoadLimits
    /// Polled while the server works; true cancels the query.
    public var interrupt: (@Sendable () -> Bool)?
    /// Called while the server works before its first rows (then the loader reports).
    public var progress: (@Sendable (LoadProgress) -> Void)?
    /// The SHA-256 (hex) of the bytes the server streamed, once `readRows` has run.
    public private(set) var sha256: String?
    /// The statement the server ran, once `readRows` has run.
    public private(set) var statement: String?

    /// The longest a load's query may run on the server (`SET LOCAL statement_timeout`): ten minutes,
    /// far above the ~8 s measured for summing 10 million payments on two cores, and short enough
    /// that a forgotten query does not hold a production server's resources for hours.
    public static let statementTimeoutSeconds = 600

    public init(uri: String, request: Request, kind: LoadKind, mapping: [LoadField: String] = [:], fiscalYear: Int? = nil,
                limits: LoadLimits = LoadLimits(), interrupt: (@Sendable () -> Bool)? = nil,
                progress: (@Sendable (LoadProgress) -> Void)? = nil) {
        self.uri = uri
        self.request = request
        self.kind = kind
        self.mapping = mapping
        self.fiscalYear = fiscalYear
        self.limits = limits
        self.interrupt = interrupt
        self.progress = progress
    }

    /// The table's name, or `query`, in messages.
    public var name: String {
        switch request {
        case .table(let t): t
        case .query: "query"
        }
    }

    /// How a notebook's input header names this source: the URI without its password, then the
    /// table or the query (on one line).
    public var inputKey: String {
        let shown = PostgresURI.masked(uri)
        switch request {
        case .table(let t): return "\(shown) table \(t)"
        case .query(let q):
            let text = (try? PostgresSource.substitute(q, fiscalYear: fiscalYear, name: name)) ?? q
            return "\(shown) query \(text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " "))"
        }
    }

    public mutating func readRows<C: RowConsumer>(into consumer: inout C) throws(LoadError) -> RowSourceFacts {
        let conn = try PostgresConnection(uri: uri, name: name, interrupt: interrupt, progress: progress)
        // One transaction that cannot write; dates as ISO text whatever the server's default.
        try conn.exec("BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = '\(PostgresSource.statementTimeoutSeconds)s'; "
                      + "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL enable_partitionwise_aggregate = on")
        var notes: [String] = []
        let select: String
        switch request {
        case .query(let q):
            var text = try PostgresSource.substitute(q, fiscalYear: fiscalYear, name: name)
            while let last = text.last, last == ";" || last == " " || last == "\n" || last == "\t" || last == "\r" { text.removeLast() }
            select = text
        case .table(let t):
            let table = try PostgresSource.qualifiedName(t, conn: conn)
            let shape = try conn.exec("SELECT * FROM \(table) LIMIT 0").columns
            if kind == .payments {
                let (sql, note) = try sums(from: table, columns: shape, conn: conn)
                select = sql
                notes.append(note)
            } else {
                select = "SELECT * FROM \(table)"
            }
        }
        let sql = "COPY (\(select)) TO STDOUT (FORMAT csv, HEADER)"
        statement = sql
        try conn.startCopy(sql)
        let stream = PostgresStream(conn)
        do {
            var reader = try CSVReader(file: stream, name: name, encoding: .utf8, delimiter: .comma, limits: limits)
            let facts = try reader.readRows(into: &consumer)
            sha256 = stream.hex()
            return RowSourceFacts(format: .csv, notes: facts.notes + notes, bytesRead: facts.bytesRead)
        } catch {
            // The stream's own failure (the server's error, Ctrl-C) says more than "cannot read".
            if !stream.finished { conn.cancel() }
            throw stream.failure ?? error
        }
    }

    /// The query of per-project, per-day sums of a payments table, and the note that says so.
    private func sums(from table: String, columns: [(name: String, type: UInt32)], conn: PostgresConnection) throws(LoadError) -> (String, String) {
        let names = columns.map(\.name)
        let m = try ColumnMap.match(headers: names, kind: .payments, mapping: mapping, defaultUnit: .yuan, file: name)
        guard let map = m.map, let id = map.index[.id], let amount = map.index[.amount], let date = map.index[.date] else {
            throw LoadError(.missingColumns(missing: m.missing.map { ColumnMap.describe($0, kind: .payments, mapping: mapping) },
                                            found: names), file: name)
        }
        let i = try conn.quoted(names[id]), a = try conn.quoted(names[amount]), d = try conn.quoted(names[date])
        switch PostgresType(oid: columns[amount].type) {
        case .exact: break
        case .float:
            throw LoadError(.database(L("column \(names[amount]) holds floating-point numbers, which cannot hold amounts exactly: make it numeric (ALTER TABLE … TYPE numeric(18,2))")), file: name)
        case .date, .timestamp, .other:
            throw LoadError(.database(L("column \(names[amount]) is not a number (\(PostgresType.describe(columns[amount].type))): make it numeric, or load it through a query that converts it")), file: name)
        }
        let day: String
        switch PostgresType(oid: columns[date].type) {
        case .date: day = d
        case .timestamp: day = "\(d)::date"
        case .exact, .float, .other:
            throw LoadError(.database(L("column \(names[date]) is not a date (\(PostgresType.describe(columns[date].type))): make it a date, or load it through a query that converts it")), file: name)
        }
        // A NULL amount makes its day's sum NULL (an empty cell, a bad row), as an empty cell of a file
        // would; a NULL project or date is a group of its own, likewise reported.
        var sql = "SELECT \(i) AS \(i), CASE WHEN count(\(a)) = count(*) THEN sum(\(a)) END AS \(a), \(day) AS \(d) FROM \(table)"
        var note = L("the server summed the payments per project and day")
        if let fy = fiscalYear {
            sql += " WHERE (\(day) >= DATE '\(fy)-01-01' AND \(day) < DATE '\(fy + 2)-01-01') OR \(day) IS NULL"
            note += L(", dated \(fy)-01-01 to \(fy + 1)-12-31 (the fiscal year and the next)")
        }
        // Ordered so the same data streams the same bytes (its SHA-256 in a notebook).
        sql += " GROUP BY \(i), \(day) ORDER BY \(i)::text COLLATE \"C\", \(day)"
        return (sql, note)
    }

    /// `schema.table` or `table`, each part quoted by libpq.
    static func qualifiedName(_ name: String, conn: PostgresConnection) throws(LoadError) -> String {
        var parts: [String] = []
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw LoadError(.database(L("`\(name)` is not a table's name (write schema.table or table)")), file: name) }
            parts.append(try conn.quoted(String(part)))
        }
        guard parts.count <= 2 else { throw LoadError(.database(L("`\(name)` is not a table's name (write schema.table or table)")), file: name) }
        return parts.joined(separator: ".")
    }

    /// A query's text with `{fy}` replaced by the fiscal year as an integer literal, and `{{` `}}` by
    /// braces. Nothing else is put into SQL: any other `{…}` is an error, so no text of a script or
    /// of `--set` can change what the query means.
    static func substitute(_ query: String, fiscalYear: Int?, name: String) throws(LoadError) -> String {
        var out = ""
        var rest = Substring(query)
        while let c = rest.first {
            rest.removeFirst()
            if c == "{" && rest.first == "{" { rest.removeFirst(); out.append("{"); continue }
            if c == "}" && rest.first == "}" { rest.removeFirst(); out.append("}"); continue }
            guard c == "{" else { out.append(c); continue }
            guard let close = rest.firstIndex(of: "}") else {
                throw LoadError(.database(L("a `{` in the query is never closed (write `{{` for a brace)")), file: name)
            }
            let word = rest[..<close].trimmingBlanks()
            rest = rest[rest.index(after: close)...]
            guard word == "fy" else {
                throw LoadError(.database(L("a query may name only {fy}, the fiscal year, not {\(word)}: other values are never put into SQL")), file: name)
            }
            guard let fiscalYear else { throw LoadError(.noFiscalYear, file: name) }
            out += String(fiscalYear)
        }
        return out
    }
}

extension Substring {
    fileprivate func trimmingBlanks() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// What the loader needs to know of a column's PostgreSQL type (by its OID, pg_type.dat).
enum PostgresType {
    case exact, float, date, timestamp, other

    init(oid: UInt32) {
        switch oid {
        case 20, 21, 23, 1700: self = .exact          // int8, int2, int4, numeric
        case 700, 701: self = .float                  // float4, float8
        case 1082: self = .date
        case 1114, 1184: self = .timestamp           // timestamp, timestamptz
        default: self = .other
        }
    }

    static func describe(_ oid: UInt32) -> String {
        switch oid {
        case 25: "text"
        case 1043: "varchar"
        case 1042: "char"
        case 790: "money"
        default: "type \(oid)"
        }
    }
}

/// The COPY stream as a file for the CSV reader: rows in the order the server sends them, hashed on
/// the way. A failure is kept in `failure` (the CSV reader only sees "cannot read").
final class PostgresStream: ReadableFile {
    private let conn: PostgresConnection
    private var pending: [UInt8] = []
    private var offset = 0
    private var sha = SHA256()
    private(set) var failure: LoadError?
    private(set) var finished = false

    init(_ conn: PostgresConnection) { self.conn = conn }

    var size: Int? { nil }
    var localPath: String? { nil }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        if offset == pending.count {
            pending.removeAll(keepingCapacity: true)
            offset = 0
            if finished { return 0 }
            do {
                if try !conn.copyData(into: &pending, limit: max(buffer.count, 1 << 16)) { finished = true; return 0 }
            } catch {
                finished = true
                failure = error
                throw .failed(error.message)
            }
            sha.update(pending)
        }
        let n = min(buffer.count, pending.count - offset)
        pending.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }

    func hex() -> String {
        let digits = Array("0123456789abcdef")
        return String(sha.finish().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
