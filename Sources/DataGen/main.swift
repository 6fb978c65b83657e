import EvalDSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// evalshell-datagen: deterministic, made-up budget data at province scale, the example files under
/// scripts/data/, the test fixtures, and a timing of the loader on generated files.
let usage = """
usage:
  evalshell-datagen generate [--size S|M|L] [--projects N] [--payments N] [--year Y] [--seed N]
                             [--out DIR] [--encoding utf8|gb18030] [--xlsx]
      writes DIR/projects.csv and DIR/payments.csv (and DIR/projects.xlsx with --xlsx).
      S = 1,000 projects / 20,000 payments, M = 20,000 / 1,000,000, L = 50,000 / 10,000,000.
  evalshell-datagen examples [--out scripts/data]
      the small example files of 2020 and 2021: projects.csv (UTF-8), payments-gb18030.csv
      (GB18030) and projects.xlsx in OUT/2020 and OUT/2021.
  evalshell-datagen fixtures [--out Tests/EvalDSLTests/Fixtures]
      the CSV files of the loader's tests (good and bad input).
  evalshell-datagen time-load DIR [--runs N] [--year Y]
      loads DIR/projects.csv then DIR/payments.csv N times (default 5) and prints the medians.
"""

func fail(_ message: String) -> Never {
    let text = Array("evalshell-datagen: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

/// The command line after the command word, consumed option by option.
struct Arguments {
    var list: [String]

    mutating func option(_ name: String) -> String? {
        guard let i = list.firstIndex(of: name) else { return nil }
        guard i + 1 < list.count else { fail("\(name) needs a value") }
        let v = list[i + 1]
        list.removeSubrange(i...(i + 1))
        return v
    }

    mutating func flag(_ name: String) -> Bool {
        guard let i = list.firstIndex(of: name) else { return false }
        list.remove(at: i)
        return true
    }

    mutating func number(_ name: String) -> Int? {
        guard let v = option(name) else { return nil }
        guard let n = Int(v.filter { $0 != "_" && $0 != "," }), n >= 0 else { fail("\(name) needs a whole number, not `\(v)`") }
        return n
    }

    func finish() {
        if let extra = list.first { fail("unexpected argument `\(extra)`\n\(usage)") }
    }
}

var args = Arguments(list: Array(CommandLine.arguments.dropFirst()))
guard let command = args.list.first else { print(usage); exit(0) }
args.list.removeFirst()

func makeDirectory(_ path: String) {
    var partial = path.hasPrefix("/") ? "/" : ""
    for piece in path.split(separator: "/") {
        partial += piece + "/"
        if mkdir(partial, 0o755) != 0 && errno != EEXIST { fail("cannot create \(partial): \(String(cString: strerror(errno)))") }
    }
}


do {
    switch command {
    case "generate":
        var projects = 1_000, payments = 20_000
        if let size = args.option("--size") {
            switch size.uppercased() {
            case "S": (projects, payments) = (1_000, 20_000)
            case "M": (projects, payments) = (20_000, 1_000_000)
            case "L": (projects, payments) = (50_000, 10_000_000)
            default: fail("--size is S, M or L")
            }
        }
        projects = args.number("--projects") ?? projects
        payments = args.number("--payments") ?? payments
        guard projects >= 1 && projects <= 99_999 else { fail("--projects is 1 to 99,999") }
        let year = args.number("--year") ?? 2020
        let seed = UInt64(args.number("--seed") ?? 20_201_231)
        let out = args.option("--out") ?? "."
        let encodingName = args.option("--encoding") ?? "utf8"
        guard let encoding = TextEncoding(name: encodingName) else { fail("--encoding is utf8 or gb18030") }
        let xlsx = args.flag("--xlsx")
        args.finish()
        makeDirectory(out)
        let g = Generator(projectCount: projects, paymentCount: payments, year: year, seed: seed)
        let ps = g.projects()
        try writeProjectsCSV(ps, to: out + "/projects.csv", encoding: encoding, excelStyle: false)
        let pay = g.payments(ps)
        try writePaymentsCSV(ps, pay, to: out + "/payments.csv", encoding: encoding, excelStyle: false)
        if xlsx { try writeProjectsXLSX(ps, year: year, to: out + "/projects.xlsx") }
        print("wrote \(projects) projects and \(payments) payments (\(year), seed \(seed), \(encoding)) to \(out)")

    case "examples":
        let out = args.option("--out") ?? "scripts/data"
        args.finish()
        for year in [2020, 2021] {
            let dir = "\(out)/\(year)"
            makeDirectory(dir)
            let g = Generator(projectCount: 40, paymentCount: 400, year: year, seed: 2020)
            let ps = g.projects()
            try writeProjectsCSV(ps, to: dir + "/projects.csv", encoding: .utf8, excelStyle: true)
            try writePaymentsCSV(ps, g.payments(ps), to: dir + "/payments-gb18030.csv", encoding: .gb18030, excelStyle: true)
            try writeProjectsXLSX(ps, year: year, to: dir + "/projects.xlsx")
            print("wrote \(dir)/projects.csv, payments-gb18030.csv, projects.xlsx")
        }

    case "fixtures":
        let out = args.option("--out") ?? "Tests/EvalDSLTests/Fixtures"
        args.finish()
        makeDirectory(out)
        try writeFixtures(to: out)
        print("wrote the fixtures to \(out)")

    case "time-load":
        guard let dir = args.list.first, !dir.hasPrefix("--") else { fail("time-load needs a folder\n\(usage)") }
        args.list.removeFirst()
        let runs = max(1, args.number("--runs") ?? 5)
        let year = args.number("--year") ?? 2020
        args.finish()
        try timeLoad(dir: dir, runs: runs, year: year)

    case "-h", "--help", "help":
        print(usage)
    default:
        fail("unknown command `\(command)`\n\(usage)")
    }
} catch let e as LoadError {
    fail(e.description)
} catch {
    fail("\(error)")
}

