import EvalDSL

/// What TAB completion knows about the session; the shell refreshes it before each prompt.
struct CompletionContext: Sendable, Equatable {
    /// Every declared name: projects, groups, the department, `let`s, indicators, parameters.
    var names: [String] = []
    var projects: [String] = []
    var groups: [String] = []
    /// Tags used by the projects so far.
    var tags: [String] = []
    /// The line continues a statement left open on an earlier line (not a statement start).
    var continuing = false
    /// Where relative paths start: the shell's working directory.
    var directory = "."

    init(names: [String] = [], projects: [String] = [], groups: [String] = [], tags: [String] = [],
         continuing: Bool = false, directory: String = ".") {
        self.names = names
        self.projects = projects
        self.groups = groups
        self.tags = tags
        self.continuing = continuing
        self.directory = directory
    }

    init(session: Session, continuing: Bool, directory: String) {
        var tags: [String] = []
        var seen = Set<String>()
        for p in session.model.projects.values { for t in p.tags where seen.insert(t).inserted { tags.append(t) } }
        self.init(names: session.names, projects: Array(session.model.projects.keys),
                  groups: Array(session.model.groups.keys), tags: tags.sorted(),
                  continuing: continuing, directory: directory)
    }
}

/// The completer runs inside libedit's callback; the shell's loop updates what it sees. The
/// context is made only when TAB is pressed: a session may have hundreds of thousands of names.
final class CompletionState: @unchecked Sendable {
    var session = Session()
    var continuing = false
    var directory = "."

    var context: CompletionContext {
        CompletionContext(session: session, continuing: continuing, directory: directory)
    }
}

/// TAB completion by context, a pure function of the text before the cursor:
/// - at the start of a statement: statement keywords, names, functions; `:` starts a shell command;
/// - after `:load` / `:save`, and inside the string after `run`: file paths;
/// - after `:help`: the topics; after `:timing`: on/off;
/// - after `source =`, `grade =`, `category =` (and the same clauses of `project`): the value words,
///   also found by their English aliases (`prov` → 省级);
/// - after `funds` and `funds:`: the kinds of funds (资金性质), also by their aliases;
/// - after `tag` / `tags`: the tags in use; after `columns` in `table`: the column names;
/// - elsewhere in an expression: names (Chinese too), functions and the language's words.
/// Inside any other string or a comment there is nothing to complete.
enum ShellCompletion {
    /// The value words of `source =`, `grade =` and `category =`, from the library's vocabularies.
    static let valueWords: [String: [(word: String, aliases: [String])]] =
        Vocabulary.byAttribute.mapValues { $0.words.map { ($0.canonical, $0.aliases) } }

    /// ORDER ATTRIBUTES: the attributes and figures a table shows (`attributeTitles` and
    /// `figureTitles` in the library's Table.swift).
    static let tableColumns = ["id", "name", "source", "category", "grade", "tags", "reason",
                               "budget", "initial", "adjustments", "paid", "rate", "unspent"]

    /// Words of the language that may appear inside an expression.
    static var expressionWords: [String] { Parser.reservedWords.sorted() }

