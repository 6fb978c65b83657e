/// The figures of one kind of funds (资金性质), and the money that is not spending: funds received
/// (到位资金) and income (收入). None of them feeds an execution rate except through `funds:`.
enum FundFigure: String, Sendable {
    case budget, adjustments, paid, received

    init?(_ f: Figure) {
        switch f {
        case .budget: self = .budget
        case .adjustments: self = .adjustments
        case .received: self = .received
        case .initial, .unspent, .carryover: return nil
        }
    }

    /// The field of a `total … funds K` statement that states it for a group.
    var totalField: TotalField? {
        switch self {
        case .budget: .budget
        case .paid: .paid
        case .received: .received
        case .adjustments: nil
        }
    }
}

extension Evaluator {
    /// The kind named by a call's `funds:` label (`rate(p, funds: 财政拨款)`), a value word or text.
    func fundsLabel(_ c: BuiltinCall) throws(Diagnostic) -> FundKind? {
        guard let e = c.labelled("funds") else { return nil }
        let word: String
        switch e.kind {
        case .name(let n) where locals[n] == nil && bindings[n] == nil: word = n
        default:
            let got = try eval(e)
            guard case .text(let t) = got else {
                throw Diagnostic(.wrongArgumentType(function: "funds:", argument: L("the kind of funds"), expected: L("a kind such as 财政拨款"), got: got.gotText), e.range)
            }
            word = t
        }
        guard let kind = FundKind(word) else {
            throw Diagnostic(.unknownValue(field: FundKind.vocabulary.field, value: word, allowed: FundKind.vocabulary.hint), e.range)
        }
        return kind
    }

    /// A figure of one kind of funds, in fen: stated for the project (`funds` clause, payments and
    /// adjustments marked `funds K`) or the group (`total … funds K …`), else the members' sum.
    func kindFigure(_ which: FundFigure, _ subject: Value, _ kind: FundKind, window: (CivilDate, CivilDate, isWholeYear: Bool)?, _ range: SourceRange) throws(Diagnostic) -> Int128 {
        switch subject {
        case .project(let p):
            let project = model.projects.values[p]
            switch which {
            case .budget:
                // A project's `funds` clause is its whole split: a kind it does not list is 0.
                guard !project.budgetByKind.isEmpty else {
                    throw Diagnostic(.notDerivable(L("the budget of `\(project.id)` by kind of funds is not stated: give it with `funds \(kind.name) AMOUNT, …` in the project statement")), range)
                }
                return Int128(project.budgetByKind[kind] ?? 0)
            case .adjustments:
                return project.adjustments.reduce(Int128(0)) { $0 + ($1.kind == kind ? Int128($1.fen) : 0) }
            case .received:
                guard !project.receipts.isEmpty else { throw nothingReceived(project.id, range) }
                let unmarked = project.receipts.filter { $0.kind == nil }.count
                if unmarked > 0 { throw unmarkedKinds(project.id, unmarked, unmarked == 1 ? L("receipt") : L("receipts"), "received", range) }
                return project.receipts.reduce(Int128(0)) { $0 + ($1.kind == kind ? Int128($1.fen) : 0) }
            case .paid:
                guard model.paymentsStated(p) else {
                    throw Diagnostic(.notDerivable(L("neither a budget nor payments are stated for `\(project.id)`")), range)
                }
                var marked = 0
                var sum: Int128 = 0
                let (from, through) = window.map { ($0.0.dayNumber, $0.1.dayNumber) } ?? (Int32.min, Int32.max)
                for k in model.kindPayments where k.project == p {
                    marked += 1
                    if k.kind == kind, k.day >= from, k.day <= through { sum += Int128(k.fen) }
                }
                let all = model.payments.count(project: p)
                if marked < all { throw unmarkedKinds(project.id, all - marked, all - marked == 1 ? L("payment") : L("payments"), "pay", range) }
                return sum
            }
        case .group(let g):
            if let name = g.name, let field = which.totalField, let stated = model.groups[name]?.kindTotals[kind]?[field] {
                if which == .paid, window?.isWholeYear == false {
                    throw Diagnostic(.notDerivable(L("only the fiscal year's payments from \(kind.name) are stated for `\(name)`: figures by date need its payments")), range)
                }
                return Int128(stated)
            }
            if g.members.isEmpty { throw emptyGroup(g, stating: "\(which.rawValue) from \(kind.name)", clause: "funds \(kind.name) \(which.totalField?.rawValue ?? "budget")", range) }
            var sum: Int128 = 0
            for m in g.members {
                if interrupt() { throw Diagnostic(.interrupted, range) }
                sum += try kindFigure(which, .project(m), kind, window: window, range)
            }
            return sum
        default:
            throw Diagnostic(.wrongArgumentType(function: which.rawValue, argument: L("its subject"), expected: L("a project or a group"), got: subject.kindName), range)
        }
    }

