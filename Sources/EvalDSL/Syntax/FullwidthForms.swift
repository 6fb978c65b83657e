/// The source bytes as the lexer reads them: Chinese input methods type digits, `％` and `．` in
/// their fullwidth forms (`９０％`, `１００．５`), and outside strings, quoted names, comments and
/// names those mean their ASCII forms. The lexer reads a copy with them replaced and maps every
/// position back, so a caret still points at the character as it was typed.
struct LexerInput {
    let bytes: [UInt8]
    /// For each byte of `bytes`, and one past the end, its offset in the original text; empty when
    /// nothing was replaced (the offsets are then the same).
    private let origin: [Int]

    init(_ text: String) {
        let original = Array(text.utf8)
        // Fast path: no fullwidth form U+FF05, U+FF0E or U+FF10…U+FF19 anywhere (all start EF BC).
        guard original.indices.contains(where: { original[$0] == 0xEF && $0 + 1 < original.count && original[$0 + 1] == 0xBC }) else {
            self.bytes = original
            self.origin = []
            return
        }
        var out: [UInt8] = []
        var origin: [Int] = []
        out.reserveCapacity(original.count)
        origin.reserveCapacity(original.count + 1)
        enum Context { case code, string, curlyString, quotedName, comment }
        var context = Context.code
        // Inside a name (`项目１`) a fullwidth digit is part of the name, as typed.
        var inWord = false
        var i = 0
        func emit(_ b: UInt8, from at: Int) { out.append(b); origin.append(at) }
        while i < original.count {
            let b = original[i]
            if b == UInt8(ascii: "\n") { context = .code; inWord = false; emit(b, from: i); i += 1; continue }
            switch context {
            case .string:
                if b == UInt8(ascii: "\\"), i + 1 < original.count, original[i + 1] != UInt8(ascii: "\n") {
                    emit(b, from: i); emit(original[i + 1], from: i + 1); i += 2; continue
                }
                if b == UInt8(ascii: "\"") { context = .code }
            case .curlyString:
                if b == 0xE2, i + 2 < original.count, original[i + 1] == 0x80, original[i + 2] == 0x9D { context = .code }
            case .quotedName:
                if b == UInt8(ascii: "`") { context = .code }
            case .comment:
                break
            case .code:
                if b == 0xEF, i + 2 < original.count, original[i + 1] == 0xBC, let ascii = LexerInput.ascii(original[i + 2]) {
                    let isDigit = ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
                    let afterDigit = out.last.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
                    // `．` is a decimal point only right after a digit; a digit inside a name stays as typed.
                    if (isDigit && !inWord) || ascii == UInt8(ascii: "%") || (ascii == UInt8(ascii: ".") && afterDigit) {
                        emit(ascii, from: i)
                        i += 3
                        continue
                    }
                }
                if b == UInt8(ascii: "\"") { context = .string }
                else if b == 0xE2, i + 2 < original.count, original[i + 1] == 0x80, original[i + 2] == 0x9C { context = .curlyString }
                else if b == UInt8(ascii: "`") { context = .quotedName }
                else if b == UInt8(ascii: "#") { context = .comment }
                inWord = LexerInput.continuesWord(original, at: i, inWord: inWord)
            }
            // Copy the whole character, so a multi-byte one is never split.
            let n = b < 0x80 ? 1 : (b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : (b >= 0xC0 ? 2 : 1)))
            for k in i..<min(i + n, original.count) { emit(original[k], from: k) }
            i += n
        }
        origin.append(original.count)
        self.bytes = out
        self.origin = origin
    }

    /// The ASCII form of the fullwidth character EF BC `third`, for the forms the lexer accepts.
    private static func ascii(_ third: UInt8) -> UInt8? {
        switch third {
        case 0x85: UInt8(ascii: "%")
        case 0x8E: UInt8(ascii: ".")
        case 0x90...0x99: UInt8(ascii: "0") + (third - 0x90)
        default: nil
        }
    }

    /// Whether the character at `i` is part of a name: a letter or `_` starts one, a digit continues one.
    private static func continuesWord(_ s: [UInt8], at i: Int, inWord: Bool) -> Bool {
        let b = s[i]
        if b < 0x80 {
            let letter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
            let digit = b >= 0x30 && b <= 0x39
            return letter || (digit && inWord)
        }
        let n = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
        guard i + n <= s.count, let scalar = String(decoding: s[i..<(i + n)], as: UTF8.self).unicodeScalars.first else { return false }
        if inWord && scalar.properties.numericType != nil { return true }
        if (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF20).contains(scalar.value) || (0x2000...0x206F).contains(scalar.value) {
            return false
        }
        return scalar.properties.isAlphabetic
    }

    /// Whether any fullwidth form was replaced.
    var replacedAny: Bool { !origin.isEmpty }

    /// The offset in the original text of `offset` in `bytes`.
    func original(_ offset: Int) -> Int {
        origin.isEmpty ? offset : origin[min(offset, origin.count - 1)]
    }

    func original(_ r: SourceRange) -> SourceRange {
        SourceRange(original(r.start), original(r.end))
    }
}
