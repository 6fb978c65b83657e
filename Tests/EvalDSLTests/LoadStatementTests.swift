import Foundation
import Testing
@testable import EvalDSL

/// The `load` and `export` statements over the data layer (whose own tests are Data*.swift).
@Suite struct LoadStatementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evl-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `text` as a script in `dir` and returns each statement's text or recorded diagnostic.
    func run(_ text: String, in dir: URL) -> (out: [String], session: Session) {
        var s = Session()
        let file = SourceFile(name: dir.appendingPathComponent("main.evl").path, text: text)
        let out = s.run(file).map { $0.diagnostic.map { $0.renderRecorded(in: file) } ?? $0.text }
        return (out, s)
    }

    @Test func loadsTheExampleWorkbookAndGB18030Payments() {
        let data = LoadStatementTests.root.appendingPathComponent("scripts")
        let (out, s) = run("year 2020\nunit 万元\nload projects from \"data/2020/projects.xlsx\"\nload payments from \"data/2020/payments-gb18030.csv\"\ncount(projects)\npaid(projects)\npaid(projects, in: 2021)\n", in: data)
        #expect(out[2] == "loaded 40 projects from data/2020/projects.xlsx\nnote: the header is row 3; amounts are in 万元 (row 2)\nnote: 9 projects' 调整后预算 differs from 年初预算: the difference is one adjustment dated 2020-12-31")
        #expect(out[3] == "loaded 400 payments from data/2020/payments-gb18030.csv\nnote: columns not used: 项目名称, 摘要")
        #expect(out[4] == "40")
        #expect(s.model.payments.count == 400)
        #expect(Array(s.inputs.keys) == ["data/2020/projects.xlsx", "data/2020/payments-gb18030.csv"])
    }

    @Test func csvAndWorkbookGiveTheSameProjects() {
        let data = LoadStatementTests.root.appendingPathComponent("scripts")
        let (_, a) = run("year 2020\nload projects from \"data/2020/projects.xlsx\"\n", in: data)
        let (_, b) = run("year 2020\nload projects from \"data/2020/projects.csv\"\n", in: data)
        #expect(a.model.projects == b.model.projects)
    }

    @Test func badRowsLoadNothingAndAreAllReported() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "项目编码,项目名称,预算数（万元）\nA1,甲,10\nA2,乙,十\nA3,丙,1.2345678\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let (out, s) = run("load projects from \"p.csv\"\ncount(projects)\n", in: dir)
        #expect(out[0] == """
        1:20: error[E512]: p.csv: 2 of 3 rows are bad; nothing was loaded
        note: p.csv:3:预算数（万元）: `十` is not a number
        note: p.csv:4:预算数（万元）: `1.2345678` is not a whole number of fen (分): at most 6 decimals in 万元
        """)
        #expect(out[1] == "0")
        #expect(s.model.projects.isEmpty)
    }

    @Test func skipBadRowsLoadsTheGoodOnes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "项目编码,项目名称,预算数（万元）\nA1,甲,10\nA2,乙,十\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let (out, _) = run("load projects from \"p.csv\" skip bad rows\nbudget(A1)\n", in: dir)
        #expect(out[0] == "loaded 1 project from p.csv; 1 bad row left out\np.csv:3:预算数（万元）: `十` is not a number")
        #expect(out[1] == "10.00 万元")
    }

    @Test func columnMappingUnitAndQuotedIds() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "编码,名称,批复数\n2020-001,甲,12.5\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        try "单号,实付数,付款日\n2020-001,50000,2020年6月30日\n".write(to: dir.appendingPathComponent("y.csv"), atomically: true, encoding: .utf8)
        let (out, _) = run("""
        year 2020
        unit 万元
        load projects from "p.csv" unit 万元 columns budget = "批复数"
        load payments from "y.csv" columns id = "单号", amount = "实付数", date = "付款日"
        rate(`2020-001`)
        """, in: dir)
        #expect(out[4] == "40.00%")
    }

    @Test func unknownKindEncodingAndFieldAreErrors() {
        let dir = FileManager.default.temporaryDirectory
        #expect(run("load projets from \"x.csv\"", in: dir).out[0].hasPrefix("1:6: error[E306]: `projets` is not a known kind of table"))
        #expect(run("load projects from \"x.csv\" encoding big5", in: dir).out[0].hasPrefix("1:37: error[E306]: `big5` is not a known encoding"))
        #expect(run("load payments from \"x.csv\" columns grade = \"等级\"", in: dir).out[0].hasPrefix("1:36: error[E306]: `grade` is not a known column of a payments table"))
        #expect(run("load projects from \"no-such.csv\"", in: dir).out[0] == "1:20: error[E512]: no-such.csv: cannot read the file: no such file")
    }

    @Test func exportWritesCSVOnlyReplacingWhenAsked() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = "project a \"=甲\" budget 10\nproject b \"乙\" budget 20\nexport projects columns id, name, budget to \"out/t.csv\"\n"
        let (first, _) = run(script, in: dir)
        #expect(first[2] == "exported 3 rows to out/t.csv")
        let bytes = try Data(contentsOf: dir.appendingPathComponent("out/t.csv"))
        #expect([UInt8](bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("编号,项目名称,预算(万元)\r\na,'=甲,10.00\r\nb,乙,20.00\r\n合计,,30.00"))
        // The same result again: the file already holds it, so replaying the script is no conflict.
        let (same, _) = run(script, in: dir)
        #expect(same[2] == "exported 3 rows to out/t.csv")
        // A different result without `replace` is refused: the file is not overwritten.
        let (second, _) = run(script.replacingOccurrences(of: "budget 20", with: "budget 25"), in: dir)
        #expect(second[2].hasPrefix("3:"))
        #expect(second[2].contains("error[E513]"))
        let (third, _) = run(script.replacingOccurrences(of: "\"out/t.csv\"", with: "\"out/t.csv\" replace"), in: dir)
        #expect(third[2] == "exported 3 rows to out/t.csv")
    }
}
