/// A project self-evaluation form (项目支出绩效自评表) as data, cells as the form writes them.
///
/// Nothing here is computed: `evaluate(rules:execution:)` scores it. Cells stay text where the form has
/// text (targets, actual values), so that a changed rule (the direction of a bare target) reads them again.
public struct IndicatorForm: Hashable, Sendable {
    public struct Header: Hashable, Sendable {
        public var projectID: String?
        public var projectName: String
        public var department: String?
        public var implementingUnit: String?
        /// 项目负责人, on some forms.
        public var manager: String?

        public init(projectID: String? = nil, projectName: String, department: String? = nil, implementingUnit: String? = nil, manager: String? = nil) {
            self.projectID = projectID
            self.projectName = projectName
            self.department = department
            self.implementingUnit = implementingUnit
            self.manager = manager
        }
    }

    public var header: Header
    public var budget: BudgetBlock
    /// 年度总体目标: 预期目标.
    public var expectedGoal: String?
    /// 年度总体目标: 实际完成情况.
    public var achievedGoal: String?
    public var rows: [IndicatorRow]
    /// 总分 as stated.
    public var statedTotal: StatedNumber?
    /// 自评等级 as stated.
    public var statedGrade: Grade?
    /// 自评结论.
    public var conclusion: String?
    /// The full marks the form states; nil: `ScoringRules.fullMarks`.
    public var fullMarks: Rational?
    /// The weight the form states for an 一级 indicator (产出 50), where it does: checked against its rows.
    public var statedLevelWeights: [String: Rational]

    public init(header: Header, budget: BudgetBlock = BudgetBlock(), expectedGoal: String? = nil, achievedGoal: String? = nil,
                rows: [IndicatorRow] = [], statedTotal: StatedNumber? = nil, statedGrade: Grade? = nil, conclusion: String? = nil,
                fullMarks: Rational? = nil, statedLevelWeights: [String: Rational] = [:]) {
        self.header = header
        self.budget = budget
        self.expectedGoal = expectedGoal
        self.achievedGoal = achievedGoal
        self.rows = rows
        self.statedTotal = statedTotal
        self.statedGrade = statedGrade
        self.conclusion = conclusion
        self.fullMarks = fullMarks
        self.statedLevelWeights = statedLevelWeights
    }

    /// The index of the row whose 三级 name is `name`; nil when none or several are.
    public func rowIndex(named name: String) -> Int? {
        let hits = rows.indices.filter { rows[$0].name == name }
        return hits.count == 1 ? hits[0] : nil
    }

    /// The form with one row's 实际完成值 replaced: the what-if "had the project reached 4 期".
    public func settingActual(_ text: String, ofRow name: String) -> IndicatorForm? {
        guard let i = rowIndex(named: name) else { return nil }
        var copy = self
        copy.rows[i].actual = text
        return copy
    }
}

/// One indicator row: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.
public struct IndicatorRow: Hashable, Sendable {
    /// 一级: 产出, 效益, 满意度 (成本 on newer forms), as written without a trailing 指标.
    public var level1: String
    /// 二级: 数量, 质量, 时效, 成本, 经济效益 …, as written without a trailing 指标.
    public var level2: String
    /// 三级: the indicator's own name.
    public var name: String
    /// 年度指标值 as written: `≥50人次`, `≤12月`, `有效提升`.
    public var target: String
    /// 实际完成值 as written; nil or empty: not reported.
    public var actual: String?
    /// 分值.
    public var weight: Rational
    /// 得分 as written; nil: the cell is empty (unscored, never 0).
    public var statedScore: StatedNumber?
    /// 偏差原因分析及改进措施.
    public var deviation: String?

    public init(level1: String, level2: String, name: String, target: String, actual: String?, weight: Rational,
                statedScore: StatedNumber? = nil, deviation: String? = nil) {
        self.level1 = IndicatorLevels.plain(level1)
        self.level2 = IndicatorLevels.plain(level2)
        self.name = name
        self.target = target
        self.actual = actual
        self.weight = weight
        self.statedScore = statedScore
        self.deviation = deviation
    }
}

