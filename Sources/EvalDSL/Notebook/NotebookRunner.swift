/// Replays a notebook in a fresh session and compares each statement's output with what is recorded.
public struct NotebookRun: Sendable {
    public struct Entry: Sendable, Equatable {
        public enum Status: Sendable, Equatable {
            case matches
            case differs
            /// Skipped because a statement it depends on failed: reported once, not as a diff.
            case notRun(String)
        }

        /// 1-based line of the statement's first and last lines in the notebook.
        public var firstLine: Int
        public var lastLine: Int
        /// 0-based indices of its recorded lines in `Notebook.lines` (empty range right after the statement when none).
        public var recordedLines: Range<Int>
        public var recorded: [String]
        public var actual: [String]
        public var status: Status
    }

    public var notebook: Notebook
    /// The header: the inputs read (`input PATH sha256:…`), recorded at the very top of the file.
    public var header: Entry
    public var entries: [Entry]
    /// 1-based lines of recorded lines that belong to no statement.
    public var strayLines: [Int]
    public var tally: CheckTally
    /// The `--set` parameters a `param` statement used.
    public var usedParameters: Set<String>

    public var passed: Bool {
        strayLines.isEmpty && header.status == .matches && entries.allSatisfy { $0.status == .matches }
    }

    /// What changed in the inputs since the output was recorded, one line per file; empty when the
    /// same inputs were read (so a difference in output means the logic changed).
    public var inputChanges: [String] {
        func parse(_ lines: [String]) -> [(String, String)] {
            lines.compactMap { line in
                guard line.hasPrefix("input "), let sp = line.lastIndex(of: " ") else { return nil }
                return (String(line[line.index(line.startIndex, offsetBy: 6)..<sp]), String(line[line.index(after: sp)...]))
            }
        }
        let before = parse(header.recorded), after = parse(header.actual)
        var changes: [String] = []
        for (path, hash) in after {
            if let old = before.first(where: { $0.0 == path }) {
                if old.1 != hash { changes.append(L("\(path) changed (recorded \(old.1), now \(hash))")) }
            } else {
                changes.append(L("\(path) is read now but was not recorded"))
            }
        }
        for (path, _) in before where !after.contains(where: { $0.0 == path }) {
            changes.append(L("\(path) was recorded but is no longer read"))
        }
        return changes
    }

    /// The notebook with every statement's recorded block replaced by its actual output, and
    /// nothing else changed: every other byte stays as it was.
    public func updatedText() -> String {
        let lines = notebook.lines
        var blocks: [Int: Entry] = [:]   // keyed by the index of the line where the block starts
        for e in entries { blocks[e.recordedLines.lowerBound] = e }
        // The header's block starts at line index 0, where no statement's block can start.
        if !header.recorded.isEmpty || !header.actual.isEmpty { blocks[0] = header }
        var out = ""
        var i = 0
        while i <= lines.count {
            if let e = blocks.removeValue(forKey: i) {
                // A statement on the last line without a line ending needs one before its block.
                if !e.actual.isEmpty, !out.isEmpty, out.utf8.last != UInt8(ascii: "\n") { out += notebook.lineEnding }
                for line in e.actual { out += Notebook.recorded(line) + notebook.lineEnding }
                i = e.recordedLines.upperBound
                continue
            }
            guard i < lines.count else { break }
            out += lines[i].content + lines[i].ending
            i += 1
        }
        // Keep the file's convention for its last line.
        // (Bytes, not Characters: in Swift "\r\n" is one Character and does not end with "\n".)
        if !notebook.text.isEmpty, notebook.text.utf8.last != UInt8(ascii: "\n"), out.utf8.last == UInt8(ascii: "\n") {
            out.removeLast()   // one Character, even for "\r\n"
        }
        return out
    }
}

public enum NotebookRunner {
    /// Runs `notebook` and records its output, again until the text no longer changes: recording a
    /// block moves the lines below it, and a recorded error names the line of the file as written.
    /// Returns the last run and the recorded text. `language`, when given, is the language to record
    /// in; otherwise the notebook's record of it (English without one).
    public static func record(_ notebook: Notebook, session: Session = Session(), language: Language? = nil) -> (run: NotebookRun, text: String) {
        var current = notebook
        var run = run(current, session: session, language: language)
        // Each pass can only fix positions the previous one moved; three passes settle any file in practice.
        for _ in 0..<3 {
            let text = run.updatedText()
            if text == current.text { break }
            current = Notebook(name: notebook.name, text: text)
            run = self.run(current, session: session, language: language)
        }
        return (run, run.updatedText())
    }

