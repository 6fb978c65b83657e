/// The language a report's own wording is in (headings, captions, table headers of the findings);
/// the script's prose and labels are shown as written.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en
}

/// Every piece of wording report mode adds to a script's content, in both languages, in one place
/// (the message catalogue folds it in). Chinese is what a finance bureau reads.
public enum ReportText: Sendable, CaseIterable {
    case findingsHeading, assumptionsHeading, appendixHeading
    case checkItem, checkStated, checkComputed, checkResult, checkAgrees, checkDiffers, checkMarkedButHolds
    case findingNumber, findingDifference, findingExplanation, findingUnexplained, findingHoldsExplanation
    case allAgree, noChecks
    case inputFile, inputHash, inputScript, inputsIntro
    case settingYear, settingUnit, parameter, parameterFromCommandLine, scenario, scenariosIntro
    case progressCaption, compareCaption, baseline, noLag, lagging
    case formTitle, formWhatIf, formStated, formUndefined, formIndicatorHeaders
    case underScenario, colorNames
    case yes, no, lagMark
    case levelWeights, allWeights, gradeOfStatedTotal
    case seekHolds, seekNothingLeft, seekNotEnough, seekAtLeast, seekNothingLeftAnyMonth, seekNever, seekLatest
    case percentagePoints
    case changePay, changeRest, changeMove, changeCancel, changeAdjust, changeActual, changeScenario
    case seekAlso, seekOverpaid, seekRest, seekProjectBudget, seekGroupBudget, seekOn, seekIn, seekAt, seekAnyMonth, seekEffect

