import EvalDSL

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell's history: the entries offered for recall and, when there is a
/// file, their keeping between sessions (loaded at start, saved at close).
///
/// The file is in a format of our own rather than libedit's (`_HiStOrY_V2_`, whose
/// loader cannot tell a missing file from a foreign one and whose saver silently
/// overwrites): a first line `#evalshell-history v1`, then one entry per line, oldest
/// first, UTF-8. Inside an entry `\` is written `\\`, a line feed `\n` and a carriage
/// return `\r`, so a multi-line statement stays one entry and the file stays readable
/// with `tail`.
///
/// Each statement is saved as it is entered, so a session that ends without closing (a crash, a
/// killed terminal) loses none of it. Two shells may run at once. Saving therefore never writes what was loaded at start:
/// under an advisory lock (`<file>.lock`, waited for at most two seconds) it rereads the
/// file, appends only this session's new entries, keeps the last `limit`, and replaces the
/// file by writing a temporary file in the same directory and renaming it over the old one,
/// so a reader never sees half a file. A file that exists but cannot be read, or is not in
/// this format, is left alone: history then works in memory only, with one warning.
struct HistoryStore {
    static let header = "#evalshell-history v1"

    /// The history file, or nil to keep history in memory only.
    let path: String?
    let limit: Int
    /// Entries to offer for recall, oldest first: the file's at start, then this session's.
    private(set) var entries: [String] = []
    /// Entries added during this session, oldest first; only these are written back.
    private(set) var newEntries: [String] = []
    /// Why history will not be read or saved, in the user's words; at most one per problem.
    private(set) var warnings: [String] = []
    private var canSave = true

    init(path: String?, limit: Int) {
        self.path = path
        self.limit = max(1, limit)
        guard let path else { return }
        let directory = Paths.parent(path)
        if let reason = Self.makeDirectories(directory) {
            canSave = false
            warnings.append(L("cannot create the history folder \(directory) (\(reason)); history will not be kept this session"))
            return
        }
        switch Self.read(path) {
        case .missing:
            break
        case .entries(let loaded):
            entries = Array(loaded.suffix(self.limit))
        case .unreadable(let reason):
            canSave = false
            warnings.append(L("cannot read the history file \(path) (\(reason)); history will not be kept this session"))
        case .foreign:
            canSave = false
            warnings.append(L("\(path) is not an evalshell history file (its first line is not \(Self.header)); it is left alone and history will not be kept this session"))
        }
    }

    /// Records an entry: trimmed, and dropped when empty or equal to the previous one.
    /// Returns the entry as recorded, or nil when it was dropped.
    mutating func add(_ entry: String) -> String? {
        // A password typed into a database URI is never kept (credentials belong in ~/.pgpass).
        let trimmed = PostgresURI.masked(entry.trimmingSpace(newlines: true))
        guard !trimmed.isEmpty, trimmed != entries.last else { return nil }
        entries.append(trimmed)
        newEntries.append(trimmed)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return trimmed
    }

    /// Merges this session's entries not yet saved into the file as it is now; returns a warning on
    /// failure (the entries then stay pending for the next save).
    mutating func save() -> String? {
        guard let path, canSave, !newEntries.isEmpty else { return nil }
        let lock = Self.lock(path + ".lock")
        defer { if lock >= 0 { close(lock) } }  // closing releases the flock

        // Another shell may have saved since we loaded: start from what is there now.
        var merged: [String]
        switch Self.read(path) {
        case .missing: merged = []
        case .entries(let onDisk): merged = onDisk
        case .unreadable(let reason): return L("cannot save the history file \(path) (\(reason))")
        case .foreign: return L("cannot save the history file \(path) (it is no longer an evalshell history file; left alone)")
        }
        for entry in newEntries where entry != merged.last { merged.append(entry) }
        if merged.count > limit { merged.removeFirst(merged.count - limit) }

        if let reason = Self.writeAtomically(Self.encode(merged), to: path) {
            return L("cannot save the history file \(path) (\(reason))")
        }
        newEntries.removeAll()
        return nil
    }

    // MARK: - Format

    static func encode(_ entries: [String]) -> String {
        var text = header + "\n"
        for entry in entries {
            for ch in entry.unicodeScalars {
                switch ch {
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                default: text.unicodeScalars.append(ch)
                }
            }
            text += "\n"
        }
        return text
    }

    /// The entries of a history file's text, or nil when it is not in this format.
    static func decode(_ text: String) -> [String]? {
        if text.isEmpty { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(header) else { return nil }
        lines.removeFirst()
        var entries: [String] = []
        for line in lines where !line.isEmpty {
            var entry = ""
            var escaped = false
            for ch in line.unicodeScalars {
                if escaped {
                    switch ch {
                    case "n": entry += "\n"
                    case "r": entry += "\r"
                    case "\\": entry += "\\"
                    default: entry += "\\"; entry.unicodeScalars.append(ch)  // not ours: keep as written
                    }
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else {
                    entry.unicodeScalars.append(ch)
                }
            }
            if escaped { entry += "\\" }
            entries.append(entry)
        }
        return entries
    }

    // MARK: - Files

    private enum ReadOutcome {
        case missing, entries([String]), unreadable(String), foreign
    }

    private static func read(_ path: String) -> ReadOutcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            return errno == ENOENT ? .missing : .unreadable(errorText())
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(errorText())  // e.g. EISDIR: the path is a directory
            }
            bytes += chunk[..<n]
        }
        guard let entries = decode(String(decoding: bytes, as: UTF8.self)) else { return .foreign }
        return .entries(entries)
    }

    /// `mkdir -p` with mode 0700 (history is private); returns the reason on failure.
    private static func makeDirectories(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) == 0 {
            return (st.st_mode & S_IFMT) == S_IFDIR ? nil : "a file of that name is in the way"
        }
        let parent = Paths.parent(path)
        if !parent.isEmpty, parent != path, let reason = makeDirectories(parent) { return reason }
        if mkdir(path, 0o700) != 0 && errno != EEXIST { return errorText() }
        return nil
    }

    /// An exclusive flock on `lockPath`, or -1 when it could not be had within two seconds:
    /// saving then goes ahead anyway, since losing a race is better than losing the session.
    private static func lock(_ lockPath: String) -> Int32 {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { return -1 }
        for _ in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
            usleep(20_000)
        }
        close(fd)
        return -1
    }

    /// Writes `text` atomically (a new history file is private to its owner); returns the reason on failure.
    private static func writeAtomically(_ text: String, to path: String) -> String? {
        do {
            try writeFileAtomically(Array(text.utf8), to: path, replace: true, newFileMode: 0o600)
            return nil
        } catch {
            if case .cannotWrite(let why) = error.kind { return why }
            return error.message
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
