/// A table as WordprocessingML lays it out: a grid of column widths, rows of cells that may span
/// columns (`w:gridSpan`) or continue the cell above (`w:vMerge`), every border drawn.
struct DocxTable {
    enum Merge { case none, restart, continued }

    struct Cell {
        var text: String
        var span = 1
        var merge = Merge.none
        var right = false
        var bold = false
        /// A header cell: shaded, centred.
        var header = false
    }

    /// The widest cell (in display columns) of a text column sized to fit, like a figure column.
    static let shortCode = 12

    /// About how wide `text` prints at 五号 (10.5 pt, 210 twips an em) in Times New Roman and a
    /// Chinese font: from the Latin glyphs' widths in thousandths of an em, anything else a full em.
    static func textTwips(_ text: String) -> Int {
        var thousandths = 0
        for ch in text {
            // Symbols (✓, ▲) come from the Chinese font too: a full em.
            if !ch.isASCII { thousandths += 1000; continue }
            switch ch {
            case "M", "W", "m", "w", "%": thousandths += 889
            case "A"..."Z": thousandths += 722
            case ".", ",", ":", ";", " ", "i", "j", "l", "f", "t", "r", "I": thousandths += 333
            default: thousandths += 500
            }
        }
        return (thousandths * 210 + 999) / 1000
    }

    /// Column widths in twips (twentieths of a point).
    var widths: [Int]
    var rows: [[Cell]]
    /// How many leading rows repeat on each page.
    var headerRows = 1

    /// Widths for columns whose texts are `texts` (rows of cells, spans ignored), filling `total`:
    /// each column in proportion to its widest text, within bounds, so figures never wrap.
    static func widths(_ texts: [[String]], columns: Int, total: Int, fixed: [Int: Int] = [:]) -> [Int] {
        var want = Array(repeating: 4, count: columns)
        for row in texts where row.count == columns {
            for (i, t) in row.enumerated() {
                let w = t.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
                want[i] = max(want[i], min(w + 2, 60))
            }
        }
        let fixedTotal = fixed.values.reduce(0, +)
        let free = want.indices.filter { fixed[$0] == nil }
        let sum = max(free.map { want[$0] }.reduce(0, +), 1)
        var out = want.indices.map { fixed[$0] ?? max(400, (total - fixedTotal) * want[$0] / sum) }
        // The rounding remainder goes to the widest column, so the table fills the text width exactly.
        if let widest = free.max(by: { out[$0] < out[$1] }) { out[widest] += total - out.reduce(0, +) }
        return out
    }

