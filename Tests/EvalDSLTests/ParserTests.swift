import Testing
@testable import EvalDSL

@Suite struct ParserTests {
    func statements(_ text: String) -> [ScriptItem] { Parser.parse(SourceFile(name: "t", text: text)) }

    @Test func oneStatementPerLineAndBlankLinesIgnored() {
        let items = statements("year 2020\n\n# comment\nunit 元\nlet x = 1 + 2 * 3\n")
        #expect(items.count == 3)
        guard case .statement(let s) = items[2], case .letBinding(let n, let e) = s.kind else { Issue.record("not a let"); return }
        #expect(n.text == "x")
        // 1 + (2 * 3)
        guard case .binary(.add, _, let rhs) = e.kind, case .binary(.multiply, _, _) = rhs.kind else { Issue.record("wrong precedence"); return }
    }

    @Test func projectClausesInAnyOrder() {
        guard case .statement(let s) = statements("project a \"甲\" grade 优 budget 12.5 source 本级 tags x, y reason \"因为\"")[0],
              case .project(let p) = s.kind else { Issue.record("not a project"); return }
        #expect(p.id.text == "a")
        #expect(p.title == "甲")
        #expect(p.grade?.text == "优")
        #expect(p.source?.text == "本级")
        #expect(p.tags.map(\.text) == ["x", "y"])
        #expect(p.reason == "因为")
        #expect(p.budget?.kind == .number("12.5"))
    }

    @Test func checkWithLabelToleranceAndFinding() {
        guard case .statement(let s) = statements("check \"率\" rate(x) = 37.29% within 0.01pp finding \"错\"")[0],
              case .check(let c) = s.kind else { Issue.record("not a check"); return }
        #expect(c.label == "率")
        #expect(c.claim?.kind == .percent("37.29"))
        #expect(c.tolerance?.kind == .percent("0.01"))
        #expect(c.finding == "错")
    }

    @Test func whereBindsLoosest() {
        guard case .statement(let s) = statements("count(本级 where grade = 优 or grade = 良)")[0],
              case .expression(let e) = s.kind, case .call(_, let args) = e.kind,
              case .filter(_, let p) = args[0].value.kind, case .binary(.or, _, _) = p.kind else {
            Issue.record("wrong shape"); return
        }
    }

    @Test func syntaxErrorEndsOnlyItsLine() {
        let items = statements("let x = (1 +\nlet y = 2\n")
        // The open bracket swallows the newline, so both lines are one broken statement.
        #expect(items.count == 1)
        let items2 = statements("let x = 1 +\nlet y = 2\n")
        #expect(items2.count == 2)
        guard case .broken(_, _, let declares) = items2[0] else { Issue.record("not broken"); return }
        #expect(declares?.text == "x")
    }

    @Test func unknownStatementSuggestsKeyword() {
        guard case .broken(let d, _, _) = statements("projet a \"甲\"")[0] else { Issue.record("not broken"); return }
        #expect(d.kind == .unknownStatement("projet", suggestion: "project"))
    }

    @Test(arguments: [("f(1,", false), ("f(1)", true), ("\"open", true), ("x # (", true), ("a \\", false), ("", true)])
    func completeness(text: String, complete: Bool) {
        #expect(Parser.isComplete(text) == complete)
    }
}
