/// Parses a script into statements, one per logical line.
///
/// A syntax error ends only its own statement: the parser reports it and goes on with the next
/// line, so a script shows all its syntax errors at once and the rest still runs.
public enum Parser {
    public static func parse(_ source: SourceFile) -> [ScriptItem] {
        let (tokens, lexErrors) = Lexer.tokenize(source)
        var items: [ScriptItem] = []
        var lineStart = 0
        var i = 0
        var nextLexError = 0
        // A `lang` statement changes the language of the messages of the lines after it.
        var language = Language.current
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .newline || t.kind == .end {
                let line = Array(tokens[lineStart..<i])
                // The line's characters run up to its line break: an error after its last token
                // (`90%%`, a stray `；`) is the line's too, and so is one on a line with no token.
                let lineEnd = t.kind == .end ? Int.max : t.range.start
                var lexError: Diagnostic?
                while nextLexError < lexErrors.count, lexErrors[nextLexError].range.start < lineEnd {
                    if lexError == nil { lexError = lexErrors[nextLexError] }
                    nextLexError += 1
                }
                if line.isEmpty, let lexError {
                    items.append(.broken(lexError, range: lexError.range, declares: nil))
                } else if !line.isEmpty {
                    let range = SourceRange(line.first!.range.start, line.last!.range.end)
                    // A lexical error inside this line wins: its message is the precise one.
                    if let lexError {
                        items.append(.broken(lexError, range: range.union(lexError.range), declares: guessDeclaredName(line)))
                    } else {
                        var p = LineParser(tokens: line, end: t)
                        var parsed: Result<Statement, Diagnostic>?
                        Language.$current.withValue(language) {
                            do throws(Diagnostic) { parsed = .success(try p.statement()) } catch { parsed = .failure(error) }
                        }
                        switch parsed! {
                        case .success(let s):
                            if case .lang(let l) = s.kind { language = l }
                            items.append(.statement(s))
                        case .failure(let error):
                            items.append(.broken(error, range: range, declares: guessDeclaredName(line)))
                        }
                    }
                }
                lineStart = i + 1
                if t.kind == .end { break }
            }
            i += 1
        }
        return items
    }

    /// Whether `text` is a whole statement, or still has an open bracket or string
    /// (the shell then asks for a continuation line).
    public static func isComplete(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        var inComment = false
        for ch in text.unicodeScalars {
            if inComment { if ch == "\n" { inComment = false }; continue }
            if inString {
                // A string ends at the end of its line (the lexer reports it unclosed there).
                if ch == "\n" { inString = false; escaped = false; continue }
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" || ch == "\u{201D}" { inString = false }
                continue
            }
            switch ch {
            case "#": inComment = true
            case "\"", "\u{201C}": inString = true
            case "(", "[", "{", "（": depth += 1
            case ")", "]", "}", "）": depth = max(0, depth - 1)
            default: break
            }
        }
        if text.hasSuffix("\\") { return false }
        // An open string on the last line is an error to report now, not a reason to wait.
        return depth == 0
    }

    static func guessDeclaredName(_ line: [Token]) -> Name? {
        guard line.count >= 2, case .identifier(let kw) = line[0].kind,
              Statements.byKeyword[kw]?.operand == .newName,
              let n = { () -> String? in
                  switch line[1].kind {
                  case .identifier(let n), .quotedName(let n): return n
                  default: return nil
                  }
              }() else { return nil }
        return Name(text: n, range: line[1].range)
    }

    /// The words that start a statement, from the statement table.
    public static let statementKeywords = Statements.all.map(\.keyword)
    /// `a, b or c`, for messages that list choices.
    static func spelledOut(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// How deep brackets, calls, signs and `not` may nest in one statement: deeper input (machine-made,
    /// or a paste gone wrong) is refused with E205 instead of exhausting the stack. See docs/LANGUAGE.md, "Limits".
    public static let maxNesting = 64

    /// Words that can never be names.
    /// ORDER RESERVED: words that end or join an expression somewhere in the grammar (`on` after an
    /// amount, `within` after a claim, `across` after compared expressions); a parse method that
    /// reads a new such word right after an expression adds it here.
    public static let reservedWords: Set<String> = ["and", "or", "not", "where", "for", "in", "if", "under", "projects", "true", "false", "undefined", "tag", "on", "within", "finding", "columns", "as", "across", "until", "rest", "pays", "moves", "cancels", "adjusts"]
}