    var xml: String {
        let total = widths.reduce(0, +)
        var out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        out += "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
            "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }.joined() + "</w:tblBorders>"
        out += "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\"/></w:tblPr>"
        out += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for (r, row) in rows.enumerated() {
            out += "<w:tr><w:trPr><w:cantSplit/>" + (r < headerRows ? "<w:tblHeader/>" : "") + "</w:trPr>"
            var column = 0
            for cell in row {
                let width = widths[column..<min(column + cell.span, widths.count)].reduce(0, +)
                column += cell.span
                out += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if cell.span > 1 { out += "<w:gridSpan w:val=\"\(cell.span)\"/>" }
                switch cell.merge {
                case .none: break
                case .restart: out += "<w:vMerge w:val=\"restart\"/>"
                case .continued: out += "<w:vMerge/>"
                }
                if cell.header { out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>" }
                out += "<w:vAlign w:val=\"center\"/></w:tcPr>"
                let jc = cell.header ? "center" : cell.right ? "right" : nil
                let text = cell.merge == .continued ? "" : cell.text
                out += DocxXML.paragraph(text.isEmpty ? "" : DocxXML.run(text, bold: cell.bold), style: "TableText", jc: jc)
                out += "</w:tc>"
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }
}

extension DocxTable {
    /// A report table: its header row, its rows, its footer in bold; figure columns right-aligned;
    /// columns of text bars left out (the chart after the table draws them).
    init(_ t: Table, width: Int) {
        let bars = Set(t.headers.indices.filter { i in !t.rows.isEmpty && t.rows.allSatisfy { i < $0.count && $0[i].isBar } })
        let shown = t.headers.indices.filter { !bars.contains($0) }
        let (body, footer) = t.texts(grouping: true, aligned: false)
        let pick = { (row: [String]) in shown.map { $0 < row.count ? row[$0] : "" } }
        let right = shown.map { $0 < t.alignments.count && t.alignments[$0] == .right }
        var rows: [[Cell]] = [shown.map { Cell(text: t.headers[$0], header: true) }]
        for r in body { rows.append(zip(pick(r), right).map { Cell(text: $0, right: $1) }) }
        for r in footer { rows.append(zip(pick(r), right).map { Cell(text: $0, right: $1, bold: true) }) }
        // Figures never wrap: a figure column is as wide as its widest figure (五号: 105 twips a
        // column of text, plus the cell's margins); nor do short codes (编号, 资金来源, 自评等级):
        // a text column whose every cell is short is as wide as its widest cell too. The long text
        // columns (项目名称) share what is left.
        func fit(_ i: Int) -> Int {
            // The header too: a short figure under a long header would squeeze the header; but a
            // unit in brackets may go on a line of its own (预算 / (万元)), as printed forms do.
            let header = rows[0][i].text
            let unitAt = header.firstIndex { $0 == "(" || $0 == "（" }
            let headerWidth = unitAt.map { max(DisplayWidth.of(String(header[..<$0])), DisplayWidth.of(String(header[$0...]))) } ?? DisplayWidth.of(header)
            let widest = max(headerWidth, rows.dropFirst().map { DisplayWidth.of($0[i].text) }.max() ?? 0)
            return min(max(widest, 4) * 105 + 220, 2400)
        }
        var fixed: [Int: Int] = [:]
        for (i, isRight) in right.enumerated() where isRight {
            fixed[i] = fit(i)
            // Narrower than its header: the unit goes on the next line, whole.
            let header = rows[0][i].text
            if let unitAt = header.firstIndex(where: { $0 == "(" || $0 == "（" }), unitAt != header.startIndex,
               fixed[i]! < DisplayWidth.of(header) * 105 + 220 {
                rows[0][i].text = String(header[..<unitAt]) + "\n" + String(header[unitAt...])
            }
        }
        let figures = fixed
        for i in right.indices where !right[i] && rows.allSatisfy({ DisplayWidth.of($0[i].text) <= Self.shortCode }) {
            // Codes are mostly capitals (XM00005), wider than half a Chinese character each.
            // The cell's margins (80 each side) and a little slack.
            fixed[i] = max(rows.map { Self.textTwips($0[i].text) }.max() ?? 0, 420) + 200
        }
        let sum = fixed.values.reduce(0, +)
        if fixed.count == shown.count && sum <= width {
            // Only short columns: each gets its share of the spare width, so none wraps.
            let spare = width - sum
            for i in fixed.keys { fixed[i]! += spare * fixed[i]! / sum }
            // The remainder to the first widest column (in column order: the same bytes every run).
            if let widest = fixed.keys.sorted().max(by: { fixed[$0]! < fixed[$1]! }) { fixed[widest]! += width - fixed.values.reduce(0, +) }
        } else if fixed.count == shown.count || width - sum < (shown.count - fixed.count) * width / 6 {
            // Too wide for the text columns to keep a sixth of the width each: only the figures keep theirs.
            fixed = figures.values.reduce(0, +) > width * 3 / 4 || figures.count == shown.count ? [:] : figures
        }
        let widths = Self.widths(rows.map { $0.map(\.text) }, columns: shown.count, total: width, fixed: fixed)
        // A header given room after all keeps its unit on its line.
        for i in widths.indices where widths[i] >= DisplayWidth.of(t.headers[shown[i]]) * 105 + 220 { rows[0][i].text = t.headers[shown[i]] }
        self.init(widths: widths, rows: rows)
    }
}
