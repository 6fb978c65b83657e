import OrderedCollections

/// A closed set of value words (`source = 本级`, `grade 优`): each canonical word with its aliases,
/// English first. Parsing, "known values" hints, messages and the shell's completion all read it.
public struct Vocabulary: Sendable {
    /// How a message names one of its values: "funding source".
    public let field: String
    /// In the order messages and completion list them.
    public let words: [(canonical: String, aliases: [String])]
    /// Whether an "unknown value" hint shows each word's English alias: `本级 (own)`.
    let hintShowsAlias: Bool

    /// The canonical word for `text`, a canonical word or an alias.
    public func canonical(_ text: String) -> String? {
        words.first { $0.canonical == text || $0.aliases.contains(text) }?.canonical
    }

    /// The hint of an unknown value: `["本级 (own)", …]`, or the bare words.
    public var hint: [String] {
        words.map { hintShowsAlias ? "\($0.canonical) (\($0.aliases[0]))" : $0.canonical }
    }

    /// The words for a message: `优, 良, 中 or 差`.
    public var spelledOut: String { Parser.spelledOut(words.map(\.canonical)) }

    /// The words run together for help: `优 良 中 差`.
    public var listed: String { words.map(\.canonical).joined(separator: " ") }

    /// The vocabulary of each attribute a `where` condition compares with a value word.
    public static let byAttribute: [String: Vocabulary] = [
        "source": FundingSource.vocabulary,
        "category": Category.vocabulary,
        "grade": Grade.vocabulary,
    ]
}

/// A kind of funds within a project's or department's money (资金性质), as forms split each figure:
/// 当年财政拨款 / 上年结转资金 / 其他资金, or 财政资金 / 财政专户管理资金 / 单位资金.
public struct FundKind: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// Each kind with its aliases, English first; the forms' two splits one after the other.
    public static let known: [(canonical: String, aliases: [String])] = [
        ("当年财政拨款", ["current", "财政拨款", "当年拨款"]),
        ("上年结转资金", ["carried", "上年结转", "结转", "结转资金"]),
        ("其他资金", ["others", "其他"]),
        ("财政资金", ["fiscal"]),
        ("财政专户管理资金", ["special-account", "专户", "财政专户"]),
        ("单位资金", ["unit-own", "自有资金", "单位自有资金"]),
    ]

    public static let vocabulary = Vocabulary(field: "kind of funds", words: known, hintShowsAlias: false)

    public init?(_ text: String) {
        guard let name = FundKind.vocabulary.canonical(text) else { return nil }
        self.name = name
    }

    public var description: String { name }
}

/// Where a project's money comes from (its fund kind). Known sources have Chinese canonical names
/// and English aliases.
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

    public static let vocabulary = Vocabulary(field: "funding source", words: known, hintShowsAlias: true)

    public init?(_ text: String) {
        guard let name = FundingSource.vocabulary.canonical(text) else { return nil }
        self.name = name
    }

    public var description: String { name }
}

public enum Category: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case basic = "基本支出"
    case project = "项目支出"

    /// Each category with its aliases, in the order messages list them.
    public static let known: [(canonical: String, aliases: [String])] = [
        (Category.basic.rawValue, ["basic", "基本"]),
        (Category.project.rawValue, ["project", "项目"]),
    ]

    public static let vocabulary = Vocabulary(field: "category", words: known, hintShowsAlias: true)

    public init?(_ text: String) {
        guard let c = Category.vocabulary.canonical(text) else { return nil }
        self.init(rawValue: c)
    }

    public var description: String { rawValue }
}

/// A self-evaluation grade; a score earns the best grade whose band it reaches (`Grade.bands`).
public enum Grade: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case excellent = "优"
    case good = "良"
    case fair = "中"
    case poor = "差"

    /// Each grade with its aliases, best first.
    public static let known: [(canonical: String, aliases: [String])] = [
        (Grade.excellent.rawValue, ["excellent", "优秀"]),
        (Grade.good.rawValue, ["good", "良好"]),
        (Grade.fair.rawValue, ["fair", "中等", "合格"]),
        (Grade.poor.rawValue, ["poor", "不合格"]),
    ]

    /// The least score that earns each grade, best first; nil: any score below the others.
    public static let bands: [(grade: Grade, from: Int?)] = [(.excellent, 90), (.good, 80), (.fair, 60), (.poor, nil)]

    public static let vocabulary = Vocabulary(field: "grade", words: known, hintShowsAlias: false)

    public init?(_ text: String) {
        guard let g = Grade.vocabulary.canonical(text) else { return nil }
        self.init(rawValue: g)
    }

    /// The grade a score earns.
    public init(score: Rational) {
        self = Grade.bands.first { band in band.from.map { score >= Rational($0) } ?? true }?.grade ?? .poor
    }

    /// The bands for help: `优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差`.
    public static var bandsText: String {
        bands.map { b in b.from.map { "\(b.grade.rawValue) ≥ \($0)" } ?? "else \(b.grade.rawValue)" }.joined(separator: ", ")
    }

    public var description: String { rawValue }
}

