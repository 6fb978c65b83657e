#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to a PostgreSQL server through libpq, for one load: opened, used for a read-only
/// transaction and a `COPY … TO STDOUT`, closed when released. Every failure is a `LoadError` named
/// after the table (or `query`), with any password in the text masked.
final class PostgresConnection {
    let pq: PostgresLibrary
    private let conn: OpaquePointer
    /// The table's name in messages.
    let name: String
    /// Polled while waiting for the server; true cancels the query (`PQcancel`).
    let interrupt: (@Sendable () -> Bool)?
    /// Told, while the server works before its first rows, that the load is alive (a long
    /// aggregation streams nothing for seconds); the loader reports the rows once they come.
    let progress: (@Sendable (LoadProgress) -> Void)?
    /// Whether this side cancelled the running query (so a "canceling statement" error means Ctrl-C).
    private(set) var cancelled = false
    /// Whether the COPY stream has ended (libpq must not be asked for more).
    private var copyDone = false
    /// Whether rows have started to come (the loader reports progress from then on).
    private var streaming = false

    /// Connects to `uri`: credentials come from the URI's user, `PGPASSWORD`, `~/.pgpass` or
    /// `PGSERVICE`, all read by libpq; text always arrives as UTF-8.
    init(uri: String, name: String, interrupt: (@Sendable () -> Bool)?, progress: (@Sendable (LoadProgress) -> Void)? = nil) throws(LoadError) {
        let pq: PostgresLibrary
        switch PostgresLibrary.shared {
        case .success(let lib): pq = lib
        case .failure(let missing): throw LoadError(.database(missing.message), file: name)
        }
        // The URI first (expand_dbname = 1), so the settings after it override what it says.
        let keys = ["dbname", "client_encoding", "application_name"]
        let values = [uri, "UTF8", "evalshell"]
        let c: OpaquePointer? = withCStrings(keys) { k in withCStrings(values) { v in pq.connectStartParams(k, v, 1) } }
        guard let c else { throw LoadError(.database(L("cannot connect to the database: out of memory")), file: name) }
        try PostgresConnection.awaitConnection(c, pq: pq, name: name, interrupt: interrupt)
        if pq.status(c) != PostgresLibrary.connectionOK {
            var why = PostgresConnection.text(pq.errorMessage(c))
            if pq.needsPassword(c) != 0 {
                why += L(" (the server asks for a password: set PGPASSWORD, or add it to ~/.pgpass, or use a PGSERVICE entry)")
            }
            pq.finish(c)
            throw LoadError(.database(L("cannot connect to the database: \(why)")), file: name)
        }
        self.pq = pq
        self.conn = c
        self.name = name
        self.interrupt = interrupt
        self.progress = progress
    }

    deinit { pq.finish(conn) }

    /// How long connecting may take before it fails.
    static let connectTimeoutSeconds = 10

    /// Drives a connection started with `PQconnectStartParams` until it is made or has failed (the
    /// caller reads which from `PQstatus`), polling its socket a tenth of a second at a time so
    /// Ctrl-C stops it and an unreachable server fails after `connectTimeoutSeconds`.
    private static func awaitConnection(_ c: OpaquePointer, pq: PostgresLibrary, name: String,
                                        interrupt: (@Sendable () -> Bool)?) throws(LoadError) {
        guard pq.status(c) != PostgresLibrary.connectionBad else { return }
        var start = timespec(), now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        var state: Int32 = 2   // PGRES_POLLING_WRITING: how libpq says to begin
        while state != PostgresLibrary.pollingOK && state != PostgresLibrary.pollingFailed {
            if let interrupt, interrupt() {
                pq.finish(c)
                throw LoadError(.interrupted(rows: 0), file: name)
            }
            var fds = pollfd(fd: pq.socket(c), events: Int16(state == PostgresLibrary.pollingReading ? POLLIN : POLLOUT), revents: 0)
            if poll(&fds, 1, 100) > 0 {
                state = pq.connectPoll(c)
                continue
            }
            clock_gettime(CLOCK_MONOTONIC, &now)
            if now.tv_sec - start.tv_sec >= connectTimeoutSeconds {
                pq.finish(c)
                throw LoadError(.database(L("cannot connect to the database: no answer within \(connectTimeoutSeconds) s")), file: name)
            }
        }
    }

    /// Runs `sql` (no rows expected, or a few); the result's rows as text, nil for NULL.
    @discardableResult
    func exec(_ sql: String) throws(LoadError) -> (columns: [(name: String, type: UInt32)], rows: [[String?]]) {
        guard let r = pq.exec(conn, sql) else { throw failure(PostgresConnection.text(pq.errorMessage(conn)), code: nil) }
        defer { pq.clear(r) }
        let status = pq.resultStatus(r)
        guard status == PostgresLibrary.commandOK || status == PostgresLibrary.tuplesOK else { throw failure(of: r) }
        var columns: [(name: String, type: UInt32)] = []
        for i in 0..<pq.nfields(r) { columns.append((PostgresConnection.text(pq.fname(r, i)), pq.ftype(r, i))) }
        var rows: [[String?]] = []
        for t in 0..<pq.ntuples(r) {
            rows.append((0..<Int32(columns.count)).map { pq.getisnull(r, t, $0) != 0 ? nil : PostgresConnection.text(pq.getvalue(r, t, $0)) })
        }
        return (columns, rows)
    }

