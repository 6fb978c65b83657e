
// The statements that touch files — `load`, `run` (`export`: Session+Export.swift) — and the
// record of what was read. All of them go through `files`, the session's one `FileSystem`.

extension Session {
    /// A path as written in a script: relative to the script's folder (to the working folder for
    /// the shell and `-c`, whose sources are no files).
    static func resolve(_ path: String, from file: SourceFile) -> String {
        if !path.hasPrefix("/"), let slash = file.name.lastIndex(of: "/") {
            return String(file.name[...slash]) + path
        }
        return path
    }

    /// `load KIND from "PATH" …`: all or nothing unless `skip bad rows`.
    mutating func load(_ st: LoadStatement, file: SourceFile, evaluator ev: Evaluator) throws(Diagnostic) -> Output {
        guard let kind = LoadKind(rawValue: st.kind.text) ?? ["项目": .projects, "支付": .payments, "调整": .adjustments][st.kind.text] else {
            throw Diagnostic(.unknownValue(field: L("kind of table"), value: st.kind.text, allowed: ["projects", "payments", "adjustments"]), st.kind.range)
        }
        let got = try ev.eval(st.path)
        guard case .text(let path) = got else {
            throw Diagnostic(.wrongArgumentType(function: "load", argument: L("the path"), expected: L("text"), got: got.gotText), st.path.range)
        }
        var options = LoadOptions(kind: kind, defaultUnit: .yuan)
        options.displayName = path
        options.fiscalYear = model.year
        options.interrupt = interrupt
        options.progress = loadProgress
        options.keepGoodRows = st.skipBadRows
        if let sheetExpr = st.sheet {
            let got = try ev.eval(sheetExpr)
            guard case .text(let sheet) = got else { throw Diagnostic(.wrongArgumentType(function: "load", argument: L("the sheet"), expected: L("text"), got: got.gotText), sheetExpr.range) }
            options.sheet = sheet
        }
        if let e = st.encoding {
            guard let enc = TextEncoding(name: e.text) else {
                throw Diagnostic(.unknownValue(field: L("encoding"), value: e.text, allowed: ["utf8", "gb18030 (also gbk, gb2312)"]), e.range)
            }
            options.encoding = enc
        }
        if let u = st.unit {
            guard let unit = MoneyUnit(rawValue: u.text) ?? ["yuan": .yuan, "wan": .wan][u.text] else {
                throw Diagnostic(.unknownValue(field: L("unit"), value: u.text, allowed: ["万元", "元", "亿元"]), u.range)
            }
            options.defaultUnit = unit
        }
        for (fieldName, headerExpr) in st.columns.map({ ($0.field, $0.header) }) {
            guard let field = LoadField(word: fieldName.text), kind.fields.contains(field) else {
                throw Diagnostic(.unknownValue(field: L("column of a \(kind.rawValue) table"), value: fieldName.text, allowed: kind.fields.map(\.rawValue)), fieldName.range)
            }
            let got = try ev.eval(headerExpr)
            guard case .text(let header) = got else {
                throw Diagnostic(.wrongArgumentType(function: "load", argument: L("the column's header"), expected: L("text"), got: got.gotText), headerExpr.range)
            }
            options.mapping[field] = header
        }
        // A database in the place of the file: Session+Postgres.swift.
        if st.database != nil || PostgresURI.isDatabase(path) {
            return try loadFromDatabase(st, uri: path, options: options)
        }
        let resolved = Session.resolve(path, from: file)
        let outcome: LoadOutcome
        do {
            outcome = try loadTable(path: resolved, into: model, options: options, files: files)
        } catch {
            throw Session.diagnostic(error, at: st.path.range)
        }
        apply(outcome, declaredIn: path)
        inputs[path] = InputFile(path: resolved, scriptHash: nil)
        return .text(outcome.lines.joined(separator: "\n"))
    }

    /// A failed load as a diagnostic at `range`: its problems as notes, passwords masked.
    static func diagnostic(_ error: LoadError, at range: SourceRange) -> Diagnostic {
        if case .interrupted = error.kind { return Diagnostic(.interrupted, range) }
        var notes = error.problems.map { DiagnosticNote(message: PostgresURI.masked($0.description), range: nil) }
        if case .rejected(_, let more, _, _) = error.kind, more > 0 {
            notes.append(DiagnosticNote(message: L("… and \(more) more"), range: nil))
        }
        return Diagnostic(.loadFailed(PostgresURI.masked(error.message)), range, notes: notes)
    }

