/// Parses a script into statements, one per logical line.
///
/// A syntax error ends only its own statement: the parser reports it and goes on with the next
/// line, so a script shows all its syntax errors at once and the rest still runs.
public enum Parser {
    public static func parse(_ source: SourceFile) -> [ScriptItem] {
        let (tokens, lexErrors) = Lexer.tokenize(source)
        var items: [ScriptItem] = []
        var lineStart = 0
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .newline || t.kind == .end {
                let line = Array(tokens[lineStart..<i])
                if !line.isEmpty {
                    let range = SourceRange(line.first!.range.start, line.last!.range.end)
                    // A lexical error inside this line wins: its message is the precise one.
                    if let lexError = lexErrors.first(where: { $0.range.start >= range.start && $0.range.start < max(range.end, range.start + 1) }) {
                        items.append(.broken(lexError, range: range, declares: guessDeclaredName(line)))
                    } else {
                        var p = LineParser(tokens: line, end: t)
                        do {
                            let s = try p.statement()
                            items.append(.statement(s))
                        } catch {
                            items.append(.broken(error, range: range, declares: guessDeclaredName(line)))
                        }
                    }
                }
                lineStart = i + 1
                if t.kind == .end { break }
            }
            i += 1
        }
        return items
    }

    /// Whether `text` is a whole statement, or still has an open bracket or string
    /// (the shell then asks for a continuation line).
    public static func isComplete(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var inComment = false
        for ch in text.unicodeScalars {
            if inComment { if ch == "\n" { inComment = false }; continue }
            if inString {
                // A string ends at the end of its line (the lexer reports it unclosed there).
                if ch == "\n" { inString = false; escaped = false; continue }
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" || ch == "\u{201D}" { inString = false }
                continue
            }
            switch ch {
            case "#": inComment = true
            case "\"", "\u{201C}": inString = true
            case "(", "[", "{", "（": depth += 1
            case ")", "]", "}", "）": depth = max(0, depth - 1)
            default: break
            }
        }
        if text.hasSuffix("\\") { return false }
        // An open string on the last line is an error to report now, not a reason to wait.
        return depth == 0
    }

    static func guessDeclaredName(_ line: [Token]) -> Name? {
        guard line.count >= 2, case .identifier(let kw) = line[0].kind,
              ["let", "project", "group", "indicator", "department", "param"].contains(kw),
              let n = { () -> String? in
                  switch line[1].kind {
                  case .identifier(let n), .quotedName(let n): return n
                  default: return nil
                  }
              }() else { return nil }
        return Name(text: n, range: line[1].range)
    }

    public static let statementKeywords = ["year", "unit", "param", "run", "load", "export", "department", "project", "adjust", "pay", "group", "total", "let", "indicator", "check", "table", "print", "scenario", "compare", "seek", "progress", "schedule"]
    /// Words that can never be names.
    public static let reservedWords: Set<String> = ["and", "or", "not", "where", "for", "in", "if", "under", "projects", "true", "false", "undefined", "tag", "on", "within", "finding", "columns", "as", "across", "until", "rest", "pays", "moves", "cancels", "adjusts"]
}

/// Parses the tokens of one statement.
struct LineParser {
    let tokens: [Token]
    let endToken: Token
    var i = 0
    /// Off while parsing the group of a `for … in G if C` list, whose `if` is the list's filter.
    var allowWhatIf = true

    init(tokens: [Token], end: Token) {
        self.tokens = tokens
        self.endToken = end
    }

    var current: Token { i < tokens.count ? tokens[i] : Token(kind: .newline, range: SourceRange(endToken.range.start, endToken.range.start)) }
    var atEnd: Bool { i >= tokens.count }

