/// Terminal display width of text: East Asian wide and fullwidth characters take two columns,
/// combining marks and zero-width characters none, and East Asian ambiguous characters one or two
/// as `AmbiguousWidth.current` says. Tables and carets depend on it.
public enum DisplayWidth {
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        let ambiguous = AmbiguousWidth.current == .wide ? 2 : 1
        var w = 0
        for scalar in text.unicodeScalars { w += of(scalar, ambiguous: ambiguous) }
        return w
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        of(s, ambiguous: AmbiguousWidth.current == .wide ? 2 : 1)
    }

    /// `ambiguous`: the columns an East Asian ambiguous character takes.
    static func of(_ s: Unicode.Scalar, ambiguous: Int) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0xA1 { return 1 }
        if ambiguous == 2, isAmbiguous(v) { return 2 }
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Characters drawn one or two columns wide depending on the terminal's font and settings: the
    /// ambiguous (A) class of Unicode's EastAsianWidth.txt where this tool's output uses it (Latin-1
    /// signs, Greek, Cyrillic, punctuation, arrows, maths, box drawing, blocks, shapes), plus ✓ ✗,
    /// which are neutral in the table but drawn wide by the CJK fonts of Chinese terminals.
    static func isAmbiguous(_ v: UInt32) -> Bool {
        switch v {
        case 0xA1, 0xA4, 0xA7...0xA8, 0xAA, 0xAD...0xAE, 0xB0...0xB4, 0xB6...0xBA, 0xBC...0xBF,
             0xC6, 0xD0, 0xD7...0xD8, 0xDE...0xE1, 0xE6, 0xE8...0xEA, 0xEC...0xED, 0xF0, 0xF2...0xF3,
             0xF7...0xFA, 0xFC, 0xFE,
             0x391...0x3A9, 0x3B1...0x3C9, 0x401, 0x410...0x44F, 0x451,
             0x2010, 0x2013...0x2016, 0x2018...0x2019, 0x201C...0x201D, 0x2020...0x2022, 0x2024...0x2027,
             0x2030, 0x2032...0x2033, 0x2035, 0x203B, 0x203E,
             0x2103, 0x2105, 0x2109, 0x2113, 0x2116, 0x2121...0x2122, 0x2126, 0x212B,
             0x2160...0x216B, 0x2170...0x2179, 0x2190...0x2199, 0x21D2, 0x21D4,
             0x2200, 0x2202...0x2203, 0x2207...0x2208, 0x220B, 0x220F, 0x2211, 0x2215, 0x221A,
             0x221D...0x2220, 0x2223, 0x2225, 0x2227...0x222C, 0x222E, 0x2234...0x2237, 0x2248,
             0x2260...0x2261, 0x2264...0x2267, 0x226A...0x226B, 0x2282...0x2283, 0x2286...0x2287,
             0x2460...0x24E9, 0x24EB...0x254B, 0x2550...0x2573, 0x2580...0x258F, 0x2592...0x2595,
             0x25A0...0x25A1, 0x25A3...0x25A9, 0x25B2...0x25B3, 0x25B6...0x25B7, 0x25BC...0x25BD,
             0x25C0...0x25C1, 0x25C6...0x25C8, 0x25CB, 0x25CE...0x25D1, 0x25E2...0x25E5, 0x25EF,
             0x2605...0x2606, 0x2609, 0x2640, 0x2642, 0x2713, 0x2717, 0x273D, 0x2776...0x277F,
             0xFFFD:
            return true
        default:
            return false
        }
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x20D0...0x20FF,
             0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
             0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }

    /// Wide (W) and fullwidth (F) ranges of Unicode's EastAsianWidth.txt, merged.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
             0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
             0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
             0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
             0x2B50, 0x2B55,
             0x2E80...0x303E,          // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x33FF,          // kana, bopomofo, Hangul compatibility, kanbun, CJK strokes, enclosed, compatibility
             0x3400...0x4DBF,          // CJK extension A
             0x4E00...0x9FFF,          // CJK unified ideographs
             0xA000...0xA4CF,          // Yi
             0xA960...0xA97F,          // Hangul Jamo extended-A
             0xAC00...0xD7A3,          // Hangul syllables
             0xF900...0xFAFF,          // CJK compatibility ideographs
             0xFE10...0xFE19, 0xFE30...0xFE6F, // vertical forms, CJK compatibility forms, small forms
             0xFF00...0xFF60, 0xFFE0...0xFFE6, // fullwidth forms
             0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
             0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` padded with spaces to `width` columns, on the right (`left: true`) or the left.
    public static func pad(_ text: String, to width: Int, alignLeft: Bool) -> String {
        let w = of(text)
        guard w < width else { return text }
        let spaces = String(repeating: " ", count: width - w)
        return alignLeft ? text + spaces : spaces + text
    }
}
