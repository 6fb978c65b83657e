/// The statements that state figures beyond a project's budget and payments: the budget split
/// (`initial`, `funds`), `total`, `received` and `income`; and the decimals stated amounts carry.
extension Session {
    /// A kind of funds named in a statement, checked against `FundKind.known`.
    static func fundKind(_ n: Name) throws(Diagnostic) -> FundKind {
        try Session.word(n, { FundKind($0) }, field: FundKind.vocabulary.field, allowed: FundKind.vocabulary.hint)
    }

    /// An amount written with more decimals than money shows (`budget 47.318`) raises how many it
    /// may show, so the amount reads back as it was stated. Only literals in the default unit (or
    /// bare) count: `12345.67元` under 万元 states fen, not six decimals of 万元.
    mutating func noteStatedPlaces(_ e: Expr) {
        let places = Session.writtenPlaces(e, unit: model.unit)
        if places > model.statedDecimals { model.statedDecimals = min(places, 6) }
    }

    static func writtenPlaces(_ e: Expr, unit: MoneyUnit) -> Int {
        func places(_ s: String) -> Int {
            guard let dot = s.firstIndex(of: ".") else { return 0 }
            return s[s.index(after: dot)...].filter(\.isNumber).count
        }
        switch e.kind {
        case .number(let s): return places(s)
        case .money(let s, let u) where u == unit: return places(s)
        case .negate(let inner): return writtenPlaces(inner, unit: unit)
        default: return 0
        }
    }

    /// `budget A` alone is the initial and the full-year budget (as it always was); `initial A
    /// budget B` states both, the adjustment B − A then derived; `initial A` alone is the initial
    /// budget, the full-year one following from dated adjustments.
    func statedBudgets(_ d: ProjectDecl, into p: inout Project) throws(Diagnostic) {
        let ev = evaluator
        switch (d.initial, d.budget) {
        case (nil, nil): break
        case (nil, let b?): p.initialFen = try ev.amountFen(b)
        case (let i?, nil): p.initialFen = try ev.amountFen(i)
        case (let i?, let b?):
            p.initialFen = try ev.amountFen(i)
            p.fullYearFen = try ev.amountFen(b)
        }
        for f in d.funds {
            let kind = try Session.fundKind(f.kind)
            if p.budgetByKind[kind] != nil { throw Diagnostic(.duplicateClause("funds \(kind.name)"), f.kind.range) }
            p.budgetByKind[kind] = try ev.amountFen(f.amount)
        }
    }

    /// `total G figure A … [funds K figure A …]`: all checked before any is kept.
    mutating func total(_ n: Name, _ fields: [TotalFigure]) throws(Diagnostic) -> Output {
        let ev = evaluator
        var amounts: [(TotalField, FundKind?, Int64)] = []
        var count: Int?
        for f in fields {
            let kind = try f.kind.map { k throws(Diagnostic) in try Session.fundKind(k) }
            if f.field == .count {
                let got = try ev.eval(f.amount)
                guard case .number(let c) = got, c.isInteger, c.num >= 0, c.num <= Int128(Int32.max) else {
                    throw Diagnostic(.wrongArgumentType(function: "total", argument: "`count`", expected: L("a whole number of projects"), got: got.gotText), f.amount.range)
                }
                count = Int(c.num)
                continue
            }
            amounts.append((f.field, kind, try ev.amountFen(f.amount)))
        }
        for (field, kind, fen) in amounts {
            if let kind {
                model.groups[n.text]!.kindTotals[kind, default: [:]][field] = fen
            } else {
                model.groups[n.text]!.totals[field] = fen
            }
        }
        if let count { model.groups[n.text]!.count = count }
        for f in fields where f.field != .count { noteStatedPlaces(f.amount) }
        return .none
    }

    /// `received P AMOUNT [on DATE] [funds K]`: 到位资金, kept apart from payments.
    mutating func received(_ pn: Name, _ amount: Expr, _ dateExpr: Expr?, _ funds: Name?) throws(Diagnostic) -> Output {
        let ev = evaluator
        let i = try ev.projectIndex(pn)
        let fen = try ev.amountFen(amount)
        var date: CivilDate?
        if let dateExpr {
            let got = try ev.eval(dateExpr)
            guard case .date(let d) = got else {
                throw Diagnostic(.wrongArgumentType(function: "received", argument: "`on`", expected: L("a date such as 2020-06-30"), got: got.gotText), dateExpr.range)
            }
            date = d
        }
        let kind = try funds.map { k throws(Diagnostic) in try Session.fundKind(k) }
        model.projects.values[i].receipts.append(Receipt(fen: fen, date: date, kind: kind))
        noteStatedPlaces(amount)
        return .none
    }

    /// `income G AMOUNT [source S] [in YEAR]`: one figure of a group's income; stating the same
    /// source and year again replaces it.
    mutating func income(_ n: Name, _ amount: Expr, _ source: Name?, _ yearExpr: Expr?) throws(Diagnostic) -> Output {
        let ev = evaluator
        guard model.groups[n.text] != nil else {
            if model.projects[n.text] != nil {
                throw Diagnostic(.wrongNameKind(n.text, wanted: L("a group or the department (a project's funds received go in `received`)"), actual: L("a project")), n.range)
            }
            throw ev.unknownName(n.text, n.range, wanted: L("group"), among: { $0 == .group || $0 == .department })
        }
        let fen = try ev.amountFen(amount)
        var year: Int?
        if let yearExpr {
            let got = try ev.eval(yearExpr)
            guard case .number(let y) = got, y.isInteger, (1900...2200).contains(y.num) else {
                throw Diagnostic(.wrongArgumentType(function: "income", argument: "`in`", expected: L("a year such as 2019"), got: got.gotText), yearExpr.range)
            }
            if Int(y.num) != model.year { year = Int(y.num) }
        }
        let entry = Income(fen: fen, source: source?.text, year: year)
        model.groups[n.text]!.income.removeAll { $0.source == entry.source && $0.year == entry.year }
        model.groups[n.text]!.income.append(entry)
        noteStatedPlaces(amount)
        return .none
    }
}
