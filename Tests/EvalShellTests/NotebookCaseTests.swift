import Foundation
import Testing

/// `Tests/notebooks/<area>/<case>.evl` (an area may have areas of its own: `errors/lexer/`, the
/// bad-input corpus of issue 11): one behaviour per tiny notebook, its expected output recorded
/// under each statement (`#>` lines), replayed by the built binary like the analyses in `scripts/`.
/// A new behaviour's test is a new file: write the statements, `evalshell test --update` it, read the
/// recorded output, and keep it only if it is what the behaviour should print.
@Suite struct NotebookCaseTests {
    static let root = Binary.packageRoot.appendingPathComponent("Tests/notebooks")

    /// Every notebook in a folder (an area, such as `figures/` or `errors/lexer/`); files at the top,
    /// such as `prelude.evl`, are shared inputs.
    static var cases: [String] {
        let fm = FileManager.default
        func notebooks(in folder: String) -> [String] {
            let names = ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []).sorted()
            return names.flatMap { name -> [String] in
                let path = folder.isEmpty ? name : "\(folder)/\(name)"
                var isDir: ObjCBool = false
                _ = fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDir)
                if isDir.boolValue { return notebooks(in: path) }
                return !folder.isEmpty && name.hasSuffix(".evl") ? [path] : []
            }
        }
        return notebooks(in: "")
    }

    @Test func thereAreCases() {
        #expect(NotebookCaseTests.cases.count >= 10)
    }

    @Test(arguments: NotebookCaseTests.cases)
    func replaysAsRecorded(_ name: String) throws {
        let r = try Binary.run(["test", "Tests/notebooks/\(name)"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == "1 passed, 0 failed\n", "\(r.stdout)")
    }

    /// The recorded output does not depend on the folder `evalshell test` is started from.
    @Test func replaysFromTheNotebooksFolderToo() throws {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["test"] + NotebookCaseTests.cases
        p.currentDirectoryURL = NotebookCaseTests.root
        p.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text == "\(NotebookCaseTests.cases.count) passed, 0 failed\n", "\(text)")
    }
}

/// `test --update` records an error's line as it is in the file written, though the blocks recorded
/// above it move it down (and a header of inputs moves everything).
@Test func updateRecordsThePositionsOfTheWrittenFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-update-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "year 2020\n".write(to: dir.appendingPathComponent("base.evl"), atomically: true, encoding: .utf8)
    let nb = dir.appendingPathComponent("nb.evl")
    try "run \"base.evl\"\n1 + 1\n2 + 2\nnosuch\n".write(to: nb, atomically: true, encoding: .utf8)
    let update = try Binary.run(["test", "--update", nb.path])
    #expect(update.status == 0, "\(update.stdout)")
    let text = try String(contentsOf: nb, encoding: .utf8)
    #expect(text.hasSuffix("nosuch\n#> 7:1: error[E301]: unknown name `nosuch`\n"), "\(text)")
    let replay = try Binary.run(["test", nb.path])
    #expect(replay.stdout == "1 passed, 0 failed\n", "\(replay.stdout)")
}

/// `test --update` never writes over an edit saved while the notebook ran (issue 11, item 10).
@Test func updateRefusesAFileEditedWhileItRan() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-edit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let nb = dir.appendingPathComponent("slow.evl")
    try (ShellTests.manyProjects(400) + "let slow = \(ShellTests.slowExpression)\nslow\n").write(to: nb, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = Binary.url
    p.arguments = ["test", "--update", nb.path]
    p.environment = ["NO_COLOR": "1"]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = Pipe()
    try p.run()
    usleep(300_000)   // the slow statement (400² budget comparisons) takes seconds in a debug build
    let edited = "# an edit saved meanwhile\n" + (try String(contentsOf: nb, encoding: .utf8))
    try edited.write(to: nb, atomically: true, encoding: .utf8)
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 1)
    #expect(message.contains("slow.evl changed while it ran; not updated"), "\(message)")
    #expect(try String(contentsOf: nb, encoding: .utf8) == edited)
}
