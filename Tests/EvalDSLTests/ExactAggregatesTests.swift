import Foundation
import Testing
@testable import EvalDSL

/// Aggregates over many projects are exact: `avg`, `sum`, `min` and `max` of rates and of
/// `unspent / budget` over generated benchmark data equal Python's `fractions.Fraction` computed
/// from the same CSV files, as fractions and as 12-place decimals rounded half up.
///
/// The default size (5,000 projects / 100,000 payments) keeps the debug suite quick: the sums
/// already need denominators of thousands of digits. The benchmark's L size is a run of its own:
/// `EVALSHELL_EXACT_SIZE=L swift test -c release -Xswiftc -enable-testing --filter ExactAggregates`
/// (S, M and L are evalshell-datagen's sizes).
@Suite(.serialized) struct ExactAggregatesTests {
    static let expressions = [
        "avg(rate(p) for p in projects)", "sum(rate(p) for p in projects)",
        "min(rate(p) for p in projects)", "max(rate(p) for p in projects)",
        "avg(unspent(p) / budget(p) for p in projects)", "sum(unspent(p) / budget(p) for p in projects)",
        "min(unspent(p) / budget(p) for p in projects)", "max(unspent(p) / budget(p) for p in projects)",
    ]

    /// What Python computes, one line per expression above: `num/den` and the 12-place decimal.
    static let python = #"""
    import csv, sys
    from collections import defaultdict
    from decimal import Decimal, ROUND_HALF_UP, getcontext
    from fractions import Fraction
    sys.set_int_max_str_digits(0)
    folder = sys.argv[1]
    def fen(text):
        text = text.replace(",", "")
        negative = text.startswith("-")
        whole, _, frac = text.lstrip("-").partition(".")
        value = int(whole or "0") * 100 + int((frac + "00")[:2])
        return -value if negative else value
    paid = defaultdict(int)
    with open(folder + "/payments.csv", encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for project, amount, day in rows:
            if "2020-01-01" <= day <= "2020-12-31":
                paid[project] += fen(amount)
    rates, unspent = [], []
    with open(folder + "/projects.csv", encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            budget = fen(row[5])
            rates.append(Fraction(paid[row[0]], budget))
            unspent.append(Fraction(budget - paid[row[0]], budget))
    def total(values):
        s = Fraction(0)
        for v in values:
            s += v
        return s
    getcontext().prec = 60
    for values in (rates, unspent):
        s = total(values)
        for v in (s / len(values), s, min(values), max(values)):
            d = (Decimal(v.numerator) / Decimal(v.denominator)).quantize(Decimal("1e-12"), rounding=ROUND_HALF_UP)
            print(f"{v.numerator}/{v.denominator}" if v.denominator != 1 else v.numerator, d)
    """#

    @Test func aggregatesOfRatesMatchPythonFractions() throws {
        let folder = try Self.generate()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ours = try Self.evaluate(folder)
        let theirs = try Self.runPython(folder)
        try #require(theirs.count == Self.expressions.count)
        for (i, e) in Self.expressions.enumerated() {
            let parts = theirs[i].split(separator: " ")
            // Python prints 0E-12 for a zero quantized to 12 places.
            let decimal = parts[1] == "0E-12" ? "0.000000000000" : String(parts[1])
            #expect(ours[i].description == String(parts[0]), "\(e): exact fraction")
            #expect(ours[i].decimalText(places: 12) == decimal, "\(e): 12 places")
        }
        // The sums need the big representation; each project's own rate fits 128 bits.
        #expect(!ours[1].isSmall && ours[2].isSmall && ours[3].isSmall)
    }

    /// The issue's reproduction: the project's own 40 example projects overflowed 128-bit parts.
    @Test func averageRateOfTheExampleProjects() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.appendingPathComponent("scripts/data/2020").path
        let setup = """
        year 2020
        unit 万元
        load projects from "\(data)/projects.xlsx"
        load payments from "\(data)/payments-gb18030.csv"

        """
        #expect(value(setup + "avg(rate(p) for p in projects)") == "66.04%")
        #expect(value(setup + "sum(rate(p) for p in projects)") == "2641.46%")
    }

    /// The value of each expression, evaluated in one session over the generated files.
    static func evaluate(_ folder: String) throws -> [Rational] {
        var s = Session()
        let setup = """
        year 2020
        unit 元
        load projects from "\(folder)/projects.csv"
        load payments from "\(folder)/payments.csv"
        """
        for r in s.run(SourceFile(name: "setup.evl", text: setup)) {
            if let d = r.diagnostic { Issue.record("setup failed: \(d)") }
        }
        var out: [Rational] = []
        for e in expressions {
            let r = try #require(s.run(SourceFile(name: "e.evl", text: e)).first)
            guard case .value(.rate(let x)) = r.output else {
                Issue.record("\(e) gave \(r.output) \(String(describing: r.diagnostic))")
                out.append(.zero)
                continue
            }
            out.append(x)
        }
        return out
    }

    /// Generated data in a fresh folder, of the size `EVALSHELL_EXACT_SIZE` names (default 5,000 projects).
    static func generate() throws -> String {
        let folder = DataTest.scratch()
        let size = ProcessInfo.processInfo.environment["EVALSHELL_EXACT_SIZE"]
        let sizeArguments = size.map { ["--size", $0] } ?? ["--projects", "5000", "--payments", "100000"]
        let status = try Self.launch(datagen(), ["generate", "--out", folder] + sizeArguments).status
        try #require(status == 0, "evalshell-datagen failed")
        return folder
    }

    static func runPython(_ folder: String) throws -> [String] {
        let r = try Self.launch("/usr/bin/env", ["python3", "-c", python, folder])
        try #require(r.status == 0, "python3 failed: \(r.output)")
        return r.output.split(separator: "\n").map(String.init)
    }

    /// The built `evalshell-datagen`, next to the test bundle or in the package's build folder.
    static func datagen() -> String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [bundleDir, bundleDir.deletingLastPathComponent(), root.appendingPathComponent(".build/debug")]
        let found = candidates.map { $0.appendingPathComponent("evalshell-datagen").path }
        return found.first { FileManager.default.isExecutableFile(atPath: $0) } ?? found[found.count - 1]
    }

    static func launch(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
