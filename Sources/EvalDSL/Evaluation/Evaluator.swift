import OrderedCollections

/// A name bound by `let` or `indicator`.
enum Binding: Sendable {
    case value(Value, line: Int?)
    case indicator(parameters: [String], body: Expr, line: Int?)
}

/// What a declared name is, for duplicate checks, suggestions and "not run" reports.
struct Declaration: Sendable {
    enum Kind: String, Sendable {
        case project, group, department, binding = "let binding", indicator, parameter, scenario

        /// The kind as a message names it (`a group`).
        var described: String {
            switch self {
            case .project: L("a project")
            case .group: L("a group")
            case .department: L("a department")
            case .binding: L("a let binding")
            case .indicator: L("an indicator")
            case .parameter: L("a parameter")
            case .scenario: L("a scenario")
            }
        }
    }
    var kind: Kind
    var line: Int?
    /// The source it was declared in: a suggestion names it when the error is in another one.
    var file: String?
}

/// Evaluates expressions against a model. Pure: it reads the session, changes nothing.
struct Evaluator {
    let model: BudgetModel
    let bindings: [String: Binding]
    let declarations: Declarations
    /// Names whose declaring statement failed, with its line: uses of them are skipped, not errors.
    let failed: [String: Int]
    let interrupt: @Sendable () -> Bool
    /// Named scenarios: their changes, applied when used.
    var scenarios: [String: [Change]] = [:]
    /// The session's forms and scoring rules: `score`, `grade` and `points` read them.
    var formBook = FormBook()
    /// The hypothetical changes in force (empty: the baseline).
    var scenario = Scenario()
    var locals: [String: Value] = [:]
    /// Inside `where`: the project whose attributes bare names like `source` refer to.
    var member: Int?
    var depth = 0
    /// The indicators being called, outermost first: a call of one of them again is a cycle.
    var callStack: [String] = []
    /// Shared with every copy made while evaluating one statement.
    var state = EvaluationState()

    /// A project's attributes that a `where` condition names bare (`source = 本级`).
    /// ORDER ATTRIBUTES: `attribute(_:of:)` reads them; `Vocabulary.byAttribute` holds the value words
    /// of those that take some; `attributeTitles` (Table.swift) and the shell's `tableColumns` list them as columns.
    static let attributes: Set<String> = ["source", "category", "grade", "id", "name"]

    // MARK: Helpers

    func checked<T>(_ range: SourceRange, _ body: () throws(Rational.Overflow) -> T) throws(Diagnostic) -> T {
        do { return try body() } catch { throw Diagnostic(.overflow, range) }
    }

    func rational(_ text: String, _ range: SourceRange) throws(Diagnostic) -> Rational {
        guard let r = Rational(decimal: Substring(text)) else {
            throw Diagnostic(.invalidLiteral(text, expected: L("a number that fits in 38 digits")), range)
        }
        return r
    }

    /// |a| < |b|, without a magnitude that may not fit (that of the most negative numerator).
    static func smallerInMagnitude(_ a: Rational, _ b: Rational) -> Bool {
        let ma = a.isNegative ? try? a.negated() : a
        let mb = b.isNegative ? try? b.negated() : b
        switch (ma, mb) {
        case let (x?, y?): return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        case (nil, nil): return a.den > b.den
        }
    }

    /// A number literal (possibly negated) written without a unit: next to money it means the default unit.
    static func isBareNumber(_ e: Expr) -> Bool {
        switch e.kind {
        case .number: true
        case .negate(let inner): isBareNumber(inner)
        default: false
        }
    }

    func moneyFromNumber(_ n: Rational, _ range: SourceRange) throws(Diagnostic) -> Value {
        .money(try checked(range) { () throws(Rational.Overflow) in try n.multiplied(by: Rational(model.unit.fen, 1)) })
    }

