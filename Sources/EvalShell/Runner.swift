import EvalDSL
#if canImport(Glibc)
import Glibc
#endif

/// Runs sources through a session and prints what each statement produced: results on standard
/// output, diagnostics on standard error. Shared by `run`, `-c`, piped input and the shell.
struct Runner {
    var session = Session()
    var out: Style
    var err: Style
    /// `run --time`: each statement's wall time on standard error (never in the output itself).
    var timeStatements = false

    init(color: Bool) {
        out = Style(enabled: color && Terminal.wantsColor(fd: 1, disabled: false))
        err = Style(enabled: color && Terminal.wantsColor(fd: 2, disabled: false))
        session.language = Language.current
        session.ambiguousWidth = AmbiguousWidth.current
    }

    /// Runs `file` and prints as it goes. Returns the statements' results.
    @discardableResult
    mutating func run(_ file: SourceFile) -> [StatementResult] {
        var results: [StatementResult] = []
        let items = Language.$current.withValue(session.language) { Parser.parse(file) }
        for item in items {
            let start = timeStatements ? Runner.now() : 0
            let r = session.execute(item, in: file)
            if timeStatements {
                let ms = Double(Runner.now() - start) / 1e6
                let tenths = Int((ms * 1000).rounded())
                Terminal.write("time \(file.name):\(file.line(of: item.range.start)) \(tenths / 1000).\(String(1000 + tenths % 1000).dropFirst()) ms\n", to: 2)
            }
            results.append(r)
            show(r, file: file)
        }
        return results
    }

    /// Monotonic nanoseconds.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    func show(_ r: StatementResult, file: SourceFile) {
        if !r.text.isEmpty {
            Terminal.write(decorate(r) + "\n", to: 1)
        }
        if let d = r.diagnostic {
            // In the language the statement ran in: a `lang` statement changes it for what follows.
            Terminal.write(Language.$current.withValue(session.language) { colorDiagnostic(d.render(in: file)) }, to: 2)
        }
    }

    func decorate(_ r: StatementResult) -> String {
        guard out.enabled, case .check(let c) = r.output else { return r.text }
        var lines = r.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch c.status {
        case .passed: lines[0] = out.green("✓") + lines[0].dropFirst()
        case .knownFinding: lines[0] = out.yellow("✗") + lines[0].dropFirst()
        case .failed, .findingHolds: lines[0] = out.red("✗") + lines[0].dropFirst()
        }
        return lines.joined(separator: "\n")
    }

    func colorDiagnostic(_ text: String) -> String {
        guard err.enabled else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (error, skipped) = (L("error"), L("skipped"))
        if let first = lines.first, let r = first.range(of: ": \(error)[") ?? first.range(of: ": \(skipped)[") {
            let head = String(first[..<r.lowerBound])
            let rest = String(first[r.lowerBound...].dropFirst(2))
            let isError = rest.hasPrefix(error)
            lines[0] = err.bold(head) + ": " + (isError ? err.red(rest) : err.yellow(rest))
        }
        let hint = L("hint: \("")")
        return lines.map { $0.hasPrefix(hint) ? err.green(hint) + $0.dropFirst(hint.count) : $0 }.joined(separator: "\n")
    }

    /// The closing lines of a run: how many checks passed and failed, and how many statements failed.
    func summary() -> String? {
        let t = session.tally
        var parts: [String] = []
        if t.hasChecks {
            var s = L("checks: \(t.passed) passed")
            if t.findings > 0 { s += t.findings == 1 ? L(", \(t.findings) known finding") : L(", \(t.findings) known findings") }
            s += L(", \(t.failed) failed")
            parts.append(s)
        }
        if t.errors > 0 { parts.append(t.errors == 1 ? L("\(t.errors) statement failed") : L("\(t.errors) statements failed")) }
        if t.skipped > 0 { parts.append(L("\(t.skipped) not run")) }
        return parts.isEmpty ? nil : parts.joined(separator: L("; "))
    }
}
