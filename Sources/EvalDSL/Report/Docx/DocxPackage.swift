/// The parts of a .docx around its document: content types, relationships, document properties.
/// Word, WPS and LibreOffice need no more than these (see docs/CLI.md, "render").
enum DocxPackage {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// The zip entries in the order Office writes them: `[Content_Types].xml` first.
    static func parts(document: String, styles: String, title: String, images: [[UInt8]]) -> [(path: String, bytes: [UInt8])] {
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("docProps/core.xml", Array(core(title: title).utf8)),
            ("word/document.xml", Array(document.utf8)),
            ("word/styles.xml", Array(styles.utf8)),
            ("word/_rels/document.xml.rels", Array(documentRelationships(images: images.count).utf8)),
        ]
        for (k, png) in images.enumerated() { parts.append((imagePath(k), png)) }
        return parts
    }

    /// Where the `k`th image (from 0) lives, and the relationship that names it.
    static func imagePath(_ k: Int) -> String { "word/media/chart\(k + 1).png" }
    static func imageRelationship(_ k: Int) -> String { "rIdImage\(k + 1)" }

    static let contentTypes = header + """
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Default Extension="png" ContentType="image/png"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
    </Types>
    """

    static let packageRelationships = header + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    </Relationships>
    """

    static func documentRelationships(images: Int) -> String {
        var out = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        out += "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        for k in 0..<images {
            out += "<Relationship Id=\"\(imageRelationship(k))\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart\(k + 1).png\"/>"
        }
        return out + "</Relationships>"
    }

    /// The title only: no dates or author, so the same report always gives the same bytes.
    static func core(title: String) -> String {
        header + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>\(DocxXML.escape(title))</dc:title></cp:coreProperties>"
    }
}

/// Text in WordprocessingML.
enum DocxXML {
    /// Escaped for XML, as the .xlsx writer escapes its cells (what XML 1.0 cannot hold is dropped).
    static func escape(_ s: String) -> String { XLSXWriter.escaped(s) }

    /// A run of text: bold if asked, line breaks as `w:br`.
    static func run(_ text: String, bold: Bool = false, color: String? = nil) -> String {
        var props = bold ? "<w:b/><w:bCs/>" : ""
        if let color { props += "<w:color w:val=\"\(color)\"/>" }
        let rPr = props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(escape(String($0)))</w:t></w:r>"
        }.joined(separator: "<w:r><w:br/></w:r>")
    }

    /// A paragraph of `style` (a style id of DocxStyles), aligned `jc` if given.
    static func paragraph(_ runs: String, style: String? = nil, jc: String? = nil, keepNext: Bool = false, pageBreakBefore: Bool = false) -> String {
        var pPr = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if keepNext { pPr += "<w:keepNext/>" }
        if pageBreakBefore { pPr += "<w:pageBreakBefore/>" }
        if let jc { pPr += "<w:jc w:val=\"\(jc)\"/>" }
        return "<w:p>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + runs + "</w:p>"
    }
}
