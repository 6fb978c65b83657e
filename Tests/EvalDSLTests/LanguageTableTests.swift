import Foundation
import Testing
@testable import EvalDSL

/// The statement table, the built-in table and the vocabularies: everything derived from them
/// agrees with them.
@Suite struct StatementTableTests {
    @Test func keywordsAreTheTablesAndUnique() {
        #expect(Parser.statementKeywords == Statements.all.map(\.keyword))
        #expect(Set(Parser.statementKeywords).count == Statements.all.count)
        #expect(Statements.byKeyword.count == Statements.all.count)
        for k in Parser.statementKeywords {
            #expect(!Parser.reservedWords.contains(k), "`\(k)` is both a statement and a reserved word")
        }
    }

    /// Each example starts with its keyword and is parsed by that keyword's method (not as an
    /// expression), with help to show.
    @Test(arguments: Statements.all.map(\.keyword))
    func exampleParsesAsItsStatement(_ keyword: String) throws {
        let syntax = try #require(Statements.byKeyword[keyword])
        #expect(!syntax.usage.isEmpty && !syntax.summary.isEmpty)
        #expect(syntax.usage.hasPrefix(keyword + " "))
        #expect(syntax.example.hasPrefix(keyword + " "))
        let items = Parser.parse(SourceFile(name: "help", text: syntax.example))
        #expect(items.count == 1)
        guard case .statement(let s)? = items.first else {
            Issue.record("the example of `\(keyword)` does not parse")
            return
        }
        if case .expression = s.kind { Issue.record("the example of `\(keyword)` parses as an expression") }
    }

    /// Statements whose first operand is a new name declare it, also when the rest of the line is broken.
    @Test func newNameStatementsDeclareTheirName() {
        for syntax in Statements.all where syntax.operand == .newName {
            let items = Parser.parse(SourceFile(name: "t", text: "\(syntax.keyword) zz ("))
            guard case .broken(_, _, let declares)? = items.first else {
                Issue.record("`\(syntax.keyword) zz (` parses")
                continue
            }
            #expect(declares?.text == "zz", "`\(syntax.keyword)` does not declare its name")
        }
    }

    @Test func scheduleIsAStatementOnlyBeforeItsWords() {
        guard case .statement(let a)? = Parser.parse(SourceFile(name: "t", text: "schedule days")).first,
              case .statement(let b)? = Parser.parse(SourceFile(name: "t", text: "schedule(Q3)")).first else {
            Issue.record("does not parse")
            return
        }
        #expect(a.kind == .schedule(.days))
        if case .expression = b.kind {} else { Issue.record("`schedule(Q3)` is not the function") }
    }

    /// docs/LANGUAGE.md's grammar has a rule for every statement.
    @Test func grammarInTheDocsNamesEveryStatement() throws {
        let text = try String(contentsOf: DocsTests.root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
        let grammar = try #require(text.components(separatedBy: "## Grammar").last)
        for k in Parser.statementKeywords {
            #expect(grammar.contains("| \"\(k)\" ") || grammar.contains("= \"\(k)\" "), "no grammar rule for `\(k)` in LANGUAGE.md")
        }
    }

    /// Structs instead of tuples: `==` is synthesised and compares every part.
    @Test func statementsWithListsCompare() {
        func kind(_ text: String) -> Statement.Kind? {
            if case .statement(let s)? = Parser.parse(SourceFile(name: "t", text: text)).first { return s.kind }
            return nil
        }
        #expect(kind("total g budget 1 paid 2") == kind("total g budget 1 paid 2"))
        #expect(kind("total g budget 1 paid 2") != kind("total g budget 1 paid 3"))
        #expect(kind("load payments from \"a.csv\" columns id = \"编号\"") == kind("load payments from \"a.csv\" columns id = \"编号\""))
        #expect(kind("load payments from \"a.csv\" columns id = \"编号\"") != kind("load payments from \"a.csv\" columns id = \"代码\""))
    }
}

@Suite struct BuiltinTableTests {
    /// A session in which every built-in's example has what it names.
    static let fixture = """
        year 2020
        department 组织部
        project archive source 本级 budget 200 grade 中
        project b source 省级 budget 100 grade 优
        pay archive 12.5 on 2020-12-20
        pay b 40 in Q3
        group 本级 = projects where source = 本级
        group 转移支付 = projects where source != 本级
        total 组织部 initial 280 budget 300 carryover 10
        received archive 150 on 2020-06-30
        income 组织部 2900 in 2019
        form archive "档案智能库房建设项目自评表"
        metric archive 产出 数量 "库房面积" target "≥500㎡" actual "520㎡" weight 90
        execution archive weight 10
        steprule 预算调整率 = 0 -> 3, <= 10% -> 2, else 0

        """

