// The text searches the code calls by their Foundation names, answered by the standard library.
// Why here: the standard library has no `range(of:)` or `replacingOccurrences(of:with:)`, and the
// program imports no Foundation, which would load it and ICU at every start-up. A copy lives in
// the shell (Sources/EvalShell/StringSearch.swift): a module's internal declarations are its own.

extension StringProtocol {
    /// Where `other` first occurs; nil for an empty `other`, as Foundation answers. By Unicode
    /// scalars, as Foundation compares: "\n" is found in "\r\n", which is one Character.
    func range<T: StringProtocol>(of other: T) -> Range<Index>? {
        other.isEmpty ? nil : unicodeScalars.firstRange(of: other.unicodeScalars)
    }

    /// The text with every occurrence of `target` replaced, left to right (none for an empty one),
    /// by Unicode scalars like `range(of:)`.
    func replacingOccurrences<T: StringProtocol, R: StringProtocol>(of target: T, with replacement: R) -> String {
        if target.isEmpty { return String(self) }
        return String(String(self).unicodeScalars.replacing(target.unicodeScalars, with: replacement.unicodeScalars))
    }
}

extension StringProtocol {
    /// Whether `other` occurs in the text (never for an empty `other`): Foundation's `contains`,
    /// answered by the standard library. Compared by Unicode scalars, as Foundation does, so "\n"
    /// is found in "\r\n" (one Character). Its own name, since a `contains` of the same signature
    /// here would be ambiguous with Foundation's in tests that import both.
    public func includes<T: StringProtocol>(_ other: T) -> Bool {
        !other.isEmpty && unicodeScalars.firstRange(of: other.unicodeScalars) != nil
    }
}
