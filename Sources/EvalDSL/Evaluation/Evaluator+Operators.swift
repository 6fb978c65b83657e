/// The operators: `and`/`or` (three-valued), comparisons, arithmetic and chains of them, with the
/// rules on kinds (money beside money, a rate beside a rate) and the hints when kinds do not fit.
extension Evaluator {
    /// `a + b - c …`: left to right in a loop, each step as `binary` would do it with the value so
    /// far on the left (reported over the operands up to that step, as the nested form was).
    func chain(_ first: Expr, _ steps: [ChainStep]) throws(Diagnostic) -> Value {
        var acc = try eval(first)
        for (k, s) in steps.enumerated() {
            var r = try eval(s.operand)
            let range = first.range.union(s.operand.range)
            if k == 0 {
                acc = try combine(s.op, acc, first, r, s.operand, range)
                continue
            }
            if case .money = acc, case .number(let n) = r, Evaluator.isBareNumber(s.operand), s.op != .multiply, s.op != .divide { r = try moneyFromNumber(n, s.operand.range) }
            if case .undefined = acc { continue }
            if case .undefined = r { acc = r; continue }
            acc = try arithmetic(s.op, acc, r, range)
        }
        return acc
    }

    /// Whether the left side of `and` / `or` decides alone (false for `and`, true for `or`): then
    /// it is the answer. An undefined one does not; anything else but a truth value is an error.
    static func decides(isAnd: Bool, _ l: Value, _ lRange: SourceRange) throws(Diagnostic) -> Bool {
        switch l {
        case .bool(let lb): return lb != isAnd
        case .undefined: return false
        default: throw Diagnostic(.notABoolean(got: l.kindName), lRange)
        }
    }

    /// `l and r` / `l or r` when `l` did not decide: three-valued, so an undefined side decides
    /// nothing (`undefined or true` is true, `undefined and false` is false) and is the answer only
    /// when the other side does not decide either (the left one's, when both are undefined).
    static func logical(isAnd: Bool, _ l: Value, _ r: Value, _ rRange: SourceRange) throws(Diagnostic) -> Value {
        switch r {
        case .bool(let rb): return rb != isAnd ? r : (l.isUndefined ? l : r)
        case .undefined: return l.isUndefined ? l : r
        default: throw Diagnostic(.notABoolean(got: r.kindName), rRange)
        }
    }

    func binary(_ op: BinaryOperator, _ le: Expr, _ re: Expr, _ range: SourceRange) throws(Diagnostic) -> Value {
        if op == .and || op == .or {
            let l = try eval(le)
            if try Evaluator.decides(isAnd: op == .and, l, le.range) { return l }
            return try Evaluator.logical(isAnd: op == .and, l, try eval(re), re.range)
        }
        // Inside `where`: `source = 本级` compares an attribute with a value word, not with a name.
        if op.isComparison, member != nil, case .name(let attr) = le.kind, locals[attr] == nil, Evaluator.attributes.contains(attr) {
            let l = try eval(le)
            let r: Value
            if case .name(let word) = re.kind, locals[word] == nil {
                r = .text(try canonical(attr, word, re.range))
            } else if case .string(let word) = re.kind {
                r = .text(try canonical(attr, word, re.range))
            } else {
                r = try eval(re)
            }
            return try compare(op, l, r, range)
        }
        return try combine(op, try eval(le), le, try eval(re), re, range)
    }

    /// Two operands' values with the expressions that gave them (a bare number next to money is an amount).
    func combine(_ op: BinaryOperator, _ lv: Value, _ le: Expr, _ rv: Value, _ re: Expr, _ range: SourceRange) throws(Diagnostic) -> Value {
        var l = lv, r = rv
        // A bare number next to money is an amount in the default unit: `budget(x) > 200`.
        if case .money = l, case .number(let n) = r, Evaluator.isBareNumber(re), op != .multiply, op != .divide { r = try moneyFromNumber(n, re.range) }
        if case .money = r, case .number(let n) = l, Evaluator.isBareNumber(le), op != .multiply, op != .divide { l = try moneyFromNumber(n, le.range) }
        if case .undefined = l { return l }
        if case .undefined = r { return r }
        // A bare number times a rate is points, a weight × a rate: `10 * rate(x)` is 9.5, not 950%.
        if op == .multiply, case .number(let w) = l, case .rate(let x) = r, Evaluator.isBareNumber(le) { return .number(try checked(range) { () throws(Rational.Overflow) in try w.multiplied(by: x) }) }
        if op == .multiply, case .rate(let x) = l, case .number(let w) = r, Evaluator.isBareNumber(re) { return .number(try checked(range) { () throws(Rational.Overflow) in try x.multiplied(by: w) }) }
        if op.isComparison { return try compare(op, l, r, range) }
        return try arithmetic(op, l, r, range)
    }

    /// The canonical value word of a `source`, `category` or `grade` condition; other attributes
    /// (`id`, `name`) compare with any text.
    func canonical(_ attr: String, _ word: String, _ range: SourceRange) throws(Diagnostic) -> String {
        guard let vocabulary = Vocabulary.byAttribute[attr] else { return word }
        guard let c = vocabulary.canonical(word) else {
            throw Diagnostic(.unknownValue(field: vocabulary.field, value: word, allowed: vocabulary.hint), range)
        }
        return c
    }

