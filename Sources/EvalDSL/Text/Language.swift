/// The language messages are shown in: English (each message's key) or Chinese (`Catalogue.zh`).
///
/// A task-local, not a global: tests run in parallel in one process, each session in its own
/// language. A session sets it while a statement runs (`Session.language`, the `lang` statement);
/// a front end sets it around what it prints (`--lang`, the locale).
public enum Language: String, Sendable, CaseIterable {
    case en, zh

    /// The language of messages built now.
    @TaskLocal public static var current: Language = .en

    /// A language as written after `--lang` or `lang`: `en`/`english`/`英文`, `zh`/`chinese`/`中文`.
    public init?(word: String) {
        switch word.lowercased() {
        case "en", "english", "英文", "英语": self = .en
        case "zh", "chinese", "cn", "中文", "汉语": self = .zh
        default: return nil
        }
    }

    /// The language the locale asks for: the first set of `LC_ALL`, `LC_MESSAGES` and `LANG` (POSIX
    /// order), Chinese when it starts with `zh`, English otherwise.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[name], !v.isEmpty { return v.hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}
