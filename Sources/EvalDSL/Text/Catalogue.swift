/// Every message's translations, by key (see `Message`). English needs no table: it is the key.
public enum Catalogue {
    /// Chinese templates by key, from `Catalogue+zh*.swift`; a key given twice is a mistake a test reports.
    public static let zh: [String: String] = Dictionary(zhEntries, uniquingKeysWith: { first, _ in first })

    /// All Chinese entries as written, for the tests (duplicates, placeholders, unused entries).
    public static var zhEntries: [(String, String)] {
        zhDiagnostics + zhSyntax + zhEvaluation + zhResults + zhNotes + zhData + zhDatabase + zhArchive + zhForms + zhShell + zhHelp
    }

    /// A text that is data, not a literal in code (a statement's or function's summary), in the
    /// current language: its Chinese form by the English text, or the text itself.
    public static func text(_ english: String) -> String {
        switch Language.current {
        case .en: english
        case .zh: zh[english] ?? english
        }
    }

    /// `template` with `{0}`, `{1}`, … replaced by `values`.
    static func fill(_ template: String, _ values: [String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), values.indices.contains(n) {
                out += values[n]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}
