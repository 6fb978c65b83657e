import ArgumentParser
import EvalDSL
#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses, as documented in docs/CLI.md.
enum Status {
    static let ok: Int32 = 0
    /// A statement failed, or a check failed that is not a known finding.
    static let failed: Int32 = 1
    /// Bad usage, or a file that cannot be read.
    static let usage: Int32 = 2
}

let version = "0.1.0"

struct EvalShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evalshell",
        abstract: L("A shell and script runner for public-budget performance analysis (预算绩效分析)."),
        discussion: L("With no arguments on a terminal, opens the interactive shell. With statements on standard input (a pipe or a file), runs them as a script. Exit status: 0 when every statement ran and every check held (known findings excepted), 1 when something failed, 2 for bad usage or an unreadable file."),
        version: version,
        subcommands: [Start.self, Run.self, TestCommand.self, RenderCommand.self],
        defaultSubcommand: Start.self
    )
}

/// What `evalshell` does without a subcommand: `-c`, a script on standard input, or the shell.
/// (A subcommand of its own, because options of the root command would take `--set` away from `run`.)
struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: L("The interactive shell on a terminal; otherwise run `-c STATEMENTS` or a script on standard input (the default).")
    )

    // Unconditional: `-c '-5'` is a statement, not an option.
    @Option(name: .customShort("c"), parsing: .unconditional, help: ArgumentHelp(L("Run STATEMENTS (a line or several, separated by newlines) and exit."), valueName: "statements"))
    var command: String?

    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var color: ColorOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        try Start.begin(command: command, parameters: parameters.parameters, noColor: color.noColor)
    }

    /// The session, the shell or the script: also reached without the argument parser (see below).
    static func begin(command: String?, parameters: [String: String], noColor: Bool) throws {
        var runner = Runner(color: !noColor)
        runner.session.parameters = parameters
        if let command {
            runner.run(SourceFile(name: "-c", text: command))
            throw ExitCode(finish(runner))
        }
        if Terminal.isTerminal(0) && Terminal.isTerminal(1) {
            var shell = Shell(runner: runner)
            throw ExitCode(shell.loop())
        }
        let text: String
        switch readAllStandardInput() {
        case .success(let t): text = t
        case .failure(let e):
            Terminal.write("evalshell: \(e.message)\n", to: 2)
            throw ExitCode(Status.usage)
        }
        runner.run(SourceFile(name: "<stdin>", text: text))
        throw ExitCode(finish(runner))
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("Run scripts (.evl) in one session and print each statement's output."),
        discussion: L("Files run in order in one session, so a later file can use what an earlier one declared.")
    )

    @ArgumentParser.Argument(help: ArgumentHelp(L("Script files to run."), valueName: "file"))
    var files: [String]

    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var color: ColorOptions
    @OptionGroup var language: LanguageOptions

    @Flag(name: .customLong("time"), help: ArgumentHelp(L("Print each statement's wall time on standard error (`time FILE:LINE N ms`).")))
    var time = false

    func run() throws {
        guard !files.isEmpty else {
            throw ValidationError(L("give at least one script file"))
        }
        var sources: [SourceFile] = []
        for path in files {
            switch readFile(path) {
            case .success(let text): sources.append(SourceFile(name: path, text: text))
            case .failure(let message):
                Terminal.write("evalshell: \(path): \(message)\n", to: 2)
                throw ExitCode(Status.usage)
            }
        }
        var runner = Runner(color: !color.noColor)
        runner.session.parameters = parameters.parameters
        runner.timeStatements = time
        for s in sources { runner.run(s) }
        // Exit here: tearing down a model of millions of payments only costs time.
        Glibc.exit(finish(runner))
    }
}

/// Prints the closing summary and returns the exit status.
func finish(_ runner: Runner) -> Int32 {
    if let s = runner.summary() { Terminal.write(s + "\n", to: 2) }
    let unused = Set(runner.session.parameters.keys).subtracting(runner.session.usedParameters)
    if !unused.isEmpty {
        Terminal.write("evalshell: " + L("--set \(unused.sorted().joined(separator: ", ")): no such parameter (declare it with `param`)") + "\n", to: 2)
        return Status.usage
    }
    return runner.session.tally.isSuccess ? Status.ok : Status.failed
}

// ArgumentParser exits with 64 on bad usage; this tool documents 2, like most Unix tools.
func main(_ arguments: [String]) -> Never {
    do {
        // The two commonest starts, the shell (no arguments) and `-c STATEMENTS`, skip the argument
        // parser: its look-ups of types at run time were 9.5 M of the 21.7 M instructions `evalshell
        // -c 1` took. They mean exactly what the parser makes of them; anything else goes through it.
        let quick: String?? = arguments.isEmpty ? .some(nil) : arguments.count == 2 && arguments[0] == "-c" ? .some(arguments[1]) : nil
        if let quick { try Start.begin(command: quick, parameters: [:], noColor: false) }
        var command = try EvalShellCommand.parseAsRoot()
        try command.run()
        exit(Status.ok)
    } catch let code as ExitCode {
        exit(code.rawValue)
    } catch {
        let code = EvalShellCommand.exitCode(for: error)
        let message = CommandHelp.localized(EvalShellCommand.fullMessage(for: error))
        if code == .success {
            Terminal.write(message + "\n", to: 1)
            exit(0)
        }
        Terminal.write(message + "\n", to: 2)
        if code.rawValue == 64 || error is ValidationError {
            Terminal.write(L("See 'evalshell --help'.") + "\n", to: 2)
            exit(Status.usage)
        }
        exit(code.rawValue)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
// The language and the width of ambiguous characters hold for everything the command prints, its
// help and usage errors too.
var environment: [String: String] = [:]
for name in ["LC_ALL", "LC_MESSAGES", "LANG", "EVALSHELL_AMBIGUOUS"] {
    if let v = getenv(name) { environment[name] = String(cString: v) }
}
Language.$current.withValue(CommandLocale.language(arguments, environment)) {
    AmbiguousWidth.$current.withValue(CommandLocale.ambiguous(arguments, environment)) {
        main(arguments)
    }
}
