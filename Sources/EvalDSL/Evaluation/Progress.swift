extension Evaluator {
    /// The time-proportional schedule (序时进度) at the end of `day`: months elapsed ÷ 12, or days
    /// elapsed ÷ days in the year rounded to two decimals of a percent.
    func schedule(at day: CivilDate) throws(Diagnostic) -> Rational {
        guard let fy = model.year else { throw Diagnostic(.noFiscalYear, SourceRange(0, 0)) }
        let year = Period.year(fy)
        if day < year.first { return .zero }
        if day >= year.last { return .one }
        let c = day.components
        switch model.schedule {
        case .months:
            let complete = c.day == CivilDate.daysIn(year: c.year, month: c.month) ? c.month : c.month - 1
            return (try? Rational(Int128(complete), 12)) ?? .zero
        case .days:
            let elapsed = Int128(day.dayNumber - year.first.dayNumber + 1)
            let total = Int128(year.last.dayNumber - year.first.dayNumber + 1)
            let exact = (try? Rational(elapsed, total)) ?? .zero
            // Rounded to 2 decimals of a percent, as reports print it.
            return (try? exact.multiplied(by: Rational(100)).rounded(places: 2).divided(by: Rational(100))) .flatMap { $0 } ?? exact
        }
    }

    /// `progress G [by quarter|month] [lag T]`: cumulative execution per period beside the schedule,
    /// and the projects that lag the schedule by more than T in some period.
    func progress(_ gExpr: Expr, byMonth: Bool, lag: Expr?) throws(Diagnostic) -> ProgressReport {
        guard let fy = model.year else { throw Diagnostic(.noFiscalYear, gExpr.range) }
        let g = try groupValue(try eval(gExpr), gExpr.range, context: "progress")
        var threshold = Rational(uncheckedNum: 1, den: 10)   // 10 percentage points
        if let lag {
            let got = try eval(lag)
            guard case .rate(let t) = got else {
                throw Diagnostic(.wrongArgumentType(function: "progress", argument: "`lag`", expected: L("percentage points such as `10pp`"), got: got.gotText), lag.range)
            }
            threshold = t
        }
        let periods: [Period] = byMonth ? (1...12).map { .month(year: fy, month: $0) } : (1...4).map { .quarter(year: fy, quarter: $0) }
        let yearStart = Period.year(fy).first
        guard case .money(let budget) = try figure(.budget, .group(g), gExpr.range) else {
            throw Diagnostic(.undefinedValue(L("the group's budget")), gExpr.range)
        }
        var report = ProgressReport(unit: model.unit, periods: periods, threshold: threshold)
        for period in periods {
            if interrupt() { throw Diagnostic(.interrupted, gExpr.range) }
            let paid = Rational(uncheckedNum: try paidFen(.group(g), (yearStart, period.last, period.last == Period.year(fy).last), gExpr.range), den: 1)
            let rate = try checked(gExpr.range) { () throws(Rational.Overflow) in try paid.divided(by: budget) }
            report.rows.append(.init(period: period, paidFen: paid, rate: rate, schedule: try schedule(at: period.last)))
        }
        // The schedule at each period's end is the same for every project: computed once. A project
        // is late in a period when schedule − rate > threshold, that is rate < schedule − threshold:
        // with a whole-fen budget, a comparison of cross-products (ProjectFigure), no Rational made
        // unless the project lags and its rates are reported.
        var schedules: [Rational] = [], bars: [ProjectFigure.Constant?] = []
        for period in periods {
            let sched = try schedule(at: period.last)
            schedules.append(sched)
            bars.append(ProjectFigure.Constant(.rate(try checked(gExpr.range) { () throws(Rational.Overflow) in try sched.subtracting(threshold) })))
        }
        for m in g.members {
            if interrupt() { throw Diagnostic(.interrupted, gExpr.range) }
            guard case .money(let b)? = try? figure(.budget, .project(m), gExpr.range), !b.isZero else { continue }
            let paid = try periods.map { period throws(Diagnostic) in try paidFen(.project(m), (yearStart, period.last, false), gExpr.range) }
            var late: [Bool] = []
            if case let (bn, bd)? = b.smallParts, bd == 1, !bars.contains(where: { $0 == nil }) {
                for k in periods.indices { late.append(ProjectFigure.ratio(paid: paid[k], budget: bn).order(against: bars[k]!) == -1) }
                guard late.contains(true) else { continue }
            }
            var rates: [Rational] = []
            for k in periods.indices {
                let rate = try checked(gExpr.range) { () throws(Rational.Overflow) in try Rational(uncheckedNum: paid[k], den: 1).divided(by: b)! }
                rates.append(rate)
                if late.count < periods.count {
                    let sched = schedules[k]
                    let behind = try checked(gExpr.range) { () throws(Rational.Overflow) in try sched.subtracting(rate) }
                    late.append(threshold < behind)
                }
            }
            if late.contains(true) { report.lagging.append(.init(project: model.projects.values[m].id, rates: rates, late: late)) }
        }
        return report
    }

    /// A bar of eighth blocks, 20 cells for 100%, capped at 100% with a `+` beyond.
    static func bar(_ rate: Rational) -> String {
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        guard !rate.isNegative else { return "" }
        let capped = rate > .one ? Rational.one : rate
        let eighths = Int(((try? capped.multiplied(by: Rational(160)).rounded(places: 0)) ?? .zero).num)
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8] + (rate > .one ? "+" : "")
    }
}

