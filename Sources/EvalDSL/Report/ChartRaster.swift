/// The charts of a .docx as pictures: the same data and colours as the HTML's SVG charts (Charts),
/// drawn as rectangles; the caption under the picture says what each colour is.
enum ChartRaster {
    static let blue: UInt32 = 0x3A7BD5, orange: UInt32 = 0xD9822B, red: UInt32 = 0xC0392B, grid: UInt32 = 0xD0D0D0, axis: UInt32 = 0x333333
    static let scenarioColors: [UInt32] = [0x7F8C8D, 0x3A7BD5, 0x27AE60, 0x8E44AD, 0xD9822B, 0x16A085]

    /// Cumulative execution per period as bars (orange where it lags), the schedule as a dashed step
    /// line, grid lines every 25%.
    static func progress(_ p: ProgressReport) -> Raster {
        let w = 1200, h = 480, left = 30, right = 30, top = 20, bottom = 30
        var r = Raster(width: w, height: h)
        let plotW = Double(w - left - right), plotH = Double(h - top - bottom)
        let maxRate = max(1.0, p.rows.compactMap { $0.rate.map(Charts.double) }.max() ?? 1)
        func y(_ rate: Double) -> Int { top + Int((plotH - rate / maxRate * plotH).rounded()) }
        for tick in stride(from: 0.25, through: maxRate + 0.0001, by: 0.25) {
            r.hline(y: y(tick), from: left, to: w - right, thickness: 2, color: grid)
        }
        let slot = plotW / Double(max(p.rows.count, 1))
        for (i, row) in p.rows.enumerated() {
            guard let rate = row.rate else { continue }
            let value = max(Charts.double(rate), 0)
            let late = Charts.double(row.schedule) - Charts.double(rate) > Charts.double(p.threshold)
            let x = left + Int((Double(i) * slot + slot * 0.2).rounded())
            r.fill(x: x, y: y(value), width: Int((slot * 0.6).rounded()), height: y(0) - y(value), color: late ? orange : blue)
        }
        // The schedule: a level across each period, a riser between periods.
        var previous: Int?
        for (i, row) in p.rows.enumerated() {
            let x0 = left + Int((Double(i) * slot).rounded()), x1 = left + Int((Double(i + 1) * slot).rounded())
            let sy = y(Charts.double(row.schedule))
            r.hline(y: sy, from: x0, to: x1, thickness: 4, color: red, dash: 14)
            if let previous { r.vline(x: x0, from: previous, to: sy, thickness: 4, color: red, dash: 14) }
            previous = sy
        }
        r.hline(y: y(0), from: left, to: w - right, thickness: 3, color: axis)
        return r
    }

    /// Per row of money or rates, one horizontal bar per scenario (the baseline first), each group
    /// scaled to its largest value; nil when no row has figures to draw.
    static func compare(_ c: CompareReport) -> Raster? {
        let rows = c.rows.filter { $0.values.allSatisfy { Charts.magnitude($0) != nil } }
        guard !rows.isEmpty else { return nil }
        let w = 1200, bar = 26, gap = 8, groupGap = 30, left = 20, right = 40
        let perGroup = rows.first.map { $0.values.count * (bar + gap) } ?? 0
        let h = 20 + rows.count * (perGroup + groupGap)
        var r = Raster(width: w, height: h)
        var y = 20
        for row in rows {
            let numbers = row.values.map { Charts.magnitude($0)! }
            let top = max(numbers.max() ?? 0, 1e-9)
            for (k, n) in numbers.enumerated() {
                let len = Int((max(0, n / top) * Double(w - left - right)).rounded())
                r.fill(x: left, y: y, width: len, height: bar, color: scenarioColors[k % scenarioColors.count])
                y += bar + gap
            }
            r.vline(x: left, from: y - perGroup - 4, to: y - gap + 4, thickness: 3, color: axis)
            y += groupGap
        }
        return r
    }
}