    /// `"name"`: an identifier quoted by libpq, whatever characters it holds.
    func quoted(_ identifier: String) throws(LoadError) -> String {
        let bytes = Array(identifier.utf8)
        guard let p = bytes.withUnsafeBufferPointer({ b in
            b.withMemoryRebound(to: CChar.self) { pq.escapeIdentifier(conn, $0.baseAddress, $0.count) }
        }) else { throw failure(PostgresConnection.text(pq.errorMessage(conn)), code: nil) }
        defer { pq.freemem(p) }
        return String(cString: p)
    }

    /// Sends a `COPY … TO STDOUT` and waits, interruptibly, until the server starts streaming.
    func startCopy(_ sql: String) throws(LoadError) {
        guard pq.sendQuery(conn, sql) != 0 else { throw failure(PostgresConnection.text(pq.errorMessage(conn)), code: nil) }
        while pq.isBusy(conn) != 0 { try wait() }
        guard let r = pq.getResult(conn) else { throw failure(L("the server sent no result"), code: nil) }
        defer { pq.clear(r) }
        guard pq.resultStatus(r) == PostgresLibrary.copyOut else {
            let e = failure(of: r)
            drain()
            throw e
        }
    }

    /// The next rows of the COPY stream appended to `out` (at least one row, or none at the end).
    /// libpq hands one row per call; rows already received are taken without waiting, up to `limit` bytes.
    func copyData(into out: inout [UInt8], limit: Int) throws(LoadError) -> Bool {
        if copyDone { return false }
        var buf: UnsafeMutablePointer<CChar>?
        while true {
            let n = pq.getCopyData(conn, &buf, 1)
            if n > 0, let b = buf {
                streaming = true
                b.withMemoryRebound(to: UInt8.self, capacity: Int(n)) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(n))) }
                pq.freemem(b)
                if out.count >= limit { return true }
                continue
            }
            if n == 0 {
                if !out.isEmpty { return true }
                try wait()
                continue
            }
            if n == -1 {
                // The end: the command's own result says whether it completed.
                copyDone = true
                var error: LoadError?
                while let r = pq.getResult(conn) {
                    if error == nil, pq.resultStatus(r) != PostgresLibrary.commandOK { error = failure(of: r) }
                    pq.clear(r)
                }
                if let error { throw error }
                return !out.isEmpty
            }
            throw failure(PostgresConnection.text(pq.errorMessage(conn)), code: nil)
        }
    }

    /// Waits up to a tenth of a second for the server, then reads what came; cancels the query
    /// and throws `.interrupted` when the interrupt asks to stop.
    private func wait() throws(LoadError) {
        if let interrupt, interrupt() {
            cancel()
            throw LoadError(.interrupted(rows: 0), file: name)
        }
        if !streaming { progress?(LoadProgress(bytesRead: 0, totalBytes: nil, rows: 0)) }
        var fds = pollfd(fd: pq.socket(conn), events: Int16(POLLIN), revents: 0)
        _ = poll(&fds, 1, 100)
        guard pq.consumeInput(conn) != 0 else { throw failure(PostgresConnection.text(pq.errorMessage(conn)), code: nil) }
    }

    /// Asks the server to stop the running query (`PQcancel`, over a connection of its own), then
    /// reads what is left so the connection closes cleanly.
    func cancel() {
        cancelled = true
        if let c = pq.getCancel(conn) {
            var err = [CChar](repeating: 0, count: 256)
            _ = pq.cancel(c, &err, Int32(err.count))
            pq.freeCancel(c)
        }
        drain()
    }

    /// Discards the rest of a result (after a cancel or an error): in the COPY state libpq hands
    /// the same COPY result again until the stream's rows are read, so those are read and dropped.
    private func drain() {
        var buf: UnsafeMutablePointer<CChar>?
        while true {
            let n = pq.getCopyData(conn, &buf, 0)
            if n > 0, let b = buf { pq.freemem(b); continue }
            break
        }
        while let r = pq.getResult(conn) {
            let status = pq.resultStatus(r)
            pq.clear(r)
            guard status == PostgresLibrary.copyOut else { continue }
            while true {
                let n = pq.getCopyData(conn, &buf, 0)
                if n > 0, let b = buf { pq.freemem(b); continue }
                break
            }
        }
        copyDone = true
    }

    /// The error of a failed result: the server's message and SQLSTATE.
    private func failure(of r: OpaquePointer) -> LoadError {
        let code = pq.resultErrorField(r, PostgresLibrary.diagSQLState).map { String(cString: $0) }
        let primary = PostgresConnection.text(pq.resultErrorField(r, PostgresLibrary.diagMessage))
        return failure(primary.isEmpty ? PostgresConnection.text(pq.resultErrorMessage(r)) : primary, code: code)
    }

    private func failure(_ message: String, code: String?) -> LoadError {
        // 57014 query_canceled: Ctrl-C when this side asked for it, else the statement timeout.
        if code == "57014" {
            if cancelled { return LoadError(.interrupted(rows: 0), file: name) }
            return LoadError(.database(L("the query ran longer than \(PostgresSource.statementTimeoutSeconds) s, the statement timeout: aggregate in a view or ask for less")), file: name)
        }
        return LoadError(.database(L("the database refused the query: \(message)")), file: name)
    }

    /// libpq's text without its trailing newline, with passwords masked.
    static func text(_ p: UnsafeMutablePointer<CChar>?) -> String {
        guard let p else { return "" }
        var s = String(cString: p)
        while s.last == "\n" || s.last == " " { s.removeLast() }
        return PostgresURI.masked(s.replacingAll("\n", " "))
    }
}

/// Calls `body` with `strings` as a NULL-terminated array of C strings.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