/// The result of `progress`: kept structured so reports can draw it as a chart.
public struct ProgressReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var period: Period
        public var paidFen: Rational
        /// nil when the budget is zero.
        public var rate: Rational?
        public var schedule: Rational
    }
    public struct Lagging: Sendable, Equatable {
        public var project: String
        public var rates: [Rational]
        public var late: [Bool]
    }

    public var unit: MoneyUnit
    public var periods: [Period]
    public var threshold: Rational
    public var rows: [Row] = []
    public var lagging: [Lagging] = []

    public static func label(_ p: Period) -> String {
        switch p {
        case .month(_, let m): "\(m)月"
        case .quarter(_, let q): "Q\(q)"
        case .year(let y): "\(y)"
        }
    }

    public var table: Table {
        let rows = rows.map { r -> [Table.Cell] in
            let paid = Table.Cell.money(r.paidFen, unit: unit, withUnit: false)
            // No rate (a zero budget): no difference, and an empty bar.
            guard let rate = r.rate else {
                return [.text(ProgressReport.label(r.period)), paid, .undefined("zero budget"), .rate(r.schedule), .text(""), .bar(.zero)]
            }
            return [.text(ProgressReport.label(r.period)), paid, .rate(rate), .rate(r.schedule),
                    .difference(.rate(rate), from: .rate(r.schedule), unit: unit), .bar(rate)]
        }
        return Table(headers: ["期间", "累计支出(\(unit.rawValue))", "累计执行率", "序时进度", "差异", "执行进度"],
                     alignments: [.left, .right, .right, .right, .right, .left], rows: rows)
    }

    public var thresholdText: String { ((try? threshold.multiplied(by: Rational(100)))?.decimalText(places: 2) ?? "?") + L(" pp") }

    public var laggingTable: Table {
        Table(headers: ["编号"] + periods.map(ProgressReport.label), alignments: [.left] + periods.map { _ in .right },
              rows: lagging.map { l in [.text(l.project)] + zip(l.rates, l.late).map { $1 ? .marked(.rate($0), "!") : .rate($0) } })
    }

    public var rendered: String {
        var out = table.render()
        if lagging.isEmpty {
            out += "\n" + L("no project lags the schedule by more than \(thresholdText)")
        } else {
            out += "\n" + L("projects more than \(thresholdText) behind the schedule (! marks the periods):") + "\n" + laggingTable.render()
        }
        return out
    }
}
