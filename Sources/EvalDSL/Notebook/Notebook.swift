/// A script that records each statement's output under it, as comment lines starting `#>`.
///
/// The format, in full (docs/NOTEBOOK.md says the same for users):
/// - A recorded line is a line whose first two characters are `#>`, followed by a space and the
///   output text, or by nothing at all for an empty output line. Anything else (`#>x`, ` #> x`) is
///   an ordinary comment.
/// - A statement's recorded block is the run of recorded lines right after the statement's last
///   line; the first line that is not a recorded line ends it.
/// - A recorded block at the very top of the file, before anything else, is the notebook's header:
///   it lists the inputs the notebook read, with their content hashes.
/// - Any other recorded line (after a blank line or an ordinary comment, or under a statement that
///   prints nothing) is reported as stray: it looks like output but belongs to nothing.
/// - Trailing spaces and tabs are not part of output: they are removed when recording and ignored
///   when comparing. Line endings are kept as the file has them (LF or CRLF), and a missing final
///   newline stays missing.
public struct Notebook: Sendable {
    public struct Line: Sendable, Equatable {
        /// The line without its line ending.
        public var content: Substring
        /// `"\n"`, `"\r\n"`, or `""` for a last line without one.
        public var ending: String
        public var isRecorded: Bool {
            content.hasPrefix("#>") && (content.count == 2 || content.dropFirst(2).first == " ")
        }
        /// The recorded text: what follows `#> `.
        public var payload: Substring { content.count <= 3 ? "" : content.dropFirst(3) }
    }

    public let name: String
    public let text: String
    public let lines: [Line]
    /// The line ending new recorded lines get: the file's first one, LF when it has none.
    public let lineEnding: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        // Split on UTF-8 bytes: in Swift's String "\r\n" is one Character, which would hide the "\n".
        var lines: [Line] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: "\n") {
                var contentEnd = i
                var ending = "\n"
                if contentEnd > lineStart, utf8[utf8.index(before: contentEnd)] == UInt8(ascii: "\r") {
                    contentEnd = utf8.index(before: contentEnd)
                    ending = "\r\n"
                }
                lines.append(Line(content: text[lineStart..<contentEnd], ending: ending))
                lineStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if lineStart != utf8.endIndex {
            lines.append(Line(content: text[lineStart..<utf8.endIndex], ending: ""))
        }
        self.lines = lines
        self.lineEnding = lines.first(where: { !$0.ending.isEmpty })?.ending ?? "\n"
    }

    /// The language the header records its output starts in (`#> lang zh`); English without a record.
    /// Whatever replays or renders the notebook runs it in this language, not the locale's.
    public var recordedLanguage: Language {
        NotebookRunner.recordedLanguage(lines.prefix { $0.isRecorded }.map { Notebook.trimTrailing($0.payload) })
    }

    /// Output text as recorded lines' payloads: split into lines, trailing blanks removed.
    public static func outputLines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { trimTrailing($0) }
    }

    static func trimTrailing(_ s: Substring) -> String {
        var t = s.unicodeScalars[...]
        while let last = t.last, last == " " || last == "\t" || last == "\r" { t = t.dropLast() }
        return String(String.UnicodeScalarView(t))
    }

    /// The recorded line for an output line.
    static func recorded(_ line: String) -> String { line.isEmpty ? "#>" : "#> " + line }
}
