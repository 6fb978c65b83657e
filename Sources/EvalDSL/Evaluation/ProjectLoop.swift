/// A `for` list's condition and body, or a `where` condition, resolved once for the whole loop
/// rather than for each project: literals parsed, built-ins looked up and their calls checked, the
/// loop variable a slot instead of a name in a dictionary, and `rate(p) >= 60%` compared as two
/// 128-bit cross-products instead of through a `Rational`.
///
/// Each node does what `Evaluator.eval` does for its expression, in the same order: the same steps
/// and depth (`step`), the same interrupt polls, the same functions combining values, so the same
/// errors at the same places. A part without a node of its own is a `general` node, which `eval`
/// evaluates in the loop's scope with the variable bound as before.
indirect enum ProjectNode {
    /// The loop variable (`p`, or `it` in a `where`).
    case variable(SourceRange)
    /// A literal, or a name whose value is the same for every project of the loop.
    case constant(Value, SourceRange)
    /// A built-in with a per-project body called with the variable alone: `rate(p)`.
    case figure(FigureCall)
    /// A figure compared with a constant: `rate(p) >= 60%`, `100万元 < budget(p)`.
    case compareFigure(FigureComparison)
    /// Any other built-in, looked up once; its body evaluates its arguments in the loop's scope.
    case builtin(BuiltinFunction, BuiltinCall)
    /// Inside `where`: an attribute of the project (`source`).
    case attribute(String, SourceRange)
    /// Inside `where`: `tag T`.
    case tag(String, SourceRange)
    case not(ProjectNode, inner: SourceRange, SourceRange)
    case negate(ProjectNode, SourceRange)
    /// `and` / `or`, short-circuit.
    case logical(isAnd: Bool, ProjectNode, ProjectNode, left: SourceRange, right: SourceRange, SourceRange)
    /// Any other binary operator, through `Evaluator.combine`.
    case combine(BinaryOperator, ProjectNode, ProjectNode, Expr, Expr, SourceRange)
    /// Inside `where`: `source = 本级`, the value word already canonical (`.constant`, which
    /// counts no step here, as in `binary`), or any other right side.
    case attributeCompare(BinaryOperator, String, SourceRange, right: AttributeOperand, SourceRange)
    /// Anything else: `eval` in the loop's scope.
    case general(Expr)
}

/// What a per-project body reads: the evaluator the loop started from (a body never needs the
/// loop's variable bound) and the fiscal year's payment window (nil without a fiscal year: the
/// bodies then say so as the built-in would).
final class ProjectScope {
    let ev: Evaluator
    let fiscalYear: Evaluator.PaymentWindow?
    // What the bodies' fast paths read, apart from `ev`.
    let model: BudgetModel
    let cache: ModelCache
    let projectCount: Int
    let scenario: Scenario
    /// Whether the scenario changes budgets or adds payments (most loops run without a what-if).
    let scenarioChangesBudgets: Bool, scenarioPays: Bool
    /// Every project's baseline payments in the fiscal year and budget, once a body has asked.
    var baselines: ProjectBaselines?

    init(_ ev: Evaluator) {
        self.ev = ev
        if let fy = ev.model.fiscalYear { fiscalYear = (fy.first, fy.last, true) } else { fiscalYear = nil }
        model = ev.model
        cache = ev.model.cache
        projectCount = ev.model.projects.count
        scenario = ev.scenario
        scenarioChangesBudgets = !ev.scenario.budgetDelta.isEmpty
        scenarioPays = !ev.scenario.payments.isEmpty
    }
}

/// The evaluator of a loop's general nodes, rebound per project.
final class LoopScope {
    var ev: Evaluator

    init(_ ev: Evaluator) { self.ev = ev }
}

/// A call of a per-project body. The hot nodes' parts are in classes: matching an enum case
/// copies its parts out, a class only its reference.
final class FigureCall {
    let body: BuiltinFunction.ProjectBody
    let call: BuiltinCall
    /// The call's one argument, the loop variable.
    let argumentRange: SourceRange

    init(_ body: @escaping BuiltinFunction.ProjectBody, _ call: BuiltinCall) {
        self.body = body
        self.call = call
        argumentRange = call.positional[0].range
    }
}

