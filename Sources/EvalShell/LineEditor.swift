import CEditLine

#if canImport(Glibc)
import Glibc
#endif

/// Interactive line editing (libedit) for the shell; the only Swift file that knows libedit.
///
/// Use it only when both standard input and output are terminals (`init` returns nil
/// otherwise); read plain lines then. Everything else in the shell works without it.
final class LineEditor {
    enum ReadResult: Equatable, Sendable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C at the prompt: the line was discarded.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
    }

    /// What the completer found for the text before the cursor.
    struct Completion: Equatable, Sendable {
        /// The partial word being completed, exactly as it ends the text before the cursor;
        /// TAB replaces it.
        var word: String
        /// Possible replacements for `word`, in the order they should be listed.
        var candidates: [String]
        /// Text to add after a candidate when it is the only one: a space after a keyword,
        /// `(` after a function, the closing quote after a file name.
        var endings: [String: String] = [:]

        init(word: String, candidates: [String], endings: [String: String] = [:]) {
            self.word = word
            self.candidates = candidates
            self.endings = endings
        }
    }

    /// At most this many candidates are listed; more would scroll the line being edited away.
    static let listLimit = 200

    /// Problems with the history file, in the user's words: those found when loading are
    /// here right after `init` (print them then); `close()` returns any it adds.
    var warnings: [String] { history.warnings + laterWarnings }

    private var editor: OpaquePointer?  // cel_editor *
    private var history: HistoryStore
    private var laterWarnings: [String] = []
    private let completer: (String) -> Completion

    /// Starts line editing on the terminal; nil when standard input or output is not a
    /// terminal, or libedit cannot start. `historyFile` (its directory is created) is
    /// loaded now and saved by `close()`; nil keeps history in memory only. `completer`
    /// gets the text before the cursor when TAB is pressed.
    init?(
        programName: String, historyFile: String?, historyLimit: Int = 2000,
        completer: @escaping (String) -> Completion
    ) {
        guard isatty(0) == 1, isatty(1) == 1 else { return nil }
        self.completer = completer
        self.history = HistoryStore(path: historyFile, limit: historyLimit)
        // `self` goes to C unretained: the editor never outlives this object (deinit closes it).
        let user = Unmanaged.passUnretained(self).toOpaque()
        let ed = cel_open(
            programName, user,
            { ed, _ in LineEditor.owner(of: ed)?.completeAtCursor() ?? UInt8(CEL_CC_ERROR) },
            { ed, _ in LineEditor.owner(of: ed)?.searchHistory() ?? UInt8(CEL_CC_ERROR) },
            Int32(clamping: history.limit))
        guard let ed else { return nil }
        editor = ed
        for entry in history.entries { cel_history_enter(ed, entry) }
        Self.installInterruptHandler()
        _ = cel_install_termination_handler()
    }

    private static func owner(of editor: OpaquePointer?) -> LineEditor? {
        guard let editor, let user = cel_user(editor) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(user).takeUnretainedValue()
    }

    deinit {
        close()
    }

    /// Reads one line. `prompt` may contain ANSI colour escapes and wide (CJK) characters.
    func read(prompt: String) -> ReadResult {
        guard let editor else { return .endOfInput }
        Self.clearInterrupt()  // an unpolled Ctrl-C from an earlier evaluation must not cancel this line
        cel_set_prompt(editor, Self.markingEscapes(in: prompt))
        var status: Int32 = 0
        guard let raw = cel_read_line(editor, &status) else {
            switch status {
            case CEL_READ_INTERRUPTED:
                Self.clearInterrupt()
                cel_write("^C\n")  // the cursor is left on the abandoned line
                return .interrupted
            default:
                cel_write("\n")  // libedit leaves the cursor after the prompt on Ctrl-D
                return .endOfInput
            }
        }
        defer { free(raw) }
        if Self.interruptRequested {  // Ctrl-C during history search ends the line this way
            Self.clearInterrupt()
            cel_write("^C\n")
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds a statement to the history and saves it: trimmed, skipped when empty or the same as
    /// the previous one. A multi-line statement is one entry.
    func addHistory(_ entry: String) {
        guard let editor, let recorded = history.add(entry) else { return }
        cel_history_enter(editor, recorded)
        // Saved at once: a statement that crashes the process must not take the history with it.
        // A failure leaves the entry pending; `close` tries again and reports it.
        _ = history.save()
    }

    /// Saves the history (merged with what other shells saved meanwhile) and gives the
    /// terminal back; returns the warnings this adds (saving failed). Safe to call twice.
    @discardableResult
    func close() -> [String] {
        guard let editor else { return [] }
        self.editor = nil
        let added = history.save().map { [$0] } ?? []
        laterWarnings += added
        cel_close(editor)
        return added
    }

    // MARK: - Ctrl-C

    /// Whether Ctrl-C was pressed since the last `clearInterrupt()`; long evaluations poll
    /// this. The flag lives in C (a `volatile sig_atomic_t` set by the SIGINT handler).
    static var interruptRequested: Bool { cel_interrupt_requested() != 0 }

    /// The signal (SIGHUP: the terminal went away, or SIGTERM) that asked the program to end, or
    /// nil. Once set, `read` reports the end of input; long evaluations should stop too.
    static var terminationSignal: Int32? {
        let signal = cel_termination_requested()
        return signal == 0 ? nil : signal
    }

    /// Forgets an earlier Ctrl-C; call before starting an evaluation.
    static func clearInterrupt() { cel_clear_interrupt() }

    /// Makes SIGINT set `interruptRequested` instead of ending the process. `init` does
    /// this; a non-interactive shell that wants interruptible evaluation may call it too.
    static func installInterruptHandler() { _ = cel_install_sigint_handler() }

    // MARK: - Completion

    private func completeAtCursor() -> UInt8 {
        guard let editor, let raw = cel_text_before_cursor(editor) else { return UInt8(CEL_CC_ERROR) }
        let before = String(cString: raw)
        free(raw)
        let completion = completer(before)
        var seen = Set<String>()
        let candidates = completion.candidates.filter { seen.insert($0).inserted }
        guard !candidates.isEmpty else { return UInt8(CEL_CC_REFRESH_BEEP) }

        let word = Array(completion.word.unicodeScalars)
        let wordAtCursor = before.unicodeScalars.suffix(word.count).elementsEqual(word)
        var changed = false
        if wordAtCursor {
            // One candidate replaces the word whatever it is (a completer may map pinyin to
            // 汉字); several only extend it by their common prefix.
            let target = candidates.count == 1
                ? candidates[0] + (completion.endings[candidates[0]] ?? "") : Self.commonPrefix(candidates)
            let scalars = Array(target.unicodeScalars)
            let extendsWord = scalars.count > word.count && scalars.starts(with: word)
            if extendsWord {
                cel_insert(editor, String(String.UnicodeScalarView(scalars[word.count...])))
                changed = true
            } else if candidates.count == 1 && scalars != word {
                cel_delete_before_cursor(editor, Int32(word.count))
                cel_insert(editor, target)
                changed = true
            }
        }
        if candidates.count == 1 {
            return UInt8(changed ? CEL_CC_REFRESH : CEL_CC_REFRESH_BEEP)
        }
        var lines = Self.columns(Array(candidates.prefix(Self.listLimit)), terminalWidth: Int(cel_columns(editor)))
        if candidates.count > Self.listLimit {
            lines.append("… \(candidates.count - Self.listLimit) more: type more of the name")
        }
        cel_write("\n" + lines.joined(separator: "\n") + "\n")
        return UInt8(CEL_CC_REDISPLAY)  // prompt and line again, below the list
    }

    // MARK: - Ctrl-R

    /// Reverse incremental search, drawn on the cursor's row until a key ends it: typing
    /// narrows, Backspace widens, Ctrl-R finds an older match, Ctrl-G gives the line back
    /// unchanged, any other key (Enter, arrows, Ctrl-E…) takes the match and then acts on it.
    private func searchHistory() -> UInt8 {
        guard let editor else { return UInt8(CEL_CC_ERROR) }
        let entries = history.entries
        var pattern = ""
        var found: Int? = nil  // index in `entries` of the match shown

        func find(before limit: Int) -> Int? {
            guard !pattern.isEmpty else { return nil }
            return entries[..<limit].lastIndex { $0.includes(pattern) }
        }

        while true {
            let failing = !pattern.isEmpty && found.map { !entries[$0].includes(pattern) } ?? true
            drawSearch(pattern: pattern, match: found.map { entries[$0] } ?? "", failing: failing,
                       width: Int(cel_columns(editor)))
            let key = cel_read_key(editor)
            switch key {
            case -1:
                // Ctrl-C (read() turns the line into .interrupted) or the terminal went away.
                return UInt8(Self.interruptRequested ? CEL_CC_NEWLINE : CEL_CC_EOF)
            case 0x12:  // Ctrl-R: the next older match
                if let older = find(before: found ?? entries.count) { found = older }
            case 0x7F, 0x08:  // Backspace: a shorter pattern, searched again from the newest
                if !pattern.isEmpty { pattern.removeLast() }
                found = find(before: entries.count)
            case 0x07:  // Ctrl-G: give up
                return UInt8(CEL_CC_REDISPLAY)
            case 0x20...:
                pattern.unicodeScalars.append(Unicode.Scalar(UInt32(key)) ?? "\u{FFFD}")
                if let next = find(before: entries.count) { found = next }
            default:
                // Enter, ESC (arrows) or another control key: take the match, let libedit
                // redraw the line, then act on the key (Enter runs the match).
                if let found { cel_replace_line(editor, entries[found]) }
                cel_push_key(editor, key)
                return UInt8(CEL_CC_REDISPLAY)
            }
        }
    }

    /// The search line replaces the cursor's row, cut to the terminal width so it never
    /// wraps: libedit's redisplay afterwards assumes the cursor is still on that row.
    private func drawSearch(pattern: String, match: String, failing: Bool, width: Int) {
        let label = failing ? "(history search, no match)" : "(history search)"
        let full = "\(label) '\(pattern)': " + match.replacingOccurrences(of: "\n", with: "↵")
        var text = ""
        var used = 0
        for ch in full {
            let w = Self.displayWidth(String(ch))
            if used + w > width - 2 { text += "…"; break }
            text.append(ch)
            used += w
        }
        cel_write("\r\u{1B}[J" + text)  // to column 0, clear to the end of the screen
    }

    // MARK: - Completion helpers

    /// The longest common prefix in whole characters, so a CJK character is never split.
    static func commonPrefix(_ strings: [String]) -> String {
        guard let first = strings.first else { return "" }
        var prefix = Array(first)
        for string in strings.dropFirst() {
            var n = 0
            for ch in string {
                guard n < prefix.count, prefix[n] == ch else { break }
                n += 1
            }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }

    /// `items` in columns filled top to bottom, as `ls` does, aligned by display width.
    static func columns(_ items: [String], terminalWidth: Int) -> [String] {
        let widths = items.map(displayWidth)
        let cell = (widths.max() ?? 0) + 2
        // One column spare: a line exactly as wide as the terminal wraps early on some terminals.
        let perLine = max(1, min(items.count, (terminalWidth + 1) / cell))
        let rows = (items.count + perLine - 1) / perLine
        return (0..<rows).map { row in
            var line = ""
            for column in 0..<perLine {
                let i = column * rows + row
                guard i < items.count else { break }
                line += items[i]
                if (column + 1) * rows + row < items.count {
                    line += String(repeating: " ", count: cell - widths[i])
                }
            }
            return line
        }
    }

    /// Terminal columns taken by `text`: 2 for a wide (CJK) character, 0 for combining
    /// marks and controls. It asks wcwidth, the function libedit itself places the cursor
    /// with, so the list lines up with the line being edited (LC_CTYPE is UTF-8 once an
    /// editor exists).
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + Int(cel_char_width(scalar.value))
        }
    }

    // MARK: - Prompt

    /// Brackets each run of escape sequences with libedit's literal marker so colours take
    /// no columns. libedit prints a bracketed run together with the character after it and
    /// drops a run that ends the prompt, so runs are merged and a prompt ending in an escape
    /// (such as a colour reset) gets one trailing space.
    static func markingEscapes(in prompt: String) -> String {
        let marker = Unicode.Scalar(UInt8(CEL_PROMPT_LITERAL))
        let scalars = Array(prompt.unicodeScalars.filter { $0 != marker })
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\u{1B}" {
                let end = escapeEnd(scalars, from: i)
                run.append(contentsOf: scalars[i..<end])
                i = end
                continue
            }
            if !run.isEmpty {
                out.append(marker)
                out.append(contentsOf: run)
                out.append(marker)
                run = String.UnicodeScalarView()
            }
            out.append(scalars[i])
            i += 1
        }
        if !run.isEmpty {
            out.append(marker)
            out.append(contentsOf: run)
            out.append(marker)
            out.append(" ")
        }
        return String(out)
    }

    /// The index just past the escape sequence starting at `start` (an ESC): CSI
    /// (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), or ESC and one character.
    private static func escapeEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        guard i < s.count else { return i }
        switch s[i] {
        case "[":
            i += 1
            while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
            return min(i + 1, s.count)
        case "]":
            i += 1
            while i < s.count {
                if s[i] == "\u{07}" { return i + 1 }
                if s[i] == "\u{1B}", i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        default:
            return i + 1
        }
    }
}
