import OrderedCollections

/// What a statement printed, kept structured so a front end can render it its own way.
public enum Output: Sendable, Equatable {
    case none
    case value(Value)
    case check(CheckOutcome)
    case table(Table)
    case text(String)
    /// A what-if: the baseline value and the hypothetical one.
    case comparison(baseline: Value, hypothetical: Value)
    case compare(CompareReport)
    case progress(ProgressReport)
    /// `evaluate P`: a self-evaluation form scored and checked.
    case form(FormReport)
}

/// The result of one statement: its output as plain text (empty when it prints nothing), or its diagnostic.
public struct StatementResult: Sendable, Equatable {
    public var range: SourceRange
    public var output: Output
    public var text: String
    public var diagnostic: Diagnostic?
}

/// A running analysis: the budget model, the names bound in it, and the tally of checks.
///
/// A value type: every statement works on a copy and the session takes the copy only when the
/// statement succeeds, so a failed or interrupted statement leaves the session as it was.
public struct Session: Sendable {
    public internal(set) var model = BudgetModel()
    var bindings: [String: Binding] = [:]
    var scenarios: [String: [Change]] = [:]
    var declarations = Declarations()
    var failed: [String: Int] = [:]
    public private(set) var tally = CheckTally()
    /// The self-evaluation forms, scoring rules and step rules (Forms.swift).
    var formBook = FormBook()
    /// Polled during long evaluations; returning true stops the statement with "interrupted".
    public var interrupt: @Sendable () -> Bool = { false }
    /// Values given with `--set NAME=VALUE`, as typed: they override `param` defaults.
    public var parameters: [String: String] = [:]
    /// Report mode's language: `print` writes true and false as its words (是/否) and `seek` answers
    /// in it; nil in a notebook.
    public var reportLanguage: ReportLanguage?
    /// Which of `parameters` a `param` statement used: the others name no parameter.
    public private(set) var usedParameters: Set<String> = []
    /// Files read by `run` and `load`, by the path as written: a notebook records their hashes to tell
    /// changed inputs from changed logic.
    public internal(set) var inputs: OrderedDictionary<String, InputFile> = [:]
    /// Called as a `load` reads its file (about once per MiB), for a progress bar.
    public var loadProgress: (@Sendable (LoadProgress) -> Void)?
    /// Every file the session reads (`run`, `load`) and writes (`export`) goes through this: the
    /// disk unless a front end or a test gives another (Session+Files.swift).
    public var files: any FileSystem = LocalFileSystem()
    var runDepth = 0
    /// The language of messages: set by a front end (`--lang`, the locale, a notebook's record) and by `lang`.
    public var language: Language = .en
    /// How wide ambiguous characters are measured in tables: narrow unless a terminal front end says wide.
    public var ambiguousWidth: AmbiguousWidth = .narrow
    /// The scripts `run` is inside, outermost first, as named where they were run (the first: the
    /// top-level source), with their paths resolved: running one of them again is a cycle.
    var runStack: [(shown: String, path: String)] = []
    /// The first statement that failed in this script run: an `export` after it writes nothing
    /// (Session+Files.swift). A front end starts a run with `startScript()`.
    public internal(set) var firstFailure: FailedStatement?

    public init() {}

    /// Names known to the session, for completion and `:help`: projects, groups, bindings and indicators.
    public var names: [String] {
        declarations.names.sorted()
    }

    /// Parses and runs a whole source (a script, a `-c` string, a shell line).
    public mutating func run(_ file: SourceFile) -> [StatementResult] {
        var results: [StatementResult] = []
        let items = Language.$current.withValue(language) { Parser.parse(file) }
        for item in items {
            results.append(execute(item, in: file))
        }
        return results
    }

    public mutating func execute(_ item: ScriptItem, in file: SourceFile) -> StatementResult {
        Language.$current.withValue(language) {
            AmbiguousWidth.$current.withValue(ambiguousWidth) { executeInLanguage(item, in: file) }
        }
    }

