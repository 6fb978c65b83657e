import ArgumentParser
import EvalDSL

// Options that several commands share, declared once (`@OptionGroup`), with typed values that the
// argument parser checks (`ExpressibleByArgument`) instead of strings checked by hand.

/// `--set NAME=VALUE`: a value for a parameter declared with `param`.
struct Setting: ExpressibleByArgument {
    var name: String
    var value: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        name = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
    }

    static var defaultValueDescription: String { "name=value" }
}

/// `--set`, for every command that runs a script.
struct ParameterOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(L("Override a parameter declared with `param` (repeatable)."), valueName: "name=value"))
    var settings: [Setting] = []

    /// The `--set` values by name; a later one wins, as on a command line.
    var parameters: [String: String] {
        var out: [String: String] = [:]
        for s in settings { out[s.name] = s.value }
        return out
    }
}

/// `--no-color`, for every command that prints to a terminal.
struct ColorOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: ArgumentHelp(L("Never colour the output (also: the NO_COLOR environment variable).")))
    var noColor = false
}

/// `--write-exports`, for the commands that run a notebook to check or show it (`test`, `render`):
/// without it, a notebook's `export` computes its table and prints its line, and writes nothing.
struct ExportOptions: ParsableArguments {
    @Flag(name: .customLong("write-exports"), help: ArgumentHelp(L("Let the notebook's `export` statements write their files (without it they run and print the same, and nothing is written).")))
    var writeExports = false

    /// The file system for a notebook's session: the disk, or the disk with its writes withheld.
    func fileSystem() -> (files: any FileSystem, preview: PreviewFileSystem?) {
        if writeExports { return (LocalFileSystem(), nil) }
        let preview = PreviewFileSystem()
        return (preview, preview)
    }

    /// The line that says what a notebook would have written, for standard error; nil when nothing.
    static func notWritten(_ preview: PreviewFileSystem?, by notebook: String) -> String? {
        guard let paths = preview?.withheld, !paths.isEmpty else { return nil }
        return "evalshell: " + L("\(notebook): not written (pass --write-exports to write): \(paths.joined(separator: ", "))") + "\n"
    }
}

/// `--to` of `render`.
enum RenderFormat: String, CaseIterable, ExpressibleByArgument {
    case md, html, docx, pdf

    init?(argument: String) {
        self.init(rawValue: argument == "markdown" ? "md" : argument)
    }

    /// Whether the format is a document to hand in (report mode by default) rather than a notebook view.
    var isDocument: Bool {
        switch self {
        case .md, .html: false
        case .docx, .pdf: true
        }
    }
}

/// `--lang` and `--ambiguous`, for every command that prints messages.
struct LanguageOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(L("The language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG; Chinese when it starts with zh)."), valueName: "zh|en"))
    var lang: String?

    @Option(name: .customLong("ambiguous"), help: ArgumentHelp(L("How wide the terminal draws ✓ ✗ — “ ” and bar blocks: wide or narrow (default: EVALSHELL_AMBIGUOUS, else wide for a zh locale and narrow otherwise)."), valueName: "wide|narrow"))
    var ambiguous: String?

    func validate() throws {
        if let lang, Language(word: lang) == nil { throw ValidationError(L("--lang takes zh or en, not `\(lang)`")) }
        if let ambiguous, AmbiguousWidth(rawValue: ambiguous) == nil { throw ValidationError(L("--ambiguous takes wide or narrow, not `\(ambiguous)`")) }
    }
}

/// The language and the width of ambiguous characters for this run, read from the command line
/// before the command runs (so its messages are in it from the first), then the environment.
enum CommandLocale {
    static func language(_ arguments: [String], _ environment: [String: String]) -> Language {
        value(of: "--lang", in: arguments).flatMap(Language.init(word:)) ?? Language.fromLocale(environment)
    }

    static func ambiguous(_ arguments: [String], _ environment: [String: String]) -> AmbiguousWidth {
        value(of: "--ambiguous", in: arguments).flatMap(AmbiguousWidth.init(rawValue:))
            ?? AmbiguousWidth.fromEnvironment(environment)
    }

    /// The value after `--NAME` or in `--NAME=VALUE`, before a `--` and outside a `-c` argument.
    static func value(of option: String, in arguments: [String]) -> String? {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { return nil }
            if a == "-c" { i += 2; continue }
            if a == option, i + 1 < arguments.count { return arguments[i + 1] }
            if a.hasPrefix(option + "=") { return String(a.dropFirst(option.count + 1)) }
            i += 1
        }
        return nil
    }
}
