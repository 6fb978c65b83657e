/// The built-in functions, with one line of help and an example each (the shell's `:help` shows them).
public struct BuiltinFunction: Sendable {
    public var name: String
    public var signature: String
    public var summary: String
    public var example: String
    /// Labelled arguments it accepts.
    var labels: [String] = []
}

public enum Builtins {
    public static let all: [BuiltinFunction] = [
        .init(name: "budget", signature: "budget(x)", summary: "the full-year budget (全年预算 = 年初预算 + adjustments) of a project or group; a group's stated total when given", example: "budget(archive)"),
        .init(name: "initial", signature: "initial(x)", summary: "the initial budget (年初预算) of a project or group", example: "initial(组织部)"),
        .init(name: "adjustments", signature: "adjustments(x)", summary: "the budget adjustments (追加 − 调减) of a project or group", example: "adjustments(archive)"),
        .init(name: "paid", signature: "paid(x, by: DATE|PERIOD, in: PERIOD|YEAR)", summary: "payments within the fiscal year; `by:` up to a cut-off, `in:` within a period (e.g. the next year)", example: "paid(archive, by: Q3)", labels: ["by", "in"]),
        .init(name: "rate", signature: "rate(x, by: DATE|PERIOD)", summary: "the budget execution rate (执行率): paid within the year ÷ budget", example: "rate(本级)", labels: ["by"]),
        .init(name: "unspent", signature: "unspent(x)", summary: "budget − paid within the year", example: "unspent(archive)"),
        .init(name: "carryover", signature: "carryover(x)", summary: "the carry-over (结转结余) stated for a group with `total … carryover`", example: "carryover(组织部)"),
        .init(name: "variance", signature: "variance(a, b)", summary: "the variance rate (差异率) (b − a) ÷ a", example: "variance(initial(组织部), budget(组织部))"),
        .init(name: "round", signature: "round(v, n)", summary: "rounds half away from zero (四舍五入) to n decimals: of the default unit for money, of the percentage for rates", example: "round(rate(本级), 1)"),
        .init(name: "abs", signature: "abs(v)", summary: "the magnitude of a number, an amount or a rate", example: "abs(-3)"),
        .init(name: "min", signature: "min(a, b, …) | min(EXPR for p in G)", summary: "the smallest value", example: "min(rate(p) for p in 转移支付)"),
        .init(name: "max", signature: "max(a, b, …) | max(EXPR for p in G)", summary: "the largest value", example: "max(budget(p) for p in 转移支付)"),
        .init(name: "sum", signature: "sum(a, b, …) | sum(EXPR for p in G [if COND])", summary: "the total of values", example: "sum(budget(p) for p in 转移支付)"),
        .init(name: "avg", signature: "avg(EXPR for p in G [if COND])", summary: "the mean of values", example: "avg(rate(p) for p in 转移支付)"),
        .init(name: "count", signature: "count(G) | count(p for p in G if COND)", summary: "the number of projects", example: "count(本级 where grade = 优)"),
        .init(name: "defined", signature: "defined(v)", summary: "false when v is undefined (a division by zero)", example: "defined(rate(archive))"),
        .init(name: "ifundef", signature: "ifundef(v, fallback)", summary: "v, or fallback when v is undefined", example: "ifundef(rate(archive), 0%)"),
        .init(name: "schedule", signature: "schedule(DATE|PERIOD)", summary: "the time-proportional schedule (序时进度) at the end of a date or period: months elapsed ÷ 12, or with `schedule days` days elapsed ÷ days in the year", example: "schedule(Q3)"),
        .init(name: "grade", signature: "grade(x) | grade(score)", summary: "a project's self-evaluation grade, or the grade of a score (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差)", example: "grade(93.85)"),
    ]

