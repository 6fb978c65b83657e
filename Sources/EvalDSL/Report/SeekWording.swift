extension SeekAnswer {
    /// The answer in a report's words: names as written, without the notebook's backticks.
    public func text(_ language: ReportLanguage) -> String {
        func when(_ w: When) -> String {
            switch w {
            case .on(let d): ReportText.seekOn.text(language, d)
            case .in(let p): ReportText.seekIn.text(language, p)
            case .at(let v): ReportText.seekAt.text(language, v)
            case .anyMonth(let y): ReportText.seekAnyMonth.text(language, y)
            }
        }
        func budget(_ b: Budget) -> String {
            switch b {
            case .project(let n): ReportText.seekProjectBudget.text(language, n)
            case .group(let n): ReportText.seekGroupBudget.text(language, n)
            }
        }
        func amount(_ a: Amount) -> String {
            switch a {
            case .rest(let m): ReportText.seekRest.text(language, m)
            case .given(let m): m
            }
        }
        func effect(_ e: Effect?) -> String { e.map { ReportText.seekEffect.text(language, $0.what, $0.before, $0.after) } ?? "" }
        switch self {
        case let .holds(c, who, w): return ReportText.seekHolds.text(language, c, who, when(w))
        case let .nothingLeft(c, b, w, over): return ReportText.seekNothingLeft.text(language, c, budget(b), when(w), over.map { ReportText.seekOverpaid.text(language, $0) } ?? "")
        case let .notEnough(c, m, b, w, e): return ReportText.seekNotEnough.text(language, c, m, budget(b), when(w), effect(e))
        case let .atLeast(c, who, m, w, e): return ReportText.seekAtLeast.text(language, who, when(w), m, c, effect(e))
        case let .nothingLeftAnyMonth(c, who, y): return ReportText.seekNothingLeftAnyMonth.text(language, c, who, y)
        case let .never(c, who, a, y): return ReportText.seekNever.text(language, c, who, y, amount(a))
        case let .latestMonth(c, who, a, month, months, e):
            let also = months.map { ReportText.seekAlso.text(language, $0.joined(separator: language == .zh ? "、" : ", ")) } ?? ""
            return ReportText.seekLatest.text(language, who, month, amount(a), c, also, effect(e))
        }
    }
}
