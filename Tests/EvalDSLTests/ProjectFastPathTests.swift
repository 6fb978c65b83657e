import Foundation
import Testing
@testable import EvalDSL

/// Project rows read the short way (`plainProject`) load exactly as the general path loads them:
/// the same projects in the same order with the same fields, counts, problems, notes and errors,
/// whatever the mix of plain and unusual rows; and so do they read on two threads (each buffer's
/// second half by another thread), with the file read in small buffers so that it is split often.
@Suite struct ProjectFastPathTests {
    static let header = "项目编码,项目名称,资金来源,支出类别,年初预算数（元）,调整后预算数（元）,自评等级,标签"

    /// Loads `bytes` as projects both ways, and the fast way on two threads; the outcomes (or the
    /// errors) must be equal.
    private func same(_ bytes: [UInt8], model m: BudgetModel = DataTest.model(), keep: Bool = false,
                      configure: (inout LoadOptions) -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = DataTest.write(bytes, to: DataTest.scratch() + "/projects.csv")
        let (fast, slow) = DataTest.loadBothWays(path, kind: .projects, into: m, keep: keep, configure: configure)
        expectSame(fast, slow, sourceLocation: sourceLocation)
        for split in [1000, 3000] {
            let two = DataTest.loadSplit(path, kind: .projects, into: m, keep: keep, split: split, configure: configure)
            expectSame(two, slow, sourceLocation: sourceLocation)
        }
    }

    private func expectSame(_ fast: Result<LoadOutcome, LoadError>, _ slow: Result<LoadOutcome, LoadError>,
                            sourceLocation: SourceLocation) {
        DataTest.expectSameOutcome(fast, slow, detail: { a, b in
            // On a difference, the first project that differs (not the whole model in the message).
            #expect(Array(a.model.projects.keys) == Array(b.model.projects.keys), sourceLocation: sourceLocation)
            if a.model != b.model, let i = a.model.projects.values.indices.first(where: {
                $0 >= b.model.projects.count || a.model.projects.values[$0] != b.model.projects.values[$0]
            }) {
                #expect(a.model.projects.values[i] == (i < b.model.projects.count ? b.model.projects.values[i] : nil), sourceLocation: sourceLocation)
            }
        }, sourceLocation: sourceLocation)
    }

    private func same(_ text: String, model m: BudgetModel = DataTest.model(), keep: Bool = false,
                      configure: (inout LoadOptions) -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) {
        same(Array(text.utf8), model: m, keep: keep, configure: configure, sourceLocation: sourceLocation)
    }