    /// Evaluates an amount in a declaration: money, or a bare number in the default unit; whole fen only.
    func amountFen(_ e: Expr) throws(Diagnostic) -> Int64 {
        let v = try eval(e)
        let fen: Rational
        switch v {
        case .money(let m): fen = m
        case .number(let n): if case .money(let m) = try moneyFromNumber(n, e.range) { fen = m } else { fen = .zero }
        case .undefined: throw Diagnostic(.undefinedValue(L("the amount")), e.range)
        default: throw Diagnostic(.wrongArgumentType(function: L("the statement"), argument: L("the amount"), expected: L("an amount (e.g. `12.5` or `885600元`)"), got: v.kindName), e.range)
        }
        guard fen.isInteger else { throw Diagnostic(.fractionOfFen(String(model_text(e))), e.range) }
        guard let i = Int64(exactly: fen.num) else { throw Diagnostic(.overflow, e.range) }
        return i
    }

    private func model_text(_ e: Expr) -> String {
        switch e.kind {
        case .number(let s): s
        case .money(let s, let u): s + u.rawValue
        default: L("the amount")
        }
    }

    func unknownName(_ n: String, _ range: SourceRange, wanted: String, among filter: (Declaration.Kind) -> Bool = { _ in true }) -> Diagnostic {
        if let line = failed[n] { return Diagnostic(.dependsOnFailed(n, line: line), range) }
        var candidates = declarations.names(where: filter)
        candidates += locals.keys
        let s = nearest(n, in: candidates)
        return Diagnostic(.unknownName(n, wanted: wanted, suggestion: s.map { .init(name: $0, line: declarations[$0]?.line, file: declarations[$0]?.file) }), range)
    }

    func projectIndex(_ n: Name) throws(Diagnostic) -> Int {
        if let i = model.projects.index(forKey: n.text) { return i }
        if let d = declarations[n.text] {
            throw Diagnostic(.wrongNameKind(n.text, wanted: L("a project"), actual: d.kind.described), n.range)
        }
        throw unknownName(n.text, n.range, wanted: L("project"), among: { $0 == .project })
    }

    /// `v`, when it can be shown: a value whose digits do not fit the display is an overflow at
    /// `range`, never the word "overflow" printed as a result.
    func displayable(_ v: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        switch v {
        case .number(let n): _ = try checked(range) { () throws(Rational.Overflow) in try n.rounded(places: 6) }
        case .money(let m):
            let unit = Rational(uncheckedNum: model.unit.fen, den: 1)
            _ = try checked(range) { () throws(Rational.Overflow) in try m.divided(by: unit)?.rounded(places: 2) }
        case .rate(let r): _ = try checked(range) { () throws(Rational.Overflow) in try r.multiplied(by: Rational(100)).rounded(places: 2) }
        case .bool, .text, .date, .period, .project, .group, .undefined: break
        }
        return v
    }

    // MARK: Expressions

    func eval(_ e: Expr) throws(Diagnostic) -> Value {
        try step(e.range)
        state.depth += 1
        defer { state.depth -= 1 }
        switch e.kind {
        case .number(let s): return try numericLiteral(s, .plain, e.range)
        case .money(let s, let u): return try numericLiteral(s, .money(u), e.range)
        case .percent(let s): return try numericLiteral(s, .percent, e.range)
        case .date(let d): return .date(d)
        case .month(let y, let m): return .period(.month(year: y, month: m))
        case .quarter(let y, let q):
            guard let year = y ?? model.year else { throw Diagnostic(.noFiscalYear, e.range) }
            return .period(.quarter(year: year, quarter: q))
        case .string(let s): return .text(try interpolate(s, e.range))
        case .bool(let b): return .bool(b)
        case .undefined: return .undefined("undefined")
        case .name(let n): return try lookup(n, e.range)
        case .allProjects: return .group(GroupValue(members: Array(model.projects.values.indices), name: nil, cacheKey: "*all*"))
        case .call(let callee, let args): return try call(callee, args, e.range)
        case .negate(let inner): return try negated(try eval(inner), e.range)
        case .not(let inner):
            let v = try eval(inner)
            switch v {
            case .bool(let b): return .bool(!b)
            case .undefined: return v
            default: throw Diagnostic(.notABoolean(got: v.kindName), inner.range)
            }
        case .binary(let op, let l, let r): return try binary(op, l, r, e.range)
        case .chain(let first, let steps): return try chain(first, steps)
        case .filter(let base, let predicate):
            let g = try groupValue(try eval(base), base.range, context: "`where`")
            return .group(GroupValue(members: try filterMembers(g.members, predicate), name: nil))
        case .tag(let t):
            guard let m = member else {
                throw Diagnostic(.expected(L("`tag` inside a `where` condition"), found: L("`tag` outside one")), e.range)
            }
            return .bool(model.projects.values[m].tags.contains(t))
        case .comprehension:
            throw Diagnostic(.expected(L("a value"), found: L("a `for` list outside sum, count, min, max or avg")), e.range)
        case .whatIf(let inner, let changes):
            var sub = self
            sub.scenario = try scenario(for: changes)
            return try sub.eval(inner)
        }
    }