    /// Runs `notebook` in `session` (a fresh one by default) statement by statement, in `language`
    /// or else the language its header records (English when it records none): never the locale's,
    /// so a notebook replays the same on any machine.
    public static func run(_ notebook: Notebook, session: Session = Session(), language: Language? = nil) -> NotebookRun {
        var session = session
        session.startScript()
        let file = SourceFile(name: notebook.name, text: notebook.text)
        let lines = notebook.lines
        var headerEnd = 0
        while headerEnd < lines.count, lines[headerEnd].isRecorded { headerEnd += 1 }
        let recordedHeader = (0..<headerEnd).map { Notebook.trimTrailing(lines[$0].payload) }
        let start = language ?? recordedLanguage(recordedHeader)
        session.language = start
        var entries: [NotebookRun.Entry] = []
        var attached = Set<Int>()
        let items = Language.$current.withValue(start) { Parser.parse(file) }
        for item in items {
            let result = session.execute(item, in: file)
            let first = file.line(of: item.range.start)
            let last = file.line(of: max(item.range.start, item.range.end - 1))
            var end = last   // 0-based index of the line after the statement
            while end < lines.count, lines[end].isRecorded { end += 1 }
            let block = last..<end
            for k in block { attached.insert(k) }
            let recorded = block.map { Notebook.trimTrailing(lines[$0].payload) }
            var actual = Notebook.outputLines(result.text)
            // A diagnostic reads in the language its statement ran in (a `lang` statement changes it after).
            let language = session.language
            if let d = result.diagnostic { actual += Notebook.outputLines(Language.$current.withValue(language) { d.renderRecorded(in: file) }) }
            var status: NotebookRun.Entry.Status = recorded == actual ? .matches : .differs
            if status == .differs, let d = result.diagnostic, d.kind.isSkip {
                status = .notRun(Language.$current.withValue(language) { d.kind.message })
            }
            entries.append(.init(firstLine: first, lastLine: last, recordedLines: block, recorded: recorded, actual: actual, status: status))
        }
        for k in 0..<headerEnd { attached.insert(k) }
        // The language the output starts in is recorded first, unless it is English (so notebooks
        // recorded before languages existed replay unchanged).
        let actualHeader = (start == .en ? [] : ["lang \(start.rawValue)"]) + session.inputs.map { "input \($0.key) sha256:\($0.value.hash(in: session.files).prefix(16))" }
        let header = NotebookRun.Entry(firstLine: 1, lastLine: 0, recordedLines: 0..<headerEnd, recorded: recordedHeader,
                                       actual: actualHeader, status: recordedHeader == actualHeader ? .matches : .differs)
        var stray: [Int] = []
        for (k, line) in lines.enumerated() where line.isRecorded && !attached.contains(k) {
            stray.append(k + 1)
        }
        return NotebookRun(notebook: notebook, header: header, entries: entries, strayLines: stray, tally: session.tally, usedParameters: session.usedParameters)
    }

    /// The language a header records (`lang zh`); English when it records none.
    static func recordedLanguage(_ header: [String]) -> Language {
        for line in header where line.hasPrefix("lang ") {
            if let l = Language(rawValue: String(line.dropFirst(5))) { return l }
        }
        return .en
    }
}

extension Diagnostic {
    /// The form recorded in a notebook: `line:column: error[CODE]: message`, then notes and a hint.
    /// No file name (a notebook may move) and no excerpt (the statement is right above).
    public func renderRecorded(in file: SourceFile) -> String {
        let severity = kind.isSkip ? L("skipped") : L("error")
        var out = "\(file.line(of: range.start)):\(file.column(of: range.start)): \(severity)[\(kind.code)]: \(kind.message)"
        for note in notes {
            out += "\n" + (note.range.map { L("note: \(note.message) (line \(file.line(of: $0.start)))") } ?? L("note: \(note.message)"))
        }
        if let h = Diagnostic.notebookRelative(kind, in: file.name).hint(in: file.name) { out += "\n" + L("hint: \(h)") }
        return out
    }

    /// A script a notebook ran is named by its path from the notebook's folder, as the `run` statement
    /// wrote it, not from wherever `evalshell test` was started: the recorded output must not depend on it.
    static func notebookRelative(_ kind: DiagnosticKind, in notebook: String) -> DiagnosticKind {
        guard case .unknownName(let name, let wanted, var s?) = kind, let f = s.file, f != notebook,
              let slash = notebook.lastIndex(of: "/"), f.hasPrefix(notebook[...slash]) else { return kind }
        s.file = String(f.dropFirst(notebook.distance(from: notebook.startIndex, to: slash) + 1))
        return .unknownName(name, wanted: wanted, suggestion: s)
    }
}

/// A unified diff of two short lists of lines (recorded vs actual), all lines as context.
public func unifiedDiff(_ a: [String], _ b: [String], from: String = "recorded", to: String = "actual") -> String {
    // Longest common subsequence; blocks are small, so the quadratic table is fine.
    let n = a.count, m = b.count
    var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
    if n > 0 && m > 0 {
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
    }
    var out = "--- \(from)\n+++ \(to)\n@@ -\(n == 0 ? 0 : 1),\(n) +\(m == 0 ? 0 : 1),\(m) @@\n"
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, a[i] == b[j] {
            out += " \(a[i])\n"; i += 1; j += 1
        } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
            out += "-\(a[i])\n"; i += 1
        } else {
            out += "+\(b[j])\n"; j += 1
        }
    }
    return out
}
