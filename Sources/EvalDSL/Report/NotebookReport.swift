/// Turns a notebook into a report an analyst can send: comment blocks become prose, statements and
/// their results follow in order, tables become real tables, progress and scenario comparisons
/// become charts. One walker over the notebook feeds any `ReportWriter`. Pure: returns the bytes.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
}

public enum NotebookReport {
    /// Runs `notebook` in `session` (fresh by default) and renders it in `format`.
    public static func render(_ notebook: Notebook, session: Session = Session(), format: ReportFormat) -> [UInt8] {
        switch format {
        case .markdown:
            var w = MarkdownReportWriter()
            return render(notebook, session: session, into: &w)
        case .html:
            var w = HTMLReportWriter()
            return render(notebook, session: session, into: &w)
        }
    }

    /// Runs `notebook` in `session` and hands its content to `writer`.
    public static func render<W: ReportWriter>(_ notebook: Notebook, session: Session = Session(), into writer: inout W) throws(W.Failure) -> [UInt8] {
        let (title, blocks) = walk(notebook, session: session)
        writer.begin(title: title)
        for b in blocks { writer.write(b) }
        return try writer.finish()
    }

    /// A statement and its result, or a run of comment lines.
    enum Piece {
        case prose([String])
        case statement(source: String, result: StatementResult)
    }

    /// Runs `notebook` and returns its title (the first line of a leading comment block, else the
    /// notebook's name) and its content as blocks.
    public static func walk(_ notebook: Notebook, session: Session = Session()) -> (title: String, blocks: [ReportBlock]) {
        var session = session
        let file = SourceFile(name: notebook.name, text: notebook.text)
        let pieces = run(notebook, file: file, in: &session)
        var title = notebook.name
        var blocks: [ReportBlock] = []
        for (i, piece) in pieces.enumerated() {
            switch piece {
            case .prose(var lines):
                // The first line of a leading comment block is the report's title.
                if i == 0 { title = lines.removeFirst() }
                for p in paragraphs(lines) { blocks.append(p.isList ? .list(p.lines) : .paragraph(p.lines)) }
            case .statement(let source, let r):
                blocks.append(.code(source))
                blocks += resultBlocks(r, file: file, model: session.model)
            }
        }
        return (title, blocks)
    }

    /// The pieces of the script a `run` just ran (the first input it added), walked again from the
    /// session as it was before: nil when it added none (a script run a second time).
    static func runAgain(after before: Session, now: Session, inlineRuns: Bool) -> [Piece]? {
        guard let path = now.inputs.keys.first(where: { before.inputs[$0] == nil }), let input = now.inputs[path],
              input.scriptHash != nil, let bytes = try? now.files.read(input.path) else { return nil }
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        var session = before
        let inner = Notebook(name: input.path, text: text)
        var pieces = run(inner, file: SourceFile(name: input.path, text: text), in: &session, inlineRuns: inlineRuns)
        // Its title line: the report has its own.
        if case .prose(var lines)? = pieces.first, !lines.isEmpty {
            lines.removeFirst()
            while lines.first?.isEmpty == true { lines.removeFirst() }
            pieces[0] = .prose(lines)
        }
        return pieces
    }

