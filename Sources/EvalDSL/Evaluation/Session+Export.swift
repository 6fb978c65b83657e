// `export`, and what keeps it from losing an analyst's files (issue 11, item 9): rerunning a script
// whose data file had gone missing once replaced last year's 8,962-row export with an empty table.
// Two rules, each enough for that case, so that neither alone has to be perfect:
// - an `export` after a failed statement of the same script run writes nothing;
// - `replace` does not put a table of no rows over a file that is not empty, unless `replace empty`.

/// A statement that failed, as an `export` after it names it.
public struct FailedStatement: Sendable, Equatable {
    /// The statement's keyword (`load`, `run`), nil for an expression or a line that did not parse.
    public var keyword: String?
    /// Its first line in `file`.
    public var line: Int
    /// The source it is in, by name (a script's path, `<input 3>` at the prompt).
    public var file: String
}

extension Session {
    /// Starts a script run: statements that failed before it no longer keep `export` from writing.
    /// A fresh session is at the start of one; the shell starts one at each input (and `:load`), so
    /// a failure at the prompt holds back only the exports of the same input.
    public mutating func startScript() {
        firstFailure = nil
    }

    /// Remembers the first failed statement of the run (the others mostly follow from it).
    mutating func noteFailure(at range: SourceRange, in file: SourceFile) {
        guard firstFailure == nil else { return }
        let word = String(file.slice(range).prefix { !$0.isWhitespace && $0 != "(" })
        firstFailure = FailedStatement(keyword: Parser.statementKeywords.contains(word) ? word : nil,
                                       line: file.line(of: range.start), file: file.name)
    }

    /// `export G [columns …] to "PATH" [replace [empty]]`: a folder named in the path is made when missing.
    func export(_ g: Expr, columns: [TableColumn], pathExpr: Expr, replace: ExportReplace, file: SourceFile) throws(Diagnostic) -> Output {
        let ev = evaluator
        let got = try ev.eval(pathExpr)
        guard case .text(let path) = got else {
            throw Diagnostic(.wrongArgumentType(function: "export", argument: L("the path"), expected: L("text"), got: got.gotText), pathExpr.range)
        }
        if let failure = firstFailure {
            throw Diagnostic(Session.refusal(path, after: failure, in: file), pathExpr.range)
        }
        let table = try ev.table(g, columns: columns)
        let resolved = Session.resolve(path, from: file)
        let bytes: [UInt8]
        do throws(ExportError) {
            (_, bytes) = try exportBytes(table, for: resolved)
        } catch {
            throw Diagnostic(.exportFailed(error.message.replacingOccurrences(of: resolved, with: path)), pathExpr.range)
        }
        // A file that already holds exactly these bytes is no conflict: a notebook that exports
        // without `replace` can be replayed as long as its result does not change.
        let unchanged = files.holds(resolved, bytes)
        if replace == .replace, table.rows.isEmpty, !unchanged, case .file(let size)? = files.status(resolved), size > 0 {
            throw Diagnostic(.exportRefused(L("\(path) not written: the table has no rows, and \(path) is not empty (\(groupedThousands(size)) bytes)"),
                                            hint: L("check that the data was loaded; to empty the file all the same, write `replace empty`")), pathExpr.range)
        }
        if let slash = resolved.lastIndex(of: "/"), slash != resolved.startIndex {
            try? files.makeFolders(String(resolved[..<slash]))
        }
        if replace != .never || !unchanged {
            do throws(FileError) {
                try files.writeAtomically(bytes, to: resolved, replace: replace != .never)
            } catch {
                let e: ExportError = switch error {
                case .exists: ExportError(kind: .exists, path: path)
                case .failed(let why): ExportError(kind: .cannotWrite(why), path: path)
                }
                throw Diagnostic(.exportFailed(e.message), pathExpr.range)
            }
        }
        // The rows written to the file: the total row (合计) is one of them.
        let rows = table.rows.count + table.footer.count
        let n = groupedThousands(rows)
        return .text(rows == 1 ? L("exported \(n) row to \(path)") : L("exported \(n) rows to \(path)"))
    }

    /// Why an export after a failed statement writes nothing, naming the statement.
    static func refusal(_ path: String, after failure: FailedStatement, in file: SourceFile) -> DiagnosticKind {
        let which = failure.keyword.map { "the `\($0)`" } ?? "the statement"
        var place = "line \(failure.line)"
        // A script run by `run` names the line of the script that ran it, by file name only: a
        // notebook's recorded output must not depend on the folder it was run from.
        if failure.file != file.name { place += " of \(failure.file.split(separator: "/").last.map(String.init) ?? failure.file)" }
        return .exportRefused(L("\(path) not written: \(which) at \(place) failed; fix it and run again"),
                              hint: L("an export after a failed statement would write a table computed without it; the file was left as it was"))
    }
}