/// Parses the tokens of one statement.
struct LineParser {
    let tokens: [Token]
    let endToken: Token
    var i = 0
    /// How many brackets, calls, signs and `not`s enclose the current token.
    var nesting = 0
    /// Off while parsing the group of a `for … in G if C` list, whose `if` is the list's filter.
    var allowWhatIf = true

    init(tokens: [Token], end: Token) {
        self.tokens = tokens
        self.endToken = end
    }

    var current: Token { i < tokens.count ? tokens[i] : Token(kind: .newline, range: SourceRange(endToken.range.start, endToken.range.start)) }
    var atEnd: Bool { i >= tokens.count }

    mutating func advance() -> Token {
        let t = current
        i += 1
        return t
    }

    /// The kind of the token `n` after the current one, if the statement has one there.
    func peek(_ n: Int) -> TokenKind? {
        i + n < tokens.count ? tokens[i + n].kind : nil
    }

    func isKeyword(_ word: String) -> Bool {
        if case .identifier(let s) = current.kind { return s == word }
        return false
    }

    func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = current.kind { return x == s }
        return false
    }

    mutating func accept(_ word: String) -> Bool {
        if isKeyword(word) { i += 1; return true }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if isSymbol(s) { i += 1; return true }
        return false
    }

    func error(_ what: String) -> Diagnostic {
        Diagnostic(.expected(what, found: current.summary), current.range)
    }

    mutating func expectSymbol(_ s: String, _ what: String? = nil) throws(Diagnostic) {
        guard acceptSymbol(s) else { throw error(what ?? "`\(s)`") }
    }

    mutating func expectKeyword(_ word: String) throws(Diagnostic) {
        guard accept(word) else { throw error("`\(word)`") }
    }

    /// NAME, not a reserved word.
    mutating func name(_ what: String) throws(Diagnostic) -> Name {
        if case .quotedName(let s) = current.kind {
            let t = advance()
            return Name(text: s, range: t.range)
        }
        guard case .identifier(let s) = current.kind else { throw error(what) }
        if Parser.reservedWords.contains(s) {
            throw Diagnostic(.expected(what, found: L("the reserved word `\(s)`")), current.range)
        }
        let t = advance()
        return Name(text: s, range: t.range)
    }

    /// A value word such as a funding source (`本级`) or a tag: a name or a string.
    mutating func valueWord(_ what: String) throws(Diagnostic) -> Name {
        switch current.kind {
        case .identifier(let s), .quotedName(let s):
            let t = advance()
            return Name(text: s, range: t.range)
        case .string(let s):
            let t = advance()
            return Name(text: s, range: t.range)
        default:
            throw error(what)
        }
    }

    mutating func optionalString() -> String? {
        if case .string(let s) = current.kind { i += 1; return s }
        return nil
    }

    mutating func endOfStatement() throws(Diagnostic) {
        guard atEnd else { throw error(L("end of line")) }
    }

    // statement := keyword-statement | expression
    mutating func statement() throws(Diagnostic) -> Statement {
        let start = current.range.start
        let kind = try statementKind()
        try endOfStatement()
        let end = tokens.last?.range.end ?? start
        return Statement(kind: kind, range: SourceRange(start, end))
    }

    // keyword-statement := a keyword of `Statements.all`, then what its parse method reads
    mutating func statementKind() throws(Diagnostic) -> Statement.Kind {
        guard case .identifier(let word) = current.kind else {
            return .expression(try expression())
        }
        if let syntax = Statements.byKeyword[word], syntax.startsHere(self) {
            _ = advance()
            return try syntax.parse(&self)
        }
        // `projet archive "…"`: a word followed by another word is no expression; name the nearest statement.
        // A reserved word (`not`, `projects`, `true`) starts an expression, never a misspelt statement.
        if i + 1 < tokens.count, !Parser.reservedWords.contains(word) {
            switch tokens[i + 1].kind {
            case .identifier, .string, .number, .money:
                if !Parser.reservedWords.contains(word), case .identifier(let w2) = tokens[i + 1].kind, Parser.reservedWords.contains(w2) {
                    break
                }
                throw Diagnostic(.unknownStatement(word, suggestion: nearest(word, in: Parser.statementKeywords)), current.range)
            default: break
            }
        }
        return .expression(try expression())
    }
}
