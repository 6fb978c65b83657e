/// Turns source text into tokens. Works on UTF-8 bytes; identifiers may be any Unicode letters (`档案库房`).
///
/// The lexer never fails hard: a bad character becomes a diagnostic and lexing goes on, so one
/// typo does not hide the rest of a script's errors.
struct Lexer {
    let source: SourceFile
    private let bytes: [UInt8]
    private var pos = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// Depth of open brackets: inside them a line break does not end the statement.
    private var depth = 0

    /// Fullwidth digits and `％` read as ASCII (FullwidthForms.swift); positions map back to `source`.
    private let input: LexerInput

    init(_ source: SourceFile) {
        self.source = source
        self.input = LexerInput(source.text)
        self.bytes = input.bytes
    }

    static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            var t = lexer.next()
            t.range = lexer.input.original(t.range)
            tokens.append(t)
            if t.kind == .end { break }
        }
        let original = lexer.input.replacedAny && !lexer.diagnostics.isEmpty ? Array(source.text.utf8) : []
        let diagnostics = lexer.diagnostics.map { d in
            let range = lexer.input.original(d.range)
            guard lexer.input.replacedAny else { return d }
            // A message quotes the characters as typed (`％`), not as read (`%`).
            let typed = String(decoding: original[range.start..<range.end], as: UTF8.self)
            switch d.kind {
            case .unexpectedCharacter(let c) where c != typed:
                // A run is named by its first character.
                return Diagnostic(.unexpectedCharacter(typed.first.map { String($0) } ?? typed), range, notes: d.notes)
            case .invalidLiteral(let text, let expected) where text != typed:
                return Diagnostic(.invalidLiteral(typed, expected: expected), range, notes: d.notes)
            default: return Diagnostic(d.kind, range, notes: d.notes)
            }
        }
        return (tokens, diagnostics)
    }

    private func peek(_ k: Int = 0) -> UInt8? {
        pos + k < bytes.count ? bytes[pos + k] : nil
    }

    private func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }

    /// The next token. A loop, not a recursion, over what makes no token (a line break inside
    /// brackets, a character that is not part of the language): a file of a million of those
    /// must not run the stack out.
    mutating func next() -> Token {
        while true {
            if let t = token() { return t }
        }
    }

    /// The next token, or nil when what was read makes none (the caller reads on).
    private mutating func token() -> Token? {
        skipSpaceAndComments()
        guard let b = peek() else {
            return Token(kind: .end, range: SourceRange(pos, pos))
        }
        let start = pos
        if b == UInt8(ascii: "\n") {
            pos += 1
            if depth > 0 { return nil }
            return Token(kind: .newline, range: SourceRange(start, pos))
        }
        if b == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
            pos += 2
            if depth > 0 { return nil }
            return Token(kind: .newline, range: SourceRange(start, pos))
        }
        if isDigit(b) { return number(start) }
        if b == UInt8(ascii: "\"") || isOpeningCurlyQuote(at: pos) { return string(start) }
        if b == UInt8(ascii: "`") { return quotedName(start) }
        if (b == UInt8(ascii: "Q") || b == UInt8(ascii: "q")), isDigit(peek(1)), !isIdentByte(at: pos + 2) {
            let q = Int(bytes[pos + 1] - 48)
            pos += 2
            if (1...4).contains(q) {
                return Token(kind: .quarter(year: nil, quarter: q), range: SourceRange(start, pos))
            }
            diagnostics.append(Diagnostic(.invalidLiteral("Q\(q)", expected: L("a quarter Q1 to Q4")), SourceRange(start, pos)))
            return Token(kind: .quarter(year: nil, quarter: 1), range: SourceRange(start, pos))
        }
        if isIdentStart(at: pos) { return identifier(start) }
        return symbol(start)
    }

    private mutating func skipSpaceAndComments() {
        while let b = peek() {
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || (b == UInt8(ascii: "\r") && peek(1) != UInt8(ascii: "\n")) {
                pos += 1
            } else if b == 0xE3, peek(1) == 0x80, peek(2) == 0x80 {
                pos += 3   // ideographic space U+3000, common in text pasted from Chinese documents
            } else if b == UInt8(ascii: "#") {
                while let c = peek(), c != UInt8(ascii: "\n") { pos += 1 }
            } else if b == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "\n") {
                pos += 2   // explicit line continuation
            } else {
                return
            }
        }
    }

    // MARK: Numbers, dates and units

    private mutating func number(_ start: Int) -> Token {
        // Dates and months: 2020-12-31, 2020-12, 2020/12/31; quarters: 2020Q4.
        if let t = dateLike(start) { return t }
        if let t = dateWrittenYearLast(start) { return t }
        while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { pos += 1 }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            pos += 1
            while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { pos += 1 }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        let numberEnd = pos
        // A unit may follow directly or after spaces: `3265.21 万元`.
        var look = pos
        while look < bytes.count, bytes[look] == UInt8(ascii: " ") { look += 1 }
        if look < bytes.count, bytes[look] == UInt8(ascii: "%") {
            pos = look + 1
            return Token(kind: .percent(text), range: SourceRange(start, pos))
        }
        if matches("pp", at: look), !isIdentByte(at: look + 2) {
            pos = look + 2
            return Token(kind: .percent(text), range: SourceRange(start, pos))
        }
        for (unit, u) in Lexer.unitBytes {
            if matches(u, at: look), !isIdentByte(at: look + u.count) {
                pos = look + u.count
                return Token(kind: .money(text, unit), range: SourceRange(start, pos))
            }
        }
        if isIdentByte(at: numberEnd) {
            // `12abc`: a number glued to a word is almost always a typo.
            var end = numberEnd
            while isIdentByte(at: end) { end += utf8Length(at: end) }
            let word = String(decoding: bytes[start..<end], as: UTF8.self)
            diagnostics.append(Diagnostic(.invalidLiteral(word, expected: L("a number, an amount such as `12.5万元`, a percentage or a date")), SourceRange(start, end)))
            pos = end
        }
        return Token(kind: .number(text), range: SourceRange(start, numberEnd))
    }

    private mutating func dateLike(_ start: Int) -> Token? {
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= bytes.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                guard isDigit(bytes[i]) else { return nil }
                v = v * 10 + Int(bytes[i] - 48)
            }
            return v
        }
        guard let year = digits(start, 4), start + 4 < bytes.count, !isDigit(peekAt(start + 4)) else { return nil }
        let sep = bytes[start + 4]
        if (sep == UInt8(ascii: "Q") || sep == UInt8(ascii: "q")), let q = digits(start + 5, 1), !isIdentByte(at: start + 6) {
            pos = start + 6
            if !(1...4).contains(q) {
                diagnostics.append(Diagnostic(.invalidLiteral("\(year)Q\(q)", expected: L("a quarter Q1 to Q4")), SourceRange(start, pos)))
            }
            return Token(kind: .quarter(year: year, quarter: min(max(q, 1), 4)), range: SourceRange(start, pos))
        }
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") else { return nil }
        // month: one or two digits
        var p = start + 5
        var month = 0, mlen = 0
        while p < bytes.count, isDigit(bytes[p]), mlen < 2 { month = month * 10 + Int(bytes[p] - 48); p += 1; mlen += 1 }
        guard mlen > 0, !isDigit(peekAt(p)) else { return nil }
        if peekAt(p) == sep {
            var day = 0, dlen = 0
            var q = p + 1
            while q < bytes.count, isDigit(bytes[q]), dlen < 2 { day = day * 10 + Int(bytes[q] - 48); q += 1; dlen += 1 }
            guard dlen > 0, !isDigit(peekAt(q)) else { return nil }
            pos = q
            let text = String(decoding: bytes[start..<q], as: UTF8.self)
            if !CivilDate.isValid(year: year, month: month, day: day) {
                diagnostics.append(Diagnostic(.invalidLiteral(text, expected: L("a real calendar date (YYYY-MM-DD)")), SourceRange(start, q)))
                return Token(kind: .date(year: year, month: 1, day: 1), range: SourceRange(start, q))
            }
            return Token(kind: .date(year: year, month: month, day: day), range: SourceRange(start, q))
        }
        guard sep == UInt8(ascii: "-") else { return nil }
        pos = p
        if !(1...12).contains(month) {
            let text = String(decoding: bytes[start..<p], as: UTF8.self)
            diagnostics.append(Diagnostic(.invalidLiteral(text, expected: L("a month YYYY-MM with MM from 01 to 12")), SourceRange(start, p)))
            return Token(kind: .month(year: year, month: 1), range: SourceRange(start, p))
        }
        return Token(kind: .month(year: year, month: month), range: SourceRange(start, p))
    }

    /// `12/31/2020` or `31-12-2020`: read as a division or a subtraction it would give a silent
    /// number, so it is an error that says how dates are written.
    private mutating func dateWrittenYearLast(_ start: Int) -> Token? {
        func run(_ at: Int) -> Int {
            var p = at
            while p < bytes.count, isDigit(bytes[p]) { p += 1 }
            return p - at
        }
        let a = run(start)
        guard (1...2).contains(a), let sep = peekAt(start + a), sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") else { return nil }
        let b = run(start + a + 1)
        guard (1...2).contains(b), peekAt(start + a + 1 + b) == sep else { return nil }
        let yearStart = start + a + 1 + b + 1
        guard run(yearStart) == 4, !isIdentByte(at: yearStart + 4) else { return nil }
        pos = yearStart + 4
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        let year = String(decoding: bytes[yearStart..<pos], as: UTF8.self)
        diagnostics.append(Diagnostic(.invalidLiteral(text, expected: L("a date written year first, e.g. \(year)-12-31")), SourceRange(start, pos)))
        return Token(kind: .date(year: Int(year) ?? 2000, month: 1, day: 1), range: SourceRange(start, pos))
    }

    private func peekAt(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private func matches(_ s: String, at i: Int) -> Bool { matches(Array(s.utf8), at: i) }

    private func matches(_ u: [UInt8], at i: Int) -> Bool {
        guard i + u.count <= bytes.count else { return false }
        for k in 0..<u.count where bytes[i + k] != u[k] { return false }
        return true
    }

    // MARK: Strings

    private func isOpeningCurlyQuote(at i: Int) -> Bool {
        // “ U+201C: Chinese input methods type it for `"`.
        peekAt(i) == 0xE2 && peekAt(i + 1) == 0x80 && peekAt(i + 2) == 0x9C
    }

    private mutating func string(_ start: Int) -> Token {
        let curly = bytes[pos] != UInt8(ascii: "\"")
        pos += curly ? 3 : 1
        var value = [UInt8]()
        while true {
            guard let b = peek(), b != UInt8(ascii: "\n") else {
                diagnostics.append(Diagnostic(.unterminatedString, SourceRange(start, pos)))
                return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: SourceRange(start, pos))
            }
            if !curly && b == UInt8(ascii: "\"") { pos += 1; break }
            if curly && b == 0xE2 && peek(1) == 0x80 && peek(2) == 0x9D { pos += 3; break }
            if b == UInt8(ascii: "\\"), let n = peek(1) {
                switch n {
                case UInt8(ascii: "n"): value.append(10)
                case UInt8(ascii: "t"): value.append(9)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(n)
                default:
                    diagnostics.append(Diagnostic(.invalidLiteral("\\" + String(UnicodeScalar(n)), expected: L("an escape: \\n, \\t, \\\" or \\\\")), SourceRange(pos, pos + 2)))
                }
                pos += 2
                continue
            }
            value.append(b)
            pos += 1
        }
        return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: SourceRange(start, pos))
    }

    /// `` `2020-001` ``: a name that is not an identifier, such as a project id from a data file.
    private mutating func quotedName(_ start: Int) -> Token {
        pos += 1
        let nameStart = pos
        while let b = peek(), b != UInt8(ascii: "`"), b != UInt8(ascii: "\n") { pos += 1 }
        let text = String(decoding: bytes[nameStart..<pos], as: UTF8.self)
        guard peek() == UInt8(ascii: "`"), !text.isEmpty else {
            diagnostics.append(Diagnostic(.invalidLiteral("`" + text, expected: L("a name closed with ` on the same line")), SourceRange(start, pos)))
            return Token(kind: .quotedName(text), range: SourceRange(start, pos))
        }
        pos += 1
        return Token(kind: .quotedName(text), range: SourceRange(start, pos))
    }

    // MARK: Identifiers

    private func utf8Length(at i: Int) -> Int {
        let b = bytes[i]
        if b < 0x80 { return 1 }
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        return 2
    }

    private func scalar(at i: Int) -> Unicode.Scalar? {
        guard i < bytes.count else { return nil }
        let n = min(utf8Length(at: i), bytes.count - i)
        return String(decoding: bytes[i..<(i + n)], as: UTF8.self).unicodeScalars.first
    }

    private func isIdentStart(at i: Int) -> Bool {
        guard let s = scalar(at: i) else { return false }
        if s == "_" { return true }
        if s.value < 0x80 { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        if isCJKPunctuation(s) { return false }
        return s.properties.isAlphabetic
    }

    private func isIdentByte(at i: Int) -> Bool {
        guard let s = scalar(at: i) else { return false }
        if s.value < 0x80 { return s == "_" || (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") }
        if isCJKPunctuation(s) { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    private func isCJKPunctuation(_ s: Unicode.Scalar) -> Bool {
        (0x3000...0x303F).contains(s.value) || (0xFF00...0xFF0F).contains(s.value) || (0xFF1A...0xFF20).contains(s.value)
            || (0x2000...0x206F).contains(s.value)
    }

    private mutating func identifier(_ start: Int) -> Token {
        while isIdentByte(at: pos) { pos += utf8Length(at: pos) }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        return Token(kind: .identifier(text), range: SourceRange(start, pos))
    }

    // MARK: Symbols

    /// The money units with their UTF-8 bytes, longest first where one is a prefix of another.
    private static let unitBytes: [(MoneyUnit, [UInt8])] = [MoneyUnit.wan, .yi, .yuan].map { ($0, Array($0.rawValue.utf8)) }
    private static let twoCharacterSymbols: [(String, [UInt8])] = ["==", "!=", "<=", ">=", "<>"].map { ($0, Array($0.utf8)) }
    /// Fullwidth punctuation typed with a Chinese input method means the same as ASCII.
    private static let fullwidthSymbols: [([UInt8], String)] = [("（", "("), ("）", ")"), ("，", ","), ("：", ":"), ("＝", "="), ("＋", "+"), ("－", "-"), ("×", "*"), ("÷", "/"), ("≤", "<="), ("≥", ">="), ("≠", "!="), ("−", "-"), ("？", "?"), ("→", "->")].map { (Array($0.0.utf8), $0.1) }

    /// A symbol, or nil after reporting a character that is not part of the language.
    private mutating func symbol(_ start: Int) -> Token? {
        for (s, u) in Lexer.twoCharacterSymbols where matches(u, at: pos) {
            pos += 2
            return Token(kind: .symbol(s == "<>" ? "!=" : s), range: SourceRange(start, pos))
        }
        if bytes[pos] >= 0x80 {
            for (w, a) in Lexer.fullwidthSymbols where matches(w, at: pos) {
                pos += w.count
                track(a)
                return Token(kind: .symbol(a), range: SourceRange(start, pos))
            }
        }
        let b = bytes[pos]
        // A dot inside a word, `treasury.payments`: a database table's schema and name.
        if b == UInt8(ascii: "."), pos > 0, bytes[pos - 1] > 0x20, isIdentByte(at: pos + 1) {
            pos += 1
            return Token(kind: .symbol("."), range: SourceRange(start, pos))
        }
        let singles = "()[],:=<>+-*/{}?"
        if b < 0x80, singles.utf8.contains(b) {
            pos += 1
            let s = String(UnicodeScalar(b))
            track(s)
            return Token(kind: .symbol(s), range: SourceRange(start, pos))
        }
        let len = utf8Length(at: pos)
        pos += min(len, bytes.count - pos)
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        // A run of them is one fault, named by its first character, its range over them all: a file
        // of a million stray bytes makes one diagnostic, not a million.
        if let last = diagnostics.last, last.range.end == start, case .unexpectedCharacter = last.kind {
            diagnostics[diagnostics.count - 1] = Diagnostic(last.kind, SourceRange(last.range.start, pos), notes: last.notes)
        } else {
            diagnostics.append(Diagnostic(.unexpectedCharacter(text), SourceRange(start, pos)))
        }
        return nil
    }

    private mutating func track(_ s: String) {
        if s == "(" || s == "[" || s == "{" { depth += 1 }
        if (s == ")" || s == "]" || s == "}") && depth > 0 { depth -= 1 }
    }
}