    static func complete(_ before: String, in context: CompletionContext) -> LineEditor.Completion {
        let leading = before.drop { $0 == " " || $0 == "\t" }
        if !context.continuing, leading.hasPrefix(":") {
            return completeCommand(String(leading), in: context)
        }
        switch scan(before) {
        case .comment:
            return .init(word: "", candidates: [])
        case .string(let contentStart):
            // A path in `run "…`, `load … from "…` and `export … to "…`, until it has an {interpolation}.
            let words = statementWords(String(before[..<contentStart].dropLast()))
            let partial = String(before[contentStart...])
            let isPath = words == ["run"] || (words.first == "load" && words.last == "from") || (words.first == "export" && words.last == "to")
            guard !context.continuing, isPath, !partial.includes("{") else { return .init(word: "", candidates: []) }
            return completePath(partial, in: context.directory, fileEnding: "\" ")
        case .code:
            break
        }

        // Inside an open backquote: a name that is not an identifier, such as a loaded id `2020-001`.
        if before.filter({ $0 == "`" }).count % 2 == 1, let tick = before.lastIndex(of: "`") {
            let partial = String(before[before.index(after: tick)...])
            var endings: [String: String] = [:]
            for n in context.names where n.hasPrefix(partial) { endings[n] = "`" }
            return matching(partial, context.names, endings: endings)
        }

        let word = String(before.reversed().prefix { isNameCharacter($0) }.reversed())
        let head = String(before.dropLast(word.count))
        let words = statementWords(head)
        let headTrimmed = head.trimmingSpace()
        let statement = context.continuing ? nil : words.first

        // The start of a statement.
        if !context.continuing, headTrimmed.isEmpty {
            var endings: [String: String] = [:]
            for k in Parser.statementKeywords { endings[k] = " " }
            for f in Builtins.all { endings[f.name] = "(" }
            let pool = Parser.statementKeywords + context.names + Builtins.all.map(\.name)
            return matching(word, pool, endings: endings)
        }

        // A value word: `source = 本`, `grade == 优`, or a clause of `project`.
        let afterOperator = headTrimmed.hasSuffix("=") && !headTrimmed.hasSuffix("<=") && !headTrimmed.hasSuffix(">=")
        if afterOperator || statement == "project" {
            let beforeOperator = afterOperator
                ? String(headTrimmed.reversed().drop { "=!".contains($0) }.reversed()) : headTrimmed
            let attribute = String(beforeOperator.trimmingSpace().reversed().prefix { isNameCharacter($0) }.reversed())
            let clause = afterOperator || head.hasSuffix(" ") || head.hasSuffix("\t")
            if clause, let values = valueWords[attribute] {
                let candidates = values.filter { v in
                    word.isEmpty || v.word.hasPrefix(word) || v.aliases.contains { $0.hasPrefix(word) }
                }.map(\.word)
                // In `project`, another clause follows: the space before it comes with the word.
                let endings = afterOperator ? [:] : Dictionary(uniqueKeysWithValues: candidates.map { ($0, " ") })
                return .init(word: word, candidates: candidates, endings: endings)
            }
        }
        // A kind of funds: after `funds` (of project, pay, adjust, received, total) or a `funds:` label.
        let labelled = headTrimmed.hasSuffix("funds:")
        if labelled || (words.last == "funds" && head.hasSuffix(" ")) || (statement == "project" && headTrimmed.hasSuffix(",") && words.contains("funds") && !words.contains("tags")) {
            let candidates = FundKind.vocabulary.words.filter { v in
                word.isEmpty || v.canonical.hasPrefix(word) || v.aliases.contains { $0.hasPrefix(word) }
            }.map(\.canonical)
            return .init(word: word, candidates: candidates, endings: labelled ? [:] : Dictionary(uniqueKeysWithValues: candidates.map { ($0, " ") }))
        }
        // The next clause of `project`.
        if statement == "project", words.count >= 2, head.hasSuffix(" "), !ProjectDecl.clauses.contains(words.last!) {
            let clauses = ProjectDecl.clauses
            return matching(word, clauses, endings: Dictionary(uniqueKeysWithValues: clauses.map { ($0, " ") }))
        }
        if let last = words.last, last == "tag" || (last == "tags" && statement == "project") || (statement == "project" && headTrimmed.hasSuffix(",") && words.contains("tags")) {
            return matching(word, context.tags)
        }
        if statement == "table" || statement == "export", words.contains("columns"), !words.contains("to"),
           words.last == "columns" || headTrimmed.hasSuffix(",") {
            return matching(word, tableColumns)
        }
        // The subject of `pay`, `adjust` (a project) and `total` (a group).
        if words.count == 1, head.hasSuffix(" "), let s = statement, let syntax = Statements.byKeyword[s] {
            switch syntax.operand {
            case .project: return matching(word, context.projects)
            case .group: return matching(word, context.groups)
            case .words(let w): return matching(word, w)
            // A new name or a literal: nothing known fits.
            case .newName, .literal: return .init(word: word, candidates: [])
            case .other: break
            }
        }
        if statement == "adjust", words.count == 2, head.hasSuffix(" ") {
            return matching(word, ["追加", "调减"] + context.names)
        }
        if statement == "load", head.hasSuffix(" ") {
            return completeLoad(word, words: words)
        }
        if statement == "export", head.hasSuffix(" "), words.count >= 2, words.last != "columns", !headTrimmed.hasSuffix(","), !words.contains("to") {
            // After the group (and its columns): where to.
            return matching(word, ["columns", "to"], endings: ["columns": " ", "to": " \""])
        }

        var endings: [String: String] = [:]
        for f in Builtins.all { endings[f.name] = "(" }
        // Before anything is typed, the language's own words would only bury the names.
        let language = word.isEmpty ? ["projects"] : expressionWords
        return matching(word, context.names + Builtins.all.map(\.name) + language, endings: endings)
    }