public struct BudgetAdjustment: Sendable, Equatable {
    public var date: CivilDate
    public var fen: Int64
    public var note: String?
    /// The kind of funds it adjusts, when stated (`adjust p 10 on D funds 上年结转`).
    public var kind: FundKind? = nil
}

/// Funds received (到位资金) by a project: money that arrived, not money spent.
public struct Receipt: Sendable, Equatable {
    public var fen: Int64
    public var date: CivilDate?
    public var kind: FundKind?
}

/// A payment whose kind of funds is stated. Kept apart from the payment table, which the
/// benchmark's path (payments without kinds) reads alone: the payment itself is in both.
public struct KindPayment: Sendable, Equatable {
    public var project: Int
    public var kind: FundKind
    public var fen: Int64
    public var day: Int32
}

/// Income (收入) stated for a group or the department: by source, for a year.
public struct Income: Sendable, Equatable {
    public var fen: Int64
    /// Free text as the report names it (财政拨款收入, 事业收入, …); nil: the total.
    public var source: String?
    /// nil: the fiscal year.
    public var year: Int?
}

public struct Project: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var source: FundingSource?
    public var category: Category?
    /// 年初预算 in fen; nil when the report does not state it.
    public var initialFen: Int64?
    /// 全年预算 when stated apart from the initial budget (`initial 50 budget 47.318`); nil: the
    /// initial budget plus the dated adjustments.
    public var fullYearFen: Int64?
    /// The dated adjustments (调整), in the order stated.
    public var adjustments: [BudgetAdjustment] {
        get { storedAdjustments }
        set {
            storedAdjustments = newValue
            (adjustmentCount, adjustmentsTotal) = Project.summary(of: newValue)
        }
    }
    private var storedAdjustments: [BudgetAdjustment] = []
    /// How many adjustments there are and their sum (nil past 64 bits), kept with them: a loop over
    /// every project's budget reads these instead of each project's array, a memory access apart.
    public private(set) var adjustmentCount = 0
    public private(set) var adjustmentsTotal: Int64? = 0
    /// The full-year budget by kind of funds (`funds 财政拨款 100, 上年结转 20`).
    public var budgetByKind: [FundKind: Int64] = [:]
    /// 到位资金 stated with `received`.
    public var receipts: [Receipt] = []
    public var grade: Grade?
    public var tags: [String] = []
    public var reason: String?
    /// Where it was declared, for "declared at line N".
    public var declaredLine: Int?

    public init(id: String, title: String? = nil, source: FundingSource? = nil, category: Category? = nil,
                initialFen: Int64? = nil, fullYearFen: Int64? = nil, adjustments: [BudgetAdjustment] = [],
                budgetByKind: [FundKind: Int64] = [:], receipts: [Receipt] = [], grade: Grade? = nil,
                tags: [String] = [], reason: String? = nil, declaredLine: Int? = nil) {
        (self.id, self.title, self.source, self.category) = (id, title, source, category)
        (self.initialFen, self.fullYearFen, self.budgetByKind, self.receipts) = (initialFen, fullYearFen, budgetByKind, receipts)
        (self.grade, self.tags, self.reason, self.declaredLine) = (grade, tags, reason, declaredLine)
        self.adjustments = adjustments
    }

    private static func summary(of adjustments: [BudgetAdjustment]) -> (count: Int, total: Int64?) {
        var total: Int64 = 0
        for a in adjustments {
            let (s, o) = total.addingReportingOverflow(a.fen)
            if o { return (adjustments.count, nil) }
            total = s
        }
        return (adjustments.count, total)
    }
}

/// A named group: its predicate, and figures the report states only as totals.
public struct GroupDefinition: Sendable, Equatable {
    public var name: String
    /// nil for the department: every project.
    public var predicate: Expr?
    public var totals: [TotalField: Int64] = [:]
    /// Stated totals by kind of funds (`total g funds 财政拨款 budget 80 paid 70`).
    public var kindTotals: [FundKind: [TotalField: Int64]] = [:]
    /// The number of projects the report states (`total g count 12`), for a group whose projects are not all declared.
    public var count: Int?
    public var income: [Income] = []
    public var declaredLine: Int?
}