    private mutating func executeInLanguage(_ item: ScriptItem, in file: SourceFile) -> StatementResult {
        switch item {
        case .broken(let d, let range, let declares):
            if let n = declares { failed[n.text] = file.line(of: n.range.start) }
            noteFailure(at: range, in: file)
            tally.errors += 1
            return StatementResult(range: range, output: .none, text: "", diagnostic: d)
        case .statement(let s):
            do {
                let output: Output
                if case .run = s.kind {
                    // A script may fail half-way: it runs on a copy, kept only when all of it worked.
                    var copy = self
                    output = try copy.perform(s, file: file)
                    self = copy
                } else {
                    // Every other statement checks everything before it changes anything, so it runs
                    // in place: no copy of the model per statement (a script of 30,000 `pay` lines
                    // would otherwise copy the payments 30,000 times).
                    output = try perform(s, file: file)
                }
                let text = render(output)
                if case .check(let c) = output { tally.record(c.status) }
                if case .form(let f) = output, f.whatIf == nil { for c in f.outcomes { tally.record(c.status) } }
                return StatementResult(range: s.range, output: output, text: text, diagnostic: nil)
            } catch {
                if let n = s.declaredName { failed[n.text] = file.line(of: n.range.start) }
                // A failed `export` changed nothing the statements after it compute from.
                if case .export = s.kind {} else { noteFailure(at: s.range, in: file) }
                if error.kind.isSkip { tally.skipped += 1 } else { tally.errors += 1 }
                return StatementResult(range: s.range, output: .none, text: "", diagnostic: error)
            }
        }
    }

    var evaluator: Evaluator {
        Evaluator(model: model, bindings: bindings, declarations: declarations, failed: failed, interrupt: interrupt, scenarios: scenarios, formBook: formBook)
    }

    /// A statement's output as text, measured with `ambiguous` in `language` (the shell's `:save`
    /// records narrow what it showed wide).
    public func text(of output: Output, ambiguous: AmbiguousWidth, language: Language) -> String {
        Language.$current.withValue(language) { AmbiguousWidth.$current.withValue(ambiguous) { render(output) } }
    }

    func render(_ output: Output) -> String {
        let f = ValueFormatter(unit: model.unit)
        switch output {
        case .none: return ""
        case .value(let v): return f.format(v, model: model)
        case .check(let c): return c.rendered
        case .table(let t): return t.render()
        case .text(let s): return s
        case .comparison(let a, let b):
            var line = "\(f.format(a, model: model)) → \(f.format(b, model: model))"
            if let d = f.difference(b, a) { line += "  (\(d))" }
            return line
        case .compare(let c): return c.table(model: model).render()
        case .progress(let p): return p.rendered
        case .form(let r): return r.rendered
        }
    }

    // MARK: Statements

    mutating func declare(_ n: Name, _ kind: Declaration.Kind, file: SourceFile) throws(Diagnostic) {
        if Parser.statementKeywords.contains(n.text) || Evaluator.attributes.contains(n.text) && kind != .binding {
            throw Diagnostic(.expected(L("a name"), found: L("the keyword `\(n.text)`")), n.range)
        }
        if let previous = declarations[n.text] {
            // Re-binding a `let` or an indicator is normal at a prompt; re-declaring data is a mistake.
            let rebinding = (previous.kind == .binding || previous.kind == .indicator) && (kind == .binding || kind == .indicator)
            if !rebinding {
                throw Diagnostic(.duplicateName(n.text, previousLine: previous.line ?? 0), n.range)
            }
        }
        declarations[n.text] = Declaration(kind: kind, line: file.line(of: n.range.start), file: file.name)
        failed[n.text] = nil
    }

    /// A `--set` value for a parameter: text stays text; anything else is read as a literal of the default's kind.
    static func parameterValue(_ raw: String, name: Name, default def: Value, evaluator ev: Evaluator) throws(Diagnostic) -> Value {
        if case .text = def { return .text(raw) }
        let src = SourceFile(name: "--set \(name.text)", text: raw)
        let items = Parser.parse(src)
        var parsed: Value?
        if items.count == 1, case .statement(let st) = items[0], case .expression(let e) = st.kind {
            parsed = try? ev.eval(e)
        }
        guard let v = parsed, v.kindName == def.kindName else {
            throw Diagnostic(.wrongArgumentType(function: "--set \(name.text)=\(raw)", argument: L("the value"), expected: def.kindName + " like the default", got: parsed?.kindName ?? "`\(raw)`"), name.range)
        }
        return v
    }

