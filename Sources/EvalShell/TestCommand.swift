import ArgumentParser
import Dispatch
import EvalDSL

/// `evalshell test`: replays notebooks and compares their recorded output.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: L("Replay notebooks and compare each statement's output with what is recorded under it."),
        discussion: L("Each notebook runs in a fresh session; notebooks run in parallel, and the report is in the order given (files of a directory in name order). Exit status: 0 when every notebook matches, 1 when some differ, 2 for bad usage or an unreadable file. A notebook's `export` statements run and print as recorded but write nothing unless --write-exports.")
    )

    @ArgumentParser.Argument(help: ArgumentHelp(L("Notebooks, or directories of them (their *.evl files, not recursively). Default: scripts/"), valueName: "file-or-dir"))
    var paths: [String] = []

    @Flag(help: ArgumentHelp(L("Rewrite the recorded output in place (only the recorded lines change; unchanged files are not written).")))
    var update = false

    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var exports: ExportOptions
    @OptionGroup var color: ColorOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let style = Style(enabled: Terminal.wantsColor(fd: 1, disabled: color.noColor))
        var files: [String] = []
        for p in paths.isEmpty ? ["scripts"] : paths {
            let kind = SystemFiles.kind(p)
            guard kind.exists else {
                Terminal.write("evalshell: " + L("\(p): No such file or directory") + "\n", to: 2)
                throw ExitCode(Status.usage)
            }
            if kind.isFolder {
                let names = SystemFiles.contents(ofFolder: p) ?? []
                let dir = p.hasSuffix("/") ? p : p + "/"
                files += names.filter { $0.hasSuffix(".evl") }.sorted().map { dir + $0 }
            } else {
                files.append(p)
            }
        }
        guard !files.isEmpty else {
            Terminal.write("evalshell: " + L("no notebooks (*.evl) found") + "\n", to: 2)
            throw ExitCode(Status.usage)
        }
        var texts: [String] = []
        for f in files {
            switch readFile(f) {
            case .success(let t): texts.append(t)
            case .failure(let message):
                Terminal.write("evalshell: \(f): \(message)\n", to: 2)
                throw ExitCode(Status.usage)
            }
        }
        let results = Outcomes(count: files.count)
        let (names, sources) = (files, texts)
        var session = Session()
        session.parameters = parameters.parameters
        let start = session
        let recording = update
        let exportOptions = exports
        // A notebook replays in the language it records; `--update --lang` records in the one given.
        let recordIn = update ? language.lang.flatMap(Language.init(word:)) : nil
        DispatchQueue.concurrentPerform(iterations: names.count) { k in
            let notebook = Notebook(name: names[k], text: sources[k])
            // Each notebook its own file system: what one would have written is not another's to read.
            var session = start
            let (files, preview) = exportOptions.fileSystem()
            session.files = files
            let outcome: (run: NotebookRun, recorded: String?) = recording
                ? NotebookRunner.record(notebook, session: session, language: recordIn) : (NotebookRunner.run(notebook, session: session), nil)
            results.set(k, (outcome.run, outcome.recorded, ExportOptions.notWritten(preview, by: names[k])))
        }
        var used = Set<String>()
        for k in files.indices { used.formUnion(results.get(k)!.run.usedParameters) }
        let unused = Set(start.parameters.keys).subtracting(used)
        if !unused.isEmpty {
            Terminal.write("evalshell: " + L("--set \(unused.sorted().joined(separator: ", ")): no such parameter in these notebooks") + "\n", to: 2)
            throw ExitCode(Status.usage)
        }
        var passed = 0, failed = 0
        for (k, file) in files.enumerated() {
            let (run, recorded, notWritten) = results.get(k)!
            if let notWritten { Terminal.write(notWritten, to: 2) }
            if let text = recorded {
                if text != texts[k] {
                    // An editor may have saved the file while it ran: never write over that edit.
                    guard case .success(let now) = readFile(file), now == texts[k] else {
                        Terminal.write("evalshell: " + L("\(file) changed while it ran; not updated (run `test --update` again)") + "\n", to: 2)
                        failed += 1
                        continue
                    }
                    do {
                        try writeAtomically(text, to: file)
                        Terminal.write(L("updated \(file)") + "\n")
                    } catch {
                        Terminal.write("evalshell: " + L("cannot write \(file): \(error)") + "\n", to: 2)
                        throw ExitCode(Status.usage)
                    }
                }
                if run.strayLines.isEmpty { passed += 1 } else { failed += 1; report(run, file: file, style: style) }
                continue
            }
            if run.passed { passed += 1 } else { failed += 1; report(run, file: file, style: style) }
        }
        Terminal.write(L("\(passed) passed, \(failed) failed") + "\n")
        throw ExitCode(failed == 0 ? Status.ok : Status.failed)
    }

    func report(_ run: NotebookRun, file: String, style: Style) {
        let changes = run.inputChanges
        let differing = run.entries.filter { $0.status != .matches }.count
        if !changes.isEmpty {
            Terminal.write(L("\(style.bold(file)): the inputs changed since the output was recorded:") + "\n")
            for c in changes { Terminal.write("  \(c)\n") }
        } else if differing > 0 {
            Terminal.write(L("\(style.bold(file)): the inputs are unchanged: the same inputs give a different result") + "\n")
        }
        for e in run.entries {
            switch e.status {
            case .matches: continue
            case .notRun(let why):
                Terminal.write("\(style.bold("\(file):\(e.firstLine)")): \(style.yellow(L("not run"))): \(why.replacingOccurrences(of: "not run: ", with: "depends on a statement that failed: "))\n")
            case .differs:
                Terminal.write("\(style.bold("\(file):\(e.firstLine)")): \(e.recorded.isEmpty ? L("output not recorded") : e.actual.isEmpty ? L("recorded output no longer printed") : L("output differs"))\n")
                for line in unifiedDiff(e.recorded, e.actual).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    if line.hasPrefix("-") && !line.hasPrefix("---") { Terminal.write(style.red(String(line)) + "\n") }
                    else if line.hasPrefix("+") && !line.hasPrefix("+++") { Terminal.write(style.green(String(line)) + "\n") }
                    else { Terminal.write(line + "\n") }
                }
            }
        }
        for l in run.strayLines {
            Terminal.write("\(style.bold("\(file):\(l)")): " + L("stray recorded output: `#>` line that belongs to no statement (recorded output must follow its statement directly)") + "\n")
        }
    }
}

/// Results of the parallel runs, written from several threads, read after all finished.
final class Outcomes: @unchecked Sendable {
    /// A notebook's run, with `--update` the text to record, and what it would have written.
    typealias Item = (run: NotebookRun, recorded: String?, notWritten: String?)
    private var items: [Item?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: Item) { lock.wait(); items[k] = r; lock.signal() }
    func get(_ k: Int) -> Item? { lock.wait(); defer { lock.signal() }; return items[k] }
}
