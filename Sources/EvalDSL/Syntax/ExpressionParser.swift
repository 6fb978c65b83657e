/// The expression grammar, from `expression` down to `primary` and calls, and the changes of a
/// what-if or a scenario. Statements' own parts are in StatementParsers.swift.
extension LineParser {
    // changes := change {'and' change}
    mutating func changes() throws(Diagnostic) -> [Change] {
        var out: [Change] = []
        repeat { out.append(try change()) } while accept("and")
        return out
    }

    // change := SCENARIO | P 'pays' (AMOUNT|'rest') ('on'|'in') WHEN | P 'moves' WHEN 'to' WHEN
    //         | P 'cancels' WHEN | P 'adjusts' ['追加'|'调减'] AMOUNT | P 'actual' WORD '=' CELL
    mutating func change() throws(Diagnostic) -> Change {
        let p = try name(L("a project or a scenario"))
        let start = p.range
        func done(_ k: Change.Kind) -> Change { Change(kind: k, range: start.union(tokens[max(0, i - 1)].range)) }
        if accept("pays") {
            var amount: Expr?
            if !accept("rest") { amount = try additive() }
            guard accept("on") || accept("in") else { throw error(L("`on DATE` or `in PERIOD`")) }
            return done(.pay(project: p, amount: amount, when: try primary()))
        }
        if accept("moves") {
            let from = try primary()
            try expectKeyword("to")
            return done(.move(project: p, from: from, to: try primary()))
        }
        if accept("cancels") { return done(.cancel(project: p, when: try primary())) }
        if accept("adjusts") { return done(.adjust(project: p, amount: try signedAmount())) }
        if accept("actual") {
            let row = try valueWord(L("the 三级 indicator's name in quotes"))
            try expectSymbol("=", L("`=` and the actual value as written, in quotes"))
            return done(.actual(form: p, row: row.text, text: try formCell(L("the actual value as written, in quotes: \"4期\"")).text))
        }
        if case .identifier = current.kind, !isKeyword("and"), !atEnd {
            throw error(L("`pays`, `moves`, `cancels`, `adjusts` or `actual`"))
        }
        return done(.scenario(p))
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
            let e = try nested(at: start) { (p: inout LineParser) throws(Diagnostic) in try p.notExpr() }
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
        let first = try term()
        var steps: [ChainStep] = []
        while case .symbol(let s) = current.kind, s == "+" || s == "-" {
            _ = advance()
            steps.append(ChainStep(op: s == "+" ? .add : .subtract, operand: try term()))
        }
        return LineParser.leftToRight(first, steps)
    }

    // term := unary {('*'|'/') unary}
    mutating func term() throws(Diagnostic) -> Expr {
        let first = try unary()
        var steps: [ChainStep] = []
        while case .symbol(let s) = current.kind, s == "*" || s == "/" {
            _ = advance()
            steps.append(ChainStep(op: s == "*" ? .multiply : .divide, operand: try unary()))
        }
        return LineParser.leftToRight(first, steps)
    }

    /// Two operands make a `binary` node; more make one flat `chain` (see `Expr.Kind.chain`).
    static func leftToRight(_ first: Expr, _ steps: [ChainStep]) -> Expr {
        guard let last = steps.last else { return first }
        if steps.count == 1 { return Expr(.binary(last.op, first, last.operand), first.range.union(last.operand.range)) }
        return Expr(.chain(first, steps), first.range.union(last.operand.range))
    }

    // unary := ('-'|'+') unary | primary
    mutating func unary() throws(Diagnostic) -> Expr {
        let start = current.range
        if acceptSymbol("-") {
            let e = try nested(at: start) { (p: inout LineParser) throws(Diagnostic) in try p.unary() }
            return Expr(.negate(e), start.union(e.range))
        }
        if acceptSymbol("+") { return try nested(at: start) { (p: inout LineParser) throws(Diagnostic) in try p.unary() } }
        return try primary()
    }

    /// Parses one level deeper, refusing to go past `Parser.maxNesting` (reported at `token`,
    /// the bracket, sign, `not` or call that would open the level too many).
    mutating func nested(at token: SourceRange, _ body: (inout LineParser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
        guard nesting < Parser.maxNesting else { throw Diagnostic(.nestedTooDeeply(limit: Parser.maxNesting), token) }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
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
            if isSymbol("(") { return try nested(at: t.range) { (p: inout LineParser) throws(Diagnostic) in try p.call(Name(text: s, range: t.range)) } }
            return Expr(.name(s), t.range)
        case .symbol("("):
            _ = advance()
            let e = try nested(at: t.range) { (p: inout LineParser) throws(Diagnostic) in try p.expression() }
            guard acceptSymbol(")") else {
                // At the end of the input the bracket itself is the place to show (the end has no text).
                if atEnd { throw Diagnostic(.unclosed("("), t.range) }
                throw Diagnostic(.unclosed("("), current.range, notes: [DiagnosticNote(message: L("`(` opened here"), range: t.range)])
            }
            return Expr(e.kind, t.range.union(tokens[i - 1].range))
        case .identifier(let s):
            switch s {
            case "true", "false": _ = advance(); return Expr(.bool(s == "true"), t.range)
            case "undefined": _ = advance(); return Expr(.undefined, t.range)
            case "projects": _ = advance(); return Expr(.allProjects, t.range)
            case "tag":
                _ = advance()
                let v = try valueWord(L("a tag after `tag`"))
                return Expr(.tag(v.text), t.range.union(v.range))
            default:
                if Parser.reservedWords.contains(s) {
                    throw Diagnostic(.expected(L("a value"), found: L("the reserved word `\(s)`")), t.range)
                }
                _ = advance()
                if isSymbol("(") { return try nested(at: t.range) { (p: inout LineParser) throws(Diagnostic) in try p.call(Name(text: s, range: t.range)) } }
                return Expr(.name(s), t.range)
            }
        default:
            throw error(L("a value"))
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
                    let v = try name(L("a variable name"))
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
            throw Diagnostic(.expected(L("`,` or `)`"), found: current.summary), current.range,
                             notes: [DiagnosticNote(message: L("the call to `\(callee.text)` starts here"), range: callee.range)])
        }
        return Expr(.call(callee, args), callee.range.union(tokens[i - 1].range))
    }
}
