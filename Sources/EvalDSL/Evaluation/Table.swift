extension Evaluator {
    static let attributeTitles: [String: String] = [
        "id": "编号", "name": "项目名称", "source": "资金来源", "category": "支出类别",
        "grade": "自评等级", "tags": "标签", "reason": "说明",
    ]

    static let figureTitles: [String: String] = [
        "budget": "预算", "initial": "年初预算", "adjustments": "调整", "paid": "支出",
        "rate": "执行率", "unspent": "结余",
    ]

    static let defaultColumns = ["id", "name", "source", "budget", "paid", "rate", "grade"]

    /// `table G [columns …]`: one row per project, and a 合计 row with the group's own figures
    /// (its stated totals where the report gives them). Cells stay typed: each writer formats them.
    func table(_ subjectExpr: Expr, columns: [TableColumn]) throws(Diagnostic) -> Table {
        let g = try groupValue(try eval(subjectExpr), subjectExpr.range, context: "table")
        let cols = columns.isEmpty
            ? Evaluator.defaultColumns.map { TableColumn(name: Name(text: $0, range: subjectExpr.range), title: nil) }
            : columns
        var headers: [String] = []
        var alignments: [Table.Alignment] = []
        for c in cols {
            let n = c.name.text
            if let t = Evaluator.attributeTitles[n] {
                headers.append(c.title ?? t)
                alignments.append(.left)
            } else if let t = Evaluator.figureTitles[n] {
                headers.append(c.title ?? (n == "rate" ? t : "\(t)(\(model.unit.rawValue))"))
                alignments.append(.right)
            } else if case .indicator(let params, _, _)? = bindings[n], params.count == 1 {
                headers.append(c.title ?? n)
                alignments.append(.right)
            } else {
                let known = Array(Evaluator.attributeTitles.keys) + Array(Evaluator.figureTitles.keys)
                throw Diagnostic(.unknownName(n, wanted: L("column"), suggestion: nearest(n, in: known).map { .init(name: $0, line: nil) }), c.name.range)
            }
        }
        func cell(_ column: String, _ subject: Value) throws(Diagnostic) -> Table.Cell {
            let v: Value
            do {
                if case .indicator(let params, let body, _)? = bindings[column] {
                    v = try callIndicator(column, params: params, body: body, args: [subject], subjectExpr.range)
                } else if column == "paid" {
                    v = .money(Rational(uncheckedNum: try paidFen(subject, try paymentWindow(by: nil, in: nil, subjectExpr.range), subjectExpr.range), den: 1))
                } else if column == "rate" {
                    // What `rate(subject)` computes (Builtins), without building a call per row.
                    let range = subjectExpr.range
                    let window = try paymentWindow(by: nil, in: nil, range)
                    let paid = try paidFen(subject, window, range)
                    if case .money(let budget) = try figure("budget", subject, range) {
                        if let r = try checked(range, { () throws(Rational.Overflow) in try Rational(paid, 1).divided(by: budget) }) {
                            v = .rate(r)
                        } else {
                            v = .undefined(L("zero budget"))
                        }
                    } else {
                        v = .undefined(L("budget"))
                    }
                } else {
                    v = try figure(column, subject, subjectExpr.range)
                }
            } catch {
                // A figure the report does not state shows as a dash; other errors are real.
                if case .budgetNotStated = error.kind { return .notStated }
                if case .notDerivable = error.kind { return .notStated }
                throw error
            }
            // Money shows without its unit: the column's header names it.
            if case .money(let m) = v { return .money(m, unit: model.unit, withUnit: false) }
            return Table.Cell(v, unit: model.unit, model: model)
        }
        var rows: [[Table.Cell]] = []
        // Each column's kind decided once, and each attribute read where it is used: a whole
        // `Project` copied per row (a dozen references retained and released) and the column's name
        // compared with each attribute's per cell were a tenth of an export's instructions.
        let kinds = cols.map { RowColumn($0.name.text) }
        let projects = model.projects.values
        rows.reserveCapacity(g.members.count)
        for m in g.members {
            if interrupt() { throw Diagnostic(.interrupted, subjectExpr.range) }
            var row: [Table.Cell] = []
            row.reserveCapacity(cols.count)
            for kind in kinds {
                switch kind {
                case .id: row.append(.text(projects[m].id))
                case .name: row.append(.text(projects[m].title ?? ""))
                case .source: row.append(.text(projects[m].source?.name ?? ""))
                case .category: row.append(.text(projects[m].category?.rawValue ?? ""))
                case .grade: row.append(.text(projects[m].grade?.rawValue ?? ""))
                case .tags: row.append(.text(projects[m].tags.joined(separator: ", ")))
                case .reason: row.append(.text(projects[m].reason ?? ""))
                case .figure(let name): row.append(try cell(name, .project(m)))
                }
            }
            rows.append(row)
        }
        var footer: [[Table.Cell]] = []
        if alignments.contains(.right) {
            var total: [Table.Cell] = []
            for (i, c) in cols.enumerated() {
                if alignments[i] == .left {
                    total.append(.text(i == 0 ? "合计" : ""))
                } else {
                    total.append(try cell(c.name.text, .group(g)))
                }
            }
            footer.append(total)
        }
        var notes: [Table.Note] = []
        // Only a total some statement states can differ from its rows: a group without one adds them up.
        let statesTotals = g.name.flatMap { model.groups[$0]?.totals.isEmpty == false } ?? false
        if statesTotals, let total = footer.first {
            for (i, c) in cols.enumerated() where alignments[i] == .right {
                let column = rows.map { $0[i] }
                if let note = try totalNote(c.name.text, stated: total[i], rows: column, members: g.members, subjectExpr.range) {
                    notes.append(Table.Note(row: 0, column: i, text: Table.noteMark + " 合计 " + note))
                }
            }
        }
        return Table(headers: headers, alignments: alignments, rows: rows, footer: footer, notes: notes, moneyPlaces: model.moneyPlaces)
    }
}

/// What a table's column shows of each project: an attribute read from it, or a figure computed.
private enum RowColumn {
    case id, name, source, category, grade, tags, reason
    case figure(String)

    init(_ name: String) {
        switch name {
        case "id": self = .id
        case "name": self = .name
        case "source": self = .source
        case "category": self = .category
        case "grade": self = .grade
        case "tags": self = .tags
        case "reason": self = .reason
        default: self = .figure(name)
        }
    }
}