    static let byName: [String: BuiltinFunction] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

extension Evaluator {
    func call(_ callee: Name, _ args: [Argument], _ range: SourceRange) throws(Diagnostic) -> Value {
        if interrupt() { throw Diagnostic(.interrupted, range) }
        if case .indicator(let params, let body, _)? = bindings[callee.text], locals[callee.text] == nil {
            if let labelled = args.first(where: { $0.label != nil }) {
                throw Diagnostic(.unknownArgumentLabel(function: callee.text, label: labelled.label!.text, allowed: []), labelled.label!.range)
            }
            guard args.count == params.count else {
                throw Diagnostic(.argumentCount(function: callee.text, expected: "\(params.count) argument\(params.count == 1 ? "" : "s") (\(params.joined(separator: ", ")))", got: args.count), range)
            }
            var values: [Value] = []
            for a in args { values.append(try eval(a.value)) }
            return try callIndicator(callee.text, params: params, body: body, args: values, range)
        }
        guard let fn = Builtins.byName[callee.text] else {
            if let line = failed[callee.text] { throw Diagnostic(.dependsOnFailed(callee.text, line: line), callee.range) }
            let indicators = bindings.compactMap { if case .indicator = $0.value { $0.key } else { nil } }
            throw Diagnostic(.unknownFunction(callee.text, suggestion: nearest(callee.text, in: Builtins.all.map(\.name) + indicators)), callee.range)
        }
        for a in args {
            if let l = a.label, !fn.labels.contains(l.text) {
                throw Diagnostic(.unknownArgumentLabel(function: fn.name, label: l.text, allowed: fn.labels), l.range)
            }
        }
        let positional = args.filter { $0.label == nil }.map(\.value)
        func labelled(_ l: String) -> Expr? { args.first { $0.label?.text == l }?.value }
        func arity(_ n: ClosedRange<Int>) throws(Diagnostic) {
            guard n.contains(positional.count) else {
                let expected = n.lowerBound == n.upperBound ? "\(n.lowerBound) argument\(n.lowerBound == 1 ? "" : "s")" : "\(n.lowerBound) to \(n.upperBound) arguments"
                throw Diagnostic(.argumentCount(function: fn.name, expected: expected, got: positional.count), range)
            }
        }

        switch fn.name {
        case "budget", "initial", "adjustments", "unspent", "carryover":
            try arity(1...1)
            let subject = try eval(positional[0])
            if case .undefined = subject { return subject }
            return try figure(fn.name, subject, positional[0].range)
        case "paid":
            try arity(1...1)
            let subject = try eval(positional[0])
            let window = try paymentWindow(by: labelled("by"), in: labelled("in"), range)
            return .money(Rational(uncheckedNum: try paidFen(subject, window, positional[0].range), den: 1))
        case "rate":
            try arity(1...1)
            let subject = try eval(positional[0])
            let window = try paymentWindow(by: labelled("by"), in: nil, range)
            let paid = try paidFen(subject, window, positional[0].range)
            guard case .money(let budget) = try figure("budget", subject, positional[0].range) else { return .undefined("budget") }
            guard let r = try checked(range, { () throws(Rational.Overflow) in try Rational(paid, 1).divided(by: budget) }) else {
                return .undefined("zero budget")
            }
            return .rate(r)
        case "variance":
            try arity(2...2)
            var a = try eval(positional[0]), b = try eval(positional[1])
            if case .money = b, case .number(let n) = a, Evaluator.isBareNumber(positional[0]) { a = try moneyFromNumber(n, positional[0].range) }
            if case .money = a, case .number(let n) = b, Evaluator.isBareNumber(positional[1]) { b = try moneyFromNumber(n, positional[1].range) }
            switch (a, b) {
            case let (.money(x), .money(y)), let (.number(x), .number(y)):
                let diff = try checked(range) { () throws(Rational.Overflow) in try y.subtracting(x) }
                guard let r = try checked(range, { () throws(Rational.Overflow) in try diff.divided(by: x) }) else { return .undefined("zero base") }
                return .rate(r)
            case (.undefined, _): return a
            case (_, .undefined): return b
            default:
                throw Diagnostic(.typeMismatch(operation: "take the variance of", left: a.kindName, right: b.kindName, hint: "variance(a, b) compares two amounts or two numbers"), range)
            }
        case "round":
            try arity(1...2)
            let v = try eval(positional[0])
            var places = 2
            if positional.count == 2 {
                guard case .number(let n) = try eval(positional[1]), n.isInteger, (0...12).contains(n.num) else {
                    throw Diagnostic(.wrongArgumentType(function: "round", argument: "the number of decimals", expected: "a whole number from 0 to 12", got: "something else"), positional[1].range)
                }
                places = Int(n.num)
            }
            return try round(v, places: places, range)
        case "abs":
            try arity(1...1)
            switch try eval(positional[0]) {
            case .number(let n): return .number(n.magnitude)
            case .money(let n): return .money(n.magnitude)
            case .rate(let n): return .rate(n.magnitude)
            case .undefined(let w): return .undefined(w)
            case let v: throw Diagnostic(.wrongArgumentType(function: "abs", argument: "its argument", expected: "a number, money or a rate", got: v.kindName), positional[0].range)
            }
        case "min", "max", "sum", "avg":
            guard !positional.isEmpty else { try arity(1...Int.max); return .undefined("") }
            let values = try aggregateInputs(positional)
            return try aggregate(fn.name, values, range)
        case "count":
            try arity(1...1)
            if case .comprehension = positional[0].kind {
                return .number(Rational(try aggregateInputs(positional).count))
            }
            let g = try groupValue(try eval(positional[0]), positional[0].range, context: "count")
            return .number(Rational(g.members.count))
        case "schedule":
            try arity(1...1)
            let day: CivilDate
            switch try eval(positional[0]) {
            case .date(let d): day = d
            case .period(let p): day = p.last
            case let v: throw Diagnostic(.wrongArgumentType(function: "schedule", argument: "its argument", expected: "a date, a month or a quarter", got: v.kindName), positional[0].range)
            }
            return .rate(try schedule(at: day))
        case "defined":
            try arity(1...1)
            if case .undefined = try eval(positional[0]) { return .bool(false) }
            return .bool(true)
        case "ifundef":
            try arity(2...2)
            let v = try eval(positional[0])
            if case .undefined = v { return try eval(positional[1]) }
            return v
        case "grade":
            try arity(1...1)
            switch try eval(positional[0]) {
            case .project(let p):
                guard let g = model.projects.values[p].grade else {
                    throw Diagnostic(.notDerivable("no grade is stated for `\(model.projects.values[p].id)`"), positional[0].range)
                }
                return .text(g.rawValue)
            case .number(let s):
                let g: Grade = s >= Rational(90) ? .excellent : s >= Rational(80) ? .good : s >= Rational(60) ? .fair : .poor
                return .text(g.rawValue)
            case .undefined(let w): return .undefined(w)
            case let v:
                throw Diagnostic(.wrongArgumentType(function: "grade", argument: "its argument", expected: "a project or a score", got: v.kindName), positional[0].range)
            }
        default:
            throw Diagnostic(.unknownFunction(fn.name, suggestion: nil), callee.range)
        }
    }

