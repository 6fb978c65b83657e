import Foundation
import Testing

/// What `tools/package.sh` promises: a binary that needs neither the Swift runtime nor Foundation.
///
/// A static release build takes minutes, too long for every test run, so the suite checks the two
/// things that promise rests on, cheaply: the code of the library and the shell calls nothing of
/// Foundation (their object files of this build, which `nm` reads in a second; Foundation would
/// otherwise be loaded at start-up, ICU with it), that the dynamic shell of this build loads
/// neither, and, when a static build is present (after `tools/package.sh`), that `ldd` lists no
/// Swift or Foundation library for it. package.sh itself refuses to package a binary that fails
/// the last check.
@Suite struct PackageTests {
    /// The object files of EvalDSL and EvalShell in the build folder the tests were built in.
    static func objectFiles() -> [URL] {
        let build = Binary.url.deletingLastPathComponent()
        return ["EvalDSL.build", "EvalShell.build"].flatMap { folder -> [URL] in
            let dir = build.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0.hasSuffix(".o") }.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }

    @Test func theLibraryAndTheShellCallNothingOfFoundation() throws {
        let objects = Self.objectFiles()
        try #require(objects.count > 50, "no object files found next to \(Binary.url.path)")
        let undefined = try Self.output("nm", ["-u", "--no-sort"] + objects.map(\.path))
        // Mangled Swift names of Foundation's modules: $s10Foundation…, $s20FoundationEssentials…, …
        let foundation = undefined.split(separator: "\n").filter {
            $0.contains("10Foundation") || $0.contains("20FoundationEssentials") || $0.contains("31FoundationInternationalization")
        }
        #expect(foundation.isEmpty, "Foundation symbols: \(foundation.prefix(5))")
    }

    /// The dynamic shell of this very build (the one the suite runs) loads no Foundation library and
    /// no ICU: loading them cost about 10 ms of every start-up. It is linked anew by each build, so
    /// unlike a leftover object file it cannot be stale. libFoundationEssentials, which needs no
    /// ICU, stays: swift-argument-parser imports it.
    @Test func theDynamicBuildLoadsNeitherFoundationNorICU() throws {
        let libraries = try Self.output("ldd", [Binary.url.path])
        #expect(libraries.contains("libc.so"), "ldd \(Binary.url.path): \(libraries)")
        for forbidden in ["libFoundation.so", "libFoundationInternationalization", "lib_FoundationICU"] {
            #expect(!libraries.contains(forbidden), "\(Binary.url.path) needs \(forbidden): \(libraries)")
        }
    }

    @Test func theStaticBuildNeedsNoSwiftLibrary() throws {
        let root = Binary.packageRoot
        let candidates = [".build-static/release/evalshell", "dist/evalshell"].map { root.appendingPathComponent($0).path }
        let present = candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }
        for binary in present {
            let libraries = try Self.output("ldd", [binary])
            #expect(libraries.contains("libc.so"), "ldd \(binary): \(libraries)")
            for forbidden in ["libswift", "libFoundation", "lib_Foundation"] {
                #expect(!libraries.contains(forbidden), "\(binary) needs \(forbidden): \(libraries)")
            }
        }
    }
}
