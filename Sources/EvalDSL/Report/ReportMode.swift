/// How a report reads: as the document a finance bureau receives (report mode: no code, numbered
/// sections, the checks gathered into a findings section) or as the analyst's notebook.
public struct ReportOptions: Sendable, Equatable {
    public var language: ReportLanguage
    /// Show each statement's source above its result, as the notebook view does.
    public var showCode: Bool
    /// The body font family of formats that name one (.docx); headings use 黑体.
    public var bodyFont: String

    public init(language: ReportLanguage = .zh, showCode: Bool = false, bodyFont: String = "仿宋") {
        self.language = language
        self.showCode = showCode
        self.bodyFont = bodyFont
    }
}

/// One piece of a report-mode document: a section heading or a block.
public enum ReportItem: Sendable, Equatable {
    case heading(String, level: Int)
    case block(ReportBlock)
    case pageBreak
}

extension NotebookReport {
    /// Runs `notebook` and hands its report-mode content to `writer`.
    public static func renderReport<W: ReportWriter>(_ notebook: Notebook, session: Session = Session(), options: ReportOptions = ReportOptions(),
                                                     into writer: inout W) throws(W.Failure) -> [UInt8] {
        let (title, items) = walkReport(notebook, session: session, options: options)
        writer.begin(title: title)
        for item in items {
            switch item {
            case .heading(let text, let level): writer.heading(text, level: level)
            case .block(let b): writer.write(b)
            case .pageBreak: writer.pageBreak()
            }
        }
        return try writer.finish()
    }

    /// Runs `notebook` and returns its report: the title (the first line of a leading comment, up to a
    /// colon or dash; else the first heading; else the file's name without folder or extension) and
    /// the items: prose and results with numbered headings, each run of checks as one table, then the
    /// findings, the assumptions and settings, and the inputs.
    public static func walkReport(_ notebook: Notebook, session: Session = Session(), options: ReportOptions = ReportOptions())
        -> (title: String, items: [ReportItem]) {
        var session = session
        session.reportLanguage = options.language
        let file = SourceFile(name: notebook.name, text: notebook.text)
        let pieces = run(notebook, file: file, in: &session, inlineRuns: true)
        var b = ReportBuilder(language: options.language, unit: session.model.unit)
        var title: String?
        for (i, piece) in pieces.enumerated() {
            switch piece {
            case .prose(var lines):
                if i == 0 && !lines.isEmpty { title = ReportBuilder.titleText(lines.removeFirst()) }
                b.prose(lines)
            case .statement(let source, let r):
                if options.showCode { b.add(.code(source)) }
                b.result(r, source: source, file: file, model: session.model)
            }
        }
        b.flushChecks()
        // The script's own first heading, not one of the sections added below.
        let heading = b.firstHeading
        b.settings(notebook: notebook, file: file, session: session)
        b.closingSections(notebook: notebook, session: session)
        return (title ?? heading ?? ReportBuilder.baseName(notebook.name), b.items)
    }
}

/// Report mode's state while walking: the items so far, the section numbers, the checks of the
/// current run (one table) and of the whole report (the findings).
struct ReportBuilder {
    let language: ReportLanguage
    let unit: MoneyUnit
    var items: [ReportItem] = []
    var sections = [0, 0, 0]
    var firstHeading: String?
    var pendingChecks: [(outcome: CheckOutcome, name: String, counted: Bool)] = []
    var checks: [(outcome: CheckOutcome, name: String)] = []
    var findings: [(outcome: CheckOutcome, name: String)] = []
    var assumptionIntro: [String] = []
    var assumptions: [String] = []
    var settingLines: [String] = []
    var scenarioLines: [String] = []
    var figures = 0

    init(language: ReportLanguage, unit: MoneyUnit) {
        self.language = language
        self.unit = unit
    }

    func t(_ key: ReportText) -> String { key.text(language) }

    mutating func add(_ block: ReportBlock) {
        if case .check = block {} else { flushChecks() }
        if case .table(let table) = block, language == .zh {
            items.append(.block(.table(Self.pointsInHeader(table))))
            return
        }
        items.append(.block(block))
    }

