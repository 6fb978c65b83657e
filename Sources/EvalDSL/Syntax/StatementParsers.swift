/// One parse method per statement, each with its grammar rule (as in docs/LANGUAGE.md's Grammar).
/// `Statements.all` maps each keyword to its method; the keyword is already consumed when it runs.
extension LineParser {
    // year := 'year' additive
    mutating func yearStatement() throws(Diagnostic) -> Statement.Kind {
        if atEnd { throw error(L("a fiscal year such as `2020`")) }
        return .year(try additive())
    }

    // unit := 'unit' ('万元' | '元' | '亿元') ['decimals' NUMBER]
    mutating func unitStatement() throws(Diagnostic) -> Statement.Kind {
        guard case .identifier(let u) = current.kind, let unit = MoneyUnit(rawValue: u) ?? ["yuan": .yuan, "wan": .wan][u] else {
            throw error(L("`万元` or `元`"))
        }
        _ = advance()
        var decimals: Int?
        if accept("decimals") {
            guard case .number(let n) = current.kind, let d = Int(n), (2...6).contains(d) else {
                throw error(L("the number of decimals money shows with, from 2 to 6"))
            }
            _ = advance()
            decimals = d
        }
        return .unit(unit, decimals: decimals)
    }

    // param := 'param' NAME '=' expression
    mutating func paramStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a parameter name"))
        try expectSymbol("=", L("`=` and the default value"))
        return .param(n, try expression())
    }

    // run := 'run' STRING
    mutating func runStatement() throws(Diagnostic) -> Statement.Kind {
        guard case .string = current.kind else { throw error(L("the script's path in quotes")) }
        return .run(try primary())
    }

    // load := 'load' WORD 'from' STRING [database] {'sheet' STRING | 'encoding' WORD | 'unit' WORD
    //         | 'columns' WORD '=' STRING {',' WORD '=' STRING} | 'skip' 'bad' 'rows'}
    // database := 'table' (WORD {'.' WORD} | STRING) | 'query' STRING
    mutating func loadStatement() throws(Diagnostic) -> Statement.Kind {
        let kind = try valueWord(L("what the table holds: projects, payments or adjustments"))
        try expectKeyword("from")
        guard case .string = current.kind else { throw error(L("the file's path in quotes")) }
        var st = LoadStatement(kind: kind, path: try primary(), sheet: nil, encoding: nil, unit: nil, columns: [], skipBadRows: false)
        if accept("table") {
            var name = try valueWord("the table's name: schema.table or table")
            while acceptSymbol(".") {
                let part = try valueWord("the rest of the table's name after `.`")
                name = Name(text: name.text + "." + part.text, range: SourceRange(name.range.start, part.range.end))
            }
            st.database = .table(name)
        } else if accept("query") {
            // The query's raw text: `{fy}` is put in by the loader, as a literal, and nothing else.
            guard case .string(let sql) = current.kind else { throw error("the query in quotes") }
            st.database = .query(sql, advance().range)
        }
        var seen: Set<String> = []
        while !atEnd {
            guard case .identifier(let w) = current.kind else { throw error(L("an option: sheet, encoding, unit, columns or skip bad rows")) }
            if seen.contains(w) { throw Diagnostic(.duplicateClause(w), current.range) }
            seen.insert(w)
            _ = advance()
            // ORDER LOAD OPTIONS: a case per word of `LoadStatement.options`.
            switch w {
            case "sheet":
                guard case .string = current.kind else { throw error(L("the sheet's name in quotes")) }
                st.sheet = try primary()
            case "encoding": st.encoding = try valueWord(L("an encoding: utf8 or gb18030"))
            case "unit": st.unit = try valueWord(L("`万元` or `元`"))
            case "columns":
                repeat {
                    let field = try valueWord(L("a field such as id, name, amount, date"))
                    try expectSymbol("=", L("`=` and the column's header in quotes"))
                    guard case .string = current.kind else { throw error(L("the column's header in quotes")) }
                    st.columns.append(LoadColumn(field: field, header: try primary()))
                } while acceptSymbol(",")
            case "skip":
                guard accept("bad"), accept("rows") else { throw error("`skip bad rows`") }
                st.skipBadRows = true
            default:
                throw Diagnostic(.expected(L("an option: sheet, encoding, unit, columns or skip bad rows"), found: "`\(w)`"), tokens[i - 1].range)
            }
        }
        return .load(st)
    }

    // export := 'export' expression ['columns' column {',' column}] 'to' STRING ['replace' ['empty']]
    mutating func exportStatement() throws(Diagnostic) -> Statement.Kind {
        let g = try expressionWithoutWhatIf()
        var columns: [TableColumn] = []
        if accept("columns") { columns = try tableColumns() }
        try expectKeyword("to")
        guard case .string = current.kind else { throw error(L("the file's path in quotes")) }
        let path = try primary()
        let replace: ExportReplace = accept("replace") ? (accept("empty") ? .evenWithEmpty : .replace) : .never
        return .export(g, columns: columns, path: path, replace: replace)
    }

    // department := 'department' NAME [STRING]
    mutating func departmentStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a department name"))
        return .department(n, title: optionalString())
    }

    // project := 'project' NAME [STRING] { clause }
    // clause  := 'source' WORD | 'category' WORD | 'initial' additive | 'budget' additive
    //          | 'funds' WORD additive {',' WORD additive} | 'grade' WORD
    //          | 'tags' WORD {',' WORD} | 'reason' STRING
    mutating func projectStatement() throws(Diagnostic) -> Statement.Kind {
        var decl = ProjectDecl(id: try name(L("a project id")))
        decl.title = optionalString()
        var seen: Set<String> = []
        while !atEnd {
            guard case .identifier(let clause) = current.kind else {
                throw error(L("a clause: \(Parser.spelledOut(ProjectDecl.clauses))"))
            }
            let clauseRange = current.range
            if seen.contains(clause) { throw Diagnostic(.duplicateClause(clause), clauseRange) }
            seen.insert(clause)
            _ = advance()
            switch clause {
            // Examples, not the whole list: a new source does not make it wrong.
            case "source": decl.source = try valueWord(L("a funding source such as 本级, 省级, 市级, 中央"))
            case "category": decl.category = try valueWord(L("a category: \(Category.vocabulary.spelledOut)"))
            case "budget": decl.budget = try additive()
            case "initial": decl.initial = try additive()
            case "funds":
                repeat {
                    let kind = try valueWord(L("a kind of funds: \(FundKind.vocabulary.spelledOut)"))
                    decl.funds.append(FundAmount(kind: kind, amount: try additive()))
                } while acceptSymbol(",")
            case "grade": decl.grade = try valueWord(L("a grade: \(Grade.vocabulary.spelledOut)"))
            case "tags", "tag":
                repeat { decl.tags.append(try valueWord(L("a tag"))) } while acceptSymbol(",")
            case "reason":
                guard let r = optionalString() else { throw error(L("the reason in quotes")) }
                decl.reason = r
            default:
                let known = ProjectDecl.clauses
                throw Diagnostic(.expected(L("a clause (\(known.joined(separator: ", ")))"), found: "`\(clause)`"), clauseRange,
                                 notes: nearest(clause, in: known).map { [DiagnosticNote(message: L("did you mean `\($0)`?"), range: nil)] } ?? [])
            }
        }
        return .project(decl)
    }

    // adjust := 'adjust' NAME ['追加' | '调减'] additive 'on' primary tail
    // tail   := [STRING] ['funds' WORD] | 'funds' WORD STRING
    mutating func adjustStatement() throws(Diagnostic) -> Statement.Kind {
        let p = try name(L("a project name"))
        let amount = try signedAmount()
        try expectKeyword("on")
        let date = try primary()
        let (note, funds) = try noteAndFunds()
        return .adjust(project: p, amount: amount, date: date, note: note, funds: funds)
    }

    // pay := 'pay' NAME additive ('on' | 'in') primary tail
    mutating func payStatement() throws(Diagnostic) -> Statement.Kind {
        let p = try name(L("a project name"))
        if isKeyword("on") || isKeyword("in") { throw error(L("the amount paid before `on DATE` or `in PERIOD`")) }
        let amount = try additive()
        let when: Expr
        if accept("on") || accept("in") {
            when = try primary()
        } else {
            throw error(L("`on DATE` or `in PERIOD` after the amount"))
        }
        let (note, funds) = try noteAndFunds()
        return .pay(project: p, amount: amount, when: when, note: note, funds: funds)
    }

    // received := 'received' NAME additive ['on' primary] ['funds' WORD]
    mutating func receivedStatement() throws(Diagnostic) -> Statement.Kind {
        let p = try name(L("a project name"))
        let amount = try additive()
        let date = accept("on") ? try primary() : nil
        let funds = accept("funds") ? try valueWord(L("a kind of funds: \(FundKind.vocabulary.spelledOut)")) : nil
        return .received(project: p, amount: amount, date: date, funds: funds)
    }

    // income := 'income' NAME additive ['source' WORD] ['in' additive]
    mutating func incomeStatement() throws(Diagnostic) -> Statement.Kind {
        let g = try name(L("a group or department name"))
        let amount = try additive()
        let source = accept("source") ? try valueWord(L("the source of income as the report names it, such as 财政拨款收入")) : nil
        let year = accept("in") ? try additive() : nil
        return .income(g, amount: amount, source: source, year: year)
    }

    /// The note and the kind of funds after a payment or an adjustment, in either order.
    mutating func noteAndFunds() throws(Diagnostic) -> (String?, Name?) {
        var note = optionalString()
        var funds: Name?
        if accept("funds") {
            funds = try valueWord(L("a kind of funds: \(FundKind.vocabulary.spelledOut)"))
            if note == nil { note = optionalString() }
        }
        return (note, funds)
    }

    // group := 'group' NAME '=' expression
    mutating func groupStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a group name"))
        try expectSymbol("=", L("`=` and the projects of the group"))
        return .group(n, try expression())
    }

    // total := 'total' NAME { figure } { 'funds' WORD figure { figure } }
    // figure := ('initial' | 'budget' | 'paid' | 'carryover' | 'received' | 'count') additive
    mutating func totalStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a group or department name"))
        var fields: [TotalFigure] = []
        var kind: Name?
        while case .identifier(let f) = current.kind {
            if f == "funds" {
                _ = advance()
                kind = try valueWord(L("a kind of funds: \(FundKind.vocabulary.spelledOut)"))
                guard case .identifier(let next) = current.kind, let field = TotalField(rawValue: next), field != .count else {
                    throw error(L("a figure of these funds: `initial`, `budget`, `paid`, `carryover` or `received`"))
                }
                continue
            }
            guard let field = TotalField(rawValue: f) else {
                throw error(L("one of \(TotalField.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")) or `funds KIND`"))
            }
            if field == .count, kind != nil { throw error(L("`count` before any `funds`: a count is of projects, not of money")) }
            if fields.contains(where: { $0.field == field && $0.kind?.text == kind?.text }) { throw Diagnostic(.duplicateClause(f), current.range) }
            _ = advance()
            fields.append(TotalFigure(field: field, amount: try additive(), kind: kind))
        }
        if fields.isEmpty { throw error(L("a figure: `initial`, `budget`, `paid`, `carryover`, `received` or `count`")) }
        return .total(n, fields)
    }

    // let := 'let' NAME '=' expression
    mutating func letStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a name to bind"))
        try expectSymbol("=")
        return .letBinding(n, try expression())
    }

    // indicator := 'indicator' NAME ['(' [NAME {',' NAME}] ')'] '=' expression
    mutating func indicatorStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("an indicator name"))
        var params: [Name] = []
        if acceptSymbol("(") {
            if !isSymbol(")") {
                repeat { params.append(try name(L("a parameter name"))) } while acceptSymbol(",")
            }
            try expectSymbol(")")
        }
        try expectSymbol("=")
        return .indicator(n, parameters: params, body: try expression())
    }

    // check := 'check' [STRING] additive [('=' additive ['within' additive]) | (CMP additive)] ['finding' STRING]
    mutating func checkStatement() throws(Diagnostic) -> Statement.Kind {
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
            throw error(L("`=` and the claimed value"))
        }
        var finding: String?
        if accept("finding") {
            guard let f = optionalString() else { throw error(L("the finding explained in quotes")) }
            finding = f
        }
        return .check(CheckDecl(label: label, expr: expr, claim: claim, tolerance: tolerance, finding: finding))
    }

    // table := 'table' expression ['columns' column {',' column}]
    mutating func tableStatement() throws(Diagnostic) -> Statement.Kind {
        let g = try expression()
        var columns: [TableColumn] = []
        if accept("columns") { columns = try tableColumns() }
        return .table(g, columns: columns)
    }

    // print := 'print' [expression {',' expression}]
    mutating func printStatement() throws(Diagnostic) -> Statement.Kind {
        var items: [Expr] = []
        if !atEnd {
            repeat { items.append(try expression()) } while acceptSymbol(",")
        }
        return .print(items)
    }

    // scenario := 'scenario' NAME '=' changes
    mutating func scenarioStatement() throws(Diagnostic) -> Statement.Kind {
        let n = try name(L("a scenario name"))
        try expectSymbol("=", L("`=` and the scenario's changes"))
        return .scenario(n, try changes())
    }

    // compare := 'compare' expression {',' expression} ('across' | 'under') NAME {',' NAME}
    mutating func compareStatement() throws(Diagnostic) -> Statement.Kind {
        var exprs: [Expr] = []
        repeat { exprs.append(try expressionWithoutWhatIf()) } while acceptSymbol(",")
        var scenarios: [Name] = []
        if accept("across") || accept("under") {
            repeat { scenarios.append(try name(L("a scenario name"))) } while acceptSymbol(",")
        } else {
            throw error(L("`across` and the scenarios to compare"))
        }
        return .compare(exprs, scenarios: scenarios)
    }

    // seek := 'seek' NAME 'pays' ('?' ('on' | 'in') primary | (additive | 'rest') ('in' | 'on') '?')
    //         'until' expression [('if' | 'under') changes]
    mutating func seekStatement() throws(Diagnostic) -> Statement.Kind {
        let p = try name(L("a project"))
        try expectKeyword("pays")
        let unknown: Seek.Unknown
        if acceptSymbol("?") {
            guard accept("on") || accept("in") else { throw error(L("`on DATE` or `in PERIOD`")) }
            unknown = .amount(when: try primary())
        } else {
            var amount: Expr?
            if !accept("rest") { amount = try additive() }
            guard accept("in") || accept("on") else { throw error("`in ?`") }
            guard acceptSymbol("?") else { throw error(L("`?`: the month to find")) }
            unknown = .month(amount: amount)
        }
        try expectKeyword("until")
        let condition = try expressionWithoutWhatIf()
        var assuming: [Change] = []
        if accept("if") || accept("under") { assuming = try changes() }
        return .seek(Seek(project: p, unknown: unknown, condition: condition, assuming: assuming))
    }

    // progress := 'progress' expression {'by' ('quarter' | 'month') | 'lag' additive}
    mutating func progressStatement() throws(Diagnostic) -> Statement.Kind {
        let g = try expressionWithoutWhatIf()
        var byMonth = false
        var lag: Expr?
        while !atEnd {
            if accept("by") {
                if accept("month") { byMonth = true } else if accept("quarter") { byMonth = false } else { throw error(L("`quarter` or `month`")) }
            } else if accept("lag") {
                lag = try additive()
            } else {
                throw error(L("`by quarter`, `by month` or `lag THRESHOLD`"))
            }
        }
        return .progress(g, byMonth: byMonth, lag: lag)
    }

    // schedule := 'schedule' ('months' | 'days')
    mutating func scheduleStatement() throws(Diagnostic) -> Statement.Kind {
        guard case .identifier(let w) = advance().kind, let c = ScheduleConvention(rawValue: w) else { throw error(L("`months` or `days`")) }
        return .schedule(c)
    }

    // lang := 'lang' ('zh' | 'en')
    mutating func langStatement() throws(Diagnostic) -> Statement.Kind {
        guard case .identifier(let w) = advance().kind, let l = Language(word: w) else { throw error(L("`zh` or `en`")) }
        return .lang(l)
    }

    // MARK: Parts shared by statements

    // column := WORD ['as' STRING]    (a list of them: column {',' column})
    mutating func tableColumns() throws(Diagnostic) -> [TableColumn] {
        var columns: [TableColumn] = []
        repeat {
            let n = try valueWord(L("a column: an attribute (id, name, source, category, grade) or a function such as budget, paid, rate"))
            var title: String?
            if accept("as") {
                guard let t = optionalString() else { throw error(L("a column title in quotes")) }
                title = t
            }
            columns.append(TableColumn(name: n, title: title))
        } while acceptSymbol(",")
        return columns
    }

    // signed-amount := ['追加' | 'increase' | '调减' | 'decrease'] additive    (调减 negates it)
    mutating func signedAmount() throws(Diagnostic) -> Expr {
        var sign = 1
        if accept("追加") || accept("increase") { sign = 1 } else if accept("调减") || accept("decrease") { sign = -1 }
        var amount = try additive()
        if sign < 0 { amount = Expr(.negate(amount), amount.range) }
        return amount
    }
}