/// `figure OP constant` or `constant OP figure` (`figureFirst` false), with what `combine` needs
/// when the two do not compare directly.
final class FigureComparison {
    let op: BinaryOperator
    let figure: FigureCall
    let constant: Value
    let constantRange: SourceRange
    /// The constant as money in the default unit when it is a bare number (as `combine` takes it).
    let amount: Value?
    let figureFirst: Bool
    let left: Expr, right: Expr
    let range: SourceRange
    /// `amount ?? constant` as parts, when they fit 128 bits.
    let parts: ProjectFigure.Constant?

    init(_ op: BinaryOperator, _ figure: FigureCall, _ constant: Value, _ constantRange: SourceRange, amount: Value?,
         figureFirst: Bool, _ left: Expr, _ right: Expr, _ range: SourceRange) {
        self.op = op
        self.figure = figure
        self.constant = constant
        self.constantRange = constantRange
        self.amount = amount
        self.figureFirst = figureFirst
        self.left = left
        self.right = right
        self.range = range
        parts = ProjectFigure.Constant(amount ?? constant)
    }
}

/// The right side of an attribute's comparison inside `where`.
indirect enum AttributeOperand {
    /// A value word, canonical (`本级`).
    case word(Value)
    /// Anything else, evaluated.
    case node(ProjectNode)
}

/// The loop of a `for` list or a `where` condition: its nodes, and the variable bound to each
/// member in turn.
struct ProjectLoop {
    let condition: ProjectNode?
    let body: ProjectNode?
    /// The evaluator `general` and `builtin` nodes run in, with the variable bound in its
    /// `locals` (and in a `where`, the member set) only when a node needs it. In a class: a loop
    /// holding an `Evaluator` itself got it copied on every call of `run`.
    private let scope: LoopScope
    private let variable: String
    private let inWhere: Bool
    private let needsScope: Bool
    /// What per-project bodies read, passed by reference (an `Evaluator` is large to copy).
    private let shared: ProjectScope
    private let state: EvaluationState
    private let interrupt: @Sendable () -> Bool
    private var member = 0

    init(_ ev: Evaluator, variable: String, inWhere: Bool, condition: Expr?, body: Expr?) {
        var compiler = ProjectLoopCompiler(ev: ev, variable: variable, inWhere: inWhere)
        self.condition = condition.map { compiler.node($0) }
        self.body = body.map { compiler.node($0) }
        self.scope = LoopScope(ev)
        self.variable = variable
        self.inWhere = inWhere
        self.needsScope = compiler.needsScope
        shared = ProjectScope(ev)
        state = ev.state
        interrupt = ev.interrupt
    }

    /// Binds the variable to project `m` for the nodes that follow.
    mutating func bind(_ m: Int) {
        member = m
        guard needsScope else { return }
        scope.ev.locals[variable] = .project(m)
        if inWhere { scope.ev.member = m }
    }

    // Steps, depth and polls through the state and the interrupt held here, not the scope: the
    // hot nodes touch no `Evaluator` (calling one's method may copy all of it).
    private func enter(_ range: SourceRange) throws(Diagnostic) {
        try state.step(range, interrupt)
        state.depth += 1
    }

    private func leave() { state.depth -= 1 }

    /// Whether the condition holds for the member bound (an undefined one does not); a value that
    /// is not a truth value fails at `range`, the condition's.
    func holds(at range: SourceRange) throws(Diagnostic) -> Bool {
        guard let condition else { return true }
        switch try run(condition) {
        case .bool(let b): return b
        case .undefined: return false
        case let v: throw Diagnostic(.notABoolean(got: v.kindName), range)
        }
    }

