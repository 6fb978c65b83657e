import EvalDSL
#if canImport(Glibc)
import Glibc
#endif

/// A statement that succeeded in the shell, kept for `:save`.
struct SavedStatement: Equatable {
    /// The statement's text as typed or loaded.
    var source: String
    /// What it printed (as `evalshell run` prints it, with ambiguous characters measured narrow as
    /// notebooks are).
    var output: String
    /// The absolute folder its relative paths were resolved against: the shell's working
    /// directory for a typed statement, the script's folder for one from `:load`.
    var baseDirectory: String
    /// For a `run`, `load` or `export` whose path is relative: the path, and the UTF-8 offset in
    /// `source` where its text starts (just after the opening quote).
    var relativePath: RelativePath?
    /// The files it read (`run`, `load`) as the session records them for a notebook's header:
    /// by the path as written.
    var inputs: [Input] = []
    /// The language it ran in: the notebook records the first one's.
    var language: Language = .en

    struct RelativePath: Equatable {
        /// The path's value.
        var path: String
        var offset: Int
        /// `load` and `export` print their path; `run` does not.
        var printed: Bool
        /// The folders the path's text starts with, as long as they are plain text (before any
        /// `{interpolation}` or escape): `:save` writes others in their place. Also the start of `path`.
        var folders: String = ""
    }

    struct Input: Equatable {
        var key: String
        var file: InputFile
    }
}

/// `:save FILE`: the session's statements as a notebook.
///
/// Each statement is written as it was typed, followed by what it printed in the session as `#>`
/// lines (NOTEBOOK.md), under a header of the files it read: so `evalshell run FILE` prints what
/// the session showed and `evalshell test FILE` checks it. Nothing is run again: saving is instant
/// and has no effects (an `export` does not write its file a second time).
///
/// A relative path in `run`, `load` or `export` meant a path from the working directory (typed) or
/// from the loaded script's folder; in the saved file it would mean a path from the saved file's
/// folder. So the path gets a prefix that leads from the saved file's folder to the original one
/// (`run "data/2020.evl"` saved into `out/` becomes `run "../data/2020.evl"`), or the original
/// folder's absolute path when the two share nothing but `/`; where `load` and `export` printed
/// the path, the recorded output names it as the notebook will.
enum NotebookSave {
    /// The notebook for a file in `folder` (absolute).
    static func text(_ statements: [SavedStatement], savedIn folder: String) -> String {
        // The header: the inputs in the order first read, each with its last content (as the
        // session's ordered dictionary of inputs keeps them).
        var order: [String] = []
        var files: [String: InputFile] = [:]
        var body = ""
        for s in statements {
            var source = s.source
            var output = s.output
            var newPath: String?  // the path's value as the notebook writes it, when it changes
            if let relative = s.relativePath {
                // The same folder, named from the notebook's folder: `out/x.csv` saved into out/ is `x.csv`.
                let folders = relativePrefix(from: folder, to: standardized(s.baseDirectory + "/" + relative.folders))
                if folders != relative.folders {
                    let utf8 = source.utf8
                    let start = utf8.index(utf8.startIndex, offsetBy: relative.offset)
                    let end = utf8.index(start, offsetBy: relative.folders.utf8.count)
                    source.replaceSubrange(start..<end, with: escapedForString(folders))
                    newPath = folders + relative.path.dropFirst(relative.folders.count)
                    if relative.printed { output = replacingPath(relative.path, with: newPath!, in: output) }
                }
            }
            for input in s.inputs {
                let key = newPath != nil && input.key == s.relativePath?.path ? newPath! : input.key
                if files[key] == nil { order.append(key) }
                files[key] = input.file
            }
            body += source + "\n"
            for line in Notebook.outputLines(output) { body += (line.isEmpty ? "#>" : "#> " + line) + "\n" }
        }
        // A notebook whose output starts in Chinese says so first (docs/NOTEBOOK.md).
        var header = statements.first.map { $0.language == .en ? "" : "#> lang \($0.language.rawValue)\n" } ?? ""
        for key in order { header += "#> input \(key) sha256:\(files[key]!.hash().prefix(16))\n" }
        return header + body
    }

    /// `text` with each mention of `path` as a word of its own (between spaces, quotes or the ends
    /// of a line, before `:` `,` `;` `)`) replaced by `replacement`.
    static func replacingPath(_ path: String, with replacement: String, in text: String) -> String {
        guard !path.isEmpty else { return text }
        var out = ""
        var rest = Substring(text)
        while let r = rest.range(of: path) {
            let before = r.lowerBound == rest.startIndex ? (out.last ?? "\n") : rest[rest.index(before: r.lowerBound)]
            let after = r.upperBound == rest.endIndex ? "\n" : rest[r.upperBound]
            let standsAlone = " \n\"'“(（".contains(before) && " \n\"'”:,;)）。，".contains(after)
            out += rest[..<r.lowerBound] + (standsAlone ? replacement : path)
            rest = rest[r.upperBound...]
        }
        return out + rest
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
        Paths.standardized(path)
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
struct FileWriteError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Writes `text` atomically through the library's one writer (an existing file keeps its permissions).
func writeAtomically(_ text: String, to path: String) throws {
    try writeAtomically(Array(text.utf8), to: path)
}

/// Writes `bytes` atomically (a report: Markdown and HTML today, binary formats later).
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    do {
        try writeFileAtomically(bytes, to: path, replace: true)
    } catch {
        if case .cannotWrite(let why) = error.kind { throw FileWriteError(reason: why) }
        throw FileWriteError(reason: error.message)
    }
}
