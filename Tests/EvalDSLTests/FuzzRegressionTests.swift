import Foundation
import Testing
import EvalDSL
@testable import FuzzHarness

/// Every input a fuzzer once broke the program with (Fuzz/regressions/TARGET/), replayed through the
/// same code as its target (FuzzHarness, which Fuzz/TARGET/ calls): none may crash, trap or break
/// a promise again.
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
        #expect(FuzzHarness.parse(try FuzzRegressionTests.bytes(name)) == [])
    }

    @Test(arguments: inputs("fuzz-eval"))
    func evaluates(_ name: String) throws {
        #expect(FuzzHarness.evaluate(try FuzzRegressionTests.bytes(name)) == [])
    }

    @Test(arguments: inputs("fuzz-notebook"))
    func notebookRunsAndUpdates(_ name: String) throws {
        #expect(FuzzHarness.notebook(try FuzzRegressionTests.bytes(name)) == [])
    }

    @Test(arguments: inputs("fuzz-csv"))
    func loadsCSV(_ name: String) throws {
        #expect(FuzzHarness.csv(try FuzzRegressionTests.bytes(name)) == [])
    }

    @Test(arguments: inputs("fuzz-xlsx"))
    func loadsWorkbook(_ name: String) throws {
        #expect(FuzzHarness.xlsx(try FuzzRegressionTests.bytes(name)) == [])
    }

    /// The harness itself: the prelude has run, the data files are in memory, and a script's
    /// `export` writes there, never to the disk.
    @Test func harnessKeepsFilesInMemory() {
        let script = "budget(本级)\nload projects from \"data/projects.csv\"\nexport 本级 columns id, budget to \"out/x.csv\"\n"
        let (problems, results, files) = FuzzHarness.run(Array(script.utf8))
        #expect(problems == [])
        #expect(results.map { $0.diagnostic == nil } == [true, true, true])
        #expect(files["out/x.csv"] != nil)
        #expect(!FileManager.default.fileExists(atPath: "out/x.csv"))
    }

    /// The zip reader's checks that refuse the damaged workbooks of Fuzz/regressions/fuzz-xlsx/ let
    /// sound workbooks through.
    @Test(arguments: ["2020", "2021"])
    func soundWorkbookLoadsFromMemory(_ year: String) throws {
        let path = FuzzRegressionTests.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/data/\(year)/projects.xlsx")
        let files = MemoryFileSystem(["projects.xlsx": [UInt8](try Data(contentsOf: path))])
        let outcome = try loadTable(path: "projects.xlsx", into: BudgetModel(), options: LoadOptions(kind: .projects, fiscalYear: Int(year)),
                                    files: files)
        #expect(outcome.rowsLoaded == 40)
    }
}
