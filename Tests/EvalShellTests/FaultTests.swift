import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at random moments during each kind of write the tool makes — an export, `test
/// --update`, `render -o`, the shell's `:save` — leaves the old file or the new one, never part of
/// one (issue 11, "Faults"). A killed writer may leave its hidden temporary file; the next write of
/// the same file removes it.
@Suite struct FaultTests {
    /// The temporary files of `name` in `folder` (`.NAME.tmp-XXXXXX`).
    static func temporaries(of name: String, in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".\(name).tmp-") }.sorted()
    }

    /// Puts `bytes` at `path` by rename, as the file the next try starts from.
    static func restore(_ bytes: [UInt8], at path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + ".restore"))
        #expect(rename(path + ".restore", path) == 0)
    }

    /// Makes the files look written `seconds` ago.
    static func backdate(_ paths: [String], by seconds: Int) {
        let then = Int(Date().timeIntervalSince1970) - seconds
        var times = [timeval(tv_sec: then, tv_usec: 0), timeval(tv_sec: then, tv_usec: 0)]
        for p in paths { _ = utimes(p, &times) }
    }

    static func bytes(_ path: String) -> [UInt8]? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) }
    }

    /// Runs evalshell with `arguments` in `folder`; with `killAfter`, kills it (SIGKILL) then if it
    /// is still running. Returns the seconds it ran.
    @discardableResult
    static func run(_ arguments: [String], in folder: String, killAfter: Double? = nil) throws -> Double {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        p.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let start = Date()
        try p.run()
        if let killAfter {
            usleep(UInt32(killAfter * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
        }
        p.waitUntilExit()
        return Date().timeIntervalSince(start)
    }

    /// The loop: `tries` times, from the old content, start the command and kill it at a random
    /// moment of the second half of its run (when it writes); the file is the old or the new bytes.
    /// Then the leftovers of killed writers are removed by the next complete write.
    static func killWhileWriting(_ arguments: [String], in folder: String, target: String, old: [UInt8], tries: Int = 12) throws {
        let path = folder + "/" + target
        try restore(old, at: path)
        let full = try run(arguments, in: folder)
        let new = try #require(bytes(path))
        #expect(new != old)
        var outcomes = (old: 0, new: 0)
        for _ in 0..<tries {
            try restore(old, at: path)
            try run(arguments, in: folder, killAfter: full * Double.random(in: 0.4...1.1))
            let now = bytes(path)
            #expect(now == old || now == new, "\(target): \(now?.count ?? -1) bytes, neither the old \(old.count) nor the new \(new.count)")
            if now == old { outcomes.old += 1 } else if now == new { outcomes.new += 1 }
        }
        // A writer killed half-way, planted: part of the new bytes in a temporary file no one holds.
        let planted = folder + "/.\(target).tmp-AbC123"
        try Data(new.prefix(new.count / 2)).write(to: URL(fileURLWithPath: planted))
        let left = temporaries(of: target, in: folder)
        backdate(left.map { folder + "/" + $0 }, by: 10)
        try restore(old, at: path)
        try run(arguments, in: folder)
        #expect(bytes(path) == new)
        #expect(temporaries(of: target, in: folder).isEmpty, "left: \(left)")
        print("\(target): \(tries) kills: \(outcomes.old) old, \(outcomes.new) new, \(left.count - 1) temporary files left by kills, all removed by the next write")
    }

    @Test func killDuringALargeExport() throws {
        let folder = try TemporaryFolder()
        try ExportSafetyTests.projectsCSV(4000).write(toFile: folder.path + "/projects.csv", atomically: true, encoding: .utf8)
        try "year 2020\nload projects from \"projects.csv\"\nexport projects columns id, name, budget to \"all.csv\" replace\n"
            .write(toFile: folder.path + "/big.evl", atomically: true, encoding: .utf8)
        try Self.killWhileWriting(["run", "big.evl"], in: folder.path, target: "all.csv", old: Array("编号\nold,1\n".utf8))
    }

    @Test func killDuringTestUpdate() throws {
        let folder = try TemporaryFolder()
        let notebook = ShellTests.manyProjects(1500) + "table projects where budget(it) > 50 columns id, budget\ncount(projects)\n"
        try Self.killWhileWriting(["test", "--update", "nb.evl"], in: folder.path, target: "nb.evl", old: Array(notebook.utf8))
    }

    @Test func killDuringRender() throws {
        let folder = try TemporaryFolder()
        let notebook = "# A report\n" + ShellTests.manyProjects(1500) + "table projects columns id, budget\n"
        try notebook.write(toFile: folder.path + "/nb.evl", atomically: true, encoding: .utf8)
        try Self.killWhileWriting(["render", "nb.evl", "--to", "html", "-o", "report.html"], in: folder.path, target: "report.html",
                                  old: Array("<p>last week's report</p>\n".utf8))
    }

    /// `:save` in the shell: killed at random moments after Enter, the notebook is the old one or the new.
    @Test func killDuringSave() throws {
        let folder = try TemporaryFolder()
        try (ShellTests.manyProjects(600) + "table projects columns id, budget\n").write(toFile: folder.path + "/many.evl", atomically: true, encoding: .utf8)
        let path = folder.path + "/saved.evl"
        let old = Array("# saved last week\n".utf8)
        func session(killAfter: Double?) throws {
            let sh = try ShellProcess(directory: folder.path)
            try sh.enter(":load many.evl")
            try sh.waitUntilIdle()
            if let killAfter {
                try sh.send(":save saved.evl\r")
                usleep(UInt32(killAfter * 1_000_000))
                kill(sh.term.pid, SIGKILL)
                _ = try sh.term.waitForExit(timeout: .seconds(10))
            } else {
                try sh.enter(":save saved.evl")
                try sh.quit()
            }
        }
        try Self.restore(old, at: path)
        try session(killAfter: nil)
        let new = try #require(Self.bytes(path))
        #expect(new != old && new.count > 5_000)
        for _ in 0..<6 {
            try Self.restore(old, at: path)
            try session(killAfter: Double.random(in: 0...0.03))
            let now = Self.bytes(path)
            #expect(now == old || now == new, "\(now?.count ?? -1) bytes, neither the old nor the new")
        }
        let left = Self.temporaries(of: "saved.evl", in: folder.path)
        Self.backdate(left.map { folder.path + "/" + $0 }, by: 10)
        try session(killAfter: nil)
        #expect(Self.temporaries(of: "saved.evl", in: folder.path).isEmpty)
    }

    /// A temporary file that a living writer holds is not taken for abandoned, however old it looks.
    @Test func aHeldTemporaryFileIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        try "year 2020\nproject a budget 1\nexport projects to \"x.csv\" replace\n".write(toFile: folder.path + "/s.evl", atomically: true, encoding: .utf8)
        let held = folder.path + "/.x.csv.tmp-Zz9Zz9"
        let fd = open(held, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let abandoned = folder.path + "/.x.csv.tmp-Yy8Yy8"
        try Data("half".utf8).write(to: URL(fileURLWithPath: abandoned))
        Self.backdate([held, abandoned], by: 10)
        try Self.run(["run", "s.evl"], in: folder.path)
        #expect(Self.temporaries(of: "x.csv", in: folder.path) == [".x.csv.tmp-Zz9Zz9"])
        #expect(FileManager.default.fileExists(atPath: folder.path + "/x.csv"))
    }
}