    func run(_ n: ProjectNode) throws(Diagnostic) -> Value {
        switch n {
        case .variable(let range):
            try enter(range); leave()
            return .project(member)
        case .constant(let v, let range):
            try enter(range); leave()
            return v
        case .figure(let call):
            return try figure(call).value
        case .compareFigure(let c):
            try enter(c.range); defer { leave() }
            let f: ProjectFigure
            if c.figureFirst {
                f = try figure(c.figure)
                try enter(c.constantRange); leave()
            } else {
                try enter(c.constantRange); leave()
                f = try figure(c.figure)
            }
            if let parts = c.parts, let ord = f.order(against: parts) {
                return Evaluator.comparison(c.op, c.figureFirst ? ord : -ord)
            }
            if c.figureFirst { return try scope.ev.combine(c.op, f.value, c.left, c.constant, c.right, c.range) }
            return try scope.ev.combine(c.op, c.constant, c.left, f.value, c.right, c.range)
        case .builtin(let fn, let call):
            try enter(call.range); defer { leave() }
            if interrupt() { throw Diagnostic(.interrupted, call.range) }
            return try fn.body(scope.ev, call)
        case .attribute(let a, let range):
            try enter(range); leave()
            return Evaluator.attribute(a, of: shared.model.projects.values, member)
        case .tag(let t, let range):
            try enter(range); leave()
            return .bool(shared.model.projects.values[member].tags.contains(t))
        case .not(let inner, let innerRange, let range):
            try enter(range); defer { leave() }
            let v = try run(inner)
            switch v {
            case .bool(let b): return .bool(!b)
            case .undefined: return v
            default: throw Diagnostic(.notABoolean(got: v.kindName), innerRange)
            }
        case .negate(let inner, let range):
            try enter(range); defer { leave() }
            return try scope.ev.negated(try run(inner), range)
        case .logical(let isAnd, let l, let r, let lRange, let rRange, let range):
            try enter(range); defer { leave() }
            let lv = try run(l)
            if try Evaluator.decides(isAnd: isAnd, lv, lRange) { return lv }
            return try Evaluator.logical(isAnd: isAnd, lv, try run(r), rRange)
        case .combine(let op, let l, let r, let le, let re, let range):
            try enter(range); defer { leave() }
            let lv = try run(l)
            return try scope.ev.combine(op, lv, le, try run(r), re, range)
        case .attributeCompare(let op, let attr, let attrRange, let right, let range):
            try enter(range); defer { leave() }
            try enter(attrRange); leave()
            let l = Evaluator.attribute(attr, of: shared.model.projects.values, member)
            switch right {
            case .word(let r): return try Evaluator.compareValues(op, l, r, range)
            case .node(let n): return try Evaluator.compareValues(op, l, try run(n), range)
            }
        case .general(let e):
            return try scope.ev.eval(e)
        }
    }

    /// A call of a per-project body, with the steps `eval` takes for the call and its argument.
    private func figure(_ f: FigureCall) throws(Diagnostic) -> ProjectFigure {
        try enter(f.call.range); defer { leave() }
        if interrupt() { throw Diagnostic(.interrupted, f.call.range) }
        try enter(f.argumentRange); leave()
        return try f.body(shared, member, f.call)
    }
}

/// Turns the expressions of a loop into nodes, with the evaluator the loop starts from.
struct ProjectLoopCompiler {
    let ev: Evaluator
    let variable: String
    let inWhere: Bool
    /// Set when a node evaluates through the loop's scope: the variable must then be bound there.
    var needsScope = false

    /// The name is the loop variable in the loop's scope (which has the enclosing locals too).
    private func isLocal(_ n: String) -> Bool { n == variable || ev.locals[n] != nil }

    mutating func general(_ e: Expr) -> ProjectNode {
        needsScope = true
        return .general(e)
    }

    mutating func node(_ e: Expr) -> ProjectNode {
        switch e.kind {
        case .number(let s): return literal(s, .plain, e)
        case .money(let s, let u): return literal(s, .money(u), e)
        case .percent(let s): return literal(s, .percent, e)
        case .date(let d): return .constant(.date(d), e.range)
        case .month(let y, let m): return .constant(.period(.month(year: y, month: m)), e.range)
        case .quarter(let y, let q):
            guard let year = y ?? ev.model.year else { return general(e) }
            return .constant(.period(.quarter(year: year, quarter: q)), e.range)
        case .string(let s):
            guard !s.includes("{"), !s.includes("}") else { return general(e) }
            return .constant(.text(s), e.range)
        case .bool(let b): return .constant(.bool(b), e.range)
        case .name(let n): return name(n, e)
        case .call(let callee, let args): return call(callee, args, e)
        case .negate(let inner): return .negate(node(inner), e.range)
        case .not(let inner): return .not(node(inner), inner: inner.range, e.range)
        case .tag(let t):
            guard inWhere else { return general(e) }
            return .tag(t, e.range)
        case .binary(let op, let l, let r): return binary(op, l, r, e)
        case .undefined, .allProjects, .chain, .filter, .comprehension, .whatIf: return general(e)
        }
    }