    /// The wording in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let (zh, en) = pair
        switch language {
        case .zh: return zh
        case .en: return en
        }
    }

    private var pair: (String, String) {
        switch self {
        case .findingsHeading: ("核对结果", "Checks")
        case .assumptionsHeading: ("假设与设定", "Assumptions and settings")
        case .appendixHeading: ("附录：输入文件", "Appendix: input files")
        case .checkItem: ("核对项", "Check")
        case .checkStated: ("报告数", "Stated")
        case .checkComputed: ("计算数", "Computed")
        case .checkResult: ("结果", "Result")
        case .checkAgrees: ("✓ 一致", "✓ agrees")
        case .checkDiffers: ("✗ 不一致（见第%d项）", "✗ differs (see no. %d)")
        case .checkMarkedButHolds: ("✗ 已标为问题但核对一致（见第%d项）", "✗ marked as a finding but holds (see no. %d)")
        case .findingNumber: ("序号", "No.")
        case .findingDifference: ("差异", "Difference")
        case .findingExplanation: ("说明", "Explanation")
        case .findingUnexplained: ("未说明原因", "not explained")
        case .findingHoldsExplanation: ("核对一致，但脚本将其标为问题：数据或脚本已变化", "holds, but the script marks it as a finding: the data or the script changed")
        // %d: checked, agreeing, differing.
        case .allAgree: ("共核对 %d 项，%d 项一致，%d 项不一致。", "%d checks: %d agree, %d differ.")
        case .noChecks: ("本报告未核对任何数据。", "This report checks no figures.")
        case .inputFile: ("文件", "File")
        case .inputHash: ("SHA-256", "SHA-256")
        case .inputScript: ("（分析脚本）", " (the analysis script)")
        case .inputsIntro: ("本报告由以下文件计算生成；文件内容变化时，校验值随之变化。", "This report was computed from these files; their checksums change when their content does.")
        case .settingYear: ("预算年度：%@", "Budget year: %@")
        case .settingUnit: ("金额单位：%@", "Money unit: %@")
        case .parameter: ("参数 %@ = %@", "Parameter %@ = %@")
        case .parameterFromCommandLine: ("（运行时指定）", " (set when run)")
        case .scenario: ("情景“%@”：%@", "Scenario “%@”: %@")
        case .scenariosIntro: ("以下情景为假设测算，不改变实际数据：", "These scenarios are hypothetical and change no actual figure:")
        case .progressCaption: ("图%d  累计执行率与序时进度（自左至右依次为%@；蓝色柱：累计执行率；橙色柱：落后序时进度超过%@的期间；红色虚线：序时进度；横向网格线每格25%%）", "Figure %d  Cumulative execution against the schedule (left to right: %@; blue: cumulative rate; orange: periods more than %@ behind; red dashes: the schedule; grid lines every 25%%)")
        // %d %@ %@: the figure's number, its periods, the lag threshold.
        case .compareCaption: ("图%d  情景对比（各组依次对应上表各行；每组自上而下依次为：%@；各组按本组最大值缩放，数值见上表）", "Figure %d  Scenarios compared (one group per row of the table above, in order; top to bottom in each group: %@; each group scaled to its largest value)")
        case .baseline: ("基线", "baseline")
        case .noLag: ("没有项目落后序时进度超过%@。", "No project lags the schedule by more than %@.")
        case .lagging: ("落后序时进度超过%@的项目：", "Projects more than %@ behind the schedule:")
        case .formTitle: ("项目支出绩效自评表", "Project expenditure performance self-evaluation form")
        case .formWhatIf: ("假设测算：%@（表中填报数仅作对照，不计入核对）", "What-if: %@ (the stated cells are compared, not counted as checks)")
        case .formStated: ("填报 %@", "stated %@")
        case .formUndefined: ("无法计算", "undefined")
        case .formIndicatorHeaders: ("一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|自评得分|偏差原因分析及改进措施", "Level 1|Level 2|Indicator|Target|Actual|Weight|Score|Stated score|Deviation and measures")
        case .underScenario: ("%@（情景“%@”）", "%@ (scenario “%@”)")
        // The colours of ChartRaster.scenarioColors, in order.
        case .colorNames: ("灰|蓝|绿|紫|橙|青", "grey|blue|green|purple|orange|teal")
        // A form's checks of its weights (%@: the 一级) and of its grade against its stated total.
        case .levelWeights: ("%@ 分值合计", "%@ weights")
        case .allWeights: ("全部分值合计", "All weights")
        case .gradeOfStatedTotal: ("自评等级（按填报总分%@）", "Grade of the stated total %@")
        // A scenario's changes: the project, then when, then how much.
        case .changePay: ("%@%@支付%@", "%@ pays, %@, %@")
        case .changeRest: ("余下的全部预算", "the rest of its budget")
        case .changeMove: ("%@原在%@的支付改为%@支付", "%@'s payments in %@ are made on %@ instead")
        case .changeCancel: ("%@%@的支付不发生", "%@'s payments %@ are not made")
        case .changeAdjust: ("%@预算调整 %@", "%@'s budget changes by %@")
        case .changeActual: ("%@“%@”的实际完成值为“%@”", "%@: the actual value of “%@” is “%@”")
        case .changeScenario: ("情景“%@”的全部变化", "the changes of scenario “%@”")
        // A change of a rate: +19.42个百分点.
        case .percentagePoints: ("%@个百分点", "%@ pp")
        // `seek`'s answers (SeekAnswer): the condition, who pays, when, how much; the same order in both.
        case .seekHolds: ("%@ 已经成立：%@%@无需支付任何款项", "%@ already holds: %@ need not pay anything %@")
        case .seekNothingLeft: ("在预算内无法使 %@ 成立：%@已无余额可%@支付%@", "%@ cannot be reached within the budget: nothing is left of %@ to pay %@%@")
        case .seekNotEnough: ("在预算内无法使 %@ 成立：即使将余下的 %@（%@）全部%@支付也不够%@", "%@ cannot be reached within the budget: even paying all %@ left of %@ %@ is not enough%@")
        case .seekAtLeast: ("%@须%@至少支付 %@，方能使 %@ 成立%@", "%@ must pay, %@, at least %@ for %@%@")
        case .seekNothingLeftAnyMonth: ("无法使 %@ 成立：%@的预算已无余额可在%@年任何月份支付", "%@ cannot be reached: nothing is left of %@'s budget to pay in any month of %@")
        case .seekNever: ("无法使 %@ 成立：%@在%@年任何月份支付%@都不够", "%@ cannot be reached with %@ paying, in any month of %@, %@")
        case .seekLatest: ("%@须最迟在%@支付%@，方能使 %@ 成立%@%@", "%@ must pay, in %@ at the latest, %@ for %@%@%@")
        case .seekAlso: ("（在%@支付均可）", " (it holds for payments in %@)")
        case .seekOverpaid: ("（已超支 %@）", " (it is overpaid by %@)")
        case .seekRest: ("余下的全部预算（%@）", "the rest of its budget (%@)")
        case .seekProjectBudget: ("%@的预算", "%@'s budget")
        case .seekGroupBudget: ("%@的预算", "the budget of %@")
        case .seekOn: ("于%@", "on %@")
        case .seekIn: ("在%@", "in %@")
        case .seekAt: ("在%@", "at %@")
        case .seekAnyMonth: ("在%@年任何月份", "in any month of %@")
        case .seekEffect: ("；%@：%@ → %@", "; %@: %@ → %@")
        // A true/false value as a report states it.
        case .yes: ("是", "yes")
        case .no: ("否", "no")
        // Under the lag table: what its ▲ marks (%@: the threshold).
        case .lagMark: ("注：▲ 表示该期间累计执行率落后序时进度超过%@。", "▲ marks a period more than %@ behind the schedule.")
        }
    }

    /// The wording with its `%d` and `%@` filled in order.
    public func text(_ language: ReportLanguage, _ args: any CustomStringConvertible...) -> String {
        var out = ""
        var rest = Substring(text(language))
        var next = args.makeIterator()
        while let i = rest.firstIndex(of: "%") {
            out += rest[..<i]
            let spec = rest.index(after: i)
            guard spec < rest.endIndex else { out += "%"; rest = rest[spec...]; break }
            switch rest[spec] {
            case "%": out += "%"
            case "d", "@": out += next.next()?.description ?? ""
            default: out += String(rest[i...spec])
            }
            rest = rest[rest.index(after: spec)...]
        }
        return out + rest
    }

    /// Chinese numerals for section numbers: 1 → 一, 12 → 十二, 21 → 二十一 (up to 99).
    public static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0 && n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }

    /// The number a Chinese numeral writes: 一 → 1, 十二 → 12, 二十一 → 21; nil for anything else.
    public static func chineseValue(_ s: some StringProtocol) -> Int? {
        (1..<100).first { chineseNumber($0) == String(s) }
    }

    /// A section number as written in a heading: 一、 (level 1), （一） (level 2), 1. (deeper).
    public static func sectionMark(_ n: Int, level: Int) -> String {
        switch level {
        case 1: chineseNumber(n) + "、"
        case 2: "（" + chineseNumber(n) + "）"
        default: "\(n)."
        }
    }
}