    /// Deterministic project rows like the benchmark's, from `first` on; with `unusual`, about one
    /// row in 40 is one of the odd rows below, and some names are quoted with commas, quotes and line
    /// breaks inside.
    private func rows(_ n: Int, seed: UInt64, first: Int = 1, unusual: Bool, crlf: Bool = false) -> String {
        var x = seed
        func next() -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return x >> 33 }
        let nl = crlf ? "\r\n" : "\n"
        let sources = ["本级", "省级", "市级", "中央", "县级", ""], categories = ["项目支出", "基本支出", ""]
        let grades = ["优", "良", "中", "差", ""], tags = ["", "", "人才", "教育", "生态、人才", "基建,民生", "信息化；教育 民生"]
        let names = ["黄河农村饮水安全补助资金", "安宁职称评审建设项目", "Road works", "", "道路"]
        let odd = [
            "P%,名,本级,项目支出,1,1,优,", "P%,名,本级财政,项目支出,1,1,优,", "P%,名,外星,项目支出,1,1,优,", "P%,名,本级,项目,1,1,优,",
            "P%,名,本级,项目支出,1,1,优秀,", "P%,名,本级,项目支出,1,1,甲,", "P%,名,本级,项目支出,-1,1,优,", "P%,名,本级,项目支出,1,(1),优,",
            "P%,名,本级,项目支出,abc,1,优,", "P%,名,本级,项目支出,\"1,234.50\",1,优,", "P%,名,本级,项目支出,1.234,1,优,",
            "P%,名,本级,项目支出,1万元,,优,", "P%,名,本级,项目支出, 12 ,,优,", "P%,名,本级,项目支出,,12,优,", "P%,名,本级,项目支出,,,优,",
            "P%,名, 本级 ,项目支出,1,1,优,", "P%, 名 ,本级,项目支出,1,1,优,", "P%,'=名,本级,项目支出,1,1,优,", "'P%,名,本级,项目支出,1,1,优,",
            " P% ,名,本级,项目支出,1,1,优,", "\"P%\",名,本级,项目支出,1,1,优,", "P% X,名,本级,项目支出,1,1,优,", "项%,名,本级,项目支出,1,1,优,",
            ",名,本级,项目支出,1,1,优,", "合计,,,,100,100,,", "P%,名,本级,项目支出,1,1,优,,", "P%,名,本级,项目支出,1,1,优,,x", "P%,名,本级",
            "", ",,,,,,,", "XM001,已有,本级,项目支出,1,1,优,", "P1,重复,本级,项目支出,1,1,优,", "P%,名,本级,项目支出,1,1,优,\u{3000}",
            "P%,\u{3000}名\u{A0},本级,项目支出,1,1,优,", "P%,名,\"本级\",项目支出,1,1,优,", "P%,名,本级,项目支出,1,1,优,\"人才\"",
            "P%,名,本级,项目支出,123456789012345678901,1,优,", "P%,\"名\"\"x\",own,project,1,1,good,",
        ]
        var out = ""
        for i in first..<(first + n) {
            if unusual && next() % 40 == 0 {
                out += odd[Int(next() % UInt64(odd.count))].replacingOccurrences(of: "%", with: "\(i)") + nl
                continue
            }
            var name = names[Int(next() % UInt64(names.count))]
            if unusual && next() % 9 == 0 { name = "\"\(name), 第\(i)期\(nl)\"\"续\"\"\"" }
            let initial = next() % 10_000_000, adjusted = next() % 3 == 0 ? initial + next() % 50_000 : initial
            let yuan = { (f: UInt64) in f % 100 == 0 ? "\(f / 100)" : "\(f / 100).\(f % 100 < 10 ? "0" : "")\(f % 100)" }
            out += "P\(i),\(name),\(sources[Int(next() % 6)]),\(categories[Int(next() % 3)]),\(yuan(initial)),\(yuan(adjusted)),"
                + "\(grades[Int(next() % 5)]),\(tags[Int(next() % UInt64(tags.count))])" + nl
        }
        return out
    }

    @Test func plainRowsLoadTheSameBothWays() {
        same(Self.header + "\n" + rows(5_000, seed: 1, unusual: false))
        same(Self.header + "\r\n" + rows(5_000, seed: 2, unusual: false, crlf: true))
        // In 万元, and a file without a last line end.
        let wan = Self.header.replacingOccurrences(of: "（元）", with: "（万元）") + "\n" + rows(3_000, seed: 3, unusual: false)
        same(wan)
        same(String(wan.dropLast()))
        // Other layouts: columns in another order, columns not used, a reason column, a unit row.
        same("标签,项目名称,备注,项目编码,年初预算数,自评等级\n人才,甲,x,P1,1.5,优\n,乙,\"a,b\",P2,2,良\n教育,丙,,P3,,\n")
        same("项目编码,项目名称,偏差原因,年初预算数\nP1,甲,进度慢,1\nP2,乙,,2\nP3,丙,\"慢,\n很慢\",3\n")
        same("单位：万元\n项目编码,项目名称,年初预算数,调整后预算数\nP1,甲,1.5,1.6\nP2,乙,0.0001,0.0001\n")
    }

    @Test func unusualRowsQuotedNamesBadRowsAndDuplicatesAreTheSame() {
        let text = Self.header + "\n" + rows(20_000, seed: 4, unusual: true)
        same(text)
        same(text, keep: true)
        same(Self.header + "\r\n" + rows(20_000, seed: 5, unusual: true, crlf: true), keep: true)
        // Duplicates: within the file, of a bad row, and of the session's projects.
        let dup = Self.header + "\nP1,甲,本级,项目支出,1,1,优,\nP2,乙,本级,项目支出,1,1,优,\nP1,丙,本级,项目支出,2,2,良,\n"
            + "P3,丁,外星,项目支出,1,1,优,\nP3,戊,本级,项目支出,1,1,优,\nXM002,己,本级,项目支出,1,1,优,\nP4,庚,本级,项目支出,1,1,优,\n"
        same(dup)
        same(dup, keep: true)
        // Without a fiscal year, budgets that differ cannot become an adjustment.
        same(Self.header + "\nP1,甲,本级,项目支出,1,1,优,\nP2,乙,本级,项目支出,1,2,优,\n", model: DataTest.model(year: nil))
        same(Self.header + "\nP1,甲,本级,项目支出,1,2,优,\n", model: DataTest.model(year: nil), configure: { $0.fiscalYear = 2021 })
    }

    @Test func gb18030AndBytesThatAreNotText() throws {
        let codec = try TextCodec(.gb18030, direction: .encode)
        let text = Self.header + "\n" + rows(5_000, seed: 6, unusual: true)
        same(codec.encode(text))
        same(codec.encode(text), keep: true)
        // Over 1 MiB of ASCII rows (the encoding not yet known), then GB18030 text.
        let ascii = "id,name,source,category,initial,adjusted,grade,tags\n"
            + (1...25_000).map { "A\($0),Road works \($0 % 7),own,project,\($0).5,\($0 + $0 % 3),good,x y" }.joined(separator: "\n") + "\n"
        same(Array(ascii.utf8) + codec.encode(rows(3_000, seed: 7, unusual: true)))
        // Bytes that are not UTF-8 in a UTF-8 file.
        var bytes = Array((Self.header + "\nP1,甲,本级,项目支出,1,1,优,\nP2,").utf8) + [0xFF, 0xFE]
        bytes += Array(",本级,项目支出,1,1,优,\nP3,丙,本级,项目支出,1,1,优,\n".utf8)
        same(bytes)
        same(bytes, keep: true)
    }

    @Test func limitsInterruptsAndProgressAreTheSame() {
        let text = Self.header + "\n" + rows(30_000, seed: 8, unusual: true)
        same(text, keep: true, configure: { $0.limits.maxRows = 12_345 })
        same(text, configure: { $0.interrupt = { true } })
        let dir = DataTest.scratch()
        let path = DataTest.write(Self.header + "\n" + rows(60_000, seed: 9, unusual: true), to: dir + "/p.csv")
        let reports = DataTest.progressBothWays(path, kind: .projects)
        #expect(reports[0] == reports[1])
        #expect(reports[0].count > 2)
    }

    @Test func theBenchmarkShapeLoadsExactly() throws {
        // A few rows checked field by field, so that both ways are not merely equally wrong.
        let path = DataTest.write(Self.header + "\nXM1,黄河\"补助\",本级,项目支出,338000.00,338500.5,良,人才、教育\n"
                                  + "XM2,\"安宁,\n项目\",中央,基本支出,1205000,,优,\n", to: DataTest.scratch() + "/p.csv")
        let m = try loadTable(path: path, into: DataTest.model([]), options: LoadOptions(kind: .projects)).model
        let a = try #require(m.projects["XM1"]), b = try #require(m.projects["XM2"])
        #expect(a.title == "黄河\"补助\"" && a.source?.name == "本级" && a.category == .project && a.grade == .good)
        #expect(a.initialFen == 33_800_000 && a.adjustments == [BudgetAdjustment(date: CivilDate(year: 2020, month: 12, day: 31)!,
                                                                                  fen: 50_050, note: "调整后预算 − 年初预算")])
        #expect(a.tags == ["人才", "教育"])
        #expect(b.title == "安宁,\n项目" && b.source?.name == "中央" && b.category == .basic && b.grade == .excellent)
        #expect(b.initialFen == 120_500_000 && b.adjustments.isEmpty && b.tags.isEmpty)
        #expect(Array(m.projects.keys) == ["XM1", "XM2"])
    }
}