    /// Whether `op` holds for two values ordered `ord` (−1, 0, 1: left below, equal to, above right).
    static func comparison(_ op: BinaryOperator, _ ord: Int) -> Value {
        switch op {
        case .equal: .bool(ord == 0)
        case .notEqual: .bool(ord != 0)
        case .less: .bool(ord < 0)
        case .lessEqual: .bool(ord <= 0)
        case .greater: .bool(ord > 0)
        case .greaterEqual: .bool(ord >= 0)
        case .add, .subtract, .multiply, .divide, .and, .or: .bool(false)
        }
    }

    func compare(_ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        try Evaluator.compareValues(op, l, r, range)
    }

    /// `compare`, which needs nothing of an evaluator (a loop calls it without one at hand).
    static func compareValues(_ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        func result(_ ord: Int) -> Value { Evaluator.comparison(op, ord) }
        func ord<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (l, r) {
        case let (.number(a), .number(b)), let (.money(a), .money(b)), let (.rate(a), .rate(b)): return result(ord(a, b))
        case let (.date(a), .date(b)): return result(ord(a, b))
        case let (.text(a), .text(b)):
            guard op == .equal || op == .notEqual else { break }
            return result(a == b ? 0 : 1)
        case let (.bool(a), .bool(b)):
            guard op == .equal || op == .notEqual else { break }
            return result(a == b ? 0 : 1)
        case let (.project(a), .project(b)):
            guard op == .equal || op == .notEqual else { break }
            return result(a == b ? 0 : 1)
        case (.undefined, _): return l
        case (_, .undefined): return r
        default: break
        }
        throw Diagnostic(.typeMismatch(operation: op.verb, left: l.kindName, right: r.kindName, hint: hint(l, r)), range)
    }

    func mismatchHint(_ l: Value, _ r: Value) -> String? { Evaluator.hint(l, r) }

    static func hint(_ l: Value, _ r: Value) -> String? {
        switch (l, r) {
        // `rate(x) >= 1` means 100%: say so for a number that reads as a fraction.
        case (.rate, .number(let n)), (.number(let n), .rate):
            n > Rational(0) && n <= Rational(1) ? L("write the number as a percentage: \(n.shortText(maxPlaces: 6)) is `\(((try? n.multiplied(by: Rational(100))) ?? n).shortText(maxPlaces: 4))%`")
                : L("write the number as a percentage, e.g. `90%`")
        case (.money, .rate), (.rate, .money): L("a rate applies to money by multiplying, e.g. `budget(x) * 90%`")
        case (.money, .number), (.number, .money): L("give the number a unit, e.g. `12.5万元` or `885600元`")
        default: nil
        }
    }

    func arithmetic(_ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange) throws(Diagnostic) -> Value {
        func add(_ a: Rational, _ b: Rational) throws(Diagnostic) -> Rational {
            try checked(range) { () throws(Rational.Overflow) in op == .add ? try a.adding(b) : try a.subtracting(b) }
        }
        func mul(_ a: Rational, _ b: Rational) throws(Diagnostic) -> Rational {
            try checked(range) { () throws(Rational.Overflow) in try a.multiplied(by: b) }
        }
        /// nil: division by zero.
        func div(_ a: Rational, _ b: Rational) throws(Diagnostic) -> Rational? {
            try checked(range) { () throws(Rational.Overflow) in try a.divided(by: b) }
        }
        // Computed, and only when a division by zero needs it: this runs for every operation.
        var undefined: Value { .undefined(L("division by zero")) }
        switch op {
        case .add, .subtract:
            switch (l, r) {
            case let (.number(a), .number(b)): return .number(try add(a, b))
            case let (.money(a), .money(b)): return .money(try add(a, b))
            case let (.rate(a), .rate(b)): return .rate(try add(a, b))
            default: break
            }
        case .multiply:
            switch (l, r) {
            case let (.number(a), .number(b)): return .number(try mul(a, b))
            case let (.number(a), .money(b)), let (.money(a), .number(b)), let (.money(a), .rate(b)), let (.rate(a), .money(b)):
                return .money(try mul(a, b))
            case let (.number(a), .rate(b)), let (.rate(a), .number(b)), let (.rate(a), .rate(b)):
                return .rate(try mul(a, b))
            default: break
            }
        case .divide:
            switch (l, r) {
            case let (.number(a), .number(b)), let (.rate(a), .rate(b)): return try div(a, b).map(Value.number) ?? undefined
            case let (.money(a), .money(b)): return try div(a, b).map(Value.rate) ?? undefined
            case let (.money(a), .number(b)), let (.money(a), .rate(b)): return try div(a, b).map(Value.money) ?? undefined
            case let (.rate(a), .number(b)): return try div(a, b).map(Value.rate) ?? undefined
            default: break
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .and, .or: break
        }
        throw Diagnostic(.typeMismatch(operation: op.verb, left: l.kindName, right: r.kindName, hint: mismatchHint(l, r)), range)
    }
}
