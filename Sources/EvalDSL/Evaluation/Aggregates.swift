/// The aggregates `min`, `max`, `sum` and `avg`: over a list of values or a `for` list.
enum Aggregate: String, Sendable, CaseIterable {
    case min, max, sum, avg
}

extension Evaluator {
    /// `sum(a, b, …)`, `sum(EXPR for p in G [if COND])`, and the same for min, max, avg.
    func aggregate(_ fn: Aggregate, _ c: BuiltinCall) throws(Diagnostic) -> Value {
        let values = try aggregateInputs(c.positional)
        let isList: Bool
        if case .comprehension = c.positional[0].kind { isList = true } else { isList = false }
        for (k, v) in values.enumerated() {
            let at = isList ? c.positional[0] : c.positional[k]
            switch v {
            case .number, .money, .rate, .undefined: continue
            case .date where fn == .min || fn == .max: continue
            case .group where !isList:
                // `avg(projects)`: a group is no list of values; say how to take a figure over it.
                throw Diagnostic(.groupWhereValues(function: fn.rawValue, group: Evaluator.groupText(at)), at.range)
            case .date, .group, .bool, .text, .period, .project:
                // A single value would otherwise come back as the "total" unchanged (`sum(archive)`).
                throw Diagnostic(.wrongArgumentType(function: fn.rawValue, argument: isList ? "the values of its list" : "its arguments", expected: L("numbers, amounts or rates"), got: v.kindName), at.range)
            }
        }
        return try aggregate(fn, values, c.range)
    }

    /// How a group expression reads in a hint: its name, `projects`, or a placeholder.
    static func groupText(_ e: Expr) -> String {
        switch e.kind {
        case .allProjects: "projects"
        case .name(let n): n
        default: "G"
        }
    }

    /// `count(G)`, `count(p for p in G if COND)`
    func count(_ c: BuiltinCall) throws(Diagnostic) -> Value {
        let arg = c.positional[0]
        if case .comprehension = arg.kind {
            var n = 0
            try forEachInput(c.positional) { _ in n += 1 }
            return .number(Rational(n))
        }
        let g = try groupValue(try eval(arg), arg.range, context: "count")
        return .number(Rational(statedCount(g) ?? g.members.count))
    }

    func aggregateInputs(_ positional: [Expr]) throws(Diagnostic) -> [Value] {
        var out: [Value] = []
        try forEachInput(positional) { out.append($0) }
        return out
    }

    /// Each value of a `for` list (the members for which its condition holds), or each argument.
    func forEachInput(_ positional: [Expr], _ visit: (Value) -> Void) throws(Diagnostic) {
        if positional.count == 1, case .comprehension(let body, let variable, let groupExpr, let condition) = positional[0].kind {
            let g = try groupValue(try eval(groupExpr), groupExpr.range, context: "`for … in`")
            // Resolved once for the loop (ProjectLoop.swift), the variable a slot rebound per member.
            var loop = ProjectLoop(self, variable: variable.text, inWhere: false, condition: condition, body: body)
            let bodyNode = loop.body!
            let conditionRange = condition?.range
            for m in g.members {
                if interrupt() { throw Diagnostic(.interrupted, positional[0].range) }
                loop.bind(m)
                if let conditionRange, try !loop.holds(at: conditionRange) { continue }
                visit(try loop.run(bodyNode))
            }
            return
        }
        for p in positional { visit(try eval(p)) }
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
