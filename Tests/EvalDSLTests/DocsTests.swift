import Foundation
import Testing
@testable import EvalDSL

/// Every `evl` block of docs/LANGUAGE.md runs, and prints exactly its `output` block.
@Suite struct DocsTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var line: Int
        var code: String
        var output: String?
        var testDescription: String { "LANGUAGE.md:\(line)" }
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func examples(_ path: String) -> [Example] {
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { return [] }
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var i = 0
        func block(from start: Int) -> (String, Int) {
            var j = start + 1
            var body: [String] = []
            while j < lines.count, lines[j] != "```" { body.append(lines[j]); j += 1 }
            return (body.joined(separator: "\n") + "\n", j + 1)
        }
        while i < lines.count {
            if lines[i] == "```evl" {
                let (code, next) = block(from: i)
                var ex = Example(line: i + 1, code: code, output: nil)
                i = next
                if i < lines.count, lines[i] == "```output" {
                    let (out, after) = block(from: i)
                    ex.output = out
                    i = after
                }
                examples.append(ex)
            } else {
                i += 1
            }
        }
        return examples
    }

    @Test func notebookExampleReplays() throws {
        let text = try String(contentsOf: DocsTests.root.appendingPathComponent("docs/NOTEBOOK.md"), encoding: .utf8)
        let start = try #require(text.range(of: "```evl-notebook\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let notebook = String(text[start.upperBound..<end.lowerBound]) + "\n"
        let run = NotebookRunner.run(Notebook(name: "example.evl", text: notebook))
        #expect(run.passed)
        #expect(run.updatedText() == notebook)
    }

    @Test func thereAreExamples() {
        #expect(DocsTests.examples("docs/LANGUAGE.md").count >= 12)
    }

    @Test(arguments: DocsTests.examples("docs/LANGUAGE.md"))
    func exampleRunsAsDocumented(_ ex: Example) throws {
        var s = Session()
        let file = SourceFile(name: "example.evl", text: ex.code)
        var printed = ""
        for r in s.run(file) {
            if !r.text.isEmpty { printed += r.text + "\n" }
            // In the language the statement ran in (`lang` changes it).
            if let d = r.diagnostic { printed += Language.$current.withValue(s.language) { d.render(in: file) } }
        }
        let expected = try #require(ex.output, "every example has an output block")
        #expect(printed == expected)
    }
}