    // MARK: Figures of projects and groups

    /// The inclusive day window payments count in: the fiscal year, cut at `by:`, or the period `in:`.
    func paymentWindow(by: Expr?, in period: Expr?, _ range: SourceRange) throws(Diagnostic) -> (CivilDate, CivilDate, isWholeYear: Bool) {
        if let period {
            switch try eval(period) {
            case .period(let p): return (p.first, p.last, false)
            case .date(let d): return (d, d, false)
            case .number(let n) where n.isInteger && (1900...2200).contains(n.num):
                let p = Period.year(Int(n.num))
                return (p.first, p.last, p == model.fiscalYear)
            case let v: throw Diagnostic(.wrongArgumentType(function: "paid", argument: "`in:`", expected: "a month, a quarter, a date or a year", got: v.kindName), period.range)
            }
        }
        guard let fy = model.fiscalYear else { throw Diagnostic(.noFiscalYear, range) }
        guard let by else { return (fy.first, fy.last, true) }
        let cut: CivilDate
        switch try eval(by) {
        case .date(let d): cut = d
        case .period(let p): cut = p.last
        case let v: throw Diagnostic(.wrongArgumentType(function: "paid", argument: "`by:`", expected: "a date, a month or a quarter", got: v.kindName), by.range)
        }
        return (fy.first, min(cut, fy.last), cut >= fy.last)
    }