    /// 到位资金 of a project (its `received` statements) or a group (stated, else its members').
    func receivedFen(_ subject: Value, _ range: SourceRange) throws(Diagnostic) -> Int128 {
        switch subject {
        case .project(let p):
            let project = model.projects.values[p]
            guard !project.receipts.isEmpty else { throw nothingReceived(project.id, range) }
            return project.receipts.reduce(Int128(0)) { $0 + Int128($1.fen) }
        case .group(let g):
            if let name = g.name, let stated = model.groups[name]?.totals[.received] { return Int128(stated) }
            if g.members.isEmpty { throw emptyGroup(g, stating: "funds received", clause: "received", range) }
            var sum: Int128 = 0
            for m in g.members { sum += try receivedFen(.project(m), range) }
            return sum
        default:
            throw Diagnostic(.wrongArgumentType(function: "received", argument: L("its subject"), expected: L("a project or a group"), got: subject.kindName), range)
        }
    }

    /// `received(x, funds: K)`
    func received(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        if case .undefined = subject { return subject }
        let range = c.positional[0].range
        if let kind = try fundsLabel(c) {
            return .money(Rational(uncheckedNum: try kindFigure(.received, subject, kind, window: nil, range), den: 1))
        }
        return .money(Rational(uncheckedNum: try receivedFen(subject, range), den: 1))
    }

    /// `arrival(x)`: 到位率 = received ÷ full-year budget; undefined for a zero budget.
    func arrival(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        if case .undefined = subject { return subject }
        let range = c.positional[0].range
        let received = try receivedFen(subject, range)
        guard case .money(let budget) = try figure(.budget, subject, range) else { return .undefined(L("budget")) }
        guard let r = try checked(c.range, { () throws(Rational.Overflow) in try Rational(received, 1).divided(by: budget) }) else {
            return .undefined(L("zero budget"))
        }
        return .rate(r)
    }