    static func word<T>(_ n: Name, _ make: (String) -> T?, field: String, allowed: [String]) throws(Diagnostic) -> T {
        guard let v = make(n.text) else {
            throw Diagnostic(.unknownValue(field: field, value: n.text, allowed: allowed), n.range)
        }
        return v
    }

    mutating func perform(_ s: Statement, file: SourceFile) throws(Diagnostic) -> Output {
        if interrupt() { throw Diagnostic(.interrupted, s.range) }
        // A fresh evaluator at each use: one held across a change of the model would make it copy.
        var ev: Evaluator { evaluator }
        switch s.kind {
        case .year(let e):
            let v = try ev.eval(e)
            guard case .number(let n) = v, n.isInteger, (1900...2200).contains(n.num) else {
                // Name what it got: `year 20` is a number, just not a year.
                let got = if case .number = v { "`\(file.slice(e.range))`" } else { v.kindName }
                throw Diagnostic(.wrongArgumentType(function: "year", argument: L("the fiscal year"), expected: L("a year such as 2020"), got: got), e.range)
            }
            model.year = Int(n.num)
            return .none
        case .param(let n, let e):
            // A parameter already bound (by an including notebook) keeps its value: defaults only fill gaps.
            if declarations[n.text]?.kind == .parameter { return .none }
            var v = try ev.eval(e)
            if let raw = parameters[n.text] {
                usedParameters.insert(n.text)
                v = try Session.parameterValue(raw, name: n, default: v, evaluator: ev)
            }
            try declare(n, .parameter, file: file)
            bindings[n.text] = .value(v, line: file.line(of: n.range.start))
            return .none
        case .run(let pathExpr):
            let got = try ev.eval(pathExpr)
            guard case .text(let path) = got else {
                throw Diagnostic(.wrongArgumentType(function: "run", argument: L("the path"), expected: L("text"), got: got.gotText), pathExpr.range)
            }
            return try runScript(path, from: file, at: pathExpr.range)
        case .unit(let u, let decimals):
            model.unit = u
            if let decimals { model.unitDecimals = decimals }
            return .none
        case .department(let n, let title):
            if let existing = model.department {
                throw Diagnostic(.duplicateName(n.text, previousLine: declarations[existing]?.line ?? 0), n.range)
            }
            try declare(n, .department, file: file)
            model.department = n.text
            model.departmentTitle = title
            model.groups[n.text] = GroupDefinition(name: n.text, predicate: nil, declaredLine: file.line(of: n.range.start))
            return .none
        case .project(let d):
            let p = try project(d, file: file)
            try declare(d.id, .project, file: file)
            model.projects[p.id] = p
            for e in [d.initial, d.budget].compactMap({ $0 }) + d.funds.map(\.amount) { noteStatedPlaces(e) }
            return .none
        case .adjust(let pn, let amount, let dateExpr, let note, let funds):
            let (i, fen, date) = try adjustment(pn, amount, dateExpr)
            let kind = try funds.map { n throws(Diagnostic) in try Session.fundKind(n) }
            model.projects.values[i].adjustments.append(BudgetAdjustment(date: date, fen: fen, note: note, kind: kind))
            noteStatedPlaces(amount)
            return .none
        case .pay(let pn, let amount, let whenExpr, _, let funds):
            let (i, fen, day) = try payment(pn, amount, whenExpr)
            let kind = try funds.map { n throws(Diagnostic) in try Session.fundKind(n) }
            model.payments.append(project: i, fen: fen, day: day)
            if let kind { model.kindPayments.append(KindPayment(project: i, kind: kind, fen: fen, day: day.dayNumber)) }
            noteStatedPlaces(amount)
            return .none
        case .received(let pn, let amount, let dateExpr, let funds):
            return try received(pn, amount, dateExpr, funds)
        case .income(let n, let amount, let source, let year):
            return try income(n, amount, source, year)
        case .group(let n, let e):
            // Evaluate once now so a bad definition fails here, not at its first use.
            _ = try ev.groupValue(try ev.eval(e), e.range, context: "group `\(n.text)`")
            try declare(n, .group, file: file)
            model.groups[n.text] = GroupDefinition(name: n.text, predicate: e, declaredLine: file.line(of: n.range.start))
            return .none
        case .total(let n, let fields):
            guard model.groups[n.text] != nil else {
                if model.projects[n.text] != nil {
                    throw Diagnostic(.wrongNameKind(n.text, wanted: L("a group or the department (a project's budget goes in its `project` statement)"), actual: L("a project")), n.range)
                }
                throw ev.unknownName(n.text, n.range, wanted: L("group"), among: { $0 == .group || $0 == .department })
            }
            return try total(n, fields)
        case .letBinding(let n, let e):
            let v = try ev.eval(e)
            try declare(n, .binding, file: file)
            bindings[n.text] = .value(v, line: file.line(of: n.range.start))
            return .none
        case .indicator(let n, let params, let body):
            var seen: Set<String> = []
            for p in params {
                guard seen.insert(p.text).inserted else { throw Diagnostic(.duplicateName(p.text, previousLine: file.line(of: p.range.start)), p.range) }
            }
            try declare(n, .indicator, file: file)
            bindings[n.text] = .indicator(parameters: params.map(\.text), body: body, line: file.line(of: n.range.start))
            return .none
        case .check(let c):
            return .check(try ev.check(c, file: file))
        case .table(let e, let columns):
            return .table(try ev.table(e, columns: columns))
        case .print(let items):
            let f = ValueFormatter(unit: model.unit)
            var parts: [String] = []
            for item in items {
                let v = try ev.displayable(try ev.eval(item), item.range)
                if case .bool(let b) = v, let language = reportLanguage { parts.append((b ? ReportText.yes : .no).text(language)); continue }
                parts.append(f.format(v, model: model, places: ev.shownPlaces(item)))
            }
            return .text(parts.joined(separator: " "))
        case .expression(let e):
            if case .whatIf(let inner, _) = e.kind {
                return .comparison(baseline: try ev.displayable(try ev.eval(inner), inner.range), hypothetical: try ev.displayable(try ev.eval(e), e.range))
            }
            let v = try ev.displayable(try ev.eval(e), e.range)
            // `round(x, 3)` shows its 3 decimals, whatever the unit's.
            if let places = ev.shownPlaces(e) { return .text(ValueFormatter(unit: model.unit).format(v, model: model, places: places)) }
            return .value(v)
        case .scenario(let n, let changes):
            // Build it once now, so a change naming something unknown fails here.
            _ = try ev.scenario(for: changes)
            try declare(n, .scenario, file: file)
            scenarios[n.text] = changes
            return .none
        case .compare(let exprs, let names):
            return .compare(try ev.compare(exprs, names, file: file))
        case .seek(let seek):
            let answer = try ev.seek(seek, file: file)
            return .text(reportLanguage.map { answer.text($0) } ?? answer.text)
        case .progress(let g, let byMonth, let lag):
            return .progress(try ev.progress(g, byMonth: byMonth, lag: lag))
        case .schedule(let c):
            model.schedule = c
            return .none
        case .lang(let l):
            language = l
            return .none
        case .load(let st):
            return try load(st, file: file, evaluator: ev)
        case .export(let g, let columns, let pathExpr, let replace):
            return try export(g, columns: columns, pathExpr: pathExpr, replace: replace, file: file)
        case .form(let f):
            return try performForm(f, file: file)
        }
    }

