import EvalDSL
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: reads statements with line editing, runs them in one session, and keeps
/// what succeeded so `:save` can write it back as a script.
struct Shell {
    var runner: Runner
    /// Source text of every statement that succeeded, in order: what `:save` writes.
    var transcript: [String] = []
    var timing = false
    /// Inputs are numbered so a diagnostic can say where an earlier name was declared.
    var inputCount = 0
    let style: Style

    init(runner: Runner) {
        self.runner = runner
        self.style = runner.out
    }

    static var historyFile: URL {
        let env = ProcessInfo.processInfo.environment
        if let state = env["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("evalshell/history")
        }
        let home = env["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/evalshell/history")
    }

    static let metaCommands = [":help", ":load", ":save", ":reset", ":timing", ":quit"]

    /// Runs until Ctrl-D or `:quit`; returns the exit status.
    mutating func loop() -> Int32 {
        var session = runner.session
        session.interrupt = { LineEditor.interruptRequested }
        runner.session = session
        let names = NameSource()
        guard let editor = LineEditor(programName: "evalshell", historyFile: Shell.historyFile, completer: { before in
            Shell.complete(before, names: names.current)
        }) else {
            Terminal.write("evalshell: cannot start line editing on this terminal\n", to: 2)
            return Status.usage
        }
        for w in editor.warnings { Terminal.write("warning: \(w)\n", to: 2) }
        let shownWarnings = editor.warnings.count
        Terminal.write(style.dim("evalshell \(version) — :help for help, Ctrl-D to quit") + "\n")
        var buffer = ""
        var status = Status.ok
        reading: while true {
            names.current = runner.session.names
            let prompt = buffer.isEmpty ? promptText() : continuationPrompt()
            switch editor.read(prompt: prompt) {
            case .interrupted:
                buffer = ""
                continue
            case .endOfInput:
                if !buffer.isEmpty { buffer = ""; continue }
                break reading
            case .line(let line):
                buffer += buffer.isEmpty ? line : "\n" + line
                guard Parser.isComplete(buffer) else { continue }
                let input = buffer
                buffer = ""
                let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                editor.addHistory(input)
                if trimmed.hasPrefix(":") {
                    if meta(trimmed) == .quit { break reading }
                    continue
                }
                if !evaluate(input) { status = Status.failed }
            }
        }
        editor.close()
        for w in editor.warnings.dropFirst(shownWarnings) { Terminal.write("warning: \(w)\n", to: 2) }
        _ = status
        return Status.ok
    }

    func promptText() -> String {
        let year = runner.session.model.year.map { " \($0)" } ?? ""
        return style.bold("evalshell\(year)") + "> "
    }

    func continuationPrompt() -> String {
        let width = DisplayWidth.of("evalshell" + (runner.session.model.year.map { " \($0)" } ?? ""))
        return String(repeating: " ", count: max(0, width - 3)) + "...> "
    }

    /// Runs one input; returns whether everything in it succeeded.
    mutating func evaluate(_ input: String) -> Bool {
        inputCount += 1
        let file = SourceFile(name: "<input \(inputCount)>", text: input)
        LineEditor.clearInterrupt()
        let start = DispatchTime.now()
        var ok = true
        for item in Parser.parse(file) {
            let r = runner.session.execute(item, in: file)
            runner.show(r, file: file)
            if let d = r.diagnostic {
                ok = false
                if d.kind == .interrupted { break }
            } else {
                transcript.append(String(file.slice(r.range)))
            }
        }
        if timing {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            Terminal.write(style.dim("(\(formatMilliseconds(ms)))") + "\n")
        }
        return ok
    }