    /// Takes a successful load's model; projects loaded from a table are declared names like any other.
    mutating func apply(_ outcome: LoadOutcome, declaredIn source: String) {
        if outcome.kind == .projects {
            // A name declared before keeps its declaration (`Declarations` looks there first).
            declarations.declareLoaded(outcome.model.projects, from: model.projects.count, file: source)
        }
        model = outcome.model
    }

    /// `run "path"`: a path relative to the running script's folder; all of it or nothing.
    mutating func runScript(_ path: String, from file: SourceFile, at range: SourceRange) throws(Diagnostic) -> Output {
        let resolved = Session.resolve(path, from: file)
        // The top-level source by its file name: its path depends on where the run was started.
        let top = String(file.name.split(separator: "/").last ?? Substring(file.name))
        let stack = runStack.isEmpty ? [(shown: top, path: Session.canonicalPath(file.name))] : runStack
        let canonical = Session.canonicalPath(resolved)
        if let at = stack.firstIndex(where: { $0.path == canonical }) {
            let names = stack[at...].map(\.shown) + [path]
            throw Diagnostic(.cycle(L("`\(names[0])` runs itself"), path: names), range)
        }
        guard runDepth < Session.maxRunDepth else {
            throw Diagnostic(.limitExceeded(L("`run` nests more than \(Session.maxRunDepth) scripts deep"), hint: L("run the scripts one after the other from the top one")), range)
        }
        var bytes: [UInt8]
        do {
            bytes = try files.read(resolved)
        } catch {
            throw Diagnostic(.cannotRead(path, reason: error.description), range)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic(.cannotRead(path, reason: L("not valid UTF-8 text")), range)
        }
        // A script's recorded output is not part of it as an input: hash it without its `#>` lines,
        // so re-recording an included notebook does not look like changed inputs.
        let logic = Notebook(name: path, text: text).lines.filter { !$0.isRecorded }.map { $0.content + $0.ending }.joined()
        inputs[path] = InputFile(path: resolved, scriptHash: SHA256.hex(Array(logic.utf8)))
        let inner = SourceFile(name: resolved, text: text)
        runDepth += 1
        let savedStack = runStack
        runStack = stack + [(shown: path, path: canonical)]
        defer { runDepth -= 1; runStack = savedStack }
        var printed: [String] = []
        var problems: [DiagnosticNote] = []
        for item in Parser.parse(inner) {
            let r = execute(item, in: inner)
            if !r.text.isEmpty { printed.append(r.text) }
            // Ctrl-C stops the whole script at once (the caller drops everything it did).
            if r.diagnostic?.kind == .interrupted { throw Diagnostic(.interrupted, range) }
            if let d = r.diagnostic {
                let first = d.render(in: inner).split(separator: "\n").first.map(String.init) ?? d.kind.message
                problems.append(DiagnosticNote(message: first, range: nil))
                // A failure in a script this one ran: its causes, so the root of it shows at any depth.
                if case .includedScriptFailed = d.kind { problems += d.notes }
            }
        }
        if !problems.isEmpty {
            throw Diagnostic(.includedScriptFailed(path, failures: problems.count), range, notes: problems)
        }
        return printed.isEmpty ? .none : .text(printed.joined(separator: "\n"))
    }

    /// How deep `run` may nest scripts. See docs/LANGUAGE.md, "Limits".
    static let maxRunDepth = 16

    /// A path with `.` and `..` resolved, to tell whether two `run`s name the same script.
    static func canonicalPath(_ path: String) -> String {
        Paths.canonical(path)
    }
}

/// A file a session read: a script (hashed as read, without its recorded output) or a data file
/// (hashed only when a notebook records it: data files can be large); or a database's table or
/// query, hashed as it streamed (`path` is then the URI without password and the table or query).
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var scriptHash: String?

    /// The SHA-256 of the file's content as it is now in `files` (a script's, as it was read).
    public func hash(in files: any FileSystem = LocalFileSystem()) -> String {
        if let scriptHash { return scriptHash }
        return (try? files.sha256(path)) ?? "unreadable"
    }
}
