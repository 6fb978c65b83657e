import Testing
@testable import EvalDSL

/// `loadTable` on CSV: the exact rows loaded, the exact problems, all or nothing, keepGoodRows.
@Suite struct DataLoaderTests {
    let f = DataTest.fixture

    @Test func loadsProjectsWithQuotesBOMAndCRLF() throws {
        let out = try DataTest.load(f("projects-quoted.csv"), .projects, into: DataTest.model([]))
        let m = out.model
        #expect(Array(m.projects.keys) == ["XM001", "XM002", "XM003", "XM004"])
        let a = try #require(m.projects["XM001"])
        #expect(a.title == "档案智能库房建设,一期")
        #expect(a.source?.name == "本级")
        #expect(a.category == .project)
        #expect(a.initialFen == 200_000_000)
        #expect(a.adjustments == [BudgetAdjustment(date: DataTest.day("2020-12-31"), fen: 40_000_000, note: "调整后预算 − 年初预算")])
        #expect(a.grade == .fair)
        #expect(a.tags == ["基建", "信息化"])
        let b = try #require(m.projects["XM002"])
        #expect(b.title == "职称评审\"绿色通道\"工作经费")
        #expect(b.source?.name == "省级")
        #expect(b.initialFen == 1_234_567_800)
        #expect(b.adjustments.isEmpty)
        #expect(b.tags == ["人才"])
        let c = try #require(m.projects["XM003"])
        #expect(c.title == "离任村干部\n生活补助")
        #expect(c.source?.name == "中央")
        #expect(c.initialFen == 1)
        #expect(c.grade == .good)
        #expect(c.tags.isEmpty)
        let d = try #require(m.projects["XM004"])
        #expect(d.category == .basic)
        #expect(d.initialFen == 1_320_000_000)
        #expect(d.grade == nil)
        #expect(out.rowsLoaded == 4)
        #expect(out.encoding == .utf8)
        #expect(out.summary == "loaded 4 projects from projects-quoted.csv")
        #expect(out.notes == [
            "1 project gives only 调整后预算: stored as the budget, so initial() shows it too",
            "1 project's 调整后预算 differs from 年初预算: the difference is one adjustment dated 2020-12-31",
        ])
        #expect(out.columns[.initialBudget] == "年初预算数（万元）")
    }

    static let badPaymentProblems = [
        "payments-bad.csv:3:支付金额: `12.345` is not a whole number of fen (分): at most 2 decimals in 元",
        "payments-bad.csv:4:项目编码: unknown project `XM999` (declare it, or load the projects first)",
        "payments-bad.csv:5:支付金额: `abc` is not a number",
        "payments-bad.csv:6:支付日期: `1899-12-31` is a date outside any sensible range (1990–2100)",
        "payments-bad.csv:7:支付金额: `1e5` is in scientific notation, which Excel writes when it has rounded the number: format the column as a number and save again",
        "payments-bad.csv:8:支付金额: `1,23` is not a number: a comma must separate groups of three digits",
        "payments-bad.csv:9:支付日期: `03/21/2020` is ambiguous (day or month first?): write 2020-12-31",
        "payments-bad.csv:11:支付金额: no amount",
        "payments-bad.csv:11:支付日期: `2020-02-30` is not a day of the calendar",
        "payments-bad.csv:12:支付金额: a negative payment (a refund, 冲销) is not supported: net it against the payment it reverses",
    ]

    @Test func allOrNothingReportsEveryBadRowAndChangesNothing() {
        let before = DataTest.model()
        var session = before
        do {
            session = try DataTest.load(f("payments-bad.csv"), .payments, into: session).model
            Issue.record("the load should have failed")
        } catch {
            guard case .rejected(let problems, let more, let bad, let rows) = error.kind else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(problems.map(\.description) == Self.badPaymentProblems)
            #expect(more == 0)
            #expect(bad == 9)
            #expect(rows == 11)
            #expect(error.message == "payments-bad.csv: 9 of 11 rows are bad; nothing was loaded")
            #expect(error.lines == [error.message] + Self.badPaymentProblems)
        }
        #expect(session == before)
        #expect(session.payments.count == 0)
    }

    @Test func keepGoodRowsLoadsExactlyTheGoodOnes() throws {
        let out = try DataTest.load(f("payments-bad.csv"), .payments) { $0.keepGoodRows = true }
        #expect(DataTest.payments(out.model) == [
            "XM001 2020-03-15 1234567", "XM004 2020-03-22 5050",
        ])
        #expect(out.rowsLoaded == 2)
        #expect(out.rowsRejected == 9)
        #expect(out.problems.map(\.description) == Self.badPaymentProblems)
        #expect(out.summary == "loaded 2 payments from payments-bad.csv; 9 bad rows left out")
    }

    @Test func problemsBeyondTheCapAreCounted() throws {
        let out = try DataTest.load(f("payments-bad.csv"), .payments) {
            $0.keepGoodRows = true
            $0.maxProblems = 3
        }
        #expect(out.problems.map(\.description) == Array(Self.badPaymentProblems.prefix(3)))
        #expect(out.moreProblems == 7)
        #expect(out.lines.last == "… and 7 more")
    }

    @Test func duplicateProjectIdsAreBadRows() {
        let inFile = DataTest.failure(f("projects-duplicate.csv"), .projects, into: DataTest.model([]))
        #expect(inFile?.problems.map(\.description) == [
            "projects-duplicate.csv:4:项目编码: duplicate project id `XM010` (first at row 2)",
        ])
        let inModel = DataTest.failure(f("projects-duplicate.csv"), .projects, into: DataTest.model(["XM011"]))
        #expect(inModel?.problems.map(\.description) == [
            "projects-duplicate.csv:3:项目编码: duplicate project id `XM011`: the session already has this project",
            "projects-duplicate.csv:4:项目编码: duplicate project id `XM010` (first at row 2)",
        ])
    }

    @Test func aMissingColumnNamesTheColumnsFound() {
        let e = DataTest.failure(f("payments-missing-column.csv"), .payments)
        #expect(e?.message == "payments-missing-column.csv: no column for 支付日期 (a header such as 支付日期, 付款日期, 实际支付日期, 日期);"
            + " the columns found are: 项目编码, 金额, 付款时间")
        // Named in the mapping, it loads.
        let ok = try? DataTest.load(f("payments-missing-column.csv"), .payments) { $0.mapping = [.date: "付款时间"] }
        #expect(ok.map { DataTest.payments($0.model) } == ["XM001 2020-01-01 10000"])
        // A mapping to a column that is not there says so.
        let e2 = DataTest.failure(f("payments-missing-column.csv"), .payments) { $0.mapping = [.date: "日子"] }
        #expect(e2?.kind == .missingColumns(missing: ["支付日期 (mapped to `日子`)"], found: ["项目编码", "金额", "付款时间"]))
        let e3 = DataTest.failure(f("payments-missing-column.csv"), .payments) { $0.mapping = [.grade: "等级"] }
        #expect(e3?.message == "payments-missing-column.csv: `grade` is not a column of a payments table (its columns: id, amount, date)")
    }

    @Test func gb18030FilesAreDetectedAndDecoded() throws {
        let p = try DataTest.load(f("projects-gb18030.csv"), .projects, into: DataTest.model([]))
        #expect(p.encoding == .gb18030)
        #expect(p.model.projects.values.map { $0.title ?? "" } == ["乡村振兴产业扶持资金", "农村饮水安全巩固提升", "基层医疗卫生,设备购置"])
        #expect(p.model.projects.values.map { $0.source?.name ?? "" } == ["省级", "市级", "本级"])
        #expect(p.model.projects.values.map { $0.initialFen ?? -1 } == [1_200_500_000, 80_000_000, 12_345_678])
        #expect(p.model.projects.values.map { $0.grade } == [.good, .excellent, .fair])

        let q = try DataTest.load(f("payments-gb18030.csv"), .payments, into: p.model)
        #expect(q.encoding == .gb18030)
        #expect(DataTest.payments(q.model) == [
            "GB001 2020-01-05 12500000", "GB002 2020-12-31 300000", "GB003 2020-12-31 500000",
        ])
        #expect(q.notes == ["columns not used: 摘要"])
    }

    @Test func aDeclaredEncodingThatIsWrongGivesBadRows() {
        let e = DataTest.failure(f("projects-gb18030.csv"), .projects, into: DataTest.model([])) { $0.encoding = .utf8 }
        // The header itself is not UTF-8, so no column can be matched.
        guard case .missingColumns = e?.kind else { Issue.record("unexpected \(String(describing: e))"); return }
    }

    @Test func loadsAdjustmentsWithTheirDirection() throws {
        let out = try DataTest.load(f("adjustments.csv"), .adjustments)
        #expect(out.model.projects["XM001"]?.adjustments == [
            BudgetAdjustment(date: DataTest.day("2020-09-30"), fen: 50_000_000, note: "追加档案设备"),
            BudgetAdjustment(date: DataTest.day("2020-11-15"), fen: -10_000_000, note: nil),
        ])
        #expect(out.model.projects["XM002"]?.adjustments == [
            BudgetAdjustment(date: DataTest.day("2020-06-01"), fen: 5_500_000, note: "省级追加"),
        ])
        #expect(out.summary == "loaded 3 budget adjustments from adjustments.csv")
    }

    @Test func titleRowsSetTheUnitAndTotalRowsAreSkipped() throws {
        let out = try DataTest.load(f("projects-titled.csv"), .projects, into: DataTest.model([]))
        #expect(Array(out.model.projects.keys) == ["T01", "T02"])
        #expect(out.model.projects["T01"]?.initialFen == 95_500_000)
        #expect(out.model.projects["T02"]?.initialFen == 1_320_000_000)
        #expect(out.notes == ["the header is row 3; amounts are in 万元 (row 2)", "total row skipped: row 7"])
    }

    @Test func paymentsNeedTheirProjects() {
        let e = DataTest.failure(f("payments-gb18030.csv"), .payments, into: DataTest.model([]))
        #expect(e?.problems.map(\.description) == [
            "payments-gb18030.csv:2:项目编码: unknown project `GB001` (declare it, or load the projects first)",
            "payments-gb18030.csv:3:项目编码: unknown project `GB002` (declare it, or load the projects first)",
            "payments-gb18030.csv:4:项目编码: unknown project `GB003` (declare it, or load the projects first)",
        ])
    }

    @Test func anAdjustedBudgetNeedsAFiscalYearToDateItsDifference() {
        let e = DataTest.failure(f("projects-quoted.csv"), .projects, into: DataTest.model([], year: nil))
        #expect(e?.kind == .noFiscalYear)
        let ok = try? DataTest.load(f("projects-quoted.csv"), .projects, into: DataTest.model([], year: nil)) { $0.fiscalYear = 2021 }
        #expect(ok?.model.projects["XM001"]?.adjustments.first?.date == DataTest.day("2021-12-31"))
    }

    @Test func badCellsOfProjects() throws {
        let dir = DataTest.scratch()
        let path = DataTest.write("""
        项目编码,项目名称,资金来源,支出类别,预算数,等级
        A1,甲,国库,项目支出,100,优
        A2,乙,本级,其它支出,100,优
        A3,丙,本级,项目支出,100,很好
        ,丁,本级,项目支出,100,优
        A5,戊,省级转移支付,基本,1,000,良

        """, to: dir + "/p.csv")
        let e = DataTest.failure(path, .projects, into: DataTest.model([]))
        #expect(e?.problems.map(\.description) == [
            "p.csv:2:资金来源: `国库` is not a known funding source (known: 本级, 省级, 市级, 县级, 中央, 其他)",
            "p.csv:3:支出类别: `其它支出` is not a known category (known: 基本支出, 项目支出)",
            "p.csv:4:等级: `很好` is not a grade (优, 良, 中 or 差)",
            "p.csv:5:项目编码: no project id",
            "p.csv:6:G: this row has 7 fields but the header has 6 (a comma inside a field that is not quoted?)",
        ])
    }

    @Test func refusesWhatItCannotRead() {
        let dir = DataTest.scratch()
        #expect(DataTest.failure(dir + "/none.csv", .projects)?.message == "none.csv: cannot read the file: no such file")
        let xls = DataTest.write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], to: dir + "/old.xls")
        #expect(DataTest.failure(xls, .projects)?.message
            == "old.xls: an Excel 97–2003 workbook (.xls) cannot be read: save it as .xlsx or as CSV")
        let html = DataTest.write("<html><table><tr><td>项目编码</td></tr></table></html>", to: dir + "/export.xls")
        #expect(DataTest.failure(html, .projects)?.kind
            == .unsupported("an HTML table (as some systems export \".xls\"): open it in Excel and save it as .xlsx or CSV"))
        let renamed = DataTest.write("项目编码\nA1\n", to: dir + "/fake.xlsx")
        #expect(DataTest.failure(renamed, .projects)?.message
            == "fake.xlsx: not a readable .xlsx workbook: it is not a zip archive (a renamed file, or a truncated one?)")
        #expect(DataTest.failure(f("projects-titled.csv"), .projects) { $0.sheet = "Sheet1" }?.kind
            == .unsupported("a sheet can be named only for an .xlsx workbook, and this is a CSV file"))
        let empty = DataTest.write("", to: dir + "/empty.csv")
        #expect(DataTest.failure(empty, .payments)?.message
            == "empty.csv: no column for 项目编码 (a header such as 项目编码, 项目代码, 项目编号, 项目id); 支付金额 (a header such as 支付金额, 实际支付, 实际支付金额, 支出金额); 支付日期 (a header such as 支付日期, 付款日期, 实际支付日期, 日期); the columns found are: none (the file is empty)")
    }

    /// A larger file made here: every payment lands, sums match, the interrupt and progress work.
    @Test func loadsManyPaymentsAndCanBeInterrupted() throws {
        let dir = DataTest.scratch()
        var m = BudgetModel()
        m.year = 2020
        for k in 0..<500 { m.projects["P\(k)"] = Project(id: "P\(k)") }
        var text = "项目编码,支付金额,支付日期\n"
        var expected = [Int64](repeating: 0, count: 500)
        var x: UInt64 = 42
        for k in 0..<50_000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let p = Int(x >> 33) % 500
            let fen = Int64(x >> 40) % 10_000_000 + 1
            expected[p] += fen
            text += "P\(p),\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100),2020-\(k % 12 + 1)-\(k % 28 + 1)\n"
        }
        let path = DataTest.write(text, to: dir + "/payments.csv")
        let out = try loadTable(path: path, into: m, options: LoadOptions(kind: .payments))
        #expect(out.rowsLoaded == 50_000)
        #expect(out.model.payments.count == 50_000)
        for p in 0..<500 {
            #expect(out.model.payments.payments(of: p).reduce(Int64(0)) { $0 + $1.fen } == expected[p])
        }
        #expect(out.summary == "loaded 50,000 payments from \(path)")

        let stop = LoadOptions(kind: .payments, interrupt: { true })
        #expect(throws: LoadError(.interrupted(rows: 4096), file: path)) { try loadTable(path: path, into: m, options: stop) }

        final class Seen: @unchecked Sendable { var rows: [Int] = [] }
        let seen = Seen()
        _ = try loadTable(path: path, into: m, options: LoadOptions(kind: .payments, progress: { seen.rows.append($0.rows) }))
        #expect(seen.rows.last == 50_001)
    }
}
