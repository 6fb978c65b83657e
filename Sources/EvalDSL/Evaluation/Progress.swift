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
    /// as a table with a bar per period, then the projects that lag the schedule by more than T.
    func progress(_ gExpr: Expr, byMonth: Bool, lag: Expr?) throws(Diagnostic) -> String {
        guard let fy = model.year else { throw Diagnostic(.noFiscalYear, gExpr.range) }
        let g = try groupValue(try eval(gExpr), gExpr.range, context: "progress")
        let f = ValueFormatter(unit: model.unit)
        var threshold = Rational(uncheckedNum: 1, den: 10)   // 10 percentage points
        if let lag {
            guard case .rate(let t) = try eval(lag) else {
                throw Diagnostic(.wrongArgumentType(function: "progress", argument: "`lag`", expected: "percentage points such as `10pp`", got: "something else"), lag.range)
            }
            threshold = t
        }
        let periods: [Period] = byMonth ? (1...12).map { .month(year: fy, month: $0) } : (1...4).map { .quarter(year: fy, quarter: $0) }
        let label: (Period) -> String = { p in
            switch p {
            case .month(_, let m): "\(m)月"
            case .quarter(_, let q): "Q\(q)"
            case .year(let y): "\(y)"
            }
        }
        let yearStart = Period.year(fy).first
        guard case .money(let budget) = try figure("budget", .group(g), gExpr.range) else { return "" }
        var rows: [[String]] = []
        for period in periods {
            if interrupt() { throw Diagnostic(.interrupted, gExpr.range) }
            let paid = Rational(uncheckedNum: try paidFen(.group(g), (yearStart, period.last, period.last == Period.year(fy).last), gExpr.range), den: 1)
            let sched = try schedule(at: period.last)
            guard let rate = try checked(gExpr.range, { () throws(Rational.Overflow) in try paid.divided(by: budget) }) else {
                rows.append([label(period), f.money(paid, withUnit: false), "undefined", f.rate(sched), "", ""])
                continue
            }
            rows.append([label(period), f.money(paid, withUnit: false), f.rate(rate), f.rate(sched),
                         f.difference(.rate(rate), .rate(sched)) ?? "", Evaluator.bar(rate)])
        }
        let table = TextTable(headers: ["期间", "累计支出(\(model.unit.rawValue))", "累计执行率", "序时进度", "差异", "执行进度"],
                              alignments: [.left, .right, .right, .right, .right, .left], rows: rows)
        var out = table.render()

        // The projects behind the schedule by more than the threshold, with the periods where they are.
        var lagRows: [[String]] = []
        for m in g.members {
            let project = model.projects.values[m]
            guard case .money(let b)? = try? figure("budget", .project(m), gExpr.range), !b.isZero else { continue }
            var cells: [String] = []
            var lags = false
            for period in periods {
                let paid = Rational(uncheckedNum: try paidFen(.project(m), (yearStart, period.last, false), gExpr.range), den: 1)
                let rate = try checked(gExpr.range) { () throws(Rational.Overflow) in try paid.divided(by: b)! }
                let sched = try schedule(at: period.last)
                let behind = try checked(gExpr.range) { () throws(Rational.Overflow) in try sched.subtracting(rate) }
                let late = threshold < behind
                lags = lags || late
                cells.append(f.rate(rate) + (late ? "!" : ""))
            }
            if lags { lagRows.append([project.id] + cells) }
        }
        let pp = (try? threshold.multiplied(by: Rational(100)))?.decimalText(places: 2) ?? "?"
        if lagRows.isEmpty {
            out += "\nno project lags the schedule by more than \(pp) pp"
        } else {
            out += "\nprojects more than \(pp) pp behind the schedule (! marks the periods):\n"
            out += TextTable(headers: ["编号"] + periods.map(label), alignments: [.left] + periods.map { _ in .right }, rows: lagRows).render()
        }
        return out
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
