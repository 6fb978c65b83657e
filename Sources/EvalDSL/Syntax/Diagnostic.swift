/// Everything that can go wrong in a script, each with a stable code.
///
/// Messages and hints are computed from the case, so front ends (the shell, `run`, notebooks)
/// only decide how to show them, never what they say.
public enum DiagnosticKind: Sendable, Equatable {
    // E1xx: characters and literals
    case unexpectedCharacter(String)
    case unterminatedString
    case invalidLiteral(String, expected: String)
    // E2xx: statement structure
    case expected(String, found: String)
    case unknownStatement(String, suggestion: String?)
    case unclosed(String)
    case duplicateClause(String)
    /// Brackets, signs, `not` and calls nested deeper than `Parser.maxNesting`.
    case nestedTooDeeply(limit: Int)
    // E3xx: names
    case unknownName(String, wanted: String, suggestion: Suggestion?)
    case duplicateName(String, previousLine: Int)
    case unknownFunction(String, suggestion: String?)
    case argumentCount(function: String, expected: String, got: Int)
    case unknownArgumentLabel(function: String, label: String, allowed: [String])
    case unknownValue(field: String, value: String, allowed: [String])
    case wrongNameKind(String, wanted: String, actual: String)
    // E4xx: kinds of values
    case typeMismatch(operation: String, left: String, right: String, hint: String?)
    case wrongArgumentType(function: String, argument: String, expected: String, got: String)
    case notABoolean(got: String)
    case claimKind(computed: String, claimed: String)
    /// An aggregate given a group where it takes values (`avg(projects)`).
    case groupWhereValues(function: String, group: String)
    // E5xx: evaluation
    case overflow
    case fractionOfFen(String)
    case budgetNotStated(String)
    case noFiscalYear
    case dependsOnFailed(String, line: Int)
    case undefinedValue(String)
    case interrupted
    case recursion(String)
    /// A cycle, named whole: what uses itself (`indicator \`a\` calls itself`) and the path round it.
    case cycle(String, path: [String])
    /// A limit of the evaluation (its named constant is in the message and in docs/LANGUAGE.md).
    case limitExceeded(String, hint: String)
    /// A budget, payment or adjustment that would make money negative.
    case negativeMoney(String, hint: String)
    case notDerivable(String)
    case cannotRead(String, reason: String)
    case includedScriptFailed(String, failures: Int)
    case loadFailed(String)
    case exportFailed(String)
    /// An `export` that would lose data, so writes nothing: the message, and what to do instead.
    case exportRefused(String, hint: String)

    /// A name offered in "did you mean …?", with the line that declared it when known.
    public struct Suggestion: Sendable, Equatable {
        public var name: String
        public var line: Int?
        public var file: String?
        public init(name: String, line: Int?, file: String? = nil) { self.name = name; self.line = line; self.file = file }
    }

    public var code: String {
        switch self {
        case .unexpectedCharacter: "E101"
        case .unterminatedString: "E102"
        case .invalidLiteral: "E103"
        case .expected: "E201"
        case .unknownStatement: "E202"
        case .unclosed: "E203"
        case .duplicateClause: "E204"
        case .nestedTooDeeply: "E205"
        case .unknownName: "E301"
        case .duplicateName: "E302"
        case .unknownFunction: "E303"
        case .argumentCount: "E304"
        case .unknownArgumentLabel: "E305"
        case .unknownValue: "E306"
        case .wrongNameKind: "E307"
        case .typeMismatch: "E401"
        case .wrongArgumentType: "E402"
        case .notABoolean: "E403"
        case .claimKind: "E404"
        case .groupWhereValues: "E405"
        case .overflow: "E501"
        case .fractionOfFen: "E502"
        case .budgetNotStated: "E503"
        case .noFiscalYear: "E504"
        case .dependsOnFailed: "E505"
        case .undefinedValue: "E506"
        case .interrupted: "E507"
        case .recursion, .cycle: "E508"
        case .notDerivable: "E509"
        case .cannotRead: "E510"
        case .includedScriptFailed: "E511"
        case .loadFailed: "E512"
        case .exportFailed, .exportRefused: "E513"
        case .limitExceeded: "E514"
        case .negativeMoney: "E515"
        }
    }

