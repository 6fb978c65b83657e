/// What one statement's evaluation shares across the copies of its evaluator (a `where`, a `for`
/// list, an indicator's body each work on a copy): the steps taken and the indicator calls already
/// computed. A fresh one per evaluator, so nothing outlives the statement; used from one thread.
final class EvaluationState: @unchecked Sendable {
    /// Expression nodes evaluated so far (see `Evaluator.maxSteps`).
    var steps = 0
    /// Expression nodes being evaluated, one inside the other (see `Evaluator.maxEvaluationDepth`).
    var depth = 0
    /// Indicator results by scenario, then by indicator and arguments: a what-if changes figures,
    /// so a value computed under one scenario is never reused under another.
    private var cache: [(scenario: Scenario, values: [String: Value])] = []
    /// Numeric literals already parsed, with their text and suffix (`""`, `"%"` or a money unit): a
    /// literal inside a comprehension is evaluated once per project, and parsing it dominated. A short
    /// list searched in order (a statement has few literals; comparing short strings is cheaper than
    /// hashing them); only good values are kept, so a bad literal fails with its diagnostic every time.
    private var literals: [(text: String, suffix: String, value: Value)] = []
    private static let maxLiterals = 16

    func literal(_ text: String, _ suffix: String) -> Value? {
        for l in literals where l.text == text && l.suffix == suffix { return l.value }
        return nil
    }

    func remember(_ v: Value, for text: String, _ suffix: String) -> Value {
        if literals.count < EvaluationState.maxLiterals { literals.append((text, suffix, v)) }
        return v
    }

    /// `Evaluator.step`, here so that a loop (ProjectLoop) can count steps without an evaluator at hand.
    @inline(__always)
    func step(_ range: SourceRange, _ interrupt: () -> Bool) throws(Diagnostic) {
        // The usual step is an increment and two tests; the rest is apart, out of the callers' code.
        if depth < Evaluator.maxEvaluationDepth && (steps &+ 1) & 4095 != 0 {
            steps &+= 1
            return
        }
        try slowStep(range, interrupt)
    }

    @inline(never)
    private func slowStep(_ range: SourceRange, _ interrupt: () -> Bool) throws(Diagnostic) {
        guard depth < Evaluator.maxEvaluationDepth else {
            throw Diagnostic(.limitExceeded(L("the expression nests more than \(Evaluator.maxEvaluationDepth) levels deep when evaluated (counting through indicators)"), hint: L("compute a part once with `let` and use the name")), range)
        }
        steps += 1
        guard steps & 4095 == 0 else { return }
        if interrupt() { throw Diagnostic(.interrupted, range) }
        if steps > Evaluator.maxSteps {
            throw Diagnostic(.limitExceeded(L("the statement takes more than \(Evaluator.maxSteps) evaluation steps"), hint: L("indicators calling each other with ever new arguments? Simplify them, or work on a smaller group")), range)
        }
    }

    func cached(_ key: String, under scenario: Scenario) -> Value? {
        cache.first { $0.scenario == scenario }?.values[key]
    }

    func store(_ v: Value, for key: String, under scenario: Scenario) {
        if let i = cache.firstIndex(where: { $0.scenario == scenario }) {
            cache[i].values[key] = v
        } else {
            cache.append((scenario, [key: v]))
        }
    }
}

extension Evaluator {
    /// How deep indicators may call indicators. See docs/LANGUAGE.md, "Limits".
    static let maxCallDepth = 32
    /// How many expression nodes one statement may evaluate before it is stopped with E514; far
    /// beyond any report over the largest data (a table of 100,000 projects takes a few million).
    static let maxSteps = 200_000_000
    /// How deep expressions may nest when evaluated, counting through indicator calls: the parser's
    /// nesting limit holds per statement, but indicators nest statements' expressions into each
    /// other. Sized for the smallest stack an evaluation runs on (a worker thread of `test`).
    static let maxEvaluationDepth = 200

    /// Counts one step; polls Ctrl-C now and then, and stops a statement that runs away.
    func step(_ range: SourceRange) throws(Diagnostic) {
        try state.step(range, interrupt)
    }

    /// The memo key of an indicator call: its name and its arguments, or nil when an argument is
    /// not worth keying (a large group is cheaper to recompute than to spell out).
    static func callKey(_ name: String, _ args: [Value]) -> String? {
        var key = name
        for a in args {
            key += "\u{1F}"
            switch a {
            case .number(let r): key += "n\(r)"
            case .money(let r): key += "m\(r)"
            case .rate(let r): key += "r\(r)"
            case .bool(let b): key += b ? "T" : "F"
            case .text(let t): key += "t\(t.utf8.count):\(t)"
            case .date(let d): key += "d\(d.dayNumber)"
            case .period(let p): key += "p\(p)"
            case .project(let i): key += "P\(i)"
            case .group(let g):
                if let n = g.name { key += "G\(n)" } else if g.members.count <= 64 { key += "g\(g.members.map(String.init).joined(separator: ","))" } else { return nil }
            case .undefined(let w): key += "u\(w)"
            }
        }
        return key
    }
}