    @Test func namesAreUniqueAndUsagesStartWithThem() {
        #expect(Set(Builtins.all.map(\.name)).count == Builtins.all.count)
        for f in Builtins.all {
            #expect(f.signature.usage.hasPrefix(f.name + "("), "the usage of `\(f.name)`")
            for l in f.signature.labels {
                #expect(f.signature.usage.contains("\(l): "), "the usage of `\(f.name)` does not show `\(l):`")
            }
            #expect(f.signature.arity.lowerBound >= 1)
        }
    }

    @Test(arguments: Builtins.all.map(\.name))
    func exampleRuns(_ name: String) throws {
        let f = try #require(Builtins.byName[name])
        #expect(f.example.hasPrefix(name + "("))
        let out = value(BuiltinTableTests.fixture + f.example)
        #expect(!out.hasPrefix("ERROR"), "the example of `\(name)`: \(out)")
    }

    /// Too many or too few arguments, and an unknown label, are reported from the signature alone.
    @Test(arguments: Builtins.all.map(\.name))
    func arityAndLabelErrorsComeFromTheSignature(_ name: String) throws {
        let f = try #require(Builtins.byName[name])
        let arity = f.signature.arity
        func call(_ n: Int, extra: String = "") -> String {
            let args = Array(repeating: "1", count: n) + (extra.isEmpty ? [] : [extra])
            return BuiltinTableTests.fixture + "\(name)(\(args.joined(separator: ", ")))"
        }
        var counts = [arity.lowerBound - 1]
        if arity.upperBound < Int.max { counts.append(arity.upperBound + 1) }
        for n in counts {
            #expect(diagnostic(call(n))?.kind == .argumentCount(function: name, expected: f.signature.expected, got: n))
        }
        #expect(diagnostic(call(arity.lowerBound, extra: "zz: 1"))?.kind
                == .unknownArgumentLabel(function: name, label: "zz", allowed: f.signature.labels))
    }

    @Test func expectedCountsReadAsBefore() {
        #expect(Signature("f(x)", arity: 1...1).expected == "1 argument")
        #expect(Signature("f(a, b)", arity: 2...2).expected == "2 arguments")
        #expect(Signature("f(v, n)", arity: 1...2).expected == "1 to 2 arguments")
    }

    /// docs/LANGUAGE.md's table of functions has a row for every built-in.
    @Test func docsListEveryBuiltin() throws {
        let text = try String(contentsOf: DocsTests.root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
        let start = try #require(text.range(of: "## Functions"))
        let end = try #require(text.range(of: "\n## ", range: start.upperBound..<text.endIndex))
        let section = text[start.upperBound..<end.lowerBound]
        for f in Builtins.all {
            #expect(section.contains("`\(f.name)("), "LANGUAGE.md does not list `\(f.name)`")
        }
    }
}

@Suite struct VocabularyTests {
    @Test func gradeBandsAreLowerBounds() {
        let cases: [(String, Grade)] = [("100", .excellent), ("90", .excellent), ("89.99", .good), ("80", .good),
                                        ("79.5", .fair), ("60", .fair), ("59.99", .poor), ("0", .poor), ("-5", .poor)]
        for (score, grade) in cases {
            #expect(Grade(score: Rational(decimal: Substring(score))!) == grade, "\(score)")
        }
        #expect(Grade.bandsText == "优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差")
        #expect(Grade.bands.map(\.grade) == Grade.allCases)
    }

    @Test func everyWordAndAliasReadsAsItsCanonicalWord() {
        for (_, v) in Vocabulary.byAttribute {
            for w in v.words {
                #expect(v.canonical(w.canonical) == w.canonical)
                for a in w.aliases { #expect(v.canonical(a) == w.canonical, "\(a)") }
            }
            #expect(v.canonical("zz") == nil)
        }
        #expect(Grade.known.map(\.canonical) == Grade.allCases.map(\.rawValue))
        #expect(Category.known.map(\.canonical) == Category.allCases.map(\.rawValue))
        #expect(Grade("优秀") == .excellent && Category("basic") == .basic && FundingSource("province")?.name == "省级")
    }

    /// The messages read as they did when each file spelled the words itself.
    @Test func messagesAreDerivedFromTheTables() {
        #expect(Grade.vocabulary.spelledOut == "优, 良, 中 or 差")
        #expect(Grade.vocabulary.hint == ["优", "良", "中", "差"])
        #expect(Category.vocabulary.spelledOut == "基本支出 or 项目支出")
        #expect(Category.vocabulary.hint == ["基本支出 (basic)", "项目支出 (project)"])
        #expect(FundingSource.vocabulary.hint == ["本级 (own)", "省级 (province)", "市级 (city)", "县级 (county)", "中央 (central)", "其他 (other)"])
        #expect(Vocabulary.byAttribute.keys.allSatisfy { Evaluator.attributes.contains($0) })
        #expect(diagnostic("project a category 基础")?.kind
                == .unknownValue(field: "category", value: "基础", allowed: ["基本支出 (basic)", "项目支出 (project)"]))
        #expect(diagnostic("count(projects where source = 本机)")?.kind
                == .unknownValue(field: "funding source", value: "本机", allowed: FundingSource.vocabulary.hint))
    }
}