    /// `income(x, source: S, in: YEAR)`: the income stated for a group with `income`; without
    /// `source:` the stated total, else the sum of the sources stated for that year.
    func income(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let subject = try eval(c.positional[0])
        if case .undefined = subject { return subject }
        let range = c.positional[0].range
        guard case .group(let g) = subject, let name = g.name, let def = model.groups[name] else {
            throw Diagnostic(.wrongArgumentType(function: "income", argument: L("its subject"), expected: L("a named group or the department"), got: subject.kindName), range)
        }
        var year: Int?
        if let y = c.labelled("in") {
            let got = try eval(y)
            guard case .number(let n) = got, n.isInteger, (1900...2200).contains(n.num) else {
                throw Diagnostic(.wrongArgumentType(function: "income", argument: "`in:`", expected: L("a year such as 2019"), got: got.gotText), y.range)
            }
            if Int(n.num) != model.year { year = Int(n.num) }
        }
        var source: String?
        if let s = c.labelled("source") {
            switch s.kind {
            case .name(let n) where locals[n] == nil && bindings[n] == nil: source = n
            default:
                let got = try eval(s)
                guard case .text(let t) = got else {
                    throw Diagnostic(.wrongArgumentType(function: "income", argument: "`source:`", expected: L("a source as the `income` statement names it"), got: got.gotText), s.range)
                }
                source = t
            }
        }
        let ofYear = def.income.filter { $0.year == year }
        let yearText = year.map { L(" for \($0)") } ?? ""
        if let source {
            guard let i = ofYear.first(where: { $0.source == source }) else {
                throw Diagnostic(.notDerivable(L("no income from \(source) is stated for `\(name)`\(yearText): state it with `income \(name) AMOUNT source \(source)\(year.map { " in \($0)" } ?? "")`")), range)
            }
            return .money(Rational(uncheckedNum: Int128(i.fen), den: 1))
        }
        if let total = ofYear.first(where: { $0.source == nil }) { return .money(Rational(uncheckedNum: Int128(total.fen), den: 1)) }
        guard !ofYear.isEmpty else {
            throw Diagnostic(.notDerivable(L("no income is stated for `\(name)`\(yearText): state it with `income \(name) AMOUNT [source S]\(year.map { " in \($0)" } ?? "")`")), range)
        }
        return .money(Rational(uncheckedNum: ofYear.reduce(Int128(0)) { $0 + Int128($1.fen) }, den: 1))
    }

    /// `count(G)` of a group with no declared projects: the count a `total … count` states.
    func statedCount(_ g: GroupValue) -> Int? {
        guard g.members.isEmpty, let name = g.name else { return nil }
        return model.groups[name]?.count
    }

    /// A group with no projects has no figures unless a `total` states them: never a silent 0.
    func emptyGroup(_ g: GroupValue, stating figure: String, clause: String? = nil, _ range: SourceRange) -> Diagnostic {
        guard let name = g.name else {
            return Diagnostic(.notDerivable(L("the group has no projects: its \(Evaluator.figureWord(figure)) is not stated, not zero")), range)
        }
        return Diagnostic(.notDerivable(L("`\(name)` has no projects: state its \(Evaluator.figureWord(figure)) with `total \(name) \(clause ?? figure) AMOUNT`")), range)
    }

    /// A figure as a message names it; the statement's own word when it has no other.
    static func figureWord(_ figure: String) -> String {
        switch figure {
        case "budget": L("budget")
        case "initial": L("initial")
        case "adjustments": L("adjustments")
        case "unspent": L("unspent")
        case "carryover": L("carryover")
        case "received", "funds received": L("funds received")
        case "payments": L("payments")
        default: figure
        }
    }

    func nothingReceived(_ id: String, _ range: SourceRange) -> Diagnostic {
        Diagnostic(.notDerivable(L("no funds received are stated for `\(id)`: state them with `received \(id) AMOUNT`")), range)
    }

    func unmarkedKinds(_ id: String, _ n: Int, _ what: String, _ keyword: String, _ range: SourceRange) -> Diagnostic {
        Diagnostic(.notDerivable(n == 1 ? L("\(n) \(what) of `\(id)` states no kind of funds: add `funds KIND` to the `\(keyword)` statement")
            : L("\(n) \(what) of `\(id)` state no kind of funds: add `funds KIND` to the `\(keyword)` statement")), range)
    }

    func adjustmentsDisagree(_ p: Int, dated: Int64, _ range: SourceRange) -> Diagnostic {
        let project = model.projects.values[p]
        let f = ValueFormatter(unit: model.unit)
        let derived = Rational(uncheckedNum: Int128(project.fullYearFen ?? 0) - Int128(project.initialFen ?? 0), den: 1)
        return Diagnostic(.notDerivable(L("the dated adjustments of `\(project.id)` add up to \(f.money(Rational(uncheckedNum: Int128(dated), den: 1), within: model.moneyPlaces)), but its stated initial and full-year budgets differ by \(f.money(derived, within: model.moneyPlaces)): make them agree")), range)
    }
}
