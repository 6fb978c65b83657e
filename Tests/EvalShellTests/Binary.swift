import Foundation
import Testing

/// The built `evalshell`, next to the test bundle in the build folder.
enum Binary {
    static var url: URL {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let u = candidate.appendingPathComponent("evalshell")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        // `swift test` runs the bundle through a helper on some setups: fall back to the package's build folder.
        return packageRoot.appendingPathComponent(".build/debug/evalshell")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs evalshell with `arguments`, optional standard input, in the package root, with colour off.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // The messages' language and the width of ambiguous characters come from these: a test
        // that wants them sets them, so a machine's locale never changes an expected output.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "EVALSHELL_AMBIGUOUS"] { env[name] = nil }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), status: p.terminationStatus)
    }

    /// The output recorded in a notebook: the payloads of its `#>` lines, in order.
    static func recordedOutput(_ path: String) throws -> String {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0 == "#>" || $0.hasPrefix("#> ") }
            .map { $0.count <= 3 ? "" : String($0.dropFirst(3)) + "" }
            .map { $0 + "\n" }.joined()
    }
}