    public var message: String {
        switch self {
        case .unexpectedCharacter(let c): L("unexpected character `\(c)`")
        case .unterminatedString: L("string is not closed before the end of the line")
        case .invalidLiteral(let text, let expected): L("`\(text)` is not valid here: expected \(expected)")
        case .expected(let what, let found): L("expected \(what), found \(found)")
        case .unknownStatement(let word, _): L("unknown statement `\(word)`")
        case .unclosed(let open): L("`\(open)` is never closed")
        case .duplicateClause(let c): L("`\(c)` is given twice in one statement")
        case .nestedTooDeeply(let limit): L("nested more than \(limit) levels deep (brackets, calls, signs and `not` count)")
        case .unknownName(let n, let wanted, _): L("unknown \(wanted) `\(n)`")
        case .duplicateName(let n, let line): L("`\(n)` is already declared (line \(line))")
        case .unknownFunction(let n, _): L("unknown function `\(n)`")
        case .argumentCount(let f, let expected, let got):
            got == 1 ? L("`\(f)` takes \(expected), but \(got) was given") : L("`\(f)` takes \(expected), but \(got) were given")
        case .unknownArgumentLabel(let f, let label, let allowed):
            allowed.isEmpty ? L("`\(f)` takes no labelled argument `\(label):`")
                : L("`\(f)` has no argument `\(label):` (it takes \(allowed.map { "`\($0):`" }.joined(separator: ", ")))")
        case .unknownValue(let field, let value, _): L("`\(value)` is not a known \(DiagnosticKind.fieldName(field))")
        case .wrongNameKind(let n, let wanted, let actual): L("`\(n)` is \(actual), not \(wanted)")
        case .typeMismatch(let op, let l, let r, _): L("cannot \(op) \(l) and \(r)")
        case .wrongArgumentType(let f, let a, let expected, let got): L("`\(f)` needs \(expected) as \(a), got \(got)")
        case .notABoolean(let got): L("a condition must be true or false, got \(got)")
        case .claimKind(let computed, let claimed): L("the claim is \(claimed) but the expression gives \(computed)")
        case .groupWhereValues(let f, _): L("`\(f)` takes values, not a group of projects")
        case .overflow: L("number too large: the computation overflows")
        case .fractionOfFen(let text): L("`\(text)` is not a whole number of fen (分): amounts have at most 2 decimals in 元")
        case .budgetNotStated(let p): L("the budget of `\(p)` is not stated")
        case .noFiscalYear: L("no fiscal year is set")
        case .dependsOnFailed(let n, let line): L("not run: `\(n)` failed at line \(line)")
        case .undefinedValue(let what): L("\(what) is undefined (division by zero)")
        case .interrupted: L("interrupted")
        // Indicators and scripts report a cycle with `.cycle`; this is a group or scenario built on too many others.
        case .recursion(let n): L("`\(n)` is defined through too many other definitions (or through itself)")
        case .cycle(let what, let path): path.count > 2 ? "\(what): \(path.joined(separator: " → "))" : what
        case .limitExceeded(let what, _): what
        case .negativeMoney(let what, _): what
        case .notDerivable(let why): why
        case .cannotRead(let path, let reason): L("cannot read `\(path)`: \(reason)")
        case .includedScriptFailed(let path, let n):
            n == 1 ? L("`\(path)` failed in \(n) statement: nothing of it was kept") : L("`\(path)` failed in \(n) statements: nothing of it was kept")
        case .loadFailed(let message): message
        case .exportFailed(let message): message
        case .exportRefused(let message, _): message
        }
    }

    public var hint: String? { hint(in: nil) }

    /// The hint as shown for an error in `fileName`: a suggestion declared in another source names it.
    public func hint(in fileName: String?) -> String? {
        switch self {
        case .unknownStatement(_, let s?): L("did you mean `\(s)`?")
        case .unknownName(_, _, let s?):
            if let line = s.line, let f = s.file, let here = fileName, f != here {
                L("did you mean `\(s.name)` (declared in \(f) at line \(line))?")
            } else if let line = s.line {
                L("did you mean `\(s.name)` (declared at line \(line))?")
            } else {
                L("did you mean `\(s.name)`?")
            }
        case .unknownFunction(_, let s?): L("did you mean `\(s)`?")
        case .unknownValue(_, _, let allowed): L("known values: \(allowed.joined(separator: ", "))")
        case .typeMismatch(_, _, _, let h?): h
        case .unexpectedCharacter(let c): DiagnosticKind.characterHint(c)
        case .nestedTooDeeply: L("name a part with `let` and use the name")
        case .groupWhereValues(let f, let g): f == "count" ? nil : L("write `\(f)(rate(p) for p in \(g))`, or another figure of p")
        case .limitExceeded(_, let h): h
        case .negativeMoney(_, let h): h
        case .exportRefused(_, let h): h
        case .unterminatedString: L("close it with `\"`")
        case .fractionOfFen: L("round the amount first, e.g. `round(x, 2)`")
        case .budgetNotStated: L("give it with `budget` in the project statement, or state the group's figure with `total`")
        case .noFiscalYear: L("start the script with `year 2020`")
        case .unclosed: L("close it, or finish the statement on the next line")
        default: nil
        }
    }

    /// A vocabulary's field (`Vocabulary.field`, fixed when the tables are built) in the current language.
    static func fieldName(_ field: String) -> String {
        switch field {
        case "kind of funds": L("kind of funds")
        case "funding source": L("funding source")
        case "category": L("category")
        case "grade": L("grade")
        default: field
        }
    }

    /// What to write instead of a character the language has no use for.
    static func characterHint(_ c: String) -> String? {
        switch c {
        case ";", "；": L("write one statement per line: nothing but the line break ends a statement")
        case "$", "¥", "￥": L("write an amount with its unit after it, e.g. `12.5万元` or `885600元`")
        case "&": L("write `and`")
        case "|": L("write `or`")
        case "!": L("write `not`, or `!=` for not equal")
        case "%", "％": L("a percentage is a number followed by one `%`, e.g. `90%`")
        case "。", "．": L("remove it: a statement needs no full stop")
        case "、": L("separate items with `,`")
        case "'", "‘", "’": L("write text in double quotes: \"…\"")
        case "”": L("a string opens with “ or \" before it closes")
        default: nil
        }
    }

