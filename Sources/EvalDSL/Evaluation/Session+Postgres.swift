// `load KIND from "postgresql://…" table NAME | query "SQL"`: a database in the place of the file
// (the source itself: Data/PostgresSource.swift).

extension Session {
    /// Loads a table or a query of the database at `uri` with the file's rules; the notebook's input
    /// header records the URI without its password, the table or query, and the streamed bytes' hash.
    mutating func loadFromDatabase(_ st: LoadStatement, uri: String, options: LoadOptions) throws(Diagnostic) -> Output {
        guard PostgresURI.isDatabase(uri) else {
            throw Diagnostic(.loadFailed("a table or a query is read from a database: write its URI, such as \"postgresql:///finance\", in the place of the path"), st.path.range)
        }
        guard let database = st.database else {
            throw Diagnostic(.loadFailed(L("\(PostgresURI.masked(uri)): name what to read after the database: `table NAME` or `query \"SQL\"`")), st.path.range)
        }
        if st.sheet != nil || st.encoding != nil {
            throw Diagnostic(.loadFailed(L("a sheet or an encoding applies only to a file: a database's text is always Unicode")), st.path.range)
        }
        let request: PostgresSource.Request
        let range: SourceRange
        switch database {
        case .table(let name): request = .table(name.text); range = name.range
        case .query(let sql, let r): request = .query(sql); range = r
        }
        var source = PostgresSource(uri: uri, request: request, kind: options.kind, mapping: options.mapping,
                                    fiscalYear: model.year, limits: options.limits, interrupt: options.interrupt,
                                    progress: options.progress)
        var opts = options
        opts.displayName = source.name
        let outcome: LoadOutcome
        do {
            outcome = try loadTable(from: &source, into: model, options: opts)
        } catch {
            throw Session.diagnostic(error, at: range)
        }
        let key = source.inputKey
        apply(outcome, declaredIn: key)
        inputs[key] = InputFile(path: key, scriptHash: source.sha256)
        return .text(outcome.lines.map(PostgresURI.masked).joined(separator: "\n"))
    }
}