/// Everything the session knows about budgets and payments. A value: copying it is cheap (copy on
/// write), which gives statements all-or-nothing effects and what-ifs a baseline to compare with.
public struct BudgetModel: Sendable, Equatable {
    public static func == (a: BudgetModel, b: BudgetModel) -> Bool {
        a.year == b.year && a.unit == b.unit && a.department == b.department && a.departmentTitle == b.departmentTitle
            && a.projects == b.projects && a.payments == b.payments && a.groups == b.groups && a.schedule == b.schedule
            && a.kindPayments == b.kindPayments && a.unitDecimals == b.unitDecimals && a.statedDecimals == b.statedDecimals
    }

    public var year: Int?
    public var unit: MoneyUnit = .wan
    public var department: String?
    public var departmentTitle: String?
    public var projects: OrderedDictionary<String, Project> = [:] { didSet { cache = ModelCache() } }
    public var payments = PaymentTable() { didSet { cache = ModelCache() } }
    /// The payments whose kind of funds is stated (each is also in `payments`).
    public var kindPayments: [KindPayment] = []
    /// The least decimals money shows with in the default unit (`unit 万元 decimals 3`; 2 unless set).
    public var unitDecimals = 2
    /// The most decimals any amount was stated with in the default unit (`budget 47.318`): money
    /// shows as many as it needs up to these, so a stated amount reads as it was written.
    public var statedDecimals = 2
    /// How many decimals money may show with: as few as it needs within this range.
    public var moneyPlaces: ClosedRange<Int> { unitDecimals...max(unitDecimals, statedDecimals) }
    public var groups: OrderedDictionary<String, GroupDefinition> = [:] { didSet { cache = ModelCache() } }
    /// Derived figures of this version of the model (not part of its value: ignored by `==`).
    var cache = ModelCache()
    /// How 序时进度 is computed: months elapsed ÷ 12 (the default) or days elapsed ÷ days in the year.
    public var schedule: ScheduleConvention = .months

    public init() {}

    public var fiscalYear: Period? { year.map { .year($0) } }

    /// Why a project's budget figure cannot be computed.
    enum BudgetProblem: Error {
        /// Its adjustments add up past 64 bits.
        case overflow
        /// Dated adjustments that do not add up to the stated full-year budget less the initial one.
        case disagree(dated: Int64)
        case notStated
    }

    /// The budget figure `which` (the initial budget, the adjustments, or the full-year budget) of
    /// project `p`, from what is stated: a stated full-year budget derives the adjustment, and dated
    /// ones must agree with it.
    func budgetFen(_ which: Figure, of p: Int) -> Result<Int128, BudgetProblem> {
        // Field by field, in place: a copy of the `Project` would retain and release all its fields.
        BudgetModel.budgetFen(which, initial: projects.values[p].initialFen, fullYear: projects.values[p].fullYearFen,
                              adjustments: (projects.values[p].adjustmentCount, projects.values[p].adjustmentsTotal))
    }

    /// `budgetFen(_:of:)` from the project's parts, read in place by a caller going through many
    /// projects; `adjustments` is their number and sum (nil past 64 bits).
    static func budgetFen(_ which: Figure, initial: Int64?, fullYear: Int64?, adjustments: (count: Int, total: Int64?)) -> Result<Int128, BudgetProblem> {
        guard let adj = adjustments.total else { return .failure(.overflow) }
        if let fullYear, let initial, which != .initial {
            let derived = Int128(fullYear) - Int128(initial)
            if adjustments.count > 0, Int128(adj) != derived { return .failure(.disagree(dated: adj)) }
            return .success(which == .adjustments ? derived : Int128(fullYear))
        }
        if which == .adjustments { return .success(Int128(adj)) }
        guard let initial else { return .failure(.notStated) }
        return .success(which == .initial ? Int128(initial) : Int128(initial) + Int128(adj))
    }

    func hasPayments(_ p: Int) -> Bool {
        payments.count(project: p) > 0
    }

    /// Whether a project's payments are known, so that none means 0: once it has a stated budget
    /// (initial, full-year or by kind of funds) or any payment. A project declared with neither
    /// has unknown payments, not zero.
    func paymentsStated(_ p: Int) -> Bool {
        // Field by field, in place: a copy of the `Project` would retain and release all its fields.
        projects.values[p].initialFen != nil || projects.values[p].fullYearFen != nil || !projects.values[p].budgetByKind.isEmpty
            || hasPayments(p)
    }

    /// Payments of project `p` whose date lies in `[from, through]`, in fen.
    func paidFen(_ p: Int, from: CivilDate?, through: CivilDate?) -> Int128 {
        payments.sum(project: p, from: from?.dayNumber ?? .min, through: through?.dayNumber ?? .max)
    }
}
