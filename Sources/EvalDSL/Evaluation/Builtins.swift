/// How a built-in is called. The evaluator checks every call against it before the body runs, so
/// "takes 1 argument" and "unknown label" errors come from here, never from a body.
public struct Signature: Sendable {
    /// As help shows it: `paid(x, by: DATE|PERIOD, in: PERIOD|YEAR)`.
    public var usage: String
    /// How many positional arguments it takes (`Int.max`: any number).
    public var arity: ClosedRange<Int>
    /// The labelled arguments it accepts (`by:`), each optional.
    public var labels: [String]

    public init(_ usage: String, arity: ClosedRange<Int>, labels: [String] = []) {
        self.usage = usage
        self.arity = arity
        self.labels = labels
    }

    /// "1 argument", "2 arguments", "1 to 2 arguments".
    var expected: String {
        arity.upperBound == Int.max
            ? (arity.lowerBound == 1 ? L("at least \(arity.lowerBound) argument") : L("at least \(arity.lowerBound) arguments"))
            : arity.lowerBound == arity.upperBound
            ? (arity.lowerBound == 1 ? L("\(arity.lowerBound) argument") : L("\(arity.lowerBound) arguments"))
            : L("\(arity.lowerBound) to \(arity.upperBound) arguments")
    }

    /// The call's arguments, checked: labels first (at the label), then the count (at the call).
    func check(_ function: String, _ args: [Argument], _ range: SourceRange) throws(Diagnostic) -> BuiltinCall {
        for a in args {
            if let l = a.label, !labels.contains(l.text) {
                throw Diagnostic(.unknownArgumentLabel(function: function, label: l.text, allowed: labels), l.range)
            }
        }
        let call = BuiltinCall(arguments: args, range: range)
        guard arity.contains(call.positional.count) else {
            throw Diagnostic(.argumentCount(function: function, expected: expected, got: call.positional.count), range)
        }
        return call
    }
}

/// The arguments of one call of a built-in, checked against its signature and not yet evaluated
/// (`ifundef` and the `for` lists evaluate theirs only as needed).
struct BuiltinCall {
    let arguments: [Argument]
    /// The whole call, where errors about it as a whole are reported.
    let range: SourceRange
    let positional: [Expr]

    init(arguments: [Argument], range: SourceRange) {
        self.arguments = arguments
        self.range = range
        // One array, not a filtered one then a mapped one: every call of a built-in builds this.
        var positional: [Expr] = []
        positional.reserveCapacity(arguments.count)
        for a in arguments where a.label == nil { positional.append(a.value) }
        self.positional = positional
    }

    /// The argument labelled `label`, if given (the first, if given twice).
    func labelled(_ label: String) -> Expr? {
        arguments.first { $0.label?.text == label }?.value
    }
}

/// A built-in function: its name, signature, help (one line and an example) and body, in one entry.
/// Help, completion, the arity and label checks and the docs test are all read off `Builtins.all`.
public struct BuiltinFunction: Sendable {
    typealias Body = @Sendable (Evaluator, BuiltinCall) throws(Diagnostic) -> Value
    /// The same body for a call with one project and nothing else, `rate(p)` in a `for` list or a
    /// `where`: given the loop's evaluator and fiscal year (by reference: copying an evaluator
    /// costs more than a rate), the project's index and the checked call.
    typealias ProjectBody = @Sendable (ProjectScope, Int, BuiltinCall) throws(Diagnostic) -> ProjectFigure

    public let name: String
    public let signature: Signature
    public let summary: String
    /// Runs on its own (`ShellUnitTests` and `BuiltinTableTests` check that it does).
    public let example: String
    let body: Body
    /// Optional: a faster body for one project (ProjectLoop.swift), giving what `body` gives.
    let project: ProjectBody?

    init(_ name: String, _ signature: Signature, summary: String, example: String, project: ProjectBody? = nil, body: @escaping Body) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.example = example
        self.project = project
        self.body = body
    }
}