    mutating func advance() -> Token {
        let t = current
        i += 1
        return t
    }

    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let s) = current.kind { return s == word }
        return false
    }

    func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = current.kind { return x == s }
        return false
    }

    mutating func accept(_ word: String) -> Bool {
        if isKeyword(word) { i += 1; return true }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if isSymbol(s) { i += 1; return true }
        return false
    }

    func error(_ what: String) -> Diagnostic {
        Diagnostic(.expected(what, found: current.summary), current.range)
    }

    mutating func expectSymbol(_ s: String, _ what: String? = nil) throws(Diagnostic) {
        guard acceptSymbol(s) else { throw error(what ?? "`\(s)`") }
    }

    mutating func expectKeyword(_ word: String) throws(Diagnostic) {
        guard accept(word) else { throw error("`\(word)`") }
    }

    /// NAME, not a reserved word.
    mutating func name(_ what: String) throws(Diagnostic) -> Name {
        if case .quotedName(let s) = current.kind {
            let t = advance()
            return Name(text: s, range: t.range)
        }
        guard case .identifier(let s) = current.kind else { throw error(what) }
        if Parser.reservedWords.contains(s) {
            throw Diagnostic(.expected(what, found: "the reserved word `\(s)`"), current.range)
        }
        let t = advance()
        return Name(text: s, range: t.range)
    }

    /// A value word such as a funding source (`本级`) or a tag: a name or a string.
    mutating func valueWord(_ what: String) throws(Diagnostic) -> Name {
        switch current.kind {
        case .identifier(let s), .quotedName(let s):
            let t = advance()
            return Name(text: s, range: t.range)
        case .string(let s):
            let t = advance()
            return Name(text: s, range: t.range)
        default:
            throw error(what)
        }
    }

    mutating func optionalString() -> String? {
        if case .string(let s) = current.kind { i += 1; return s }
        return nil
    }

    mutating func endOfStatement() throws(Diagnostic) {
        guard atEnd else { throw error("end of line") }
    }

    // statement := keyword-statement | expr
    mutating func statement() throws(Diagnostic) -> Statement {
        let start = current.range.start
        let kind = try statementKind()
        try endOfStatement()
        let end = tokens.last?.range.end ?? start
        return Statement(kind: kind, range: SourceRange(start, end))
    }

    mutating func statementKind() throws(Diagnostic) -> Statement.Kind {
        guard case .identifier(let word) = current.kind else {
            return .expression(try expression())
        }
        // A keyword only starts a statement when the next token does not make it an expression (`year` alone could be a name).
        switch word {
        case "year":
            _ = advance()
            if atEnd { throw error("a fiscal year such as `2020`") }
            return .year(try additive())
        case "param":
            _ = advance()
            let n = try name("a parameter name")
            try expectSymbol("=", "`=` and the default value")
            return .param(n, try expression())
        case "run":
            _ = advance()
            guard case .string = current.kind else { throw error("the script's path in quotes") }
            return .run(try primary())
        case "unit":
            _ = advance()
            guard case .identifier(let u) = current.kind, let unit = MoneyUnit(rawValue: u) ?? ["yuan": .yuan, "wan": .wan][u] else {
                throw error("`万元` or `元`")
            }
            _ = advance()
            return .unit(unit)
        case "department":
            _ = advance()
            let n = try name("a department name")
            return .department(n, title: optionalString())
        case "project":
            _ = advance()
            return .project(try projectDecl())
        case "adjust":
            _ = advance()
            let p = try name("a project name")
            // 追加 (increase) and 调减 (decrease) may be written before the amount.
            var sign = 1
            if accept("追加") || accept("increase") { sign = 1 } else if accept("调减") || accept("decrease") { sign = -1 }
            var amount = try additive()
            if sign < 0 { amount = Expr(.negate(amount), amount.range) }
            try expectKeyword("on")
            let date = try primary()
            return .adjust(project: p, amount: amount, date: date, note: optionalString())
        case "pay":
            _ = advance()
            let p = try name("a project name")
            let amount = try additive()
            let when: Expr
            if accept("on") || accept("in") {
                when = try primary()
            } else {
                throw error("`on DATE` or `in PERIOD` after the amount")
            }
            return .pay(project: p, amount: amount, when: when, note: optionalString())
        case "group":
            _ = advance()
            let n = try name("a group name")
            try expectSymbol("=", "`=` and the projects of the group")
            return .group(n, try expression())
        case "total":
            _ = advance()
            let n = try name("a group or department name")
            var fields: [(TotalField, Expr)] = []
            while case .identifier(let f) = current.kind {
                guard let field = TotalField(rawValue: f) else {
                    throw error("one of \(TotalField.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))")
                }
                if fields.contains(where: { $0.0 == field }) { throw Diagnostic(.duplicateClause(f), current.range) }
                _ = advance()
                fields.append((field, try additive()))
            }
            if fields.isEmpty { throw error("a figure: `initial`, `budget`, `paid` or `carryover`") }
            return .total(n, fields)
        case "let":
            _ = advance()
            let n = try name("a name to bind")
            try expectSymbol("=")
            return .letBinding(n, try expression())
        case "indicator":
            _ = advance()
            let n = try name("an indicator name")
            var params: [Name] = []
            if acceptSymbol("(") {
                if !isSymbol(")") {
                    repeat { params.append(try name("a parameter name")) } while acceptSymbol(",")
                }
                try expectSymbol(")")
            }
            try expectSymbol("=")
            return .indicator(n, parameters: params, body: try expression())
        case "check":
            _ = advance()
            return .check(try checkDecl())
        case "table":
            _ = advance()
            let g = try expression()
            var columns: [TableColumn] = []
            if accept("columns") { columns = try tableColumns() }
            return .table(g, columns: columns)
        case "scenario":
            _ = advance()
            let n = try name("a scenario name")
            try expectSymbol("=", "`=` and the scenario's changes")
            return .scenario(n, try changes())
        case "compare":
            _ = advance()
            var exprs: [Expr] = []
            repeat { exprs.append(try expressionWithoutWhatIf()) } while acceptSymbol(",")
            var scenarios: [Name] = []
            if accept("across") || accept("under") {
                repeat { scenarios.append(try name("a scenario name")) } while acceptSymbol(",")
            } else {
                throw error("`across` and the scenarios to compare")
            }
            return .compare(exprs, scenarios: scenarios)
        case "seek":
            _ = advance()
            return .seek(try seek())
        case "progress":
            _ = advance()
            let g = try expressionWithoutWhatIf()
            var byMonth = false
            var lag: Expr?
            while !atEnd {
                if accept("by") {
                    if accept("month") { byMonth = true } else if accept("quarter") { byMonth = false } else { throw error("`quarter` or `month`") }
                } else if accept("lag") {
                    lag = try additive()
                } else {
                    throw error("`by quarter`, `by month` or `lag THRESHOLD`")
                }
            }
            return .progress(g, byMonth: byMonth, lag: lag)
        case "schedule" where i + 1 < tokens.count && (tokens[i + 1].kind == .identifier("months") || tokens[i + 1].kind == .identifier("days")):
            _ = advance()
            guard case .identifier(let w) = advance().kind, let c = ScheduleConvention(rawValue: w) else { throw error("`months` or `days`") }
            return .schedule(c)
        case "load":
            _ = advance()
            return .load(try loadStatement())
        case "export":
            _ = advance()
            let g = try expressionWithoutWhatIf()
            var columns: [TableColumn] = []
            if accept("columns") { columns = try tableColumns() }
            try expectKeyword("to")
            guard case .string = current.kind else { throw error("the file's path in quotes") }
            let path = try primary()
            let replace = accept("replace")
            return .export(g, columns: columns, path: path, replace: replace)
        case "print":
            _ = advance()
            var items: [Expr] = []
            if !atEnd {
                repeat { items.append(try expression()) } while acceptSymbol(",")
            }
            return .print(items)
        default:
            // `projet archive "…"`: a word followed by another word is no expression; name the nearest statement.
            if i + 1 < tokens.count {
                switch tokens[i + 1].kind {
                case .identifier, .string, .number, .money:
                    if !Parser.reservedWords.contains(word), case .identifier(let w2) = tokens[i + 1].kind, Parser.reservedWords.contains(w2) {
                        break
                    }
                    throw Diagnostic(.unknownStatement(word, suggestion: nearest(word, in: Parser.statementKeywords)), current.range)
                default: break
                }
            }
            return .expression(try expression())
        }
    }

    // project := NAME [STRING] { source V | category V | budget EXPR | grade V | tags V {, V} | reason STRING }
    mutating func projectDecl() throws(Diagnostic) -> ProjectDecl {
        var decl = ProjectDecl(id: try name("a project id"))
        decl.title = optionalString()
        var seen: Set<String> = []
        while !atEnd {
            guard case .identifier(let clause) = current.kind else {
                throw error("a clause: source, category, budget, grade, tags or reason")
            }
            let clauseRange = current.range
            if seen.contains(clause) { throw Diagnostic(.duplicateClause(clause), clauseRange) }
            seen.insert(clause)
            _ = advance()
            switch clause {
            case "source": decl.source = try valueWord("a funding source such as 本级, 省级, 市级, 中央")
            case "category": decl.category = try valueWord("a category: 基本支出 or 项目支出")
            case "budget": decl.budget = try additive()
            case "grade": decl.grade = try valueWord("a grade: 优, 良, 中 or 差")
            case "tags", "tag":
                repeat { decl.tags.append(try valueWord("a tag")) } while acceptSymbol(",")
            case "reason":
                guard let r = optionalString() else { throw error("the reason in quotes") }
                decl.reason = r
            default:
                let known = ["source", "category", "budget", "grade", "tags", "reason"]
                throw Diagnostic(.expected("a clause (\(known.joined(separator: ", ")))", found: "`\(clause)`"), clauseRange,
                                 notes: nearest(clause, in: known).map { [DiagnosticNote(message: "did you mean `\($0)`?", range: nil)] } ?? [])
            }
        }
        return decl
    }

    // check := [STRING] additive ('=' additive ['within' additive] | CMP additive | ) ['finding' STRING]
    mutating func checkDecl() throws(Diagnostic) -> CheckDecl {
        let label = optionalString()
        var expr = try additive()
        var claim: Expr?
        var tolerance: Expr?
        if acceptSymbol("=") || acceptSymbol("==") {
            claim = try additive()
            if accept("within") { tolerance = try additive() }
        } else if case .symbol(let s) = current.kind, let op = BinaryOperator(rawValue: s), op.isComparison {
            _ = advance()
            let rhs = try additive()
            expr = Expr(.binary(op, expr, rhs), expr.range.union(rhs.range))
        } else if !isKeyword("finding") && !atEnd {
            throw error("`=` and the claimed value")
        }
        var finding: String?
        if accept("finding") {
            guard let f = optionalString() else { throw error("the finding explained in quotes") }
            finding = f
        }
        return CheckDecl(label: label, expr: expr, claim: claim, tolerance: tolerance, finding: finding)
    }

    // columns := column {',' column} ; column := WORD ['as' STRING]
    mutating func tableColumns() throws(Diagnostic) -> [TableColumn] {
        var columns: [TableColumn] = []
        repeat {
            let n = try valueWord("a column: an attribute (id, name, source, category, grade) or a function such as budget, paid, rate")
            var title: String?
            if accept("as") {
                guard let t = optionalString() else { throw error("a column title in quotes") }
                title = t
            }
            columns.append(TableColumn(name: n, title: title))
        } while acceptSymbol(",")
        return columns
    }

    // load := KIND 'from' STRING {'sheet' STRING | 'encoding' WORD | 'unit' WORD | 'columns' FIELD '=' STRING {',' …} | 'skip' 'bad' 'rows'}
    mutating func loadStatement() throws(Diagnostic) -> LoadStatement {
        let kind = try valueWord("what the table holds: projects, payments or adjustments")
        try expectKeyword("from")
        guard case .string = current.kind else { throw error("the file's path in quotes") }
        var st = LoadStatement(kind: kind, path: try primary(), sheet: nil, encoding: nil, unit: nil, columns: [], skipBadRows: false)
        var seen: Set<String> = []
        while !atEnd {
            guard case .identifier(let w) = current.kind else { throw error("an option: sheet, encoding, unit, columns or skip bad rows") }
            if seen.contains(w) { throw Diagnostic(.duplicateClause(w), current.range) }
            seen.insert(w)
            _ = advance()
            switch w {
            case "sheet":
                guard case .string = current.kind else { throw error("the sheet's name in quotes") }
                st.sheet = try primary()
            case "encoding": st.encoding = try valueWord("an encoding: utf8 or gb18030")
            case "unit": st.unit = try valueWord("`万元` or `元`")
            case "columns":
                repeat {
                    let field = try valueWord("a field such as id, name, amount, date")
                    try expectSymbol("=", "`=` and the column's header in quotes")
                    guard case .string = current.kind else { throw error("the column's header in quotes") }
                    st.columns.append((field, try primary()))
                } while acceptSymbol(",")
            case "skip":
                guard accept("bad"), accept("rows") else { throw error("`skip bad rows`") }
                st.skipBadRows = true
            default:
                throw Diagnostic(.expected("an option: sheet, encoding, unit, columns or skip bad rows", found: "`\(w)`"), tokens[i - 1].range)
            }
        }
        return st
    }

    // changes := change {'and' change}
    mutating func changes() throws(Diagnostic) -> [Change] {
        var out: [Change] = []
        repeat { out.append(try change()) } while accept("and")
        return out
    }

    // change := SCENARIO | P 'pays' (AMOUNT|'rest') ('on'|'in') WHEN | P 'moves' WHEN 'to' WHEN
    //         | P 'cancels' WHEN | P 'adjusts' ['追加'|'调减'] AMOUNT
    mutating func change() throws(Diagnostic) -> Change {
        let p = try name("a project or a scenario")
        let start = p.range
        func done(_ k: Change.Kind) -> Change { Change(kind: k, range: start.union(tokens[max(0, i - 1)].range)) }
        if accept("pays") {
            var amount: Expr?
            if !accept("rest") { amount = try additive() }
            guard accept("on") || accept("in") else { throw error("`on DATE` or `in PERIOD`") }
            return done(.pay(project: p, amount: amount, when: try primary()))
        }
        if accept("moves") {
            let from = try primary()
            try expectKeyword("to")
            return done(.move(project: p, from: from, to: try primary()))
        }
        if accept("cancels") { return done(.cancel(project: p, when: try primary())) }
        if accept("adjusts") {
            var sign = 1
            if accept("追加") || accept("increase") { sign = 1 } else if accept("调减") || accept("decrease") { sign = -1 }
            var amount = try additive()
            if sign < 0 { amount = Expr(.negate(amount), amount.range) }
            return done(.adjust(project: p, amount: amount))
        }
        if case .identifier = current.kind, !isKeyword("and"), !atEnd {
            throw error("`pays`, `moves`, `cancels` or `adjusts`")
        }
        return done(.scenario(p))
    }

    // seek := P 'pays' '?' ('on'|'in') WHEN 'until' COND | P 'pays' (AMOUNT|'rest') 'in' '?' 'until' COND ; then ['if' changes]
    mutating func seek() throws(Diagnostic) -> Seek {
        let p = try name("a project")
        try expectKeyword("pays")
        let unknown: Seek.Unknown
        if acceptSymbol("?") {
            guard accept("on") || accept("in") else { throw error("`on DATE` or `in PERIOD`") }
            unknown = .amount(when: try primary())
        } else {
            var amount: Expr?
            if !accept("rest") { amount = try additive() }
            guard accept("in") || accept("on") else { throw error("`in ?`") }
            guard acceptSymbol("?") else { throw error("`?`: the month to find") }
            unknown = .month(amount: amount)
        }
        try expectKeyword("until")
        let condition = try expressionWithoutWhatIf()
        var assuming: [Change] = []
        if accept("if") || accept("under") { assuming = try changes() }
        return Seek(project: p, unknown: unknown, condition: condition, assuming: assuming)
    }

    mutating func expressionWithoutWhatIf() throws(Diagnostic) -> Expr {
        let saved = allowWhatIf
        allowWhatIf = false
        defer { allowWhatIf = saved }
        return try expression()
    }

    // MARK: Expressions

    // expression := or ['where' or] [('if' | 'under') changes]
    mutating func expression() throws(Diagnostic) -> Expr {
        var e = try orExpr()
        if accept("where") {
            let p = try orExpr()
            e = Expr(.filter(e, p), e.range.union(p.range))
        }
        if allowWhatIf, accept("if") || accept("under") {
            let cs = try changes()
            e = Expr(.whatIf(e, cs), e.range.union(cs.last?.range ?? e.range))
        }
        return e
    }

    // or := and {'or' and}
    mutating func orExpr() throws(Diagnostic) -> Expr {
        var e = try andExpr()
        while accept("or") {
            let r = try andExpr()
            e = Expr(.binary(.or, e, r), e.range.union(r.range))
        }
        return e
    }

    // and := not {'and' not}
    mutating func andExpr() throws(Diagnostic) -> Expr {
        var e = try notExpr()
        while accept("and") {
            let r = try notExpr()
            e = Expr(.binary(.and, e, r), e.range.union(r.range))
        }
        return e
    }

    // not := 'not' not | comparison
    mutating func notExpr() throws(Diagnostic) -> Expr {
        let start = current.range
        if accept("not") {
            let e = try notExpr()
            return Expr(.not(e), start.union(e.range))
        }
        return try comparison()
    }

    // comparison := additive [CMP additive]
    mutating func comparison() throws(Diagnostic) -> Expr {
        let e = try additive()
        if case .symbol(let s) = current.kind, let op = BinaryOperator(rawValue: s == "==" ? "=" : s), op.isComparison {
            _ = advance()
            let r = try additive()
            return Expr(.binary(op, e, r), e.range.union(r.range))
        }
        return e
    }

    // additive := term {('+'|'-') term}
    mutating func additive() throws(Diagnostic) -> Expr {
        var e = try term()
        while case .symbol(let s) = current.kind, s == "+" || s == "-" {
            _ = advance()
            let r = try term()
            e = Expr(.binary(s == "+" ? .add : .subtract, e, r), e.range.union(r.range))
        }
        return e
    }

    // term := unary {('*'|'/') unary}
    mutating func term() throws(Diagnostic) -> Expr {
        var e = try unary()
        while case .symbol(let s) = current.kind, s == "*" || s == "/" {
            _ = advance()
            let r = try unary()
            e = Expr(.binary(s == "*" ? .multiply : .divide, e, r), e.range.union(r.range))
        }
        return e
    }

    // unary := ('-'|'+') unary | primary
    mutating func unary() throws(Diagnostic) -> Expr {
        let start = current.range
        if acceptSymbol("-") {
            let e = try unary()
            return Expr(.negate(e), start.union(e.range))
        }
        if acceptSymbol("+") { return try unary() }
        return try primary()
    }

    // primary := literal | 'projects' | 'tag' VALUE | NAME ['(' args ')'] | '(' expression ')'
    mutating func primary() throws(Diagnostic) -> Expr {
        let t = current
        switch t.kind {
        case .number(let s): _ = advance(); return Expr(.number(s), t.range)
        case .money(let s, let u): _ = advance(); return Expr(.money(s, u), t.range)
        case .percent(let s): _ = advance(); return Expr(.percent(s), t.range)
        case .date(let y, let m, let d): _ = advance(); return Expr(.date(CivilDate(year: y, month: m, day: d)!), t.range)
        case .month(let y, let m): _ = advance(); return Expr(.month(year: y, month: m), t.range)
        case .quarter(let y, let q): _ = advance(); return Expr(.quarter(year: y, quarter: q), t.range)
        case .string(let s): _ = advance(); return Expr(.string(s), t.range)
        case .quotedName(let s):
            _ = advance()
            if isSymbol("(") { return try call(Name(text: s, range: t.range)) }
            return Expr(.name(s), t.range)
        case .symbol("("):
            _ = advance()
            let e = try expression()
            guard acceptSymbol(")") else {
                throw Diagnostic(.unclosed("("), current.range, notes: [DiagnosticNote(message: "`(` opened here", range: t.range)])
            }
            return Expr(e.kind, t.range.union(tokens[i - 1].range))
        case .identifier(let s):
            switch s {
            case "true", "false": _ = advance(); return Expr(.bool(s == "true"), t.range)
            case "undefined": _ = advance(); return Expr(.undefined, t.range)
            case "projects": _ = advance(); return Expr(.allProjects, t.range)
            case "tag":
                _ = advance()
                let v = try valueWord("a tag after `tag`")
                return Expr(.tag(v.text), t.range.union(v.range))
            default:
                if Parser.reservedWords.contains(s) {
                    throw Diagnostic(.expected("a value", found: "the reserved word `\(s)`"), t.range)
                }
                _ = advance()
                if isSymbol("(") { return try call(Name(text: s, range: t.range)) }
                return Expr(.name(s), t.range)
            }
        default:
            throw error("a value")
        }
    }

    // call := NAME '(' [arg {',' arg}] ')' ; arg := [NAME ':'] expression ['for' NAME 'in' expression ['if' expression]]
    mutating func call(_ callee: Name) throws(Diagnostic) -> Expr {
        let open = advance()
        var args: [Argument] = []
        if !isSymbol(")") {
            repeat {
                var label: Name?
                if case .identifier(let l) = current.kind, i + 1 < tokens.count, tokens[i + 1].kind == .symbol(":") {
                    label = Name(text: l, range: current.range)
                    i += 2
                }
                var value = try expression()
                if accept("for") {
                    let v = try name("a variable name")
                    try expectKeyword("in")
                    let g = try expressionWithoutWhatIf()
                    var cond: Expr?
                    if accept("if") { cond = try orExpr() }
                    value = Expr(.comprehension(body: value, variable: v, group: g, condition: cond), value.range.union(cond?.range ?? g.range))
                }
                args.append(Argument(label: label, value: value))
            } while acceptSymbol(",")
        }
        guard acceptSymbol(")") else {
            if atEnd {
                throw Diagnostic(.unclosed("("), open.range)
            }
            throw Diagnostic(.expected("`,` or `)`", found: current.summary), current.range,
                             notes: [DiagnosticNote(message: "the call to `\(callee.text)` starts here", range: callee.range)])
        }
        return Expr(.call(callee, args), callee.range.union(tokens[i - 1].range))
    }
}
