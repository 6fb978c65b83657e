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
        return out
    }
}
