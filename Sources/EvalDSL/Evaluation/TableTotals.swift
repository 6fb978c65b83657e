extension Evaluator {
    /// The money columns whose 合计 is the sum of its rows unless a `total` states it.
    static let summedColumns: Set<String> = ["budget", "initial", "adjustments", "paid", "unspent"]

    /// What to say under a table whose 合计 cell `stated` differs from what its rows give: for a
    /// money column, the sum of the rows shown; for `rate`, the members' summed paid over their
    /// summed budget. Nil when they agree, or when a row has no figure to add (`—`): then the rows
    /// add up to nothing to compare with.
    func totalNote(_ column: String, stated: Table.Cell, rows: [Table.Cell], members: [Int], _ range: SourceRange) throws(Diagnostic) -> String? {
        if case .indicator? = bindings[column] { return nil }   // an indicator: not a sum of its rows
        let f = ValueFormatter(unit: model.unit)
        func money(_ r: Rational) -> String { f.money(r, within: model.moneyPlaces) }
        if Evaluator.summedColumns.contains(column) {
            guard case .money(let total, _, _) = stated, !rows.isEmpty else { return nil }
            var sum = Rational(0)
            for cell in rows {
                guard case .money(let m, _, _) = cell else { return nil }
                sum = sum + m
            }
            guard sum != total else { return nil }
            let d = total - sum
            return L("states \(money(total)) for \(column); the rows shown add up to \(money(sum)) (difference \(Table.signed(d, money(d))))")
        }
        guard column == "rate", case .rate(let rate) = stated, !members.isEmpty else { return nil }
        // The rows' own budgets and payments, whether or not the table shows them.
        var budget = Rational(0), paid = Rational(0)
        let window = try paymentWindow(by: nil, in: nil, range)
        for m in members {
            do {
                guard case .money(let b) = try figure("budget", .project(m), range) else { return nil }
                budget = budget + b
                paid = paid + Rational(uncheckedNum: try paidFen(.project(m), window, range), den: 1)
            } catch {
                // A row without a stated budget or payments: nothing to compare with.
                if case .budgetNotStated = error.kind { return nil }
                if case .notDerivable = error.kind { return nil }
                throw error
            }
        }
        guard let summed = try? paid.divided(by: budget), summed != rate else { return nil }
        let d = rate - summed
        let points = ((try? d.multiplied(by: Rational(100))) ?? d).decimalText(places: 2)
        return L("states \(Table.unitless.rate(rate)) for rate (from its stated figures); the rows give \(Table.unitless.rate(summed)) (difference \(Table.signed(d, points + L(" pp"))))")
    }
}