    /// A Chinese report's column of differences of rates: `差异（百分点）` over signed figures
    /// (`-16.67`) rather than the terminal's `-16.67 pp` in every cell.
    static func pointsInHeader(_ table: Table) -> Table {
        func points(_ cell: Table.Cell) -> Rational? {
            switch cell {
            case .change(.points(let d)): d
            case .marked(let inner, _): points(inner)
            default: nil
            }
        }
        var out = table
        for column in table.headers.indices {
            let cells = (table.rows + table.footer).compactMap { $0.indices.contains(column) ? $0[column] : nil }
            guard cells.contains(where: { points($0) != nil }),
                  cells.allSatisfy({ points($0) != nil || $0 == .notStated || $0 == .text("") }) else { continue }
            out.headers[column] += "（百分点）"
            func plain(_ cell: Table.Cell) -> Table.Cell {
                switch cell {
                case .marked(let inner, let mark): return .marked(plain(inner), mark)
                default:
                    guard let d = points(cell), let pp = try? d.multiplied(by: Rational(100)) else { return cell }
                    return .text(Table.signed(d, pp.decimalText(places: 2)))
                }
            }
            for r in out.rows.indices where out.rows[r].indices.contains(column) { out.rows[r][column] = plain(out.rows[r][column]) }
            for r in out.footer.indices where out.footer[r].indices.contains(column) { out.footer[r][column] = plain(out.footer[r][column]) }
        }
        return out
    }

    // MARK: Headings

    /// A line that reads as a numbered section heading: `一、…` (level 1) or `（一）…` (level 2).
    static func numberedLevel(_ s: String) -> Int? {
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let text = s.trimmingLeadingSpaces()
        guard DisplayWidth.of(text) <= 60 else { return nil }
        let lead = text.prefix(while: { numerals.contains($0) })
        if !lead.isEmpty, text.dropFirst(lead.count).first == "、" { return 1 }
        if text.first == "（" || text.first == "(" {
            let inner = text.dropFirst().prefix(while: { numerals.contains($0) })
            let close = text.dropFirst(1 + inner.count).first
            if !inner.isEmpty && (close == "）" || close == ")") { return 2 }
        }
        return nil
    }

    /// A heading: numbered as written when it is, else given the next number of its level.
    mutating func heading(_ raw: String, level: Int) {
        flushChecks()
        let level = min(max(level, 1), 3)
        var text = raw.trimmingLeadingSpaces()
        sections[level - 1] += 1
        for deeper in level..<sections.count { sections[deeper] = 0 }
        if Self.numberedLevel(text) == nil {
            text = ReportText.sectionMark(sections[level - 1], level: level) + text
        } else if let n = ReportText.chineseValue(text.drop(while: { $0 == "（" || $0 == "(" }).prefix(while: { $0 != "、" && $0 != "）" && $0 != ")" })) {
            // Numbered as written: the sections after it count on from its number.
            sections[level - 1] = n
        }
        if firstHeading == nil { firstHeading = text }
        items.append(.heading(text, level: level))
    }

    /// The report's title from a comment's first line: the part before `: `, ` — ` or ` - `.
    static func titleText(_ line: String) -> String {
        var out = Substring(line)
        for sep in [": ", "：", " — ", " – ", " - "] {
            if let r = out.firstRange(of: sep) { out = out[..<r.lowerBound] }
        }
        return String(out).trimmingSpaces()
    }