    /// A `project` statement's project, checked; the evaluator it needs is gone when it returns, so
    /// adding the project does not copy the session's projects.
    func project(_ d: ProjectDecl, file: SourceFile) throws(Diagnostic) -> Project {
            var p = Project(id: d.id.text, title: d.title)
            if let src = d.source {
                p.source = try Session.word(src, { FundingSource($0) }, field: FundingSource.vocabulary.field, allowed: FundingSource.vocabulary.hint)
            }
            if let c = d.category {
                p.category = try Session.word(c, { Category($0) }, field: Category.vocabulary.field, allowed: Category.vocabulary.hint)
            }
            if let g = d.grade {
                p.grade = try Session.word(g, { Grade($0) }, field: Grade.vocabulary.field, allowed: Grade.vocabulary.hint)
            }
            try statedBudgets(d, into: &p)
            try Session.refuseNegativeBudgets(d, p)
            p.tags = d.tags.map(\.text)
            p.reason = d.reason
            p.declaredLine = file.line(of: d.id.range.start)
            return p
    }

    /// A stated budget cannot be negative: a cut is an adjustment (issue 11).
    static func refuseNegativeBudgets(_ d: ProjectDecl, _ p: Project) throws(Diagnostic) {
        func refuse(_ e: Expr) -> Diagnostic {
            Diagnostic(.negativeMoney(L("a budget cannot be negative"), hint: L("state the budget as approved (年初预算); a cut is `adjust \(d.id.text) 调减 AMOUNT on DATE`")), e.range)
        }
        if let e = d.initial ?? d.budget, (p.initialFen ?? 0) < 0 { throw refuse(e) }
        if let e = d.budget, (p.fullYearFen ?? 0) < 0 { throw refuse(e) }
        for f in d.funds {
            if let kind = try? Session.fundKind(f.kind), (p.budgetByKind[kind] ?? 0) < 0 { throw refuse(f.amount) }
        }
    }