public enum Builtins {
    /// Every built-in, in the order `:help` lists them.
    public static let all: [BuiltinFunction] = [
        .init("budget", .init("budget(x, funds: KIND)", arity: 1...1, labels: ["funds"]),
              summary: "the full-year budget (全年预算 = 年初预算 + adjustments) of a project or group; a group's stated total when given",
              example: "budget(archive)",
              project: { s, p, c throws(Diagnostic) in try s.figure(.budget, p, c) }) { ev, c throws(Diagnostic) in try ev.figure(.budget, c) },
        .init("initial", .init("initial(x)", arity: 1...1),
              summary: "the initial budget (年初预算) of a project or group",
              example: "initial(组织部)",
              project: { s, p, c throws(Diagnostic) in try s.figure(.initial, p, c) }) { ev, c throws(Diagnostic) in try ev.figure(.initial, c) },
        .init("adjustments", .init("adjustments(x, funds: KIND)", arity: 1...1, labels: ["funds"]),
              summary: "the budget adjustments (追加 − 调减) of a project or group",
              example: "adjustments(archive)",
              project: { s, p, c throws(Diagnostic) in try s.figure(.adjustments, p, c) }) { ev, c throws(Diagnostic) in try ev.figure(.adjustments, c) },
        .init("paid", .init("paid(x, by: DATE|PERIOD, in: PERIOD|YEAR, funds: KIND)", arity: 1...1, labels: ["by", "in", "funds"]),
              summary: "payments within the fiscal year; `by:` up to a cut-off, `in:` within a period (e.g. the next year)",
              example: "paid(archive, by: Q3)",
              project: { s, p, c throws(Diagnostic) in try s.paid(p, c) }) { ev, c throws(Diagnostic) in try ev.paid(c) },
        .init("rate", .init("rate(x, by: DATE|PERIOD, funds: KIND)", arity: 1...1, labels: ["by", "funds"]),
              summary: "the budget execution rate (执行率): paid within the year ÷ budget",
              example: "rate(本级)",
              project: { s, p, c throws(Diagnostic) in try s.rate(p, c) }) { ev, c throws(Diagnostic) in try ev.rate(c) },
        .init("unspent", .init("unspent(x)", arity: 1...1),
              summary: "budget − paid within the year",
              example: "unspent(archive)") { ev, c throws(Diagnostic) in try ev.figure(.unspent, c) },
        .init("carryover", .init("carryover(x)", arity: 1...1),
              summary: "the carry-over (结转结余) stated for a group with `total … carryover`",
              example: "carryover(组织部)") { ev, c throws(Diagnostic) in try ev.figure(.carryover, c) },
        .init("received", .init("received(x, funds: KIND)", arity: 1...1, labels: ["funds"]),
              summary: "funds received (到位资金) stated with `received` (a group's stated total when given); not spending",
              example: "received(archive)") { ev, c throws(Diagnostic) in try ev.received(c) },
        .init("arrival", .init("arrival(x)", arity: 1...1),
              summary: "the arrival rate (到位率): funds received ÷ full-year budget",
              example: "arrival(archive)") { ev, c throws(Diagnostic) in try ev.arrival(c) },
        .init("income", .init("income(G, source: S, in: YEAR)", arity: 1...1, labels: ["source", "in"]),
              summary: "income (收入) stated for a group with `income`: its total, or from one source; `in:` another year",
              example: "income(组织部, in: 2019)") { ev, c throws(Diagnostic) in try ev.income(c) },
        .init("variance", .init("variance(a, b)", arity: 2...2),
              summary: "the variance rate (差异率) (b − a) ÷ a",
              example: "variance(initial(组织部), budget(组织部))") { ev, c throws(Diagnostic) in try ev.variance(c) },
        .init("round", .init("round(v, n)", arity: 1...2),
              summary: "rounds half away from zero (四舍五入) to n decimals: of the default unit for money, of the percentage for rates",
              example: "round(rate(本级), 1)") { ev, c throws(Diagnostic) in try ev.round(c) },
        .init("abs", .init("abs(v)", arity: 1...1),
              summary: "the magnitude of a number, an amount or a rate",
              example: "abs(-3)") { ev, c throws(Diagnostic) in try ev.abs(c) },
        .init("min", .init("min(a, b, …) | min(EXPR for p in G)", arity: 1...Int.max),
              summary: "the smallest value",
              example: "min(rate(p) for p in 转移支付)") { ev, c throws(Diagnostic) in try ev.aggregate(.min, c) },
        .init("max", .init("max(a, b, …) | max(EXPR for p in G)", arity: 1...Int.max),
              summary: "the largest value",
              example: "max(budget(p) for p in 转移支付)") { ev, c throws(Diagnostic) in try ev.aggregate(.max, c) },
        .init("sum", .init("sum(a, b, …) | sum(EXPR for p in G [if COND])", arity: 1...Int.max),
              summary: "the total of values",
              example: "sum(budget(p) for p in 转移支付)") { ev, c throws(Diagnostic) in try ev.aggregate(.sum, c) },
        .init("avg", .init("avg(EXPR for p in G [if COND])", arity: 1...Int.max),
              summary: "the mean of values",
              example: "avg(rate(p) for p in 转移支付)") { ev, c throws(Diagnostic) in try ev.aggregate(.avg, c) },
        .init("count", .init("count(G) | count(p for p in G if COND)", arity: 1...1),
              summary: "the number of projects; of a group with none declared, the count stated with `total … count`",
              example: "count(本级 where grade = 优)") { ev, c throws(Diagnostic) in try ev.count(c) },
        .init("defined", .init("defined(v)", arity: 1...1),
              summary: "false when v is undefined (a division by zero)",
              example: "defined(rate(archive))") { ev, c throws(Diagnostic) in try ev.defined(c) },
        .init("ifundef", .init("ifundef(v, fallback)", arity: 2...2),
              summary: "v, or fallback when v is undefined",
              example: "ifundef(rate(archive), 0%)") { ev, c throws(Diagnostic) in try ev.ifundef(c) },
        .init("schedule", .init("schedule(DATE|PERIOD)", arity: 1...1),
              summary: "the time-proportional schedule (序时进度) at the end of a date or period: months elapsed ÷ 12, or with `schedule days` days elapsed ÷ days in the year",
              example: "schedule(Q3)") { ev, c throws(Diagnostic) in try ev.schedule(c) },
        .init("grade", .init("grade(x) | grade(score)", arity: 1...1),
              summary: "a project's self-evaluation grade (computed from its form when it has one, else as stated), or the grade of a score (\(Grade.bandsText))",
              example: "grade(93.85)") { ev, c throws(Diagnostic) in try ev.grade(c) },
    ] + Builtins.forms

    static let byName: [String: BuiltinFunction] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

extension Evaluator {
    /// A call of an indicator (a user's function) or a built-in.
    func call(_ callee: Name, _ args: [Argument], _ range: SourceRange) throws(Diagnostic) -> Value {
        if interrupt() { throw Diagnostic(.interrupted, range) }
        if case .indicator(let params, let body, _)? = bindings[callee.text], locals[callee.text] == nil {
            if let labelled = args.first(where: { $0.label != nil }) {
                throw Diagnostic(.unknownArgumentLabel(function: callee.text, label: labelled.label!.text, allowed: []), labelled.label!.range)
            }
            guard args.count == params.count else {
                throw Diagnostic(.argumentCount(function: callee.text, expected: params.count == 1 ? L("\(params.count) argument (\(params.joined(separator: ", ")))") : L("\(params.count) arguments (\(params.joined(separator: ", ")))"), got: args.count), range)
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
        return try fn.body(self, try fn.signature.check(fn.name, args, range))
    }
}
