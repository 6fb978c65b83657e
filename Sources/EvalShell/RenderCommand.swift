import ArgumentParser
import EvalDSL

/// `evalshell render FILE --to md|html|docx|pdf [-o OUT]`: a notebook as a report to send.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: L("Render a notebook as a report: Markdown, HTML, Word (.docx) or PDF."),
        discussion: L("The notebook is run afresh, as `test` does, and its `export` statements write nothing unless --write-exports. .docx and PDF are in report mode: the document a finance bureau reads, in Chinese, without the script's code (numbered sections, the checks in tables, a findings section, the assumptions, the input files). Markdown and HTML show the notebook (each statement above its result) unless --report. HTML is one self-contained file: inline CSS and SVG, no network. PDF is the report's HTML printed by headless Chromium, which must be installed.")
    )

    @ArgumentParser.Argument(help: ArgumentHelp(L("The notebook."), valueName: "file"))
    var file: String

    @Option(name: .customLong("to"), help: ArgumentHelp(L("The report's format: md, html, docx or pdf."), valueName: "format"))
    var format: RenderFormat

    @Option(name: .shortAndLong, help: ArgumentHelp(L("Write here (atomically) instead of to standard output."), valueName: "out"))
    var output: String?

    @Flag(name: .customLong("report"), help: ArgumentHelp(L("Report mode for md and html too (the default of docx and pdf).")))
    var report = false

    @Flag(name: .customLong("code"), help: ArgumentHelp(L("Show each statement's source above its result (in report mode too).")))
    var code = false

    @Option(name: .customLong("font"), help: ArgumentHelp(L("Report mode's body font family (headings are 黑体)."), valueName: "family"))
    var font = "仿宋"

    @OptionGroup var parameters: ParameterOptions
    @OptionGroup var exports: ExportOptions
    @OptionGroup var language: LanguageOptions

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
        let notebook = Notebook(name: file, text: text)
        // --lang chooses the results' language and report mode's wording; without it the results are
        // in the language the notebook records and report mode stays in Chinese.
        let chosen = language.lang.flatMap(Language.init(word:))
        session.language = chosen ?? notebook.recordedLanguage
        let options = ReportOptions(language: chosen.flatMap { ReportLanguage(rawValue: $0.rawValue) } ?? .zh, showCode: code, bodyFont: font)
        let report = try Language.$current.withValue(session.language) {
            try render(notebook, session: session, options: options)
        }
        if let line = ExportOptions.notWritten(preview, by: file) { Terminal.write(line, to: 2) }
        try deliver(report)
    }

    /// The notebook rendered in the chosen format.
    private func render(_ notebook: Notebook, session: Session, options: ReportOptions) throws -> [UInt8] {
        let report: [UInt8]
        switch format {
        case .md where self.report:
            var w = MarkdownReportWriter(report: options)
            report = NotebookReport.renderReport(notebook, session: session, options: options, into: &w)
        case .md:
            report = NotebookReport.render(notebook, session: session, format: .markdown)
        case .html where self.report:
            var w = HTMLReportWriter(report: options)
            report = NotebookReport.renderReport(notebook, session: session, options: options, into: &w)
        case .html:
            report = NotebookReport.render(notebook, session: session, format: .html)
        case .docx:
            var w = DocxReportWriter(options: options)
            do {
                report = try NotebookReport.renderReport(notebook, session: session, options: options, into: &w)
            } catch {
                Terminal.write("evalshell: " + L("cannot write the .docx: \(error)") + "\n", to: 2)
                throw ExitCode(Status.usage)
            }
        case .pdf:
            var w = HTMLReportWriter(report: options)
            let html = NotebookReport.renderReport(notebook, session: session, options: options, into: &w)
            report = try PDFPrinter.print(html)
        }
        return report
    }

    /// Writes the report to -o, or to standard output when that is not a terminal (or it is text).
    private func deliver(_ report: [UInt8]) throws {
        if let output {
            do {
                try writeAtomically(report, to: output)
            } catch {
                Terminal.write("evalshell: " + L("cannot write \(output): \(error)") + "\n", to: 2)
                throw ExitCode(Status.usage)
            }
        } else if format.isDocument && Terminal.isTerminal(1) {
            Terminal.write("evalshell: " + L("a .\(format.rawValue) is not for a terminal: pass -o FILE") + "\n", to: 2)
            throw ExitCode(Status.usage)
        } else if format.isDocument {
            Terminal.write(bytes: report)
        } else {
            Terminal.write(String(decoding: report, as: UTF8.self))
        }
    }
}
