import Foundation
import Testing
import EvalDSL

/// Every input a fuzzer once broke the program with (Fuzz/regressions/TARGET/), replayed through the
/// same code as its target (Fuzz/TARGET/): none may crash or trap again.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [String] {
        let dir = root.appendingPathComponent(target).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    @Test(arguments: inputs("fuzz-parse"))
    func parses(_ name: String) throws {
        let text = String(decoding: try FuzzRegressionTests.bytes(name), as: UTF8.self)
        let file = SourceFile(name: "fuzz.evl", text: text)
        for item in Parser.parse(file) {
            if case .broken(let d, _, _) = item { #expect(!d.render(in: file).isEmpty) }
        }
    }

    @Test(arguments: inputs("fuzz-notebook"))
    func notebookLinesGiveBackTheText(_ name: String) throws {
        let text = String(decoding: try FuzzRegressionTests.bytes(name), as: UTF8.self)
        let notebook = Notebook(name: "fuzz.evl", text: text)
        #expect(notebook.lines.map { $0.content + $0.ending }.joined() == text)
    }
}
