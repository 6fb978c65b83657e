import EvalDSL

/// What each fuzz target does with one input, shared by the targets (Fuzz/fuzz-*/) and by the test
/// that replays their findings (Tests/EvalDSLTests/FuzzRegressionTests.swift), so a regression input
/// goes through exactly the code that once broke. Each returns what went wrong beyond a crash (a
/// broken promise of the library), empty when nothing did; the targets trap on it.
public enum FuzzHarness {
    /// How long one input may evaluate before the session's interrupt stops it: a slow but
    /// legitimate input is cut short here, while a statement that ignores the interrupt runs on
    /// into libFuzzer's `-timeout` and is reported as a hang.
    public static let evaluationBudget: Duration = .seconds(1)

    /// A session that stops itself once `evaluationBudget` has passed, its files in memory.
    static func session(from base: Session = Session()) -> Session {
        var session = base
        session.files = FuzzFiles.fresh()
        let deadline = ContinuousClock.now + evaluationBudget
        session.interrupt = { ContinuousClock.now >= deadline }
        return session
    }

    /// fuzz-parse: any bytes, read as a script, go through the lexer and the parser, and every
    /// diagnostic renders.
    public static func parse(_ data: [UInt8]) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        let file = SourceFile(name: "fuzz.evl", text: text)
        var problems: [String] = []
        for item in Parser.parse(file) {
            if case .broken(let d, _, _) = item, d.render(in: file).isEmpty { problems.append("an empty diagnostic") }
        }
        _ = Parser.isComplete(text)
        return problems
    }

    /// The session after the prelude, shared read-only: a value, copied for each input.
    static let afterPrelude: Session = {
        var session = Session()
        session.files = FuzzFiles.fresh()
        let results = session.run(SourceFile(name: "prelude.evl", text: String(decoding: FuzzFiles.prelude, as: UTF8.self)))
        precondition(results.allSatisfy { $0.diagnostic == nil }, "the fuzz prelude (Tests/notebooks/prelude.evl) does not run cleanly")
        return session
    }()

    /// fuzz-eval: any bytes, read as a script, run after the prelude in the same session; every
    /// result and diagnostic renders.
    public static func evaluate(_ data: [UInt8]) -> [String] {
        run(data).problems
    }

    /// `evaluate`, with the results and the files as the script left them (for the harness's test).
    static func run(_ data: [UInt8]) -> (problems: [String], results: [StatementResult], files: MemoryFileSystem) {
        var session = session(from: afterPrelude)
        let file = SourceFile(name: "fuzz.evl", text: String(decoding: data, as: UTF8.self))
        var problems: [String] = []
        let results = session.run(file)
        for result in results {
            if let d = result.diagnostic, d.render(in: file).isEmpty { problems.append("an empty diagnostic") }
        }
        return (problems, results, (session.files as! NormalizedFiles).memory)
    }

    /// fuzz-notebook: any bytes, read as a notebook, split into lines that give back the text; the
    /// notebook runs (files in memory), and when every recorded block matches, updating it changes
    /// nothing.
    public static func notebook(_ data: [UInt8]) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        // Under a folder two deep, as the notebooks of Tests/notebooks are (their `run "../../prelude.evl"`).
        let notebook = Notebook(name: "a/b/fuzz.evl", text: text)
        var problems: [String] = []
        if notebook.lines.map({ $0.content + $0.ending }).joined() != text {
            problems.append("a notebook's lines do not give back its text")
        }
        let run = NotebookRunner.run(notebook, session: session())
        if run.passed, run.updatedText() != text {
            problems.append("a notebook whose output matches is not its own update")
        }
        return problems
    }

    /// A model to load payments and adjustments into: the prelude's projects and those of the
    /// fixtures, whose ids the seeds' payment rows name.
    static let loadModel: BudgetModel = {
        var model = afterPrelude.model
        let files = FuzzFiles.fresh()
        for path in ["data/projects.csv", "data/projects-gb18030.csv", "data/2020/projects.csv"] {
            let options = LoadOptions(kind: .projects, keepGoodRows: true, fiscalYear: 2020)
            if let outcome = try? loadTable(path: path, into: model, options: options, files: files) { model = outcome.model }
        }
        return model
    }()

    /// Loads `data` as a table of each kind with each option set, from memory; a load may fail
    /// (with a message), never crash.
    static func load(_ data: [UInt8], as name: String, _ variants: [LoadOptions]) -> [String] {
        let files = MemoryFileSystem([name: data])
        var problems: [String] = []
        for options in variants {
            do {
                let outcome = try loadTable(path: name, into: loadModel, options: options, files: files)
                if !options.keepGoodRows, !outcome.problems.isEmpty { problems.append("bad rows kept in an all-or-nothing load") }
            } catch {
                if error.message.isEmpty { problems.append("a load error without a message") }
            }
        }
        return problems
    }

    /// A load of `kind` stopped after `evaluationBudget`.
    static func options(_ kind: LoadKind, format: TableFormat? = nil, encoding: TextEncoding? = nil,
                        keepGoodRows: Bool = false) -> LoadOptions {
        let deadline = ContinuousClock.now + evaluationBudget
        return LoadOptions(kind: kind, format: format, encoding: encoding, keepGoodRows: keepGoodRows, fiscalYear: 2020,
                           interrupt: { ContinuousClock.now >= deadline })
    }

    /// fuzz-csv: any bytes as a CSV table of projects, payments and adjustments, in UTF-8 and GB18030.
    public static func csv(_ data: [UInt8]) -> [String] {
        load(data, as: "fuzz.csv", [
            options(.projects, format: .csv, encoding: .utf8),
            options(.projects, format: .csv, encoding: .gb18030, keepGoodRows: true),
            options(.payments, format: .csv, encoding: .utf8, keepGoodRows: true),
            options(.payments, format: .csv, encoding: .gb18030),
            options(.adjustments),
        ])
    }

    /// fuzz-xlsx: any bytes as an .xlsx workbook of projects and of payments.
    public static func xlsx(_ data: [UInt8]) -> [String] {
        load(data, as: "fuzz.xlsx", [
            options(.projects, format: .xlsx),
            options(.payments, format: .xlsx, keepGoodRows: true),
        ])
    }
}
