import Dispatch
import EvalDSL
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: reads statements with line editing, runs them in one session, and keeps
/// what succeeded so `:save` can write it back as a notebook.
///
/// An input (a statement, with its continuation lines) runs as a whole: Ctrl-C while it runs puts
/// the session back as it was before it, whatever part of it had run (the library's `execute` is
/// all or nothing per statement; `:load` and a `run` script are many statements).
struct Shell {
    var runner: Runner
    /// Every statement that succeeded, in order, with its output: what `:save` writes.
    var saved: [SavedStatement] = []
    var timing = false
    /// Inputs are numbered (`<input 3>`) so a diagnostic can say where an earlier name was declared.
    var inputCount = 0
    let style: Style
    let errorStyle: Style
    /// Where relative paths start.
    let directory = Paths.currentDirectory()
    /// The line that shows how far a long `load` has read.
    let progress = LoadProgressLine()

    init(runner: Runner) {
        self.runner = runner
        self.style = runner.out
        self.errorStyle = runner.err
    }

    static var historyFile: String {
        if let state = SystemFiles.environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return Paths.join(state, "evalshell/history")
        }
        let home = SystemFiles.home
        return Paths.join(home.hasPrefix("/") ? home : Paths.standardized(home), ".local/state/evalshell/history")
    }

    static let metaCommands = [":help", ":load", ":save", ":reset", ":timing", ":quit"]

    /// What long evaluations poll: Ctrl-C, or the terminal going away.
    static let interruptPoll: @Sendable () -> Bool = { LineEditor.interruptRequested || LineEditor.terminationSignal != nil }

    /// Runs until Ctrl-D, `:quit` (or a bare `quit`/`exit`); returns the exit status.
    mutating func loop() -> Int32 {
        runner.session.interrupt = Shell.interruptPoll
        runner.session.loadProgress = progress.report
        let completion = CompletionState()
        guard let editor = LineEditor(programName: "evalshell", historyFile: Shell.historyFile, completer: { before in
            ShellCompletion.complete(before, in: completion.context)
        }) else {
            Terminal.write("evalshell: " + L("cannot start line editing on this terminal") + "\n", to: 2)
            return Status.usage
        }
        for w in editor.warnings { warn(w) }
        let shownWarnings = editor.warnings.count
        Terminal.write(style.dim("evalshell \(version) — " + L(":help for help, Ctrl-D to quit")) + "\n")
        var buffer = ""
        reading: while true {
            completion.session = runner.session
            completion.continuing = !buffer.isEmpty
            completion.directory = directory
            let prompt = buffer.isEmpty ? promptText() : continuationPrompt()
            switch editor.read(prompt: prompt) {
            case .interrupted:
                buffer = ""
            case .endOfInput:
                if buffer.isEmpty { break reading }
                buffer = ""  // Ctrl-D in a continuation drops the unfinished statement
            case .line(let line):
                let command = buffer.isEmpty && line.drop { $0 == " " || $0 == "\t" }.hasPrefix(":")
                buffer += buffer.isEmpty ? line : "\n" + line
                // A shell command is one line, whatever brackets a file name has. A string cannot
                // go on to the next line (the lexer reports it): an unclosed string is run now, to
                // show that error at once, not after one more line.
                if !command, !Parser.isComplete(buffer), !Shell.endsInsideString(line) { continue }
                let input = buffer
                buffer = ""
                let trimmed = input.trimmingSpace(newlines: true)
                if trimmed.isEmpty { continue }
                // Leaving is not worth recalling: Up in the next session should give a statement.
                if ![":quit", ":q", ":exit", "quit", "exit"].contains(trimmed) { editor.addHistory(input) }
                if command {
                    // The shell's own messages follow the session's language (a `lang` statement changes it).
                    let result = Language.$current.withValue(runner.session.language) { meta(trimmed) }
                    if result == .quit { break reading }
                    continue
                }
                // What newcomers type first; none of them is a statement (unless declared as a name).
                if ["quit", "exit", "help", "?"].contains(trimmed), !runner.session.names.contains(trimmed) {
                    if trimmed == "quit" || trimmed == "exit" { break reading }
                    if trimmed == "help" || trimmed == "?" {
                        Terminal.write(Help.text(topic: nil, width: Shell.terminalWidth()) + "\n")
                        continue
                    }
                }
                evaluate(input)
            }
            if LineEditor.terminationSignal != nil { break reading }
        }
        // History is saved whichever way the shell ends: Ctrl-D, :quit, the terminal closed, SIGTERM.
        editor.close()
        for w in editor.warnings.dropFirst(shownWarnings) { warn(w) }
        return LineEditor.terminationSignal.map { 128 + $0 } ?? Status.ok
    }

    /// Columns of the terminal on standard output (80 when unknown).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func endsInsideString(_ line: String) -> Bool {
        if case .string = ShellCompletion.scan(line) { return true }
        return false
    }

    func warn(_ text: String) {
        Terminal.write(errorStyle.yellow(L("warning:")) + " \(text)\n", to: 2)
    }

    func promptText() -> String {
        let year = runner.session.model.year.map { " \($0)" } ?? ""
        return style.bold("evalshell\(year)") + "> "
    }

    /// As wide as the prompt, so continuation lines line up under the first.
    func continuationPrompt() -> String {
        let width = DisplayWidth.of("evalshell" + (runner.session.model.year.map { " \($0)" } ?? ""))
        return String(repeating: " ", count: max(0, width - 3)) + "...> "
    }

    /// Runs one input typed at the prompt; returns whether all of it succeeded.
    @discardableResult
    mutating func evaluate(_ input: String) -> Bool {
        inputCount += 1
        let file = SourceFile(name: "<input \(inputCount)>", text: input)
        return execute(file, baseDirectory: directory, what: L("this statement")) == .succeeded
    }

    enum Outcome { case succeeded, failed, interrupted }

    /// Runs every statement of `file`, printing as it goes, and records those that succeeded.
    /// Ctrl-C stops it and puts the session back as it was before `file`.
    mutating func execute(_ file: SourceFile, baseDirectory: String, what: String) -> Outcome {
        // Each input (and each `:load`) is a script run of its own: a statement that failed at an
        // earlier prompt does not keep this one's exports from writing.
        runner.session.startScript()
        let sessionBefore = runner.session
        let savedBefore = saved.count
        // The Ctrl-C flag is not cleared here but before each line is read: a Ctrl-C pressed
        // right after Enter, before this starts, must still stop it.
        let start = DispatchTime.now()
        var ok = true
        let items = Language.$current.withValue(runner.session.language) { Parser.parse(file) }
        for item in items {
            let relativePath = Shell.relativePath(of: item, in: file, session: runner.session)
            let inputsBefore = runner.session.inputs
            let languageBefore = runner.session.language
            progress.start()
            let r = runner.session.execute(item, in: file)
            progress.finish()
            // Checked after the statement, not only by its diagnostic: an interrupted `run` script
            // fails as a whole with other diagnostics, and Ctrl-C just as a statement ends still
            // means "stop this input".
            if Shell.interruptPoll() {
                runner.session = sessionBefore
                saved.removeSubrange(savedBefore...)
                // "\r": over the "^C" the terminal echoed.
                Terminal.write("\r" + errorStyle.yellow(L("interrupted")) + L(": the session is as it was before \(what)") + "\n", to: 2)
                LineEditor.clearInterrupt()
                return .interrupted
            }
            runner.show(r, file: file)
            if r.diagnostic != nil {
                ok = false
            } else {
                // The files it read: the inputs it added or read again with other content.
                let inputs = runner.session.inputs.filter { inputsBefore[$0.key] != $0.value }
                    .map { SavedStatement.Input(key: $0.key, file: $0.value) }
                // A notebook measures ambiguous characters narrow whatever the terminal: re-rendered so.
                let output = runner.session.ambiguousWidth == .narrow ? r.text : runner.session.text(of: r.output, ambiguous: .narrow, language: languageBefore)
                saved.append(SavedStatement(source: PostgresURI.masked(String(file.slice(r.range))), output: output, baseDirectory: baseDirectory,
                                            relativePath: relativePath, inputs: inputs, language: languageBefore))
            }
        }
        if timing {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            Terminal.write(style.dim("(\(formatMilliseconds(ms)))") + "\n")
        }
        return ok ? .succeeded : .failed
    }

    /// The path of a `run`, `load` or `export` when it is a string whose value (interpolated now,
    /// before the statement runs) is relative, and where its text starts in the statement.
    static func relativePath(of item: ScriptItem, in file: SourceFile, session: Session) -> SavedStatement.RelativePath? {
        guard case .statement(let statement) = item else { return nil }
        let path: Expr, printed: Bool
        switch statement.kind {
        case .run(let p): (path, printed) = (p, false)
        case .load(let st): (path, printed) = (st.path, true)
        case .export(_, _, let p, _): (path, printed) = (p, true)
        default: return nil
        }
        let literal = file.slice(path.range)
        guard let quote = literal.unicodeScalars.first, quote == "\"" || quote == "\u{201C}" else { return nil }
        var probe = session
        probe.interrupt = { false }
        let source = SourceFile(name: file.name, text: "print " + literal)
        guard let probeItem = Parser.parse(source).first else { return nil }
        let r = probe.execute(probeItem, in: source)
        guard r.diagnostic == nil, case .text(let value) = r.output, !value.hasPrefix("/"), !PostgresURI.isDatabase(value) else { return nil }
        // The leading folders written as plain text (they read as they are written).
        let plain = literal.dropFirst().prefix { !"{}\\\"\u{201D}".contains($0) }
        let folders = plain.lastIndex(of: "/").map { String(plain[...$0]) } ?? ""
        guard value.hasPrefix(folders) else { return nil }
        return .init(path: value, offset: path.range.start - statement.range.start + String(quote).utf8.count, printed: printed, folders: folders)
    }

    func formatMilliseconds(_ ms: Double) -> String {
        if ms >= 1000 {
            let hundredths = Int((ms / 10).rounded())
            return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2)) s"
        }
        let tenths = Int((ms * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    // MARK: Shell commands

    enum MetaResult { case handled, quit }

    mutating func meta(_ line: String) -> MetaResult {
        let parts = line.split(maxSplits: 1, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        let command = String(parts[0])
        let argument = parts.count > 1 ? String(parts[1]).trimmingSpace() : ""
        switch command {
        case ":quit", ":q", ":exit":
            return .quit
        case ":help", ":h", ":?":
            Terminal.write(Help.text(topic: argument.isEmpty ? nil : argument, width: Shell.terminalWidth()) + "\n")
        case ":reset":
            var fresh = Session()
            fresh.interrupt = Shell.interruptPoll
            fresh.loadProgress = progress.report
            fresh.parameters = runner.session.parameters  // --set values hold for the whole shell
            fresh.language = runner.session.language
            fresh.ambiguousWidth = runner.session.ambiguousWidth
            runner.session = fresh
            saved = []
            Terminal.write(L("session cleared") + "\n")
        case ":timing":
            switch argument {
            case "on": timing = true
            case "off": timing = false
            default:
                Terminal.write((timing ? L("usage: :timing on|off (timing is on)") : L("usage: :timing on|off (timing is off)")) + "\n", to: 2)
            }
        case ":load":
            load(Shell.path(argument))
        case ":save":
            save(Shell.path(argument))
        default:
            let hint = Help.nearest(command, in: Shell.metaCommands, within: 2).map { L(" (did you mean \($0)?)") } ?? ""
            Terminal.write(L("unknown command \(command)\(hint); :help lists the commands") + "\n", to: 2)
        }
        return .handled
    }

    /// `:load FILE`: runs a script into the session, as `evalshell run` would print it.
    mutating func load(_ path: String) {
        guard !path.isEmpty else { Terminal.write(L("usage: :load FILE") + "\n", to: 2); return }
        switch readFile(path) {
        case .failure(let message):
            Terminal.write("evalshell: \(path): \(message)\n", to: 2)
        case .success(let text):
            let file = SourceFile(name: path, text: text)
            let absolute = path.hasPrefix("/") ? path : directory + "/" + path
            let folder = NotebookSave.standardized(Paths.parent(absolute))
            let before = saved.count
            let errorsBefore = runner.session.tally.errors + runner.session.tally.skipped
            guard execute(file, baseDirectory: folder, what: ":load") != .interrupted else { return }
            let count = saved.count - before
            let failed = runner.session.tally.errors + runner.session.tally.skipped - errorsBefore
            if count + failed > 0 || text.isEmpty {
                var line = count == 1 ? L("loaded \(count) statement from \(path)") : L("loaded \(count) statements from \(path)")
                if failed > 0 { line += L("; \(failed) failed") }
                Terminal.write(style.dim(line) + "\n")
            }
        }
    }

    /// `:save FILE`: the statements that succeeded, with their output, as a notebook.
    mutating func save(_ path: String) {
        guard !path.isEmpty else { Terminal.write(L("usage: :save FILE") + "\n", to: 2); return }
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        let folder = NotebookSave.standardized(Paths.parent(absolute))
        do {
            try writeAtomically(NotebookSave.text(saved, savedIn: folder), to: path)
        } catch {
            Terminal.write("evalshell: " + L("cannot save \(path): \(error)") + "\n", to: 2)
            return
        }
        Terminal.write((saved.count == 1 ? L("saved \(saved.count) statement to \(path)") : L("saved \(saved.count) statements to \(path)")) + "\n")
        let settings = runner.session.parameters.sorted { $0.key < $1.key }.map { "--set \($0.key)=\($0.value)" }
        if !settings.isEmpty {
            warn(L("the output was recorded with \(settings.joined(separator: " ")): replay it with the same (evalshell test \(path) \(settings.joined(separator: " ")))"))
        }
    }

    /// A file argument: quotes around it removed, `~/` expanded.
    static func path(_ argument: String) -> String {
        var s = argument
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return ShellCompletion.expandingTilde(s)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// How far a `load` has read, on one line of standard error that is rewritten as it goes and
/// cleared when the statement ends; shown only once a statement has run for half a second, so
/// quick loads do not flicker.
final class LoadProgressLine: @unchecked Sendable {
    private var started = DispatchTime.now()
    private var shown = false

    func start() {
        started = DispatchTime.now()
        shown = false
    }

    func report(_ p: LoadProgress) {
        guard DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds > 500_000_000 else { return }
        var text = L("loading… \(LoadProgressLine.grouped(p.rows)) rows")
        if let total = p.totalBytes, total > 0 { text += ", \(min(100, p.bytesRead * 100 / total))%" }
        text += L(" (Ctrl-C stops)")
        Terminal.write("\r\u{1B}[K" + text, to: 2)
        shown = true
    }

    func finish() {
        if shown { Terminal.write("\r\u{1B}[K", to: 2) }
        shown = false
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
