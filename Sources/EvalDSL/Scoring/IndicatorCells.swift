/// Why a table of cells laid out like the form's 绩效指标 part could not be read.
public enum IndicatorCellsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer than the six cells every row needs (一级 … 分值).
    case tooFewCells(row: Int, count: Int)
    case noName(row: Int)
    case badWeight(row: Int, text: String)
    case badScore(row: Int, text: String)
    /// A blank 一级 or 二级 with no row above to repeat.
    case noLevelAbove(row: Int)

    public var description: String {
        switch self {
        case .tooFewCells(let r, let n): L("indicator row \(r + 1) has \(n) cells; it needs 一级, 二级, 三级, 年度指标值, 实际完成值 and 分值")
        case .noName(let r): L("indicator row \(r + 1) has no 三级 name")
        case .badWeight(let r, let t): L("indicator row \(r + 1): the 分值 \(t) is not a number")
        case .badScore(let r, let t): L("indicator row \(r + 1): the 得分 \(t) is not a number (leave the cell empty when there is none)")
        case .noLevelAbove(let r): L("indicator row \(r + 1) leaves 一级 or 二级 blank, and no row above names one")
        }
    }
}

extension IndicatorRow {
    /// Rows from cells laid out like the form: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, then optionally
    /// 得分 and 偏差原因分析及改进措施. A blank 一级 or 二级 repeats the one above, as merged cells of a
    /// spreadsheet read; a blank 实际完成值 or 得分 stays blank (not reported, unscored), never 0.
    public static func rows(fromCells table: [[String]]) throws(IndicatorCellsError) -> [IndicatorRow] {
        var rows: [IndicatorRow] = []
        var level1 = "", level2 = ""
        for (i, cells) in table.enumerated() {
            guard cells.count >= 6 else { throw .tooFewCells(row: i, count: cells.count) }
            let c = cells.map(\.trimmingCellSpaces)
            if !c[0].isEmpty {
                // A new 一级 starts its own 二级; the same 一级 written again keeps the merged 二级 above.
                if c[0] != level1 { level2 = "" }
                level1 = c[0]
            }
            if !c[1].isEmpty { level2 = c[1] }
            guard !level1.isEmpty, !level2.isEmpty else { throw .noLevelAbove(row: i) }
            guard !c[2].isEmpty else { throw .noName(row: i) }
            guard let weight = StatedNumber(c[5]), !weight.isPercent else { throw .badWeight(row: i, text: c[5]) }
            var stated: StatedNumber?
            if c.count > 6, !c[6].isEmpty {
                guard let s = StatedNumber(c[6]), !s.isPercent else { throw .badScore(row: i, text: c[6]) }
                stated = s
            }
            let deviation = c.count > 7 && !c[7].isEmpty ? c[7] : nil
            rows.append(IndicatorRow(level1: level1, level2: level2, name: c[2], target: c[3], actual: c[4].isEmpty ? nil : c[4],
                                     weight: weight.value, statedScore: stated, deviation: deviation))
        }
        return rows
    }
}