    /// `load projects|payments|adjustments from "PATH" [sheet "…"] [encoding E] [unit U]
    /// [columns F = "H", …] [skip bad rows]`
    static func completeLoad(_ word: String, words: [String]) -> LineEditor.Completion {
        switch words.last {
        case "load": return matching(word, ["projects", "payments", "adjustments"], endings: ["projects": " ", "payments": " ", "adjustments": " "])
        case "projects" where words.count == 2, "payments" where words.count == 2, "adjustments" where words.count == 2: return matching(word, ["from"], endings: ["from": " \""])
        case "encoding": return matching(word, ["utf8", "gb18030"], endings: ["utf8": " ", "gb18030": " "])
        case "unit" where words.count >= 4: return matching(word, ["万元", "元"], endings: ["万元": " ", "元": " "])
        case "skip": return matching(word, ["bad"], endings: ["bad": " rows"])
        case "bad": return matching(word, ["rows"])
        default:
            // After the path or an option's value: the options not given yet.
            guard words.contains("from"), words.count >= 3 else { return .init(word: word, candidates: []) }
            let done = Array(words.dropLast(word.isEmpty ? 0 : 1))
            // After a database's URI (its words: `postgresql`, the host, the database…): what to read from it.
            if done.count >= 4, done[2] == "from", ["postgresql", "postgres"].contains(done[3]), !done.contains("table"), !done.contains("query") {
                return matching(word, ["query", "table"], endings: ["query": " \"", "table": " "])
            }
            let options = LoadStatement.options.filter { !done.contains($0) }
            var endings: [String: String] = [:]
            for o in options { endings[o] = o == "sheet" ? " \"" : o == "skip" ? " bad rows" : " " }
            return matching(word, options, endings: endings)
        }
    }

    // MARK: Shell commands

    static func completeCommand(_ line: String, in context: CompletionContext) -> LineEditor.Completion {
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            var endings: [String: String] = [:]
            for m in Shell.metaCommands where m != ":reset" && m != ":quit" { endings[m] = " " }
            return .init(word: line, candidates: Shell.metaCommands.filter { $0.hasPrefix(line) }, endings: endings)
        }
        let command = String(line[..<space])
        let argument = String(line[space...].drop { $0 == " " || $0 == "\t" })
        switch command {
        case ":load", ":save":
            var partial = argument
            var fileEnding = ""
            if partial.hasPrefix("\"") { partial.removeFirst(); fileEnding = "\"" }
            return completePath(partial, in: context.directory, fileEnding: fileEnding)
        case ":help", ":h", ":?":
            return matching(argument, Help.topics)
        case ":timing":
            return matching(argument, ["on", "off"])
        default:
            return .init(word: argument, candidates: [])
        }
    }

    // MARK: Paths

    /// Files and folders whose name starts with the last component of `partial` (a path relative to
    /// `directory`, or absolute, or starting `~/`). Folders end with `/`; a file, when it is the only
    /// candidate, gets `fileEnding` (the closing quote of a string).
    static func completePath(_ partial: String, in directory: String, fileEnding: String) -> LineEditor.Completion {
        let folder: String, stem: String
        if let slash = partial.lastIndex(of: "/") {
            folder = String(partial[...slash])
            stem = String(partial[partial.index(after: slash)...])
        } else {
            folder = ""
            stem = partial
        }
        var listed = expandingTilde(folder)
        if !listed.hasPrefix("/") { listed = directory + "/" + listed }
        let entries = SystemFiles.contents(ofFolder: listed) ?? []
        var candidates: [String] = []
        var endings: [String: String] = [:]
        for name in entries.sorted() where name.hasPrefix(stem) && (!name.hasPrefix(".") || stem.hasPrefix(".")) {
            if SystemFiles.kind(listed + name).isFolder {
                candidates.append(name + "/")
            } else {
                candidates.append(name)
                endings[name] = fileEnding
            }
        }
        return .init(word: stem, candidates: candidates, endings: endings)
    }

    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return SystemFiles.home + path.dropFirst()
    }

    // MARK: Helpers

    static func matching(_ word: String, _ pool: [String], endings: [String: String] = [:]) -> LineEditor.Completion {
        var seen = Set<String>()
        let candidates = pool.filter { $0.hasPrefix(word) && seen.insert($0).inserted }.sorted()
        return .init(word: word, candidates: candidates, endings: endings.filter { seen.contains($0.key) })
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    enum Position { case code, comment, string(contentStart: String.Index) }

    /// Whether the end of `text` is in code, a comment, or a string (and where its text starts).
    static func scan(_ text: String) -> Position {
        var inString: String.Index? = nil
        var escaped = false
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if inString != nil {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" || c == "\u{201D}" { inString = nil }
            } else if c == "#" {
                return .comment
            } else if c == "\"" || c == "\u{201C}" {
                inString = next
            }
            i = next
        }
        return inString.map { .string(contentStart: $0) } ?? .code
    }

    /// The words (names and keywords) of the text before the cursor, in order, ignoring symbols.
    static func statementWords(_ head: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in head {
            if isNameCharacter(c) { current.append(c) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
