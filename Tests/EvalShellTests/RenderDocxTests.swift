import Foundation
import Testing

/// The .docx read as its readers would: python-docx (an independent reader of the format) finds the
/// title, the Heading-styled sections, the tables with their merged cells and Chinese text, the chart
/// picture and the A4 page; LibreOffice converts it to PDF and the pages, drawn by pdftoppm, are not
/// blank and show the tables' rules. tools/setup.sh installs all three under EVALSHELL_SETUP_TESTS=1.
@Suite(.serialized) struct RenderDocxTests {
    static let sample = "Tests/notebooks/report/docx-sample.evl"

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func render(into dir: URL) throws -> URL {
        let docx = dir.appendingPathComponent("report.docx")
        let r = try Binary.run(["render", Self.sample, "--to", "docx", "-o", docx.path])
        #expect(r.status == 0, "\(r.stderr)")
        return docx
    }

    /// Runs `tool` with `arguments`; its standard output, or nil when it is not installed.
    func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String)? {
        // The PATH's first, as a shell would find it (pip may have installed python-docx for another python3).
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        let path = dirs.map { $0 + "/" + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// What python-docx sees, one fact a line.
    static let reader = #"""
    import sys, docx
    d = docx.Document(sys.argv[1])
    for p in d.paragraphs:
        if p.style.name in ("Title", "Heading 1", "Heading 2"):
            print("para", p.style.name, p.text)
        if p.text.startswith("共核对"):
            print("summary", p.text)
    s = d.sections[0]
    print("page", round(s.page_width.mm), round(s.page_height.mm))
    rpr = d.styles.element.find(docx.oxml.ns.qn("w:docDefaults")).find(".//" + docx.oxml.ns.qn("w:rFonts"))
    print("font", rpr.get(docx.oxml.ns.qn("w:eastAsia")), d.styles["Heading 1"].element.find(".//" + docx.oxml.ns.qn("w:rFonts")).get(docx.oxml.ns.qn("w:eastAsia")))
    print("tables", len(d.tables))
    for t in d.tables:
        cells = [[c.text for c in r.cells] for r in t.rows]
        if cells[0][0] == "绩效指标":
            # Merged cells: python-docx gives the same cell for every grid position a merge covers.
            same = lambda a, b: t.cell(*a)._tc is t.cell(*b)._tc
            print("indicators", cells[1][3], cells[1][1], cells[2][1], same((1, 1), (2, 1)), same((1, 2), (2, 2)), same((1, 0), (4, 0)), same((3, 1), (4, 1)))
        if cells[0][0] == "项目名称":
            print("header", cells[0][1], t.cell(0, 1)._tc is t.cell(0, 3)._tc)
        if cells[0][0] == "序号":
            print("finding", "|".join(cells[1]))
    shapes = d.inline_shapes
    print("images", len(shapes))
    for shape in shapes:
        part = d.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
        print("image", part.content_type, round(shape.width.mm))
        open(sys.argv[2], "wb").write(part.blob)
    """#

    @Test func pythonDocxReadsHeadingsTablesMergesAndPictures() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = try render(into: dir)
        let chart = dir.appendingPathComponent("chart.png")
        let r = try #require(try run("python3", ["-c", Self.reader, docx.path, chart.path]), "python3 is needed")
        #expect(r.status == 0, "python-docx (pip install python-docx; tools/setup.sh does) failed: \(r.err)")
        #expect(r.out == """
        para Title 2020年度培训项目绩效自评报告
        para Heading 1 一、项目概况
        para Heading 1 二、执行进度
        para Heading 1 三、绩效自评表
        para Heading 1 四、核对结果
        summary 共核对 15 项，14 项一致，1 项不一致。
        para Heading 1 五、假设与设定
        para Heading 1 附录：输入文件
        page 210 297
        font 仿宋 黑体
        tables 9
        header 省级人才培训项目绩效自评表 (培训) True
        indicators 主体班培训期数 产出 产出 True True True False
        finding 1|支出合计|105.50 万元|100.00 万元|+5.50 万元|支出合计应为105.50万元
        images 1
        image image/png 140

        """)
        // The chart is our own PNG: bars in the report's blue, the schedule in red.
        let png = try PNGImage(data: try Data(contentsOf: chart))
        #expect(png.width == 1200 && png.height == 480)
        #expect(png.count(near: (0x3A, 0x7B, 0xD5), tolerance: 2) > 20_000)
        #expect(png.count(near: (0xC0, 0x39, 0x2B), tolerance: 2) > 1_000)
    }

    /// A table's grid as python-docx reads it: its header texts and each column's width in twips.
    static let grids = #"""
    import sys, docx
    for t in docx.Document(sys.argv[1]).tables:
        widths = [g.get(docx.oxml.ns.qn("w:w")) for g in t._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))]
        print("|".join(c.text.replace("\n", "/") for c in t.rows[0].cells), " ".join(widths))
    """#

    @Test func idsAndShortCodesNeverWrapTheNameTakesTheRest() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = dir.appendingPathComponent("ids.docx")
        #expect(try Binary.run(["render", "Tests/notebooks/report/lag-and-ids.evl", "--to", "docx", "-o", docx.path]).status == 0)
        let r = try #require(try run("python3", ["-c", Self.grids, docx.path]), "python3 is needed")
        #expect(r.status == 0, "\(r.err)")
        // At 五号 (210 twips an em) XM00001 prints about 864 twips wide, 资金来源 840, plus the cell's
        // margins and slack (200); a unit goes under its header when the figures are narrower; the lag
        // table has only short columns, which share the text width.
        #expect(r.out == """
        期间|累计支出(万元)|累计执行率|序时进度|差异（百分点） 1038 1775 2129 1775 2127
        编号|Q1|Q2|Q3|Q4 1849 1475 1840 1840 1840
        编号|项目名称|资金来源|预算/(万元)|支出/(万元)|执行率 1064 4190 1040 850 850 850
        文件|SHA-256 2881 5963

        """)
    }

    @Test func libreOfficeDrawsPagesWithRuledTables() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = try render(into: dir)
        // Its own profile, in a writable HOME: LibreOffice keeps state there.
        let lo = try #require(try run("soffice", ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "pdf",
                                                  "--outdir", dir.path, docx.path], environment: ["HOME": dir.path]),
                              "LibreOffice is needed: tools/setup.sh installs libreoffice-writer-nogui")
        let pdf = dir.appendingPathComponent("report.pdf")
        #expect(lo.status == 0 && FileManager.default.fileExists(atPath: pdf.path), "\(lo.err)")
        let pages = try #require(try run("pdftoppm", ["-png", "-r", "40", pdf.path, dir.appendingPathComponent("page").path]),
                                 "pdftoppm is needed: tools/setup.sh installs poppler-utils")
        #expect(pages.status == 0)
        let shots = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("page") }.sorted()
        #expect(shots.count >= 2)
        var ruled = 0
        for name in shots {
            let page = try PNGImage(data: try Data(contentsOf: dir.appendingPathComponent(name)))
            // A4 at 40 dpi.
            #expect(abs(page.width - 331) <= 1 && abs(page.height - 468) <= 1)
            let ink = page.width * page.height - page.count(near: (255, 255, 255), tolerance: 24)
            #expect(ink > page.width * page.height / 100, "\(name) is blank")
            // A table's rules: rows of pixels that are dark across most of the text width.
            var rules = 0
            for y in 0..<page.height {
                var dark = 0
                for x in 0..<page.width {
                    let i = 3 * (y * page.width + x)
                    if Int(page.pixels[i]) + Int(page.pixels[i + 1]) + Int(page.pixels[i + 2]) < 3 * 160 { dark += 1 }
                }
                if dark > page.width / 2 { rules += 1 }
            }
            if rules >= 4 { ruled += 1 }
        }
        #expect(ruled >= 2, "pages with a drawn table grid: \(ruled) of \(shots.count)")
    }

    @Test func sameReportSameBytesAndTheFontIsAChoice() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Data(contentsOf: try render(into: dir))
        let again = try Data(contentsOf: try render(into: dir))
        #expect(first == again)
        let songti = dir.appendingPathComponent("songti.docx")
        #expect(try Binary.run(["render", Self.sample, "--to", "docx", "--font", "宋体", "-o", songti.path]).status == 0)
        let read = "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/styles.xml').decode().count('w:eastAsia=\"宋体\"'))"
        let r = try #require(try run("python3", ["-c", read, songti.path]), "python3 is needed")
        // The default run font, and the code style's East Asian font.
        #expect(r.out == "2\n", "\(r.err)")
    }
}