    /// `scripts/2020.evl` → `2020`: a title never shows where the file happens to be.
    static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }

    // MARK: Prose

    /// Comment lines: `# heading` lines (written `## …` in the script) and lone `一、…` lines become
    /// headings; an assumptions list (items marked like `A1.`) moves to the assumptions section with
    /// the line that introduces it.
    mutating func prose(_ lines: [String]) {
        var rest: [String] = []
        func flush(_ b: inout ReportBuilder) {
            let paras = NotebookReport.paragraphs(rest)
            for (k, p) in paras.enumerated() {
                if p.isList && p.lines.allSatisfy(Self.isAssumptionItem) {
                    if k > 0, !paras[k - 1].isList, let last = paras[k - 1].lines.last, last.hasSuffix(":") || last.hasSuffix("：") {
                        // The line that introduced the list goes with it.
                        if case .block(.paragraph(let intro))? = b.items.last, intro == paras[k - 1].lines {
                            b.items.removeLast()
                            b.assumptionIntro += intro
                        }
                    }
                    b.assumptions += p.lines
                } else if !p.isList && p.lines.count == 1 && Self.numberedLevel(p.lines[0]) != nil {
                    b.heading(p.lines[0], level: Self.numberedLevel(p.lines[0])!)
                } else {
                    b.add(p.isList ? .list(p.lines) : .paragraph(p.lines))
                }
            }
            rest = []
        }
        for line in lines {
            if line.hasPrefix("#") {
                flush(&self)
                let level = line.prefix(while: { $0 == "#" }).count
                heading(String(line.dropFirst(level)), level: level)
            } else {
                rest.append(line)
            }
        }
        flush(&self)
    }

    /// `A1. …`, `W3. …`: an item of an assumptions list (a letter before the number).
    static func isAssumptionItem(_ item: String) -> Bool {
        guard let first = item.first, first.isASCII, first.isLetter, NotebookReport.isListItem(item) else { return false }
        return item.dropFirst().first?.isNumber == true
    }

    // MARK: Results

    mutating func result(_ r: StatementResult, source: String, file: SourceFile, model: BudgetModel) {
        if let d = r.diagnostic { add(.error(d.renderRecorded(in: file))); return }
        // What `load` and `export` say is for the analyst: the inputs are listed in the appendix.
        let keyword = source.split(separator: "\n").last.map { String($0).trimmingLeadingSpaces().prefix(while: { $0 != " " }) }
        if keyword == "load" || keyword == "export" { return }
        // `print "一、…"`: a section heading.
        if !r.text.includes("\n"), let level = Self.numberedLevel(r.text) {
            switch r.output {
            case .text, .value(.text): heading(r.text, level: level); return
            default: break
            }
        }
        switch r.output {
        case .none: return
        case .text:
            add(.paragraph(r.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
        case .value(.bool(let yes)):
            add(.paragraph([labelled(source, t(yes ? .yes : .no))]))
        case .comparison(let a, let b):
            // The change in the report's words: （+19.42个百分点）.
            let f = ValueFormatter(unit: model.unit)
            var line = "\(f.format(a, model: model)) → \(f.format(b, model: model))"
            if let d = f.difference(b, a) {
                let change = d.hasSuffix(" pp") ? ReportText.percentagePoints.text(language, String(d.dropLast(3))) : d
                line += language == .zh ? "（\(change)）" : "  (\(change))"
            }
            add(.paragraph([labelled(source, line)]))
        case .value:
            add(.paragraph([labelled(source, r.text)]))
        case .check(let c): addCheck(c, name: c.label.flatMap { $0.isEmpty ? nil : $0 } ?? c.expression)
        case .form(let f):
            add(.form(f))
            for (k, c) in f.outcomes.enumerated() {
                let what = k < f.evaluation.checks.count ? formCheckName(f.evaluation.checks[k], f) : c.expression
                addCheck(c, name: [c.label, what].compactMap { $0 }.joined(separator: " "), counted: f.whatIf == nil)
            }
        case .table(let table): add(.table(table))
        case .compare(let c):
            add(.table(c.table(model: model)))
            add(.chart(.compare(c)))
            figures += 1
            let colors = t(.colorNames).split(separator: "|")
            let names = ([t(.baseline)] + c.scenarios).enumerated().map { k, name in
                language == .zh ? "\(name)（\(colors[k % colors.count])）" : "\(name) (\(colors[k % colors.count]))"
            }.joined(separator: language == .zh ? "、" : ", ")
            add(.paragraph([ReportText.compareCaption.text(language, figures, names)]))
        case .progress(let p):
            add(.table(p.table))
            add(.chart(.progress(p)))
            figures += 1
            let periods = p.rows.map { ProgressReport.label($0.period) }.joined(separator: language == .zh ? "、" : ", ")
            let threshold = thresholdText(p)
            add(.paragraph([ReportText.progressCaption.text(language, figures, periods, threshold)]))
            if p.lagging.isEmpty {
                add(.paragraph([ReportText.noLag.text(language, threshold)]))
            } else {
                add(.paragraph([ReportText.lagging.text(language, threshold)]))
                add(.table(Self.laggingTable(p)))
                add(.paragraph([ReportText.lagMark.text(language, threshold)]))
            }
        }
    }

    /// A form's check under its report wording: the scoring engine names the weight and grade checks
    /// in English for the terminal.
    func formCheckName(_ c: ScoreCheck, _ f: FormReport) -> String {
        switch c.subject {
        case .levelWeights(let level): ReportText.levelWeights.text(language, level)
        case .allWeights: t(.allWeights)
        case .gradeOfStatedTotal: ReportText.gradeOfStatedTotal.text(language, f.form.statedTotal?.text ?? "")
        case .rowScore, .budgetTotal, .executionRate, .executionScore, .totalScore, .grade: c.label
        }
    }

    /// The lag threshold as a report states it: `25个百分点`, `25 pp`.
    func thresholdText(_ p: ProgressReport) -> String {
        guard let pp = try? p.threshold.multiplied(by: Rational(100)) else { return p.thresholdText }
        return language == .zh ? pp.shortText(maxPlaces: 2) + "个百分点" : pp.shortText(maxPlaces: 2) + " pp"
    }

    /// The lagging projects with `▲` before each lagging period's rate (the notebook's `!` after
    /// it reads as a typo in a report); the note under the table says what it marks.
    static func laggingTable(_ p: ProgressReport) -> Table {
        let f = ValueFormatter(unit: p.unit)
        let rows = p.lagging.map { l in
            [Table.Cell.text(l.project)] + zip(l.rates, l.late).map { rate, late in late ? .text("▲ " + f.rate(rate)) : .rate(rate) }
        }
        return Table(headers: p.laggingTable.headers, alignments: p.laggingTable.alignments, rows: rows)
    }

    /// Whether a paragraph is a figure's caption (`图1  …`), which writers centre under the figure.
    static func isCaption(_ text: String) -> Bool {
        for prefix in ["图", "Figure "] where text.hasPrefix(prefix) {
            return text.dropFirst(prefix.count).first?.isNumber == true
        }
        return false
    }

    /// The figure a check's claim states, formatted like the computed one, without a text's quotes.
    static func stated(_ c: CheckOutcome) -> String {
        let s = c.claimed ?? c.claim ?? "—"
        return s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
    }

    /// A bare expression's value with what it is: `rate(本级)：36.41%`; a what-if names its scenario.
    func labelled(_ source: String, _ text: String) -> String {
        let line = source.split(separator: "\n").last.map(String.init) ?? source
        let what: String
        if let r = line.firstRange(of: " under ") {
            what = ReportText.underScenario.text(language, String(line[..<r.lowerBound]), String(line[r.upperBound...]))
        } else {
            what = line
        }
        return what + (language == .zh ? "：" : ": ") + text
    }

    /// A check under the name a reader knows it by: its label, else its expression; a form's adds the cell.
    mutating func addCheck(_ c: CheckOutcome, name: String, counted: Bool = true) {
        pendingChecks.append((c, name, counted))
        if counted { checks.append((c, name)) }
    }

    /// The current run of checks as one table: what was checked, the stated and computed figures,
    /// and whether they agree (a disagreement points to its number in the findings).
    mutating func flushChecks() {
        guard !pendingChecks.isEmpty else { return }
        let run = pendingChecks
        pendingChecks = []
        var rows: [[Table.Cell]] = []
        for (c, name, counted) in run {
            var result = t(.checkAgrees)
            switch c.status {
            case .passed: break
            case .failed, .knownFinding:
                if counted { findings.append((c, name)) }
                result = counted ? ReportText.checkDiffers.text(language, findings.count) : "✗"
            case .findingHolds:
                if counted { findings.append((c, name)) }
                result = counted ? ReportText.checkMarkedButHolds.text(language, findings.count) : "✗"
            }
            rows.append([.text(name), .text(Self.stated(c)), .text(c.computed), .text(result)])
        }
        items.append(.block(.table(Table(headers: [t(.checkItem), t(.checkStated), t(.checkComputed), t(.checkResult)],
                                         alignments: [.left, .right, .right, .left], rows: rows))))
    }
}

extension String {
    /// Without spaces and tabs at either end (the library does without Foundation's trimming).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
