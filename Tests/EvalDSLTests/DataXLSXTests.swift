import Testing
@testable import EvalDSL

/// Workbooks, written part by part here so every kind of cell is exactly as Excel or WPS writes it,
/// and hostile ones: a zip bomb, a lying size, a million-row sheet, a truncated archive.
@Suite struct DataXLSXTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// A workbook of `sheets` (name, sheetData rows XML), with these shared strings.
    static func book(_ sheets: [(String, String)], strings: [String] = [], date1904: Bool = false,
                     extraParts: [(String, [UInt8])] = []) throws -> [UInt8] {
        var parts: [(path: String, bytes: [UInt8])] = []
        parts.append(("[Content_Types].xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """.utf8)))
        parts.append(("_rels/.rels", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\(pkg)"><Relationship Id="rId1" \
        Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8)))
        var wb = "<?xml version=\"1.0\"?><x:workbook xmlns:x=\"\(main)\" xmlns:r=\"\(rel)\">"
        if date1904 { wb += "<x:workbookPr date1904=\"1\"/>" }
        wb += "<x:sheets>"
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"\(pkg)\">"
        for (i, s) in sheets.enumerated() {
            wb += "<x:sheet name=\"\(s.0)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/sheet\(i + 1).xml\"/>"
            parts.append(("xl/worksheets/sheet\(i + 1).xml", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(main)"><dimension ref="A1:F9"/><sheetData>\(s.1)</sheetData></worksheet>
            """.utf8)))
        }
        wb += "</x:sheets></x:workbook>"
        rels += "<Relationship Id=\"rId99\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        parts.append(("xl/workbook.xml", Array(wb.utf8)))
        parts.append(("xl/_rels/workbook.xml.rels", Array(rels.utf8)))
        parts.append(("xl/sharedStrings.xml", Array(("<sst xmlns=\"\(main)\">" + strings.map { "<si>\($0)</si>" }.joined() + "</sst>").utf8)))
        parts += extraParts.map { (path: $0.0, bytes: $0.1) }
        return try Zip.archive(parts)
    }

    static func file(_ bytes: [UInt8], _ name: String = "book.xlsx") -> String {
        DataTest.write(bytes, to: DataTest.scratch() + "/" + name)
    }

    /// Shared strings as Excel writes them: plain, rich text in runs, with a phonetic guide that is
    /// not part of the text, with entities.
    static let strings = [
        "<t>项目编码</t>", "<t>项目名称</t>", "<t>资金来源</t>", "<t>自评等级</t>", "<t>XM001</t>",
        "<r><rPr><b/></rPr><t>档案智能</t></r><r><t xml:space=\"preserve\">库房建设</t></r><rPh sb=\"0\" eb=\"2\"><t>ダミー</t></rPh>",
        "<t>本级</t>", "<t>中</t>", "<t>XM003</t>", "<t>1,000.00</t>", "<t>2020-06-30</t>", "<t>支付金额</t>", "<t>支付日期</t>",
        "<t>使用说明：本表由系统导出</t>", "<t>XM004</t>",
    ]

    static let projectsSheet = """
    <row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
    <c r="D1" t="inlineStr"><is><t>年初预算数(万元)</t></is></c><c r="E1" t="s"><v>3</v></c><c r="F1" t="str"><v>标签</v></c></row>\
    <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2"><v>200</v></c>\
    <c r="E2" t="s"><v>7</v></c></row>\
    <row r="3"><c r="A3"><v>110101</v></c><c r="B3" t="inlineStr"><is><r><t>职称&amp;评审</t></r><r><t>&#x7ECF;费</t></r></is></c>\
    <c r="D3"><v>1234.5678000000001</v></c><c r="F3" t="inlineStr"><is><t>人才、培训</t></is></c></row>\
    <row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5" t="str"><f>CONCAT("离任","村干部")</f><v>离任村干部</v></c>\
    <c r="D5" s="2"><v>9.9999999999999995E-7</v></c></row>\
    <row r="6"><c r="A6" t="s"/><c r="B6"/></row>
    """

    static let paymentsSheet = """
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>11</v></c><c r="C1" t="s"><v>12</v></c></row>\
    <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>12.5</v></c><c r="C2" s="1"><v>44196</v></c></row>\
    <row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>9</v></c><c r="C3" t="s"><v>10</v></c></row>\
    <row r="4"><c r="A4"><v>110101</v></c><c r="B4"><v>0.10000000000000001</v></c><c r="C4" t="d"><v>2020-07-01T00:00:00</v></c></row>\
    <row r="5"><c r="A5" t="s"><v>8</v></c><c r="B5"><v>5</v></c><c r="C5"><v>44197.5</v></c></row>
    """

    static let readme = #"<row r="1"><c r="A1" t="s"><v>13</v></c></row>"#

    static func standardBook(date1904: Bool = false) throws -> [UInt8] {
        try book([("使用说明", readme), ("项目", projectsSheet), ("支付", paymentsSheet)], strings: strings, date1904: date1904)
    }

    @Test func readsEveryKindOfCell() throws {
        let path = Self.file(try Self.standardBook())
        let p = try DataTest.load(path, .projects, into: DataTest.model([])) { $0.sheet = "项目" }
        #expect(Array(p.model.projects.keys) == ["XM001", "110101", "XM003"])
        #expect(p.model.projects.values.map { $0.title ?? "-" } == ["档案智能库房建设", "职称&评审经费", "离任村干部"])
        #expect(p.model.projects.values.map { $0.source?.name ?? "-" } == ["本级", "-", "-"])
        #expect(p.model.projects.values.map { $0.initialFen ?? -1 } == [200_000_000, 1_234_567_800, 1])
        #expect(p.model.projects.values.map { $0.grade } == [.fair, nil, nil])
        #expect(p.model.projects["110101"]?.tags == ["人才", "培训"])
        #expect(p.encoding == nil)
        #expect(p.summary == "loaded 3 projects from book.xlsx (sheet 项目)")

        let q = try DataTest.load(path, .payments, into: p.model) { $0.sheet = "支付" }
        #expect(DataTest.payments(q.model) == [
            "XM001 2020-06-30 100000", "XM001 2020-12-31 1250", "110101 2020-07-01 10", "XM003 2021-01-01 500",
        ])
    }

    @Test func honoursThe1904DateSystem() throws {
        let sheet = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>11</v></c><c r="C1" t="s"><v>12</v></c></row>"#
            + #"<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>1</v></c><c r="C2"><v>42369</v></c></row>"#
        let path = Self.file(try Self.book([("Sheet1", sheet)], strings: Self.strings, date1904: true))
        let q = try DataTest.load(path, .payments)
        #expect(DataTest.payments(q.model) == ["XM001 2020-01-01 100"])
        #expect(q.summary == "loaded 1 payment from book.xlsx")
    }

    @Test func theFirstSheetIsTheDefaultAndANamedSheetMustExist() throws {
        let path = Self.file(try Self.standardBook())
        let e = DataTest.failure(path, .projects, into: DataTest.model([]))
        #expect(e?.kind == .missingColumns(missing: ["项目编码 (a header such as 项目编码, 项目代码, 项目编号, 项目id)"], found: ["使用说明：本表由系统导出"]))
        let e2 = DataTest.failure(path, .projects, into: DataTest.model([])) { $0.sheet = "预算" }
        #expect(e2?.message == "book.xlsx: no sheet `预算` in the workbook (its sheets: 使用说明, 项目, 支付)")
        let e3 = DataTest.failure(path, .projects) { $0.encoding = .gb18030 }
        #expect(e3?.kind == .unsupported("an encoding can be named only for a CSV file: a workbook's text is always Unicode"))
    }

    @Test func badCellsOfAWorkbook() throws {
        let sheet = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>11</v></c><c r="C1" t="s"><v>12</v></c></row>"#
            + #"<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2"><v>44000</v></c></row>"#
            + #"<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="b"><v>1</v></c><c r="C3"><v>44000</v></c></row>"#
            + #"<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>1</v></c><c r="C4"><v>60</v></c></row>"#
            + #"<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5"><v>1.005</v></c><c r="C5"><v>30000</v></c></row>"#
            + #"<row r="7"><c r="A7" t="s"><v>14</v></c><c r="B7"><v>2</v></c><c r="C7"><v>44000</v></c></row>"#
        let path = Self.file(try Self.book([("支付", sheet)], strings: Self.strings))
        let e = DataTest.failure(path, .payments)
        #expect(e?.problems.map(\.description) == [
            "book.xlsx:2:支付金额: `#N/A` is an Excel error value, not an amount",
            "book.xlsx:3:支付金额: `TRUE` is not a number",
            "book.xlsx:4:支付日期: `60` is not a date serial number Excel could show",
            "book.xlsx:5:支付金额: `1.005` is not a whole number of fen (分): at most 2 decimals in 元",
            "book.xlsx:5:支付日期: `30000` is a date outside any sensible range (1990–2100)",
        ])
        let ok = try DataTest.load(path, .payments) { $0.keepGoodRows = true }
        #expect(DataTest.payments(ok.model) == ["XM004 2020-06-18 200"])
    }

    @Test func writtenWorkbooksReadBack() throws {
        var rows: [[XLSXWriter.Cell]] = [[.text("2020年度项目表")], [.text("单位：万元")],
                                          ["项目编码", "项目名称", "年初预算数", "调整后预算数"].map { .text($0) }]
        rows.append([.text("XM001"), .text("档案 <库房> & \"一期\""), .number("123.456789"), .number("200")])
        rows.append([.text("XM002"), .empty, .number("0.01"), .empty])
        let bytes = try XLSXWriter.workbook(sheets: [XLSXWriter.Sheet(name: "项目:2020/预算", rows: rows)])
        let path = Self.file(bytes, "written.xlsx")
        let out = try DataTest.load(path, .projects, into: DataTest.model([]))
        #expect(out.model.projects["XM001"]?.title == "档案 <库房> & \"一期\"")
        #expect(out.model.projects["XM001"]?.initialFen == 123_456_789)
        #expect(out.model.projects["XM001"]?.adjustments.map(\.fen) == [200_000_000 - 123_456_789])
        #expect(out.model.projects["XM002"]?.initialFen == 10_000)
        #expect(out.model.projects["XM002"]?.title == nil)
        #expect(out.notes.first == "the header is row 3; amounts are in 万元 (row 2)")
        // The same bytes every time: the example files do not change when regenerated.
        #expect(try XLSXWriter.workbook(sheets: [XLSXWriter.Sheet(name: "项目:2020/预算", rows: rows)]) == bytes)
    }

    /// Empty rows take no memory and little time; data after them still loads.
    @Test func manyEmptyRowsAreSkipped() throws {
        var sheet = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>11</v></c><c r="C1" t="s"><v>12</v></c></row>"#
            + #"<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>1</v></c><c r="C2"><v>44000</v></c></row>"#
        var empty = ""
        empty.reserveCapacity(6_000_000)
        for r in 3...200_002 { empty += "<row r=\"\(r)\" s=\"1\"><c r=\"A\(r)\" s=\"1\"/></row>" }
        sheet += empty
        sheet += #"<row r="200003"><c r="A200003" t="s"><v>4</v></c><c r="B200003"><v>2</v></c><c r="C200003"><v>44001</v></c></row>"#
        let path = Self.file(try Self.book([("Sheet1", sheet)], strings: Self.strings))
        let out = try DataTest.load(path, .payments)
        #expect(DataTest.payments(out.model) == ["XM001 2020-06-18 100", "XM001 2020-06-19 200"])
        // Rows that are all empty deliver nothing, yet the load can still be stopped: it is polled per chunk.
        let e = DataTest.failure(path, .payments) { $0.interrupt = { true } }
        #expect(e?.message == "book.xlsx: interrupted after 0 rows; nothing was loaded")
    }

    @Test func rowsBeyondExcelsLastRowAreRefused() throws {
        let sheet = #"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048577"><c r="A1048577"><v>1</v></c></row>"#
        let e = DataTest.failure(Self.file(try Self.book([("Sheet1", sheet)], strings: Self.strings)), .projects)
        #expect(e?.message == "book.xlsx: xl/worksheets/sheet1.xml: row number 1048577 is beyond Excel's last row, 1,048,576")
        let wide = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="XFE1"><v>1</v></c></row>"#
        let e2 = DataTest.failure(Self.file(try Self.book([("Sheet1", wide)], strings: Self.strings)), .projects)
        #expect(e2?.message == "book.xlsx: xl/worksheets/sheet1.xml: row 1 has a cell beyond column XFD")
    }

    static func bigSheet() -> String {
        var s = #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#
        for r in 2...60_000 { s += "<row r=\"\(r)\"><c r=\"B\(r)\" s=\"1\"/></row>" }
        return s
    }

    @Test func aSheetThatSaysItIsTooLargeIsNotRead() throws {
        var limits = LoadLimits()
        limits.maxUncompressedBytes = 1 << 20
        let path = Self.file(try Self.book([("Sheet1", Self.bigSheet())], strings: Self.strings))
        let e = DataTest.failure(path, .projects) { $0.limits = limits }
        guard case .tooLarge(let why) = e?.kind else { Issue.record("unexpected \(String(describing: e))"); return }
        #expect(why.hasPrefix("xl/worksheets/sheet1.xml would inflate to "))
        #expect(why.hasSuffix(", over the limit of 1 MiB for a workbook (a zip bomb?)"))
    }

    /// A zip bomb whose headers lie about the size: the bytes are counted while inflating.
    @Test func aSheetThatLiesAboutItsSizeIsStoppedWhileInflating() throws {
        var bytes = try Self.book([("Sheet1", Self.bigSheet())], strings: Self.strings)
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var patched = 0
        var i = 0
        while i + 46 < bytes.count {
            let local = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4
            let central = bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2
            if local || central {
                let nameAt = i + (local ? 30 : 46)
                if nameAt + name.count <= bytes.count && Array(bytes[nameAt..<(nameAt + name.count)]) == name {
                    let sizeAt = i + (local ? 22 : 24)
                    bytes.replaceSubrange(sizeAt..<(sizeAt + 4), with: [100, 0, 0, 0])
                    patched += 1
                }
            }
            i += 1
        }
        #expect(patched == 2)
        var limits = LoadLimits()
        limits.maxUncompressedBytes = 1 << 20
        let e = DataTest.failure(Self.file(bytes), .projects) { $0.limits = limits }
        #expect(e?.kind == .tooLarge("xl/worksheets/sheet1.xml inflates to more than 1 MiB, the limit for a workbook (a zip bomb?)"))
    }

    @Test func aTruncatedWorkbookIsRefused() throws {
        let bytes = try Self.standardBook()
        let e = DataTest.failure(Self.file(Array(bytes.prefix(bytes.count / 2))), .projects)
        #expect(e?.message == "book.xlsx: not a readable .xlsx workbook: it is not a zip archive, or a damaged one")
    }

    @Test func aDocumentTypeDeclarationIsRefused() throws {
        let evil = #"<!DOCTYPE x [<!ENTITY a "aaaa">]><row r="1"><c r="A1" t="s"><v>0</v></c></row>"#
        let e = DataTest.failure(Self.file(try Self.book([("Sheet1", evil)], strings: Self.strings)), .projects)
        #expect(e?.message == "book.xlsx: not a readable .xlsx workbook: xl/worksheets/sheet1.xml: a document type declaration (<!DOCTYPE) is not allowed in a workbook")
    }

    @Test func aWorkbookWithoutItsWorkbookPartIsRefused() throws {
        let bytes = try Zip.archive([("hello.txt", Array("hi".utf8))])
        let e = DataTest.failure(Self.file(bytes), .projects)
        #expect(e?.message == "book.xlsx: not a readable .xlsx workbook: it has no xl/workbook.xml: is it an .xlsx file?")
    }

    /// The XML tokenizer gives the same events however the bytes are cut into chunks.
    @Test func xmlChunkBoundariesDoNotMatter() throws {
        struct Log: XMLEvents {
            var events: [String] = []
            mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ a: XMLAttributes) throws(LoadError) {
                events.append("<" + String(decoding: name, as: UTF8.self) + (a.string("r").map { " r=" + $0 } ?? ""))
            }
            mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError) {
                events.append("/" + String(decoding: name, as: UTF8.self))
            }
            mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) {
                let t = String(decoding: bytes, as: UTF8.self)
                if events.last?.hasPrefix("#") == true { events[events.count - 1] += t } else { events.append("#" + t) }
            }
        }
        let xml = Array(#"<?xml version="1.0"?><!-- note --><x:a r="1&amp;2"><b r='>'/>t&lt;1&#20013;<![CDATA[<raw>]]></x:a>"#.utf8)
        func run(_ chunk: Int) throws -> [String] {
            var s = XMLScanner(part: "p", file: "f", maxToken: 1 << 20)
            var log = Log()
            var i = 0
            while i < xml.count {
                let piece = Array(xml[i..<min(i + chunk, xml.count)])
                try piece.withUnsafeBytes { raw in try s.feed(raw, final: false, into: &log) }
                i += chunk
            }
            try s.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &log)
            return log.events
        }
        let expected = ["<a r=1&2", "<b r=>", "/b", "#t<1中<raw>", "/a"]
        for chunk in 1...20 { #expect(try run(chunk) == expected, "chunk \(chunk)") }
    }
}
