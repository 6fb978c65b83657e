/// The aggregates `min`, `max`, `sum` and `avg`: over a list of values or a `for` list.
enum Aggregate: String, Sendable, CaseIterable {
    case min, max, sum, avg
}

extension Evaluator {
    /// `sum(a, b, …)`, `sum(EXPR for p in G [if COND])`, and the same for min, max, avg.
    func aggregate(_ fn: Aggregate, _ c: BuiltinCall) throws(Diagnostic) -> Value {
        try aggregate(fn, try aggregateInputs(c.positional), c.range)
    }

    /// `count(G)`, `count(p for p in G if COND)`
    func count(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let arg = c.positional[0]
        if case .comprehension = arg.kind {
            return .number(Rational(try aggregateInputs(c.positional).count))
        }
        let g = try groupValue(try eval(arg), arg.range, context: "count")
        return .number(Rational(statedCount(g) ?? g.members.count))
    }

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

    func aggregate(_ fn: Aggregate, _ values: [Value], _ range: SourceRange) throws(Diagnostic) -> Value {
        if values.isEmpty { return fn == .sum ? .number(.zero) : .undefined("no values") }
        if let u = values.first(where: { if case .undefined = $0 { true } else { false } }) { return u }
        var acc = values[0]
        for v in values.dropFirst() {
            switch fn {
            case .min, .max:
                if case .bool(true) = try compare(fn == .min ? .less : .greater, v, acc, range) { acc = v }
            case .sum, .avg:
                acc = try arithmetic(.add, acc, v, range)
            }
        }
        if fn == .avg {
            return try arithmetic(.divide, acc, .number(Rational(values.count)), range)
        }
        return acc
    }
}
