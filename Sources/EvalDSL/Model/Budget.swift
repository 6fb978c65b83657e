import OrderedCollections

/// Where a project's money comes from. Known sources have Chinese canonical names and English aliases.
public struct FundingSource: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public static let known: [(canonical: String, aliases: [String])] = [
        ("本级", ["own", "本级财政"]),
        ("省级", ["province", "省"]),
        ("市级", ["city", "市"]),
        ("县级", ["county", "县", "区级"]),
        ("中央", ["central", "中央财政"]),
        ("其他", ["other"]),
    ]

    public init?(_ text: String) {
        for k in FundingSource.known where k.canonical == text || k.aliases.contains(text) {
            self.name = k.canonical
            return
        }
        return nil
    }

    public var description: String { name }
}

public enum Category: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case basic = "基本支出"
    case project = "项目支出"

    public init?(_ text: String) {
        switch text {
        case "基本支出", "basic", "基本": self = .basic
        case "项目支出", "project", "项目": self = .project
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// A self-evaluation grade: 优 90–100, 良 80–<90, 中 60–<80, 差 below 60.
public enum Grade: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case excellent = "优"
    case good = "良"
    case fair = "中"
    case poor = "差"

    public init?(_ text: String) {
        switch text {
        case "优", "excellent", "优秀": self = .excellent
        case "良", "good", "良好": self = .good
        case "中", "fair", "中等", "合格": self = .fair
        case "差", "poor", "不合格": self = .poor
        default: return nil
        }
    }

    public var description: String { rawValue }
}

public struct BudgetAdjustment: Sendable, Equatable {
    public var date: CivilDate
    public var fen: Int64
    public var note: String?
}

public struct Project: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var source: FundingSource?
    public var category: Category?
    /// 年初预算 in fen; nil when the report does not state it.
    public var initialFen: Int64?
    public var adjustments: [BudgetAdjustment] = []
    public var grade: Grade?
    public var tags: [String] = []
    public var reason: String?
    /// Where it was declared, for "declared at line N".
    public var declaredLine: Int?
}

/// A named group: its predicate, and figures the report states only as totals.
public struct GroupDefinition: Sendable, Equatable {
    public var name: String
    /// nil for the department: every project.
    public var predicate: Expr?
    public var totals: [TotalField: Int64] = [:]
    public var declaredLine: Int?
}

/// Everything the session knows about budgets and payments. A value: copying it is cheap (copy on
/// write), which gives statements all-or-nothing effects and what-ifs a baseline to compare with.
public struct BudgetModel: Sendable, Equatable {
    public static func == (a: BudgetModel, b: BudgetModel) -> Bool {
        a.year == b.year && a.unit == b.unit && a.department == b.department && a.departmentTitle == b.departmentTitle
            && a.projects == b.projects && a.payments == b.payments && a.groups == b.groups && a.schedule == b.schedule
    }

    public var year: Int?
    public var unit: MoneyUnit = .wan
    public var department: String?
    public var departmentTitle: String?
    public var projects: OrderedDictionary<String, Project> = [:] { didSet { cache = ModelCache() } }
    public var payments = PaymentTable() { didSet { cache = ModelCache() } }
    public var groups: OrderedDictionary<String, GroupDefinition> = [:] { didSet { cache = ModelCache() } }
    /// Derived figures of this version of the model (not part of its value: ignored by `==`).
    var cache = ModelCache()
    /// How 序时进度 is computed: months elapsed ÷ 12 (the default) or days elapsed ÷ days in the year.
    public var schedule: ScheduleConvention = .months

    public init() {}

    public var fiscalYear: Period? { year.map { .year($0) } }

    /// Sum of a project's adjustments on top of its initial budget.
    func adjustmentsFen(_ p: Int) -> Int64? {
        var total: Int64 = 0
        for a in projects.values[p].adjustments {
            let (s, o) = total.addingReportingOverflow(a.fen)
            if o { return nil }
            total = s
        }
        return total
    }

    func hasPayments(_ p: Int) -> Bool {
        payments.count(project: p) > 0
    }

    /// Payments of project `p` whose date lies in `[from, through]`, in fen.
    func paidFen(_ p: Int, from: CivilDate?, through: CivilDate?) -> Int128 {
        payments.sum(project: p, from: from?.dayNumber ?? .min, through: through?.dayNumber ?? .max)
    }
}
