/// The built-ins on single values: variance, round, abs, defined, ifundef, schedule, grade.
extension Evaluator {
    /// `variance(a, b)`: (b − a) ÷ a, of two amounts or two numbers.
    func variance(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let range = c.range, positional = c.positional
        var a = try eval(positional[0]), b = try eval(positional[1])
        if case .money = b, case .number(let n) = a, Evaluator.isBareNumber(positional[0]) { a = try moneyFromNumber(n, positional[0].range) }
        if case .money = a, case .number(let n) = b, Evaluator.isBareNumber(positional[1]) { b = try moneyFromNumber(n, positional[1].range) }
        switch (a, b) {
        case let (.money(x), .money(y)), let (.number(x), .number(y)):
            let diff = try checked(range) { () throws(Rational.Overflow) in try y.subtracting(x) }
            guard let r = try checked(range, { () throws(Rational.Overflow) in try diff.divided(by: x) }) else { return .undefined(L("zero base")) }
            return .rate(r)
        case (.undefined, _): return a
        case (_, .undefined): return b
        default:
            throw Diagnostic(.typeMismatch(operation: L("take the variance of"), left: a.kindName, right: b.kindName, hint: L("variance(a, b) compares two amounts or two numbers")), range)
        }
    }

    /// `round(v, n)`: n decimals, 2 when not given.
    func round(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let v = try eval(c.positional[0])
        var places = 2
        if c.positional.count == 2 {
            let given = try eval(c.positional[1])
            guard case .number(let n) = given, n.isInteger, (0...12).contains(n.num) else {
                let got: String
                if case .number(let n) = given { got = n.shortText(maxPlaces: 6) } else { got = given.kindName }
                throw Diagnostic(.wrongArgumentType(function: "round", argument: L("the number of decimals"), expected: L("a whole number from 0 to 12"), got: got), c.positional[1].range)
            }
            places = Int(n.num)
        }
        return try round(v, places: places, c.range)
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
            throw Diagnostic(.wrongArgumentType(function: "round", argument: L("its argument"), expected: L("a number, money or a rate"), got: v.kindName), range)
        }
    }

    /// `abs(v)`
    func abs(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        // Negated through the checked operation: the magnitude of the most negative value may not fit.
        func magnitude(_ n: Rational) throws(Diagnostic) -> Rational {
            guard n.isNegative else { return n }
            return try checked(c.range) { () throws(Rational.Overflow) in try n.negated() }
        }
        switch try eval(c.positional[0]) {
        case .number(let n): return .number(try magnitude(n))
        case .money(let n): return .money(try magnitude(n))
        case .rate(let n): return .rate(try magnitude(n))
        case .undefined(let w): return .undefined(w)
        case let v: throw Diagnostic(.wrongArgumentType(function: "abs", argument: L("its argument"), expected: L("a number, money or a rate"), got: v.kindName), c.positional[0].range)
        }
    }

    /// `defined(v)`: false for undefined.
    func defined(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        if case .undefined = try eval(c.positional[0]) { return .bool(false) }
        return .bool(true)
    }

    /// `ifundef(v, fallback)`: the fallback is evaluated only when needed.
    func ifundef(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let v = try eval(c.positional[0])
        if case .undefined = v { return try eval(c.positional[1]) }
        return v
    }

    /// `schedule(D)`: the time-proportional schedule at the end of a date or period.
    func schedule(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let day: CivilDate
        switch try eval(c.positional[0]) {
        case .date(let d): day = d
        case .period(let p): day = p.last
        case let v: throw Diagnostic(.wrongArgumentType(function: "schedule", argument: L("its argument"), expected: L("a date, a month or a quarter"), got: v.kindName), c.positional[0].range)
        }
        return .rate(try schedule(at: day))
    }

    /// `grade(x)`: the grade of x's form when it has one, else x's stated grade; `grade(score)`: the
    /// grade the score earns (by `scoring grades`).
    func grade(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let arg = c.positional[0]
        if let g = try formGrade(arg) { return g }
        switch try eval(arg) {
        case .project(let p):
            guard let g = model.projects.values[p].grade else {
                throw Diagnostic(.notDerivable(L("no grade is stated for `\(model.projects.values[p].id)`")), arg.range)
            }
            return .text(g.rawValue)
        case .number(let s):
            return .text(formBook.rules.grades.grade(s).rawValue)
        case .undefined(let w): return .undefined(w)
        case let v:
            throw Diagnostic(.wrongArgumentType(function: "grade", argument: L("its argument"), expected: L("a project or a score"), got: v.kindName), arg.range)
        }
    }
}