    /// A bad literal stays general: it fails when evaluated, with its own diagnostic.
    mutating func literal(_ s: String, _ suffix: Evaluator.NumericSuffix, _ e: Expr) -> ProjectNode {
        guard let v = try? ev.numericLiteral(s, suffix, e.range) else { return general(e) }
        return .constant(v, e.range)
    }

    /// As `Evaluator.lookup`, in its order: locals, attributes inside `where`, bindings, projects.
    mutating func name(_ n: String, _ e: Expr) -> ProjectNode {
        if n == variable { return .variable(e.range) }
        if let v = ev.locals[n] { return .constant(v, e.range) }
        if Evaluator.attributes.contains(n), inWhere || ev.member != nil {
            return inWhere ? .attribute(n, e.range) : general(e)
        }
        switch ev.bindings[n] {
        case .value(let v, _)?: return .constant(v, e.range)
        case .indicator?: return general(e)
        case nil: break
        }
        if let i = ev.model.projects.index(forKey: n) { return .constant(.project(i), e.range) }
        return general(e)
    }

    /// As `Evaluator.call`: an indicator stays general; a built-in is looked up and checked once.
    mutating func call(_ callee: Name, _ args: [Argument], _ e: Expr) -> ProjectNode {
        if case .indicator? = ev.bindings[callee.text] { return general(e) }
        guard let fn = Builtins.byName[callee.text], let c = try? fn.signature.check(fn.name, args, e.range) else {
            return general(e)
        }
        if let body = fn.project, args.count == 1, args[0].label == nil, case .name(let n) = args[0].value.kind, n == variable {
            return .figure(FigureCall(body, c))
        }
        needsScope = true
        return .builtin(fn, c)
    }

    /// As `Evaluator.binary`.
    mutating func binary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ e: Expr) -> ProjectNode {
        if op == .and || op == .or {
            return .logical(isAnd: op == .and, node(l), node(r), left: l.range, right: r.range, e.range)
        }
        if op.isComparison, case .name(let attr) = l.kind, !isLocal(attr), Evaluator.attributes.contains(attr) {
            guard inWhere else { return ev.member == nil ? combine(op, l, r, e) : general(e) }
            let word: String?
            switch r.kind {
            case .name(let w) where !isLocal(w): word = w
            case .string(let w): word = w
            default: word = nil
            }
            guard let word else { return .attributeCompare(op, attr, l.range, right: .node(node(r)), e.range) }
            guard let c = try? ev.canonical(attr, word, r.range) else { return general(e) }
            return .attributeCompare(op, attr, l.range, right: .word(.text(c)), e.range)
        }
        return combine(op, l, r, e)
    }

    mutating func combine(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ e: Expr) -> ProjectNode {
        let ln = node(l), rn = node(r)
        if op.isComparison {
            if case .figure(let f) = ln, case .constant(let v, let vr) = rn {
                return .compareFigure(FigureComparison(op, f, v, vr, amount: amount(v, r), figureFirst: true, l, r, e.range))
            }
            if case .constant(let v, let vr) = ln, case .figure(let f) = rn {
                return .compareFigure(FigureComparison(op, f, v, vr, amount: amount(v, l), figureFirst: false, l, r, e.range))
            }
        }
        return .combine(op, ln, rn, l, r, e.range)
    }

    /// A bare number beside a figure that is money means money in the default unit (`combine`).
    private func amount(_ v: Value, _ e: Expr) -> Value? {
        guard case .number(let n) = v, Evaluator.isBareNumber(e) else { return nil }
        return try? ev.moneyFromNumber(n, e.range)
    }
}
