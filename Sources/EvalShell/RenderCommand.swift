import ArgumentParser
import EvalDSL

/// `evalshell render FILE --to md|html [-o OUT]`: a notebook as a report to send.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a notebook as a Markdown or HTML report (comments as prose, results, tables and charts).",
        discussion: "The notebook is run afresh, as `test` does, and its `export` statements write nothing unless --write-exports. HTML is one self-contained file: inline CSS and SVG, no network."
    )

    @ArgumentParser.Argument(help: ArgumentHelp("The notebook.", valueName: "file"))
    var file: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The report's format.", valueName: "format"))
    var format: RenderFormat

    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of to standard output.", valueName: "out"))
    var output: String?

    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var exports: ExportOptions

    func run() throws {
        let text: String
        switch readFile(file) {
        case .success(let t): text = t
        case .failure(let message):
            Terminal.write("evalshell: \(file): \(message)\n", to: 2)
            throw ExitCode(Status.usage)
        }
        var session = Session()
        session.parameters = parameters.parameters
        let (files, preview) = exports.fileSystem()
        session.files = files
        let report = NotebookReport.render(Notebook(name: file, text: text), session: session, format: format.reportFormat)
        if let line = ExportOptions.notWritten(preview, by: file) { Terminal.write(line, to: 2) }
        if let output {
            do {
                try writeAtomically(report, to: output)
            } catch {
                Terminal.write("evalshell: cannot write \(output): \(error)\n", to: 2)
                throw ExitCode(Status.usage)
            }
        } else {
            Terminal.write(String(decoding: report, as: UTF8.self))
        }
    }
}