    /// What follows the digits of a numeric literal.
    enum NumericSuffix { case plain, percent, money(MoneyUnit) }

    /// A number, money or percent literal.
    func numericLiteral(_ s: String, _ suffix: NumericSuffix, _ range: SourceRange) throws(Diagnostic) -> Value {
        switch suffix {
        case .plain:
            if let v = state.literal(s, "") { return v }
            return state.remember(.number(try rational(s, range)), for: s, "")
        case .money(let u):
            if let v = state.literal(s, u.rawValue) { return v }
            let r = try rational(s, range)
            return state.remember(.money(try checked(range) { () throws(Rational.Overflow) in try r.multiplied(by: Rational(u.fen, 1)) }), for: s, u.rawValue)
        case .percent:
            if let v = state.literal(s, "%") { return v }
            let r = try rational(s, range)
            return state.remember(.rate(try checked(range) { () throws(Rational.Overflow) in try r.multiplied(by: Rational(1, 100)) }), for: s, "%")
        }
    }

    /// `-v`.
    func negated(_ v: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        switch v {
        case .number(let n): return .number(try checked(range) { () throws(Rational.Overflow) in try n.negated() })
        case .money(let n): return .money(try checked(range) { () throws(Rational.Overflow) in try n.negated() })
        case .rate(let n): return .rate(try checked(range) { () throws(Rational.Overflow) in try n.negated() })
        case .undefined: return v
        default: throw Diagnostic(.wrongArgumentType(function: "-", argument: L("its operand"), expected: L("a number, money or a rate"), got: v.kindName), range)
        }
    }

    /// `"data/{year}/payments.csv"`: each `{EXPR}` is replaced by its value as `print` shows it;
    /// `{{` and `}}` stand for braces.
    func interpolate(_ s: String, _ range: SourceRange) throws(Diagnostic) -> String {
        guard s.includes("{") || s.includes("}") else { return s }
        var out = ""
        var i = s.startIndex
        let f = ValueFormatter(unit: model.unit)
        while i < s.endIndex {
            let ch = s[i]
            let next = s.index(after: i)
            if ch == "{", next < s.endIndex, s[next] == "{" { out.append("{"); i = s.index(after: next); continue }
            if ch == "}", next < s.endIndex, s[next] == "}" { out.append("}"); i = s.index(after: next); continue }
            if ch == "{" {
                guard let close = s[next...].firstIndex(of: "}") else {
                    throw Diagnostic(.invalidLiteral(s, expected: L("`}` to close `{` in the string (write `{{` for a brace)")), range)
                }
                let inner = SourceFile(name: "string", text: String(s[next..<close]))
                let items = Parser.parse(inner)
                guard items.count == 1, case .statement(let st) = items[0], case .expression(let e) = st.kind else {
                    throw Diagnostic(.invalidLiteral("{\(inner.text)}", expected: L("an expression inside `{…}`")), range)
                }
                do {
                    out += f.format(try eval(e), model: model)
                } catch {
                    // The inner positions are relative to the braces: report at the string.
                    throw Diagnostic(error.kind, range, notes: error.notes)
                }
                i = s.index(after: close)
                continue
            }
            out.append(ch)
            i = next
        }
        return out
    }

