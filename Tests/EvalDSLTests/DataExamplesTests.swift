import Foundation
import Testing
@testable import EvalDSL

/// The example files under scripts/data/ (written by `evalshell-datagen examples`): each year's
/// projects read the same from CSV and from .xlsx, and its GB18030 payments all load.
@Suite struct DataExamplesTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/data").path

    @Test(arguments: [2020, 2021])
    func exampleFilesAgreeAndLoad(year: Int) throws {
        let dir = "\(Self.data)/\(year)"
        var model = BudgetModel()
        model.year = year
        let csv = try loadTable(path: dir + "/projects.csv", into: model, options: LoadOptions(kind: .projects))
        let xlsx = try loadTable(path: dir + "/projects.xlsx", into: model, options: LoadOptions(kind: .projects))
        #expect(csv.rowsLoaded == 40)
        #expect(csv.encoding == .utf8)
        #expect(Array(csv.model.projects.values) == Array(xlsx.model.projects.values))
        #expect(xlsx.notes.first == "the header is row 3; amounts are in 万元 (row 2)")
        #expect(csv.model.projects.values.allSatisfy { $0.title != nil && $0.source != nil && $0.initialFen != nil && $0.grade != nil })

        let pay = try loadTable(path: dir + "/payments-gb18030.csv", into: csv.model, options: LoadOptions(kind: .payments))
        #expect(pay.encoding == .gb18030)
        #expect(pay.rowsLoaded == 400)
        #expect(pay.problems.isEmpty)
        #expect(pay.notes == ["columns not used: 项目名称, 摘要"])
        // Payments run over the year and into the next January and February.
        let days = (0..<pay.model.projects.count).flatMap { pay.model.payments.payments(of: $0).map(\.day) }
        let first = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let last = CivilDate(year: year + 1, month: 2, day: CivilDate.daysIn(year: year + 1, month: 2))!.dayNumber
        #expect(days.allSatisfy { $0 >= first && $0 <= last })
        #expect(days.contains { $0 > CivilDate(year: year, month: 12, day: 31)!.dayNumber })
    }

    @Test func theTwoYearsAreTheSameProjectsWithOtherFigures() throws {
        func load(_ year: Int) throws -> BudgetModel {
            var m = BudgetModel()
            m.year = year
            return try loadTable(path: "\(Self.data)/\(year)/projects.csv", into: m, options: LoadOptions(kind: .projects)).model
        }
        let a = try load(2020), b = try load(2021)
        #expect(Array(a.projects.keys) == Array(b.projects.keys))
        #expect(a.projects.values.map(\.title) == b.projects.values.map(\.title))
        #expect(a.projects.values.map(\.initialFen) != b.projects.values.map(\.initialFen))
    }
}
