import EvalDSL
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A statement that succeeded in the shell, kept for `:save`.
struct SavedStatement: Equatable {
    /// The statement's text as typed or loaded.
    var source: String
    /// What it printed (as `evalshell run` prints it).
    var output: String
    /// The absolute folder its relative `run` path was resolved against: the shell's working
    /// directory for a typed statement, the script's folder for one from `:load`.
    var baseDirectory: String
    /// For a `run` whose path is relative: the UTF-8 offset in `source` where the path's text
    /// starts (just after the opening quote).
    var runPathOffset: Int?
}

/// `:save FILE`: the session's statements as a notebook.
///
/// Each statement is written as it was typed, followed by its output as `#>` lines (NOTEBOOK.md),
/// so `evalshell run FILE` prints what the session showed and `evalshell test FILE` checks it.
/// The recorded output is that of replaying the saved statements in a fresh session, named as the
/// file will be, exactly as `evalshell test` will: the file is right by construction, and when the
/// replay differs from what the session showed (a script run meanwhile changed, `--set` was given)
/// the shell says so.
///
/// A `run "PATH"` with a relative path meant a path from the working directory (typed) or from the
/// loaded script's folder; in the saved file it would mean a path from the saved file's folder. So
/// the path gets a prefix that leads from the saved file's folder to the original one
/// (`run "data/2020.evl"` saved into `out/` becomes `run "../data/2020.evl"`), or the original
/// folder's absolute path when the two share nothing but `/`.
enum NotebookSave {
    struct Result {
        /// The notebook's text.
        var text: String
        /// The first lines of the statements whose replayed output differs from the session's.
        var differences: [String]
        /// The replay was stopped by Ctrl-C.
        var interrupted: Bool
    }

    /// The statements with their `run` paths made right for a file in `folder` (absolute).
    static func statementsText(_ statements: [SavedStatement], savedIn folder: String) -> String {
        var text = ""
        for s in statements {
            var source = s.source
            if let offset = s.runPathOffset {
                let prefix = relativePrefix(from: folder, to: s.baseDirectory)
                if !prefix.isEmpty {
                    let utf8 = source.utf8
                    let at = utf8.index(utf8.startIndex, offsetBy: offset)
                    source.insert(contentsOf: escapedForString(prefix), at: at)
                }
            }
            text += source + "\n"
        }
        return text
    }

    /// Builds the notebook for `path` and replays it; `interrupt` is polled during the replay.
    static func build(_ statements: [SavedStatement], path: String, directory: String,
                      interrupt: @escaping @Sendable () -> Bool) -> Result {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        let folder = standardized(URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
        let text = statementsText(statements, savedIn: folder)
        var session = Session()
        session.interrupt = interrupt
        let run = NotebookRunner.run(Notebook(name: path, text: text), session: session)
        if interrupt() { return Result(text: "", differences: [], interrupted: true) }
        var differences: [String] = []
        if run.entries.count == statements.count {
            for (entry, s) in zip(run.entries, statements) where entry.actual != Notebook.outputLines(s.output) {
                differences.append(String(s.source.prefix { $0 != "\n" }))
            }
        } else {
            differences.append("(the saved statements do not read back as the same statements)")
        }
        return Result(text: run.updatedText(), differences: differences, interrupted: false)
    }

    /// The text to put before a relative path written for `from` so that it means the same as
    /// it did from `to` (both absolute folders): "" when they are the same folder.
    static func relativePrefix(from: String, to: String) -> String {
        let a = standardized(from).split(separator: "/")
        let b = standardized(to).split(separator: "/")
        if a == b { return "" }
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        if common == 0 { return standardized(to) == "/" ? "/" : standardized(to) + "/" }
        let up = Array(repeating: "..", count: a.count - common)
        return (up + b[common...].map(String.init)).joined(separator: "/") + "/"
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Text that reads back as `text` inside a string literal: quotes and backslashes escaped,
    /// braces doubled (a single brace would start an interpolation).
    static func escapedForString(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "{": out += "{{"
            case "}": out += "}}"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Why a file could not be written, in the system's words.
struct FileWriteError: Error, LocalizedError, CustomStringConvertible {
    var reason: String
    var errorDescription: String? { reason }
    var description: String { reason }
}

/// Writes through a temporary file in the same folder and renames it over `path`: never half a
/// file. An existing file keeps its permissions.
func writeAtomically(_ text: String, to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    let temporary = (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).tmp-\(getpid())"
    func failure() -> FileWriteError { FileWriteError(reason: String(cString: strerror(errno))) }
    var mode: mode_t = 0o666  // less the umask, for a new file
    var existing = false
    var st = stat()
    if stat(path, &st) == 0 {
        if (st.st_mode & S_IFMT) == S_IFDIR { throw FileWriteError(reason: "it is a folder") }
        mode = st.st_mode & 0o7777
        existing = true
    }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    if fd < 0 { throw failure() }
    var error: FileWriteError?
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            error = failure()
            break
        }
        written += n
    }
    if error == nil, existing, fchmod(fd, mode) != 0 { error = failure() }
    if error == nil, fsync(fd) != 0 { error = failure() }
    if close(fd) != 0, error == nil { error = failure() }
    if error == nil, rename(temporary, path) != 0 { error = failure() }
    if let error {
        unlink(temporary)
        throw error
    }
}