    func paidFen(_ subject: Value, _ window: (CivilDate, CivilDate, isWholeYear: Bool), _ range: SourceRange) throws(Diagnostic) -> Int128 {
        switch subject {
        case .project(let p):
            // A project the report gives no money figure for has unknown payments, not zero.
            if model.projects.values[p].initialFen == nil, !model.hasPayments(p) {
                throw Diagnostic(.notDerivable("neither a budget nor payments are stated for `\(model.projects.values[p].id)`"), range)
            }
            return model.paidFen(p, from: window.0, through: window.1) + scenario.paid(p, from: window.0.dayNumber, through: window.1.dayNumber)
        case .group(let g):
            if let name = g.name, let stated = model.groups[name]?.totals[.paid] {
                guard window.isWholeYear else {
                    throw Diagnostic(.notDerivable("only the fiscal year's total payments are stated for `\(name)`: figures by date need its payments"), range)
                }
                // Hypothetical payments of its members come on top of the stated total.
                var delta: Int128 = 0
                if !scenario.payments.isEmpty {
                    let members = Set(g.members)
                    for d in scenario.payments where members.contains(d.project) && d.day >= window.0.dayNumber && d.day <= window.1.dayNumber {
                        delta += Int128(d.fen)
                    }
                }
                return Int128(stated) + delta
            }
            // The fiscal year's payments of a group whose members depend only on attributes are the
            // same until the model changes: cached, and a what-if adds only its own payments.
            if window.isWholeYear, let key = g.cacheKey {
                let cacheKey = "paid \(key) \(window.0.dayNumber)"
                let base: Int128
                if let cached = model.cache.sum(cacheKey) {
                    base = cached
                } else {
                    var baseline = self
                    baseline.scenario = Scenario()
                    var sum: Int128 = 0
                    for m in g.members { sum += try baseline.paidFen(.project(m), window, range) }
                    model.cache.setSum(cacheKey, sum)
                    base = sum
                }
                var delta: Int128 = 0
                for d in scenario.payments where d.day >= window.0.dayNumber && d.day <= window.1.dayNumber && g.contains(d.project) {
                    delta += Int128(d.fen)
                }
                return base + delta
            }
            var sum: Int128 = 0
            for m in g.members { sum += try paidFen(.project(m), window, range) }
            return sum
        default:
            throw Diagnostic(.wrongArgumentType(function: "paid", argument: "its subject", expected: "a project or a group", got: subject.kindName), range)
        }
    }

    /// budget / initial / adjustments / unspent / carryover of a project or group, in fen.
    func figure(_ which: String, _ subject: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        func money(_ f: Int128) -> Value { .money(Rational(uncheckedNum: f, den: 1)) }
        switch which {
        case "unspent":
            guard case .money(let b) = try figure("budget", subject, range) else { return .undefined("budget") }
            let window = try paymentWindow(by: nil, in: nil, range)
            let p = try paidFen(subject, window, range)
            return .money(try checked(range) { () throws(Rational.Overflow) in try b.subtracting(Rational(uncheckedNum: p, den: 1)) })
        case "carryover":
            guard case .group(let g) = subject, let name = g.name, let c = model.groups[name]?.totals[.carryover] else {
                throw Diagnostic(.notDerivable("no carry-over is stated for this: state it with `total GROUP carryover AMOUNT`, or compute `unspent(x)`"), range)
            }
            return money(Int128(c))
        default: break
        }
        switch subject {
        case .project(let p):
            let project = model.projects.values[p]
            guard let adj = model.adjustmentsFen(p) else { throw Diagnostic(.overflow, range) }
            let hypothetical = Int128(scenario.budgetDelta[p] ?? 0)
            if which == "adjustments" { return money(Int128(adj) + hypothetical) }
            guard let initial = project.initialFen else { throw Diagnostic(.budgetNotStated(project.id), range) }
            return money(which == "initial" ? Int128(initial) : Int128(initial) + Int128(adj) + hypothetical)
        case .group(let g):
            if let name = g.name, let totals = model.groups[name]?.totals {
                // Hypothetical budget changes of its members come on top of a stated total.
                var delta: Int128 = 0
                if !scenario.budgetDelta.isEmpty {
                    let members = Set(g.members)
                    for (p, d) in scenario.budgetDelta where members.contains(p) { delta += Int128(d) }
                }
                switch which {
                case "budget": if let b = totals[.budget] { return money(Int128(b) + delta) }
                case "initial": if let i = totals[.initial] { return money(Int128(i)) }
                default:
                    if let b = totals[.budget], let i = totals[.initial] { return money(Int128(b) - Int128(i) + delta) }
                }
            }
            // Budgets of a group whose members depend only on attributes: cached like its payments.
            if let key = g.cacheKey, which == "budget" || which == "initial" {
                let cacheKey = "\(which) \(key)"
                var base: Int128
                if let cached = model.cache.sum(cacheKey) {
                    base = cached
                } else {
                    var baseline = self
                    baseline.scenario = Scenario()
                    base = 0
                    for m in g.members {
                        guard case .money(let f) = try baseline.figure(which, .project(m), range) else { continue }
                        base += f.num
                    }
                    model.cache.setSum(cacheKey, base)
                }
                if which == "budget" {
                    for (p, d) in scenario.budgetDelta where g.contains(p) { base += Int128(d) }
                }
                return money(base)
            }
            var sum: Int128 = 0
            for m in g.members {
                guard case .money(let f) = try figure(which, .project(m), range) else { continue }
                sum += f.num
            }
            return money(sum)
        default:
            throw Diagnostic(.wrongArgumentType(function: which, argument: "its subject", expected: "a project or a group", got: subject.kindName), range)
        }
    }

