/// The sections report mode adds after the script's own: the findings (every check that does not
/// agree, with both figures, the difference and the explanation, and the tally), the assumptions and
/// settings, and the inputs with their checksums.
extension ReportBuilder {
    /// The settings a reader needs to weigh the figures: year, unit, parameters, scenarios.
    mutating func settings(notebook: Notebook, file: SourceFile, session: Session) {
        if let year = session.model.year { settingLines.append(ReportText.settingYear.text(language, year)) }
        settingLines.append(ReportText.settingUnit.text(language, session.model.unit.rawValue))
        var scenarios: [String] = []
        for item in Parser.parse(file) {
            guard case .statement(let s) = item else { continue }
            switch s.kind {
            case .param(let name, let value):
                var line = ReportText.parameter.text(language, name.text, session.parameters[name.text] ?? String(file.slice(value.range)))
                if session.parameters[name.text] != nil { line += t(.parameterFromCommandLine) }
                settingLines.append(line)
            case .scenario(let name, let changes):
                let definition = changes.map { describe($0, file) }.joined(separator: language == .zh ? "；" : "; ")
                scenarios.append(ReportText.scenario.text(language, name.text, definition))
            default:
                break
            }
        }
        scenarioLines = scenarios
    }

    /// A scenario's change in the report's words, not the script's syntax (档案库房在Q4支付余下的全部预算).
    func describe(_ c: Change, _ file: SourceFile) -> String {
        func text(_ e: Expr) -> String { String(file.slice(e.range)) }
        /// `on 2020-12-31` / `in Q4`.
        func when(_ e: Expr) -> String {
            if case .date = e.kind { return ReportText.seekOn.text(language, text(e)) }
            return ReportText.seekIn.text(language, text(e))
        }
        switch c.kind {
        case .pay(let p, let amount, let w):
            return ReportText.changePay.text(language, p.text, when(w), amount.map(text) ?? t(.changeRest))
        case .move(let p, let from, let to): return ReportText.changeMove.text(language, p.text, text(from), text(to))
        case .cancel(let p, let w): return ReportText.changeCancel.text(language, p.text, when(w))
        case .adjust(let p, let amount): return ReportText.changeAdjust.text(language, p.text, text(amount))
        case .actual(let form, let row, let value): return ReportText.changeActual.text(language, form.text, row, value)
        case .scenario(let n): return ReportText.changeScenario.text(language, n.text)
        }
    }

    /// The findings, assumptions and inputs, numbered after the script's last section.
    mutating func closingSections(notebook: Notebook, session: Session) {
        flushChecks()
        items.append(.pageBreak)
        heading(t(.findingsHeading), level: 1)
        if checks.isEmpty {
            items.append(.block(.paragraph([t(.noChecks)])))
        } else {
            let agree = checks.filter { $0.outcome.status == .passed }.count
            items.append(.block(.paragraph([ReportText.allAgree.text(language, checks.count, agree, checks.count - agree)])))
        }
        if !findings.isEmpty {
            var rows: [[Table.Cell]] = []
            for (k, f) in findings.enumerated() {
                let c = f.outcome
                let explanation: String
                switch c.status {
                case .findingHolds: explanation = t(.findingHoldsExplanation) + (c.finding.map { "（\($0)）" } ?? "")
                case .passed, .failed, .knownFinding: explanation = c.finding ?? t(.findingUnexplained)
                }
                rows.append([.text(String(k + 1)), .text(f.name), .text(c.computed), .text(Self.stated(c)),
                             .text(c.difference.map(pointsInWords) ?? "—"), .text(explanation)])
            }
            items.append(.block(.table(Table(
                headers: [t(.findingNumber), t(.checkItem), t(.checkComputed), t(.checkStated), t(.findingDifference), t(.findingExplanation)],
                alignments: [.right, .left, .right, .right, .right, .left], rows: rows))))
        }
        heading(t(.assumptionsHeading), level: 1)
        if !assumptionIntro.isEmpty { items.append(.block(.paragraph(assumptionIntro))) }
        if !assumptions.isEmpty { items.append(.block(.list(assumptions))) }
        items.append(.block(.list(settingLines.map { "- " + $0 })))
        if !scenarioLines.isEmpty {
            items.append(.block(.paragraph([t(.scenariosIntro)])))
            items.append(.block(.list(scenarioLines.map { "- " + $0 })))
        }
        items.append(.pageBreak)
        // The appendix is not numbered: it is not a section of the report's argument.
        items.append(.heading(t(.appendixHeading), level: 1))
        items.append(.block(.paragraph([t(.inputsIntro)])))
        var rows: [[Table.Cell]] = [[.text(Self.baseName(notebook.name) + Self.fileExtension(notebook.name) + t(.inputScript)),
                                     .text(SHA256.hex(Array(notebook.text.utf8)))]]
        for (path, input) in session.inputs { rows.append([.text(path), .text(input.hash(in: session.files))]) }
        items.append(.block(.table(Table(headers: [t(.inputFile), t(.inputHash)], alignments: [.left, .left], rows: rows))))
    }

    /// A difference of rates in the report's words (`-0.88个百分点`), whatever language the checks ran in.
    func pointsInWords(_ difference: String) -> String {
        difference.hasSuffix(" pp") ? ReportText.percentagePoints.text(language, String(difference.dropLast(3))) : difference
    }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[dot...])
    }
}
