import Foundation
import Testing
@testable import EvalDSL

/// The loader's fast paths give exactly what the general path gives: the same payments, counts,
/// problems, notes and errors, whatever the mix of plain and unusual rows.
@Suite struct PerfLoaderTests {
    /// Loads `text` as payments both ways; the outcomes (or the errors) must be equal.
    private func same(_ text: String, model m: BudgetModel = DataTest.model(), keep: Bool = false, crlf: Bool = false,
                      configure: (inout LoadOptions) -> Void = { _ in }, sourceLocation: SourceLocation = #_sourceLocation) {
        let dir = DataTest.scratch()
        let body = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        let path = DataTest.write(body, to: dir + "/payments.csv")
        let (fast, slow) = DataTest.loadBothWays(path, kind: .payments, into: m, keep: keep, configure: configure)
        DataTest.expectSameOutcome(fast, slow, detail: { a, b in
            #expect(a.model.payments.count == b.model.payments.count, sourceLocation: sourceLocation)
            for p in 0..<m.projects.count {
                #expect(a.model.payments.payments(of: p).map { [Int64($0.day), $0.fen] } == b.model.payments.payments(of: p).map { [Int64($0.day), $0.fen] },
                        sourceLocation: sourceLocation)
            }
        }, sourceLocation: sourceLocation)
    }

    /// Deterministic rows: mostly plain, with every kind of unusual row mixed in.
    private func rows(_ n: Int, seed: UInt64, unusual: Bool) -> String {
        var x = seed
        func next() -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return x >> 33 }
        var out = "项目编码,支付金额,支付日期\n"
        let odd = [
            "XM001,\"1,234.50\",2020-03-01", "\"XM002\",12.5,2020-03-01", " XM003 ,7,2020-03-02", "XM004,12.345,2020-03-02",
            "XM009,10,2020-03-03", ",10,2020-03-03", "XM001,,2020-03-03", "XM001,abc,2020-03-04", "XM001,10,2020-13-01",
            "XM001,10,2020-02-30", "XM001,10,1980-01-01", "XM001,10,2020/3/4", "XM001,10,2020-12", "XM001,10,20200305",
            "XM001,-5,2020-03-05", "XM001,.5,2020-03-05", "XM001,10,2020-03-05,", "XM001,10,2020-03-05,x", "XM001,10",
            "", ",,", "合计,100,", "XM001,1.2E+5,2020-03-06", "XM001,¥12.50,2020-03-06", "XM001,10,2020-03-06 10:30:00",
            "XM001,99999999999999999999,2020-03-07", "XM001,18446744073709551617,2020-03-07", "XM001,1844674407370955161.7,2020-03-07",
            "XM001,123456789012345678,2020-03-08", "XM001,12345678901234567.8,2020-03-08", "XM001,10,\"2020-03-07\"", "XM002,10,2021-01-15",
        ]
        for i in 0..<n {
            let r = next()
            if unusual && r % 97 == 0 {
                out += odd[Int(next() % UInt64(odd.count))] + "\n"
                continue
            }
            let p = Int(next() % 4) + 1
            let fen = Int(next() % 10_000_000)
            let cents = fen % 100 == 0 && i % 3 == 0 ? "" : "." + String(format: "%02d", fen % 100)
            let day = Int(next() % 28) + 1, month = i * 12 / max(n, 1) + 1
            out += "XM00\(p),\(fen / 100)\(cents),2020-\(String(format: "%02d", month))-\(String(format: "%02d", day))\n"
        }
        return out
    }

    @Test func plainRowsLoadTheSameBothWays() {
        same(rows(10_000, seed: 1, unusual: false))
        same(rows(10_000, seed: 2, unusual: false), crlf: true)
    }

    @Test func unusualRowsAmongPlainOnesAreJudgedTheSame() {
        same(rows(20_000, seed: 3, unusual: true))
        same(rows(20_000, seed: 4, unusual: true), keep: true)
        same(rows(20_000, seed: 5, unusual: true), keep: true, crlf: true)
        for (i, extra) in ["XM001,10,2020-03-05,", "XM001,10", "\"XM001\",10,2020-03-05", "XM001 ,10,2020-03-05", "XM009,1,2020-01-01",
                           "XM001,1,2020-03-05\r", "XM001,1,2020-03-05\rXM002,1,2020-03-05"].enumerated() {
            same(rows(5_000, seed: UInt64(10 + i), unusual: false) + extra + "\n" + rows(5_000, seed: UInt64(20 + i), unusual: false).split(separator: "\n").dropFirst().joined(separator: "\n"),
                 keep: i % 2 == 0)
        }
    }

    @Test func aFileWithoutALastLineEndAndOtherLayouts() {
        same("项目编码,支付金额,支付日期\nXM001,1,2020-01-01\nXM001,2,2020-01-02")
        same("支付日期,支付金额,项目编码\n2020-01-01,1,XM001\n2020-01-02,2,XM002\n")
        same("备注,项目编码,支付金额,支付日期,摘要\n\"a,b\",XM001,1,2020-01-01,x\n,XM001,2,2020-01-02,\n c ,XM002,3,2020-01-03,y\n")
        same("项目编码;支付金额;支付日期\nXM001;1;2020-01-01\n", configure: { $0.delimiter = .semicolon })
        same("项目编码\t支付金额\t支付日期\nXM001\t1\t2020-01-01\nXM001\t2.5\t2020-01-02\n")
        same("项目编码,支付金额（万元）,支付日期\nXM001,1.5,2020-01-01\nXM001,0.0001,2020-01-02\nXM001,0.00001,2020-01-02\n")
        same("项目编码,支付金额,支付日期\r" + (1...3000).map { "XM00\($0 % 4 + 1),\($0),2020-01-01" }.joined(separator: "\r") + "\r")
    }

    @Test func limitsInterruptsAndProgressAreTheSame() {
        let text = rows(30_000, seed: 7, unusual: true)
        same(text, keep: true, configure: { $0.limits.maxRows = 12_345 })
        same(text, configure: { $0.interrupt = { true } })
        same(rows(30_000, seed: 8, unusual: false), configure: { $0.limits.maxRows = 30_001 })
        same(rows(30_000, seed: 8, unusual: false), configure: { $0.limits.maxRows = 30_000 })
        // Progress: the same reports, in the same order.
        let dir = DataTest.scratch()
        let path = DataTest.write(rows(200_000, seed: 9, unusual: true), to: dir + "/p.csv")
        let reports = DataTest.progressBothWays(path, kind: .payments)
        #expect(reports[0] == reports[1])
        #expect(reports[0].count > 2)
    }

    @Test func payingIntoATableThatHasPaymentsMergesThem() throws {
        let dir = DataTest.scratch()
        let path = DataTest.write(rows(5_000, seed: 11, unusual: false), to: dir + "/p.csv")
        var m = DataTest.model()
        m.payments.append(project: 2, fen: 5, day: CivilDate(year: 2020, month: 6, day: 1)!)
        let a = try loadTable(path: path, into: m, options: LoadOptions(kind: .payments))
        var o = LoadOptions(kind: .payments)
        o.fastPaths = false
        let b = try loadTable(path: path, into: m, options: o)
        #expect(a.model == b.model)
        #expect(a.model.payments.count == 5_001)
        // Twice: the second load merges into the sorted part the first made.
        let c = try loadTable(path: path, into: a.model, options: LoadOptions(kind: .payments))
        #expect(c.model.payments.count == 10_001)
        for p in 0..<4 {
            #expect(c.model.payments.sum(project: p, from: .min, through: .max) == 2 * a.model.payments.sum(project: p, from: .min, through: .max) - (p == 2 ? 5 : 0))
        }
    }
}
