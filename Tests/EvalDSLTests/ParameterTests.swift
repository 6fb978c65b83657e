import Foundation
import Testing
@testable import EvalDSL

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func standardVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        let hex = h.finish().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct ParameterTests {
    func session(_ params: [String: String]) -> Session {
        var s = Session()
        s.parameters = params
        return s
    }

    func outputs(_ text: String, _ params: [String: String] = [:]) -> [String] {
        var s = session(params)
        let file = SourceFile(name: "t.evl", text: text)
        return s.run(file).map { $0.diagnostic.map { $0.renderRecorded(in: file) } ?? $0.text }
    }

    @Test func defaultUnlessSet() {
        #expect(outputs("param fy = 2020\nfy") == ["", "2020"])
        #expect(outputs("param fy = 2020\nfy", ["fy": "2021"]) == ["", "2021"])
    }

    @Test func textParameterTakesTheValueVerbatim() {
        #expect(outputs("param dir = \"data/2020\"\ndir", ["dir": "data/2021 (final)"]) == ["", "data/2021 (final)"])
    }

    @Test func overrideOfAnotherKindIsAnError() {
        let out = outputs("param fy = 2020\nfy", ["fy": "soon"])
        #expect(out[0].hasPrefix("1:7: error[E402]:"))
    }

    @Test func usedParametersAreTracked() {
        var s = session(["fy": "2021", "other": "1"])
        _ = s.run(SourceFile(name: "t", text: "param fy = 2020\n"))
        #expect(s.usedParameters == ["fy"])
    }

    @Test func yearFromAParameter() {
        #expect(outputs("param fy = 2020\nyear fy\nQ4", ["fy": "2021"]).last == "2021Q4")
    }

    @Test func stringInterpolation() {
        #expect(outputs("param fy = 2020\nprint \"data/{fy}/p.csv\", \"{fy + 1}年\", \"{{literal}}\"").last == "data/2020/p.csv 2021年 {literal}")
        #expect(outputs("print \"{nosuch}\"").last?.hasPrefix("1:7: error[E301]: unknown name `nosuch`") == true)
    }
}

@Suite struct RunStatementTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        return dir
    }

    @Test func runsAScriptRelativeToTheRunningOne() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "project a budget 10\npay a 5 on 2020-05-05\nprint \"loaded\"\n".write(to: dir.appendingPathComponent("data/2020.evl"), atomically: true, encoding: .utf8)
        var s = Session()
        let main = SourceFile(name: dir.appendingPathComponent("main.evl").path, text: "year 2020\nparam fy = 2020\nrun \"data/{fy}.evl\"\nrate(a)\n")
        let out = s.run(main)
        #expect(out.map(\.text) == ["", "", "loaded", "50.00%"])
        #expect(Array(s.inputs.keys) == ["data/2020.evl"])
        #expect(s.inputs["data/2020.evl"]?.hash() == SHA256.hex(Array("project a budget 10\npay a 5 on 2020-05-05\nprint \"loaded\"\n".utf8)))
    }

    @Test func aFailingScriptChangesNothing() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "project a budget 10\npay nosuch 5 on 2020-05-05\n".write(to: dir.appendingPathComponent("bad.evl"), atomically: true, encoding: .utf8)
        var s = Session()
        let main = SourceFile(name: dir.appendingPathComponent("main.evl").path, text: "year 2020\nrun \"bad.evl\"\n")
        let out = s.run(main)
        let d = try #require(out[1].diagnostic)
        #expect(d.kind == .includedScriptFailed("bad.evl", failures: 1))
        #expect(d.notes.first?.message.contains("bad.evl:2:5: error[E301]: unknown project `nosuch`") == true)
        #expect(s.model.projects.isEmpty)
    }

    @Test func missingScriptIsAnError() {
        var s = Session()
        let out = s.run(SourceFile(name: "/nonexistent/main.evl", text: "run \"x.evl\""))
        #expect(out[0].diagnostic?.kind == .cannotRead("x.evl", reason: "no such file"))
    }

    @Test func notebookHeaderRecordsInputsAndTellsChangedInputs() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data/d.evl")
        try "project a budget 10\n".write(to: data, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("n.evl").path
        let first = NotebookRunner.run(Notebook(name: path, text: "run \"data/d.evl\"\nbudget(a)\n"))
        let recorded = first.updatedText()
        let hash = SHA256.hex(Array("project a budget 10\n".utf8)).prefix(16)
        #expect(recorded == "#> input data/d.evl sha256:\(hash)\nrun \"data/d.evl\"\nbudget(a)\n#> 10.00 万元\n")
        #expect(NotebookRunner.run(Notebook(name: path, text: recorded)).passed)

        try "project a budget 12\n".write(to: data, atomically: true, encoding: .utf8)
        let rerun = NotebookRunner.run(Notebook(name: path, text: recorded))
        #expect(!rerun.passed)
        let now = SHA256.hex(Array("project a budget 12\n".utf8)).prefix(16)
        #expect(rerun.inputChanges == ["data/d.evl changed (recorded sha256:\(hash), now sha256:\(now))"])
    }
}