    /// A `pay` statement's project, amount and day, checked.
    func payment(_ pn: Name, _ amount: Expr, _ whenExpr: Expr) throws(Diagnostic) -> (Int, Int64, CivilDate) {
        let ev = evaluator
        let i = try ev.projectIndex(pn)
        let fen = try ev.amountFen(amount)
        if fen < 0 {
            throw Diagnostic(.negativeMoney(L("a payment cannot be negative"), hint: L("a payment is an amount paid out; correct the payment it reverses instead")), amount.range)
        }
        switch try ev.eval(whenExpr) {
        case .date(let d): return (i, fen, d)
        case .period(let p): return (i, fen, p.last)
        case .number(let n) where n.isInteger && (1900...2200).contains(n.num): return (i, fen, Period.year(Int(n.num)).last)
        case let v:
            throw Diagnostic(.wrongArgumentType(function: "pay", argument: L("the date"), expected: L("a date (`on 2020-12-20`), a month, a quarter (`in Q4`) or a year"), got: v.kindName), whenExpr.range)
        }
    }

    /// An `adjust` statement's project, amount and date, checked.
    func adjustment(_ pn: Name, _ amount: Expr, _ dateExpr: Expr) throws(Diagnostic) -> (Int, Int64, CivilDate) {
        let ev = evaluator
        let i = try ev.projectIndex(pn)
        let fen = try ev.amountFen(amount)
        // A cut may take the budget to zero, not below (adjustments in any order add up the same).
        let p = model.projects.values[i]
        let after = p.adjustments.reduce(Int128(p.initialFen ?? 0)) { $0 + Int128($1.fen) } + Int128(fen)
        if after < 0 {
            let f = ValueFormatter(unit: model.unit)
            func money(_ fen: Int128) -> String { (try? Rational(fen, 1)).map { f.money($0) } ?? "\(fen) 分" }
            throw Diagnostic(.negativeMoney(L("the adjustment takes the budget of `\(pn.text)` below zero (to \(money(after)))"), hint: L("调减 at most the budget so far, \(money(after - Int128(fen)))")), amount.range)
        }
        let when = try ev.eval(dateExpr)
        guard case .date(let date) = when else {
            throw Diagnostic(.wrongArgumentType(function: "adjust", argument: "`on`", expected: L("a date such as 2020-09-30"), got: when.kindName), dateExpr.range)
        }
        return (i, fen, date)
    }
}

/// Counts over a run, for its closing line and exit status.
public struct CheckTally: Sendable, Equatable {
    public var passed = 0
    /// Failed checks marked as known findings of the report: expected, they do not fail a run.
    public var findings = 0
    public var failed = 0
    public var errors = 0
    public var skipped = 0

    mutating func record(_ s: CheckOutcome.Status) {
        switch s {
        case .passed: passed += 1
        case .knownFinding: findings += 1
        case .failed, .findingHolds: failed += 1
        }
    }

    public var isSuccess: Bool { failed == 0 && errors == 0 && skipped == 0 }
    public var hasChecks: Bool { passed + findings + failed > 0 }
}
