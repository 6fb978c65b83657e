import EvalDSL

/// The command line's help and usage errors in the session's language. The texts of the commands
/// and options are `L(…)` where they are declared; the headings and the few sentences the argument
/// parser writes itself are put into the language here, on its finished text.
enum CommandHelp {
    /// The parser's own words, each as it writes them and in the language of the messages.
    static var parserWords: [(String, String)] {
        [("OVERVIEW: ", L("OVERVIEW: ")), ("USAGE: ", L("USAGE: ")), ("ARGUMENTS:", L("ARGUMENTS:")),
         ("OPTIONS:", L("OPTIONS:")), ("SUBCOMMANDS:", L("SUBCOMMANDS:")), (" (default)", L(" (default)")),
         ("Show help information.", L("Show help information.")), ("Show the version.", L("Show the version.")),
         ("See 'evalshell help <subcommand>' for detailed help.", L("See 'evalshell help <subcommand>' for detailed help.")),
         ("Error: ", L("Error: ")), ("Usage: ", L("Usage: ")), ("Help: ", L("Help: ")),
         ("Unknown option ", L("Unknown option ")), ("Unexpected argument ", L("Unexpected argument ")),
         ("Missing expected argument ", L("Missing expected argument ")), ("Missing value for ", L("Missing value for ")),
         ("' for more information.", L("' for more information.")), ("See '", L("See '")),
         (". Please provide one of ", L(". Please provide one of ")), ("The value '", L("The value '")),
         ("' is invalid for ", L("' is invalid for "))]
    }

    /// `text` (the parser's help or error message) with the parser's own words in the language of
    /// the messages; unchanged in English.
    static func localized(_ text: String) -> String {
        guard Language.current != .en else { return text }
        var out = text
        for (english, local) in parserWords where english != local { out = out.replacingOccurrences(of: english, with: local) }
        out = bracketed(out, opening: " (default: ") { L("(default: \($0))") }
        out = bracketed(out, opening: " (values: ") { L("(values: \($0))") }
        return out
    }

    /// `text` with each `opening…)` the parser appends to an option's help (`(default: 仿宋)`)
    /// written as `local` writes what was inside.
    static func bracketed(_ text: String, opening: String, _ local: (String) -> String) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: opening), let close = rest[open.upperBound...].firstIndex(of: ")") {
            out += rest[..<open.lowerBound] + local(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