    func filterMembers(_ members: [Int], _ predicate: Expr) throws(Diagnostic) -> [Int] {
        try validateValueWords(predicate)
        var kept: [Int] = []
        // Resolved once for the loop (ProjectLoop.swift), `it` a slot rebound per member.
        var loop = ProjectLoop(self, variable: "it", inWhere: true, condition: predicate, body: nil)
        let test = loop.condition!
        for (k, m) in members.enumerated() {
            if k & 1023 == 1023, interrupt() { throw Diagnostic(.interrupted, predicate.range) }
            loop.bind(m)
            switch try loop.run(test) {
            case .bool(true): kept.append(m)
            case .bool(false), .undefined: break
            case let other: throw Diagnostic(.notABoolean(got: other.kindName), predicate.range)
            }
        }
        return kept
    }

    /// Checks `source = 本机`-style typos before any project is looked at, so a condition over an
    /// empty group fails the same way as over a full one.
    func validateValueWords(_ e: Expr) throws(Diagnostic) {
        switch e.kind {
        case .binary(let op, let l, let r):
            if op.isComparison, case .name(let attr) = l.kind, locals[attr] == nil, Evaluator.attributes.contains(attr) {
                switch r.kind {
                case .name(let word) where locals[word] == nil: _ = try canonical(attr, word, r.range)
                case .string(let word): _ = try canonical(attr, word, r.range)
                default: break
                }
            }
            try validateValueWords(l)
            try validateValueWords(r)
        case .not(let inner), .negate(let inner): try validateValueWords(inner)
        default: break
        }
    }

    func lookup(_ n: String, _ range: SourceRange) throws(Diagnostic) -> Value {
        if let v = locals[n] { return v }
        if let m = member, Evaluator.attributes.contains(n) { return attribute(n, of: m) }
        switch bindings[n] {
        case .value(let v, _)?: return v
        case .indicator(let params, let body, _)?:
            guard params.isEmpty else {
                throw Diagnostic(.argumentCount(function: n, expected: params.count == 1 ? L("\(params.count) argument (\(params.joined(separator: ", ")))") : L("\(params.count) arguments (\(params.joined(separator: ", ")))"), got: 0), range)
            }
            return try callIndicator(n, params: params, body: body, args: [], range)
        case nil: break
        }
        if let i = model.projects.index(forKey: n) { return .project(i) }
        if model.groups[n] != nil { return .group(try namedGroup(n, range)) }
        throw unknownName(n, range, wanted: L("name"))
    }

    /// ORDER ATTRIBUTES (see `attributes`).
    func attribute(_ a: String, of m: Int) -> Value {
        Evaluator.attribute(a, of: model.projects.values, m)
    }

    /// Attribute `a` of project `m` of `projects`, each field read in place: passing the `Project`
    /// itself would copy it, retaining and releasing every one of its fields, once a member of a `where`.
    @inline(__always)
    static func attribute(_ a: String, of projects: OrderedDictionary<String, Project>.Values, _ m: Int) -> Value {
        switch a {
        case "source": return .text(projects[m].source?.name ?? "")
        case "category": return .text(projects[m].category?.rawValue ?? "")
        case "grade": return .text(projects[m].grade?.rawValue ?? "")
        case "id": return .text(projects[m].id)
        default: return .text(projects[m].title ?? projects[m].id)
        }
    }

    /// The members of a named group (or the department), with its name so stated totals apply.
    func namedGroup(_ n: String, _ range: SourceRange) throws(Diagnostic) -> GroupValue {
        guard let def = model.groups[n] else { throw unknownName(n, range, wanted: L("group"), among: { $0 == .group || $0 == .department }) }
        guard let predicate = def.predicate else {
            return GroupValue(members: Array(model.projects.values.indices), name: n, cacheKey: "*all*")
        }
        guard depth < 32 else { throw Diagnostic(.recursion(n), range) }
        // Membership by the projects' own attributes is the same until the model changes: reuse it.
        let cacheable = isStatic(predicate, depth: 0)
        if cacheable, let members = model.cache.groupMembers(n) {
            return GroupValue(members: members, name: n, cacheKey: "group " + n)
        }
        var sub = self
        sub.depth += 1
        sub.locals = [:]
        sub.member = nil
        if cacheable { sub.scenario = Scenario() }
        do {
            let g = try sub.groupValue(try sub.eval(predicate), range, context: "group `\(n)`")
            if cacheable { model.cache.setGroupMembers(n, g.members) }
            return GroupValue(members: g.members, name: n, cacheKey: cacheable ? "group " + n : nil)
        } catch {
            // The definition may live in another file (a loaded script): report at the use, explain in a note.
            if error.kind.isSkip { throw Diagnostic(error.kind, range) }
            throw Diagnostic(error.kind, range, notes: [DiagnosticNote(message: L("while computing the members of group `\(n)` declared at line \(def.declaredLine ?? 0)"), range: nil)])
        }
    }

