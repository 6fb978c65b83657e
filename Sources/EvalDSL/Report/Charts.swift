/// Inline SVG charts for HTML reports: no script, no network, one self-contained element each.
enum Charts {
    static let font = "font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif\""

    /// The size of a money or rate value, for scaling bars; nil for other kinds.
    static func magnitude(_ v: Value) -> Double? {
        switch v {
        case .money(let r), .rate(let r): return double(r)
        default: return nil
        }
    }

    /// The text of a money or rate value, the only kinds charts draw.
    static func label(_ v: Value, unit: MoneyUnit) -> String {
        switch v {
        case .money(let m): ValueFormatter(unit: unit).money(m)
        case .rate(let r): ValueFormatter(unit: unit).rate(r)
        case .number, .bool, .text, .date, .period, .project, .group, .undefined: ""
        }
    }

    /// Only for drawing: positions on screen need no exactness.
    static func double(_ r: Rational) -> Double { r.doubleValue }

    static func fmt(_ x: Double) -> String {
        let t = (x * 10).rounded() / 10
        return t == t.rounded() ? String(Int(t)) : String(t)
    }

    /// Cumulative execution per period as bars, the schedule as a stepped line.
    static func progress(_ p: ProgressReport) -> String {
        let w = 640.0, h = 260.0, left = 48.0, right = 16.0, top = 16.0, bottom = 40.0
        let plotW = w - left - right, plotH = h - top - bottom
        let n = Double(max(p.rows.count, 1))
        let slot = plotW / n
        let maxRate = max(1.0, p.rows.compactMap { $0.rate.map(double) }.max() ?? 1)
        func y(_ r: Double) -> Double { top + plotH - (r / maxRate) * plotH }
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(fmt(w)) \(fmt(h))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\" role=\"img\" aria-label=\"累计执行率与序时进度\">"
        for tick in stride(from: 0.0, through: maxRate + 0.0001, by: 0.25) {
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(w - right))\" y2=\"\(fmt(y(tick)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11\" \(font) fill=\"#555\">\(Int((tick * 100).rounded()))%</text>"
        }
        var schedule = ""
        for (i, row) in p.rows.enumerated() {
            let x = left + Double(i) * slot
            if let rate = row.rate {
                let r = double(rate)
                let late = double(row.schedule) - r > double(p.threshold)
                svg += "<rect x=\"\(fmt(x + slot * 0.2))\" y=\"\(fmt(y(max(r, 0))))\" width=\"\(fmt(slot * 0.6))\" height=\"\(fmt(max(0, y(0) - y(max(r, 0)))))\" fill=\"\(late ? "#d9822b" : "#3a7bd5")\"><title>\(ProgressReport.label(row.period)) \(ValueFormatter(unit: p.unit).rate(rate))</title></rect>"
            }
            let sy = y(double(row.schedule))
            schedule += (i == 0 ? "M\(fmt(x)),\(fmt(sy))" : "L\(fmt(x)),\(fmt(sy))") + " L\(fmt(x + slot)),\(fmt(sy)) "
            svg += "<text x=\"\(fmt(x + slot / 2))\" y=\"\(fmt(h - bottom + 16))\" text-anchor=\"middle\" font-size=\"12\" \(font) fill=\"#333\">\(ProgressReport.label(row.period))</text>"
        }
        svg += "<path d=\"\(schedule)\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(0)))\" x2=\"\(fmt(w - right))\" y2=\"\(fmt(y(0)))\" stroke=\"#333\"/>"
        // Legend.
        svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(h - 14))\" width=\"10\" height=\"10\" fill=\"#3a7bd5\"/><text x=\"\(fmt(left + 14))\" y=\"\(fmt(h - 5))\" font-size=\"11\" \(font)>累计执行率</text>"
        svg += "<rect x=\"\(fmt(left + 90))\" y=\"\(fmt(h - 14))\" width=\"10\" height=\"10\" fill=\"#d9822b\"/><text x=\"\(fmt(left + 104))\" y=\"\(fmt(h - 5))\" font-size=\"11\" \(font)>落后序时进度</text>"
        svg += "<line x1=\"\(fmt(left + 200))\" y1=\"\(fmt(h - 9))\" x2=\"\(fmt(left + 220))\" y2=\"\(fmt(h - 9))\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"\(fmt(left + 224))\" y=\"\(fmt(h - 5))\" font-size=\"11\" \(font)>序时进度</text>"
        return svg + "</svg>"
    }

    /// One horizontal bar per scenario for each row of money or rates, scaled to the row's largest value.
    static func compare(_ c: CompareReport) -> String {
        let names = ["基线"] + c.scenarios
        let rows = c.rows.filter { $0.values.allSatisfy { magnitude($0) != nil } }
        guard !rows.isEmpty else { return "" }
        let barH = 16.0, gap = 6.0, labelW = 120.0, w = 640.0
        var yPos = 8.0
        var body = ""
        let colors = ["#7f8c8d", "#3a7bd5", "#27ae60", "#8e44ad", "#d9822b", "#16a085"]
        for row in rows {
            let numbers = row.values.map { magnitude($0)! }
            let top = max(numbers.max() ?? 0, 1e-9)
            body += "<text x=\"0\" y=\"\(fmt(yPos + 12))\" font-size=\"13\" font-weight=\"bold\" \(font)>\(HTMLReportWriter.escape(row.expression))</text>"
            yPos += 20
            for (k, v) in row.values.enumerated() {
                let len = max(0, numbers[k] / top) * (w - labelW - 110)
                body += "<text x=\"\(fmt(labelW - 6))\" y=\"\(fmt(yPos + 12))\" text-anchor=\"end\" font-size=\"12\" \(font)>\(HTMLReportWriter.escape(names[k]))</text>"
                body += "<rect x=\"\(fmt(labelW))\" y=\"\(fmt(yPos))\" width=\"\(fmt(len))\" height=\"\(fmt(barH))\" fill=\"\(colors[k % colors.count])\"/>"
                body += "<text x=\"\(fmt(labelW + len + 6))\" y=\"\(fmt(yPos + 12))\" font-size=\"12\" \(font)>\(HTMLReportWriter.escape(label(v, unit: c.unit)))</text>"
                yPos += barH + gap
            }
            yPos += 8
        }
        return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(fmt(w)) \(fmt(yPos))\" width=\"\(fmt(w))\" height=\"\(fmt(yPos))\" role=\"img\" aria-label=\"情景对比\">" + body + "</svg>"
    }
}