    func formatMilliseconds(_ ms: Double) -> String {
        let tenths = Int((ms * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    enum MetaResult { case handled, quit }

    mutating func meta(_ line: String) -> MetaResult {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let command = String(parts[0])
        let argument = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        switch command {
        case ":quit", ":q", ":exit":
            return .quit
        case ":help", ":h", ":?":
            Terminal.write(Help.text(topic: argument.isEmpty ? nil : argument) + "\n")
        case ":reset":
            var fresh = Session()
            fresh.interrupt = { LineEditor.interruptRequested }
            runner.session = fresh
            transcript = []
            Terminal.write("session cleared\n")
        case ":timing":
            switch argument {
            case "on": timing = true
            case "off": timing = false
            default: Terminal.write("usage: :timing on|off\n", to: 2)
            }
        case ":load":
            let path = Shell.unquote(argument)
            guard !path.isEmpty else { Terminal.write("usage: :load FILE\n", to: 2); return .handled }
            switch readFile(path) {
            case .failure(let message): Terminal.write("evalshell: \(path): \(message)\n", to: 2)
            case .success(let text):
                let file = SourceFile(name: path, text: text)
                LineEditor.clearInterrupt()
                for item in Parser.parse(file) {
                    let r = runner.session.execute(item, in: file)
                    runner.show(r, file: file)
                    if r.diagnostic == nil { transcript.append(String(file.slice(r.range))) }
                    if r.diagnostic?.kind == .interrupted { break }
                }
            }
        case ":save":
            let path = Shell.unquote(argument)
            guard !path.isEmpty else { Terminal.write("usage: :save FILE\n", to: 2); return .handled }
            let text = transcript.joined(separator: "\n") + (transcript.isEmpty ? "" : "\n")
            do {
                try writeAtomically(text, to: path)
                Terminal.write("saved \(transcript.count) statement\(transcript.count == 1 ? "" : "s") to \(path)\n")
            } catch {
                Terminal.write("evalshell: cannot save \(path): \(error)\n", to: 2)
            }
        default:
            let hint = nearestMeta(command).map { " (did you mean \($0)?)" } ?? ""
            Terminal.write("unknown command \(command)\(hint); :help lists them\n", to: 2)
        }
        return .handled
    }

    func nearestMeta(_ command: String) -> String? {
        var best: (String, Int)?
        for m in Shell.metaCommands {
            let d = levenshtein(Array(command), Array(m))
            if d <= 2, best == nil || d < best!.1 { best = (m, d) }
        }
        return best?.0
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { return String(s.dropFirst().dropLast()) }
        return s
    }

    // MARK: Completion

    static let keywords = Parser.statementKeywords

    /// Completes the word before the cursor: statements and meta commands at the start of a line,
    /// file paths inside the string after `:load`/`:save`, names and functions elsewhere.
    static func complete(_ before: String, names: [String]) -> LineEditor.Completion {
        // A file path after :load / :save.
        for prefix in [":load ", ":save "] where before.hasPrefix(prefix) {
            let partial = unquote(String(before.dropFirst(prefix.count)))
            return LineEditor.Completion(word: lastPathWord(partial), candidates: pathCandidates(partial))
        }
        var word = ""
        for ch in before.reversed() {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == ":" { word.insert(ch, at: word.startIndex) } else { break }
        }
        let head = before.dropLast(word.count)
        if head.trimmingCharacters(in: .whitespaces).isEmpty {
            let pool = word.hasPrefix(":") ? metaCommands : keywords + names + Builtins.all.map(\.name)
            return LineEditor.Completion(word: word, candidates: pool.filter { $0.hasPrefix(word) }.sorted())
        }
        let pool = names + Builtins.all.map(\.name) + ["where", "and", "or", "not", "projects", "for", "in", "if", "within", "finding", "columns"]
        return LineEditor.Completion(word: word, candidates: Array(Set(pool.filter { $0.hasPrefix(word) })).sorted())
    }

    static func lastPathWord(_ partial: String) -> String {
        if let slash = partial.lastIndex(of: "/") { return String(partial[partial.index(after: slash)...]) }
        return partial
    }

    static func pathCandidates(_ partial: String) -> [String] {
        let dir: String, stem: String
        if let slash = partial.lastIndex(of: "/") {
            dir = String(partial[...slash])
            stem = String(partial[partial.index(after: slash)...])
        } else {
            dir = ""
            stem = partial
        }
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        return listing.filter { $0.hasPrefix(stem) && !$0.hasPrefix(".") || (stem.hasPrefix(".") && $0.hasPrefix(stem)) }
            .map { name in
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: dir + name, isDirectory: &isDir)
                return isDir.boolValue ? name + "/" : name
            }
            .sorted()
    }
}

/// The session's names as the completer sees them (the completer runs inside libedit's callback).
final class NameSource: @unchecked Sendable {
    var current: [String] = []
}

func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}

/// Writes through a temporary file in the same directory and renames it: never half a file.
func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try Data(text.utf8).write(to: tmp)
    guard rename(tmp.path, url.path) == 0 else {
        let e = String(cString: strerror(errno))
        unlink(tmp.path)
        throw NSError(domain: "evalshell", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: e])
    }
}