    // MARK: Aggregates

    func aggregateInputs(_ positional: [Expr]) throws(Diagnostic) -> [Value] {
        if positional.count == 1, case .comprehension(let body, let variable, let groupExpr, let condition) = positional[0].kind {
            let g = try groupValue(try eval(groupExpr), groupExpr.range, context: "`for … in`")
            var out: [Value] = []
            for m in g.members {
                if interrupt() { throw Diagnostic(.interrupted, positional[0].range) }
                var sub = self
                sub.locals[variable.text] = .project(m)
                if let condition {
                    switch try sub.eval(condition) {
                    case .bool(true): break
                    case .bool(false), .undefined: continue
                    case let v: throw Diagnostic(.notABoolean(got: v.kindName), condition.range)
                    }
                }
                out.append(try sub.eval(body))
            }
            return out
        }
        var out: [Value] = []
        for p in positional { out.append(try eval(p)) }
        return out
    }

    func aggregate(_ fn: String, _ values: [Value], _ range: SourceRange) throws(Diagnostic) -> Value {
        if values.isEmpty { return fn == "sum" ? .number(.zero) : .undefined("no values") }
        if let u = values.first(where: { if case .undefined = $0 { true } else { false } }) { return u }
        var acc = values[0]
        for v in values.dropFirst() {
            switch fn {
            case "min", "max":
                if case .bool(true) = try compare(fn == "min" ? .less : .greater, v, acc, range) { acc = v }
            default:
                acc = try arithmetic(.add, acc, v, range)
            }
        }
        if fn == "avg" {
            return try arithmetic(.divide, acc, .number(Rational(values.count)), range)
        }
        return acc
    }

    func round(_ v: Value, places: Int, _ range: SourceRange) throws(Diagnostic) -> Value {
        switch v {
        case .number(let n): return .number(try checked(range) { () throws(Rational.Overflow) in try n.rounded(places: places) })
        case .money(let fen):
            let unit = Rational(uncheckedNum: model.unit.fen, den: 1)
            return .money(try checked(range) { () throws(Rational.Overflow) in
                try fen.divided(by: unit)!.rounded(places: places).multiplied(by: unit)
            })
        case .rate(let r):
            let hundred = Rational(100)
            return .rate(try checked(range) { () throws(Rational.Overflow) in
                try r.multiplied(by: hundred).rounded(places: places).divided(by: hundred)!
            })
        case .undefined: return v
        default:
            throw Diagnostic(.wrongArgumentType(function: "round", argument: "its argument", expected: "a number, money or a rate", got: v.kindName), range)
        }
    }
}
