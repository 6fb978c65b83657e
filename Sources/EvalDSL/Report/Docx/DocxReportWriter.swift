/// The Word (.docx) form of a report: real Heading styles, ruled tables with merged cells for the
/// forms, charts as PNG pictures, an A4 page, 仿宋 (or the chosen family) for the body and 黑体 for
/// headings. Opened by Word 2007+, WPS and LibreOffice; the same report gives the same bytes.
public struct DocxReportWriter: ReportWriter {
    public typealias Failure = any Error

    let options: ReportOptions
    var title = ""
    var body = ""
    var images: [[UInt8]] = []
    /// A page break waiting for the heading after it: a paragraph holding only a break would, at the
    /// foot of a full page, spill onto the next one and leave it blank.
    var breakBefore = false

    /// A4 in twips, with 2.54 cm margins top and bottom, 2.8 and 2.6 cm left and right.
    static let page = (width: 11906, height: 16838, top: 1440, bottom: 1440, left: 1588, right: 1474)
    static var textWidth: Int { page.width - page.left - page.right }

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public mutating func begin(title: String) {
        self.title = title
        body = DocxXML.paragraph(DocxXML.run(title), style: "Title")
        images = []
    }

    public mutating func heading(_ text: String, level: Int) {
        body += DocxXML.paragraph(DocxXML.run(Self.plain(text)), style: "Heading\(min(max(level, 1), 3))", pageBreakBefore: breakBefore)
        breakBefore = false
    }

    public mutating func pageBreak() {
        breakBefore = true
    }

    public mutating func write(_ block: ReportBlock) {
        if breakBefore {
            body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            breakBefore = false
        }
        switch block {
        case .paragraph(let lines):
            let text = Self.plain(NotebookReport.joinProse(lines))
            body += DocxXML.paragraph(DocxXML.run(text), style: ReportBuilder.isCaption(text) ? "Caption" : "BodyText")
        case .list(let items):
            for item in items {
                let text = item.hasPrefix("- ") || item.hasPrefix("* ") ? "· " + ReportBlock.itemText(item) : item
                body += DocxXML.paragraph(DocxXML.run(Self.plain(text)), style: "ListItem")
            }
        case .code(let source):
            body += DocxXML.paragraph(DocxXML.run(source), style: "Code")
        case .error(let text):
            body += DocxXML.paragraph(DocxXML.run(text, color: "C0392B"), style: "Code")
        case .result(let text):
            body += DocxXML.paragraph(DocxXML.run(text), style: "BodyText")
        case .check(let c):
            let failed = c.status != .passed
            body += DocxXML.paragraph(DocxXML.run(c.rendered, color: failed ? "C0392B" : nil), style: "Normal")
        case .table(let t):
            guard !t.headers.isEmpty else { return }
            body += DocxTable(t, width: Self.textWidth).xml + spacer
            for n in t.notes { body += DocxXML.paragraph(DocxXML.run(n.text), style: "Caption", jc: "left") }
        case .form(let f):
            body += DocxXML.paragraph(DocxXML.run(ReportText.formTitle.text(options.language)), style: "TableTitle")
            if let w = f.whatIf { body += DocxXML.paragraph(DocxXML.run(ReportText.formWhatIf.text(options.language, w)), style: "Caption") }
            body += DocxTable.form(f, width: Self.textWidth, language: options.language).map(\.xml).joined(separator: spacer) + spacer
        case .chart(.progress(let p)):
            picture(ChartRaster.progress(p))
        case .chart(.compare(let c)):
            if let r = ChartRaster.compare(c) { picture(r) }
        }
    }

    /// A chart, centred, the text width wide; its caption is the paragraph the walker puts after it.
    mutating func picture(_ r: Raster) {
        let k = images.count
        images.append(r.png)
        body += DocxXML.paragraph(DocxImage.run(k, pixels: (r.width, r.height), widthTwips: Self.textWidth * 9 / 10), style: "Normal", jc: "center", keepNext: true)
    }

    /// An almost empty paragraph: Word joins tables that touch into one.
    var spacer: String { DocxXML.paragraph("", style: "Spacer") }

    /// Prose without the backquotes of `code` spans.
    static func plain(_ s: String) -> String { String(s.filter { $0 != "`" }) }

    public mutating func finish() throws(any Error) -> [UInt8] {
        let p = Self.page
        let document = DocxPackage.header
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>"
            + body
            + "<w:sectPr><w:pgSz w:w=\"\(p.width)\" w:h=\"\(p.height)\"/>"
            + "<w:pgMar w:top=\"\(p.top)\" w:right=\"\(p.right)\" w:bottom=\"\(p.bottom)\" w:left=\"\(p.left)\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
            + "<w:docGrid w:type=\"lines\" w:linePitch=\"312\"/></w:sectPr></w:body></w:document>"
        let parts = DocxPackage.parts(document: document, styles: DocxStyles.xml(bodyFont: options.bodyFont), title: title, images: images)
        return try Zip.archive(parts)
    }
}