    /// Runs the notebook's statements and pairs them with their source; the comment runs between
    /// them are prose. Recorded output is left out: the fresh results replace it.
    /// `inlineRuns`: a `run "x.evl"` shows x.evl's own prose and results (report mode), not the
    /// text it printed.
    static func run(_ notebook: Notebook, file: SourceFile, in session: inout Session, inlineRuns: Bool = false) -> [Piece] {
        let items = Parser.parse(file)
        var results: [(first: Int, last: Int, source: String, result: StatementResult, nested: [Piece]?)] = []
        for item in items {
            let before = session
            let r = session.execute(item, in: file)
            let first = file.line(of: item.range.start), last = file.line(of: max(item.range.start, item.range.end - 1))
            // A password typed into a database URI is not shown in the report either.
            let source = PostgresURI.masked((first...last).map { String(file.lineText($0)) }.joined(separator: "\n"))
            var nested: [Piece]?
            if inlineRuns, case .statement(let st) = item, case .run = st.kind, r.diagnostic == nil {
                nested = runAgain(after: before, now: session, inlineRuns: inlineRuns)
            }
            results.append((first, last, source, r, nested))
        }
        var pieces: [Piece] = []
        var prose: [String] = []
        var line = 1
        var next = 0
        let lines = notebook.lines
        func flushProse() {
            while let last = prose.last, last.isEmpty { prose.removeLast() }
            if !prose.isEmpty { pieces.append(.prose(prose)) }
            prose = []
        }
        while line <= lines.count {
            if next < results.count, results[next].first == line, let nested = results[next].nested {
                flushProse()
                pieces += nested
                line = results[next].last + 1
                next += 1
                continue
            }
            if next < results.count, results[next].first == line {
                flushProse()
                // Statements that print nothing share a code block with the ones after them.
                if case .statement(let previous, let r)? = pieces.last, r.output == .none, r.diagnostic == nil {
                    pieces[pieces.count - 1] = .statement(source: previous + "\n" + results[next].source, result: results[next].result)
                } else {
                    pieces.append(.statement(source: results[next].source, result: results[next].result))
                }
                line = results[next].last + 1
                next += 1
                continue
            }
            let l = lines[line - 1]
            if l.isRecorded {
                // Recorded output is replaced by the fresh result.
            } else {
                let t = l.content.drop(while: { $0 == " " || $0 == "\t" })
                if t.hasPrefix("#") {
                    var text = t.dropFirst()
                    if text.first == " " { text = text.dropFirst() }
                    prose.append(String(text))
                } else if t.isEmpty {
                    if !prose.isEmpty { prose.append("") }
                }
            }
            line += 1
        }
        flushProse()
        return pieces
    }

    /// The blocks of one statement's result.
    static func resultBlocks(_ r: StatementResult, file: SourceFile, model: BudgetModel) -> [ReportBlock] {
        if let d = r.diagnostic { return [.error(d.renderRecorded(in: file))] }
        switch r.output {
        case .none: return []
        case .value, .text, .comparison: return [.result(r.text)]
        case .check(let c): return [.check(c)]
        case .form(let f): return f.reportBlocks
        case .table(let t): return [.table(t)]
        case .compare(let c): return [.table(c.table(model: model)), .chart(.compare(c))]
        case .progress(let p):
            var out: [ReportBlock] = [.table(p.table), .chart(.progress(p))]
            if p.lagging.isEmpty {
                out.append(.paragraph([L("No project lags the schedule by more than \(p.thresholdText).")]))
            } else {
                out.append(.paragraph([L("Projects more than \(p.thresholdText) behind the schedule (! marks the periods):")]))
                out.append(.table(p.laggingTable))
            }
            return out
        }
    }

    /// Prose lines as paragraphs and list items: a blank line separates paragraphs; lines starting with
    /// `- ` or an item mark such as `A1.` or `1.` are items.
    static func paragraphs(_ lines: [String]) -> [(isList: Bool, lines: [String])] {
        var out: [(Bool, [String])] = []
        var current: [String] = []
        var inList = false
        func flush() { if !current.isEmpty { out.append((inList, current)) }; current = [] }
        for raw in lines {
            let l = raw.trimmingLeadingSpaces()
            if l.isEmpty { flush(); inList = false; continue }
            let item = isListItem(l)
            if item {
                if !inList { flush(); inList = true }
                current.append(l)
            } else if inList && raw.hasPrefix(" ") && !current.isEmpty {
                // A continuation of the item, joined as a paragraph's lines are (no space in Chinese).
                current[current.count - 1] = joinProse([current[current.count - 1], l])
            } else {
                if inList { flush(); inList = false }
                current.append(l)
            }
        }
        flush()
        return out
    }

    /// A paragraph's lines as one line: joined with a space between Latin words, without one
    /// between Chinese characters (a comment's line break is not a space in Chinese).
    public static func joinProse(_ lines: [String]) -> String {
        var out = ""
        for l in lines.map({ $0.trimmingLeadingSpaces() }) where !l.isEmpty {
            if let last = out.last, let first = l.first, last.isASCII || first.isASCII { out += " " }
            out += l
        }
        return out
    }

    static func isListItem(_ l: String) -> Bool {
        if l.hasPrefix("- ") || l.hasPrefix("* ") { return true }
        // `1.`, `A1.`, `W3.`: a short mark of letters and digits ending with a dot and a space.
        guard let dot = l.firstIndex(of: "."), l.index(after: dot) < l.endIndex, l[l.index(after: dot)] == " " else { return false }
        let mark = l[..<dot]
        return !mark.isEmpty && mark.count <= 3 && mark.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && mark.contains(where: \.isNumber)
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