    /// Whether this is a real failure rather than a statement skipped because an earlier one failed.
    public var isSkip: Bool {
        if case .dependsOnFailed = self { return true }
        return false
    }
}

/// A note pointing at a related place (`'(' opened here`).
public struct DiagnosticNote: Sendable, Equatable {
    public var message: String
    public var range: SourceRange?
}

public struct Diagnostic: Error, Sendable, Equatable {
    public var kind: DiagnosticKind
    public var range: SourceRange
    public var notes: [DiagnosticNote]

    public init(_ kind: DiagnosticKind, _ range: SourceRange, notes: [DiagnosticNote] = []) {
        self.kind = kind
        self.range = range
        self.notes = notes
    }
}

extension Diagnostic {
    /// `file:line:col: error[E301]: message`, the source line, a caret line under the fault, then notes and a hint.
    /// Pure and locale-free: the shell colours it afterwards if it wants.
    public func render(in file: SourceFile) -> String {
        let line = file.line(of: range.start)
        let col = file.column(of: range.start)
        let severity = kind.isSkip ? L("skipped") : L("error")
        var out = "\(file.name):\(line):\(col): \(severity)[\(kind.code)]: \(kind.message)\n"
        out += Diagnostic.excerpt(file: file, range: range)
        for note in notes {
            if let r = note.range {
                out += L("note: \(note.message) (line \(file.line(of: r.start)))") + "\n"
            } else {
                out += L("note: \(note.message)") + "\n"
            }
        }
        if let h = kind.hint(in: file.name) { out += L("hint: \(h)") + "\n" }
        return out
    }

    /// The source line of `range.start` with a gutter, and a line of `^~~` under the range,
    /// positioned by display width so it sits right under Chinese text too.
    static func excerpt(file: SourceFile, range: SourceRange) -> String {
        let lineNo = file.line(of: range.start)
        var text = file.lineText(lineNo)
        let gutter = String(lineNo)
        let pad = String(repeating: " ", count: gutter.count)
        let lineStart = file.lineStarts[lineNo - 1]
        var startInLine = min(range.start - lineStart, text.utf8.count)
        var endInLine = min(max(range.end - lineStart, startInLine), text.utf8.count)
        // A password in a database URI is never echoed; the carets follow the masked line.
        let spans = PostgresURI.passwordSpans(in: Array(text.utf8))
        if !spans.isEmpty {
            text = Substring(PostgresURI.masked(String(text)))
            startInLine = PostgresURI.maskedOffset(startInLine, in: spans)
            endInLine = max(PostgresURI.maskedOffset(endInLine, in: spans), startInLine)
        }
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: startInLine)
        var b = utf8.index(utf8.startIndex, offsetBy: endInLine)
        // A very long line (a minified file, a run of junk) shows a window around the fault.
        var shown = text, before = "", after = ""
        if text.count > excerptWidth {
            let context = excerptWidth / 3
            let from = text.index(a, offsetBy: -context, limitedBy: text.startIndex) ?? text.startIndex
            b = text.index(a, offsetBy: context, limitedBy: b) ?? b
            let to = text.index(b, offsetBy: context, limitedBy: text.endIndex) ?? text.endIndex
            // A substring keeps its text's indices: `a` and `b` hold in it.
            shown = text[from..<to]
            if from > text.startIndex { before = "... " }
            if to < text.endIndex { after = " ..." }
        }
        // Tabs in the prefix are kept as tabs so the caret lines up whatever the tab width.
        let prefix = (before + shown[shown.startIndex..<a]).map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of(String($0))) }.joined()
        let width = max(1, DisplayWidth.of(shown[a..<b]))
        let marker = "^" + String(repeating: "~", count: width - 1)
        return " \(gutter) | \(before)\(shown)\(after)\n \(pad) | \(prefix)\(marker)\n"
    }

    /// The characters of a source line shown whole under a diagnostic; a longer one shows a
    /// third of this before the fault, the fault (up to a third) and a third after.
    static let excerptWidth = 240
}

/// The nearest of `candidates` to `name` by edit distance, if near enough to be a likely typo.
func nearest(_ name: String, in candidates: some Sequence<String>) -> String? {
    let n = Array(name)
    var best: (String, Int)?
    for c in candidates where c != name {
        let d = editDistance(n, Array(c))
        let limit = max(1, min(n.count, c.count) / 3 + (n.count > 4 ? 1 : 0))
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) {
            best = (c, d)
        }
    }
    return best?.0
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions (`achrive` is one slip from `archive`). The shell's suggestions use it too.
public func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = Array(repeating: 0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                cur[j] = min(cur[j], before[j - 2] + 1)
            }
        }
        (before, prev, cur) = (prev, cur, before)
    }
    return prev[b.count]
}