    /// Whether a group's definition depends only on the projects' attributes and tags (not on
    /// payments, budgets, bindings or a scenario), so its members can be cached with the model.
    func isStatic(_ e: Expr, depth: Int) -> Bool {
        guard depth < 32 else { return false }
        switch e.kind {
        case .allProjects, .tag, .bool: return true
        case .name(let n):
            guard let def = model.groups[n] else { return false }
            return def.predicate.map { isStatic($0, depth: depth + 1) } ?? true
        case .filter(let base, let p): return isStatic(base, depth: depth + 1) && isStaticCondition(p)
        default: return false
        }
    }

    func isStaticCondition(_ e: Expr) -> Bool {
        switch e.kind {
        case .bool, .tag: return true
        case .not(let inner): return isStaticCondition(inner)
        case .binary(.and, let l, let r), .binary(.or, let l, let r): return isStaticCondition(l) && isStaticCondition(r)
        case .binary(let op, let l, let r) where op.isComparison:
            guard case .name(let attr) = l.kind, Evaluator.attributes.contains(attr) else { return false }
            switch r.kind {
            case .name(let word): return bindings[word] == nil
            case .string, .number: return true
            default: return false
            }
        default: return false
        }
    }

    func groupValue(_ v: Value, _ range: SourceRange, context: String) throws(Diagnostic) -> GroupValue {
        switch v {
        case .group(let g): return g
        case .project(let p): return GroupValue(members: [p], name: nil)
        default:
            // The message quotes the context itself: a context written with quotes (`where`) would show them twice.
            throw Diagnostic(.wrongArgumentType(function: context.replacingOccurrences(of: "`", with: ""), argument: L("its subject"), expected: L("a group of projects"), got: v.kindName), range)
        }
    }

    // MARK: Indicators

    /// Within a statement an indicator called again with the same arguments (under the same
    /// scenario) is not computed again: a chain of indicators each using the one before twice
    /// would otherwise take 2ⁿ calls.
    func callIndicator(_ n: String, params: [String], body: Expr, args: [Value], _ range: SourceRange) throws(Diagnostic) -> Value {
        if let at = callStack.firstIndex(of: n) {
            let what = callStack.count - at == 1 ? L("indicator `\(n)` calls itself") : L("indicator `\(n)` calls itself through other indicators")
            throw Diagnostic(.cycle(what, path: callStack[at...] + [n]), range)
        }
        guard callStack.count < Evaluator.maxCallDepth else {
            let path = callStack + [n]
            let shown = path.count > 6 ? path.prefix(3) + ["…"] + path.suffix(3) : path[...]
            throw Diagnostic(.limitExceeded(L("indicators call indicators more than \(Evaluator.maxCallDepth) deep: \(shown.joined(separator: " → "))"), hint: L("compute a part once with `let` and use the name")), range)
        }
        if interrupt() { throw Diagnostic(.interrupted, range) }
        let key = Evaluator.callKey(n, args)
        if let key, let v = state.cached(key, under: scenario) { return v }
        var sub = self
        sub.depth += 1
        sub.callStack.append(n)
        sub.member = nil
        sub.locals = Dictionary(uniqueKeysWithValues: zip(params, args))
        do {
            let v = try sub.eval(body)
            if let key { state.store(v, for: key, under: scenario) }
            return v
        } catch {
            if error.kind.isSkip || error.kind == .interrupted { throw Diagnostic(error.kind, range) }
            switch error.kind {
            case .recursion, .cycle, .limitExceeded: throw Diagnostic(error.kind, range)
            default: break
            }
            throw Diagnostic(error.kind, range, notes: [DiagnosticNote(message: L("inside indicator `\(n)`"), range: nil)] + error.notes)
        }
    }
}
