extension StringProtocol {
    /// The text without white space at either end: spaces and tabs (Unicode `Zs` and U+0009, what
    /// Foundation's `.whitespaces` holds), and line breaks too when `newlines` (Unicode White_Space,
    /// Foundation's `.whitespacesAndNewlines`). Here so that no caller needs Foundation for it.
    public func trimmingSpace(newlines: Bool = false) -> String {
        func isSpace(_ c: Character) -> Bool { c.isWhitespace && (newlines || !c.isNewline) }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
