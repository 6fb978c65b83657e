#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tables back out to the tools analysts use: CSV for Excel and WPS, Markdown for reports, JSON for
/// programs, .xlsx. Writes are atomic (a temporary file in the same folder, then a rename), and an
/// existing file is replaced only when asked.

public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, markdown, json, xlsx

    /// The format a file name's extension asks for: `.csv`, `.md`/`.markdown`, `.json`, `.xlsx`.
    public init?(path: String) {
        let lower = path.lowercased()
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "csv": self = .csv
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "xlsx": self = .xlsx
        default: return nil
        }
    }
}

public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file exists and `replace` was not given.
        case exists
        case cannotWrite(String)
        /// Neither the call nor the file's extension names a format.
        case unknownFormat
        /// Rows whose length differs from the headers'.
        case ragged(row: Int, cells: Int, columns: Int)
    }

    public var kind: Kind
    public var path: String

    public var message: String {
        switch kind {
        case .exists: "\(path) exists already: say that it is to be replaced"
        case .cannotWrite(let why): "cannot write \(path): \(why)"
        case .unknownFormat: "\(path): name a format (csv, markdown, json or xlsx) or use one of their extensions"
        case .ragged(let row, let cells, let columns): "row \(row) of the table has \(cells) cells, but the table has \(columns) columns"
        }
    }

    public var description: String { message }
}

public struct ExportOutcome: Sendable, Equatable {
    public var path: String
    public var format: ExportFormat
    public var rows: Int
    public var bytes: Int
    /// `exported 12 rows to out.csv`.
    public var summary: String {
        "exported \(groupedThousands(rows)) \(rows == 1 ? "row" : "rows") to \(path)"
    }
}

/// Writes `table` (its rows, then its footer) to `path` in `format` (from the extension when nil),
/// atomically.
public func exportTable(_ table: Table, to path: String, format: ExportFormat? = nil, replace: Bool = false,
                        sheetName: String = "Sheet1") throws(ExportError) -> ExportOutcome {
    guard let format = format ?? ExportFormat(path: path) else { throw ExportError(kind: .unknownFormat, path: path) }
    let bytes = try ExportText.bytes(table, format: format, sheetName: sheetName, path: path)
    let rowCount = table.rows.count + table.footer.count
    // A file that already holds exactly these bytes is no conflict: a notebook that exports without
    // `replace` can be replayed as long as its result does not change.
    if !replace, fileHolds(path, bytes) {
        return ExportOutcome(path: path, format: format, rows: rowCount, bytes: bytes.count)
    }
    try writeFileAtomically(bytes, to: path, replace: replace)
    return ExportOutcome(path: path, format: format, rows: rowCount, bytes: bytes.count)
}

/// Whether the regular file at `path` holds exactly `bytes`.
func fileHolds(_ path: String, _ bytes: [UInt8]) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count else { return false }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var existing = [UInt8](repeating: 0, count: bytes.count)
    var off = 0
    while off < existing.count {
        let n = existing.withUnsafeMutableBytes { read(fd, $0.baseAddress! + off, $0.count - off) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        off += n
    }
    return existing == bytes
}

/// Writes `bytes` to a temporary file next to `path`, flushes it, then moves it into place: readers
/// see the old file or the new one, never half of one. Without `replace`, the move is a hard link,
/// which fails if `path` exists, so a file created meanwhile is not overwritten either.
/// Writes `bytes` to `path` through a temporary file in the same folder, fsynced, then renamed (or
/// linked, when an existing file must not be replaced): a reader never sees half a file. A replaced
/// file keeps its permissions; a new one gets `newFileMode`. The one atomic writer of the project:
/// exports, reports, `test --update`, `:save` and the shell's history all write through it.
public func writeFileAtomically(_ bytes: [UInt8], to path: String, replace: Bool, newFileMode: mode_t = 0o644) throws(ExportError) {
    func failure(_ why: String? = nil) -> ExportError {
        ExportError(kind: .cannotWrite(why ?? String(cString: strerror(errno))), path: path)
    }
    var st = stat()
    var mode = newFileMode
    if lstat(path, &st) == 0 {
        if (st.st_mode & S_IFMT) == S_IFDIR { throw failure("it is a folder") }
        if !replace { throw ExportError(kind: .exists, path: path) }
        if (st.st_mode & S_IFMT) == S_IFREG { mode = st.st_mode & 0o7777 }
    }
    let slash = path.lastIndex(of: "/")
    let dir = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array(((dir.isEmpty ? "/" : dir) + "/." + base + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw failure(errno == ENOENT ? "its folder does not exist" : nil) }
    let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var ok = true
    bytes.withUnsafeBytes { raw in
        var off = 0
        while off < raw.count {
            let n = write(fd, raw.baseAddress! + off, raw.count - off)
            if n < 0 { if errno == EINTR { continue }; ok = false; return }
            off += n
        }
    }
    let why = ok ? nil : String(cString: strerror(errno))
    if ok { _ = fchmod(fd, mode); ok = fsync(fd) == 0 }
    close(fd)
    guard ok else {
        unlink(temp)
        throw failure(why)
    }
    if replace {
        guard rename(temp, path) == 0 else { let e = failure(); unlink(temp); throw e }
    } else {
        if link(temp, path) != 0 {
            let code = errno
            if code == EEXIST { unlink(temp); throw ExportError(kind: .exists, path: path) }
            // File systems without hard links: check once more, then rename.
            if lstat(path, &st) == 0 { unlink(temp); throw ExportError(kind: .exists, path: path) }
            guard rename(temp, path) == 0 else { let e = failure(); unlink(temp); throw e }
        } else {
            unlink(temp)
        }
    }
    let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY)
    if dfd >= 0 { _ = fsync(dfd); close(dfd) }
}