/// A number as a form states it, with the number of decimals it was written with: `17.8`, `85.00%`.
public struct StatedNumber: Hashable, Sendable, CustomStringConvertible {
    /// The value; a percentage is stored as a fraction (85% → 17/20).
    public var value: Rational
    /// Decimals as written (of the percentage for a percentage).
    public var places: Int
    public var isPercent: Bool
    /// The cell as written.
    public var text: String

    /// Reads `17.8`, `１７.８`, `85%`, `1,234.50`; nil for anything else (an empty cell included).
    public init?(_ text: String) {
        var s = CellText.normalized(text)
        isPercent = s.hasSuffix("%")
        if isPercent { s.removeLast() }
        guard !s.isEmpty, s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == "-" }),
              CellText.groupingIsValid(Substring(s)), let v = Rational(decimal: Substring(s)) else { return nil }
        places = s.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        if isPercent {
            guard let f = try? v.divided(by: Rational(100)) else { return nil }
            value = f
        } else {
            value = v
        }
        self.text = text.trimmingCellSpaces
    }

    public var description: String { text }
}

/// The 年度资金总额 block: the total row, its parts, the 分值 of budget execution and what the form states.
public struct BudgetBlock: Hashable, Sendable {
    public var total: BudgetLine
    /// 其中：当年财政拨款 / 上年结转资金 / 其他资金, or 财政资金 / 财政专户管理资金 / 单位资金.
    public var parts: [BudgetLine]
    /// 分值 of the total row; nil: the form scores no budget execution.
    public var weight: Rational?
    /// 执行率 as stated on the total row.
    public var statedRate: StatedNumber?
    /// 得分 as stated on the total row.
    public var statedScore: StatedNumber?

    /// The part names of the two common layouts.
    public static let knownParts = ["当年财政拨款", "上年结转资金", "其他资金", "财政资金", "财政专户管理资金", "单位资金"]

    public init(total: BudgetLine = BudgetLine(name: "年度资金总额"), parts: [BudgetLine] = [], weight: Rational? = nil,
                statedRate: StatedNumber? = nil, statedScore: StatedNumber? = nil) {
        self.total = total
        self.parts = parts
        self.weight = weight
        self.statedRate = statedRate
        self.statedScore = statedScore
    }
}

/// One row of the budget block; amounts in fen, nil where the cell is empty.
public struct BudgetLine: Hashable, Sendable {
    public var name: String
    /// 年初预算数.
    public var initial: Int64?
    /// 全年预算数 (adjusted).
    public var fullYear: Int64?
    /// 全年执行数.
    public var executed: Int64?

    public init(name: String, initial: Int64? = nil, fullYear: Int64? = nil, executed: Int64? = nil) {
        self.name = name
        self.initial = initial
        self.fullYear = fullYear
        self.executed = executed
    }

    public enum Column: String, Hashable, Sendable, CaseIterable {
        case initial = "年初预算数"
        case fullYear = "全年预算数"
        case executed = "全年执行数"
    }

    public subscript(column: Column) -> Int64? {
        switch column {
        case .initial: initial
        case .fullYear: fullYear
        case .executed: executed
        }
    }
}

/// The indicator hierarchy of the public templates: which 二级 belongs under which 一级.
public enum IndicatorLevels {
    public static let known: [(level1: String, level2: [String])] = [
        ("产出", ["数量", "质量", "时效", "成本"]),
        ("效益", ["经济效益", "社会效益", "生态效益", "可持续影响"]),
        ("满意度", ["服务对象满意度"]),
        ("成本", ["经济成本", "社会成本", "生态环境成本"]),
    ]

    /// A level name without the 指标 forms often append (`数量指标` → `数量`).
    public static func plain(_ name: String) -> String {
        var s = name.trimmingCellSpaces
        if s.hasSuffix("指标") && s.count > 2 { s.removeLast(2) }
        return s
    }

    /// A note when the pair is not in the table (accepted all the same: forms vary); nil when it is.
    public static func note(level1: String, level2: String) -> String? {
        guard let entry = known.first(where: { $0.level1 == level1 }) else {
            return L("一级 \(level1) is not one of \(known.map(\.level1).joined(separator: "/")): accepted as written")
        }
        if entry.level2.contains(level2) { return nil }
        return L("二级 \(level2) is not one of \(entry.level2.joined(separator: "/")) under \(level1): accepted as written")
    }
}
