/// How wide a terminal draws East Asian "ambiguous" characters (✓ ✗ — “ ” ▏…█): one column in
/// most Western setups, two in many Chinese ones, where a table measured at one column shifts.
public enum AmbiguousWidth: String, Sendable, CaseIterable {
    case narrow, wide

    /// The width tables are measured with now. Narrow unless a front end says otherwise: notebooks
    /// and reports are always narrow, so what they record does not depend on a terminal.
    @TaskLocal public static var current: AmbiguousWidth = .narrow

    /// `EVALSHELL_AMBIGUOUS=wide|narrow`, else wide for a Chinese locale and narrow otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> AmbiguousWidth {
        if let v = environment["EVALSHELL_AMBIGUOUS"], let w = AmbiguousWidth(rawValue: v) { return w }
        return Language.fromLocale(environment) == .zh ? .wide : .narrow
    }
}
