/// `scoring SETTING VALUE …`: the script's words for each convention of `ScoringRules`.
enum FormRules {
    /// The settings, in the order help lists them. ORDER RULES: `apply` reads each.
    static let settings = ["at-most", "bare", "deadlines", "rounding", "total-of", "zero-budget", "execution-base", "cap",
                           "unstated-qualitative", "bands", "edges", "grades", "full-marks", "reset"]

    static func apply(_ words: [Name], to rules: ScoringRules) throws(Diagnostic) -> ScoringRules {
        var r = rules
        let key = words[0]
        let args = Array(words.dropFirst())
        func one(_ allowed: [String]) throws(Diagnostic) -> String {
            guard args.count == 1, allowed.contains(args[0].text) else {
                throw Diagnostic(.unknownValue(field: "`scoring \(key.text)`", value: args.map(\.text).joined(separator: " "), allowed: allowed),
                                 args.first?.range ?? key.range)
            }
            return args[0].text
        }
        func number(_ n: Name) throws(Diagnostic) -> Rational {
            var t = n.text
            let percent = t.hasSuffix("%")
            if percent { t.removeLast() }
            guard let v = Rational(decimal: Substring(t)) else {
                throw Diagnostic(.invalidLiteral(n.text, expected: L("a number")), n.range)
            }
            return percent ? ((try? v.divided(by: Rational(100))) ?? nil) ?? v : v
        }
        func places(_ n: Name) throws(Diagnostic) -> Int {
            guard let p = Int(n.text), (0...6).contains(p) else { throw Diagnostic(.invalidLiteral(n.text, expected: L("a number of decimals, 0 to 6")), n.range) }
            return p
        }
        switch key.text {
        case "at-most": r.atMost = try one(["linear", "ratio"]) == "linear" ? .linear : .ratio
        case "bare":
            switch try one(["at-least", "at-most", "equal"]) {
            case "at-least": r.bareDirection = .atLeast
            case "at-most": r.bareDirection = .atMost
            default: r.bareDirection = .equal
            }
        case "deadlines": r.deadlines = try one(["all-or-nothing", "proportional"]) == "proportional" ? .proportional : .allOrNothing
        case "rounding":
            guard args.count == 2, ["half-up", "truncate"].contains(args[0].text) else {
                throw Diagnostic(.expected(L("`half-up N` or `truncate N`"), found: args.map { "`\($0.text)`" }.joined(separator: " ")), args.first?.range ?? key.range)
            }
            let p = try places(args[1])
            r.rounding = args[0].text == "truncate" ? .truncate(p) : .halfUp(p)
        case "total-of": r.totalOf = try one(["rounded", "exact"]) == "exact" ? .exactScores : .roundedScores
        case "zero-budget":
            switch try one(["undefined", "full", "zero"]) {
            case "full": r.zeroBudget = .full
            case "zero": r.zeroBudget = .zero
            default: r.zeroBudget = .undefined
            }
        case "execution-base": r.executionBase = try one(["full-year", "initial"]) == "initial" ? .initial : .fullYear
        case "cap": r.capExecutionRate = try one(["on", "off"]) == "on"
        case "unstated-qualitative":
            switch try one(["unscored", "band-top", "band-bottom"]) {
            case "band-top": r.unstatedQualitative = .bandTop
            case "band-bottom": r.unstatedQualitative = .bandBottom
            default: r.unstatedQualitative = .unscored
            }
        case "edges": r.qualitative.edges = try one(["shared", "higher-band"]) == "shared" ? .shared : .higherBand
        case "bands":
            // bands 达成 80 100 部分达成 60 80 未达成 0 60: percentages of the weight.
            guard !args.isEmpty, args.count % 3 == 0 else {
                throw Diagnostic(.expected(L("a level and two bounds, e.g. `达成 80 100`"), found: L("\(args.count) words")), args.first?.range ?? key.range)
            }
            for k in stride(from: 0, to: args.count, by: 3) {
                var lo = try number(args[k + 1]), hi = try number(args[k + 2])
                if !args[k + 1].text.hasSuffix("%") { lo = ((try? lo.divided(by: Rational(100))) ?? nil) ?? lo }
                if !args[k + 2].text.hasSuffix("%") { hi = ((try? hi.divided(by: Rational(100))) ?? nil) ?? hi }
                guard lo <= hi else { throw Diagnostic(.invalidLiteral(args[k + 2].text, expected: L("an upper bound not below \(args[k + 1].text)")), args[k + 2].range) }
                switch args[k].text {
                case "达成": r.qualitative.achieved = lo...hi
                case "部分达成": r.qualitative.partly = lo...hi
                case "未达成": r.qualitative.notAchieved = lo...hi
                default: throw Diagnostic(.unknownValue(field: L("qualitative level"), value: args[k].text, allowed: ["达成", "部分达成", "未达成"]), args[k].range)
                }
            }
        case "grades":
            // grades 优 90 良 80 中 60
            guard args.count == 6 else {
                throw Diagnostic(.expected("`优 N 良 N 中 N`", found: L("\(args.count) words")), args.first?.range ?? key.range)
            }
            for k in stride(from: 0, to: 6, by: 2) {
                let v = try number(args[k + 1])
                switch Grade(args[k].text) {
                case .excellent?: r.grades.excellent = v
                case .good?: r.grades.good = v
                case .fair?: r.grades.fair = v
                case .poor?, nil: throw Diagnostic(.unknownValue(field: L("grade with a lower bound"), value: args[k].text, allowed: ["优", "良", "中"]), args[k].range)
                }
            }
            guard r.grades.excellent >= r.grades.good, r.grades.good >= r.grades.fair else {
                throw Diagnostic(.invalidLiteral(args.map(\.text).joined(separator: " "), expected: L("bounds from high to low: 优 ≥ 良 ≥ 中")), args[0].range)
            }
        case "full-marks":
            guard args.count == 1 else { throw Diagnostic(.expected(L("the full marks, e.g. `100`"), found: L("\(args.count) words")), key.range) }
            r.fullMarks = try number(args[0])
        case "reset":
            guard args.isEmpty else { throw Diagnostic(.expected(L("nothing after `reset`"), found: "`\(args[0].text)`"), args[0].range) }
            r = .standard
        default:
            throw Diagnostic(.unknownValue(field: L("scoring rule"), value: key.text, allowed: settings), key.range)
        }
        return r
    }
}
