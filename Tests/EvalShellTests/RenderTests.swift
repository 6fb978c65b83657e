import Foundation
import Testing

/// `evalshell render`: Markdown and a self-contained HTML report that a real browser draws.
@Suite struct RenderTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func markdownHasProseTablesAndTextBars() throws {
        let r = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "md"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("# 如果2020年本级资金按时支付会怎样？（新区组织部2020年度情景分析）\n\n"))
        #expect(r.stdout.contains("- W2. 档案库房项目预算150万元，2020年未支付（“项目期限延后到2021年”）。\n"))
        // An item's continuation line is joined without a space between Chinese characters.
        #expect(r.stdout.contains("- W1. 本级未支出的215.94万元恰为延期发放的补助和档案库房项目：职称评审经费已全额支付（“费用也已支付完成”）。\n"))
        #expect(r.stdout.contains("| 指标 | 基线 | 补助当年发放 | Δ | 档案四季度支付 | Δ | 全部按时 | Δ |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| rate(本级) | 36.41% | 55.83% | +19.42 pp | 80.58% | +44.17 pp | 100.00% | +63.59 pp |\n"))
        #expect(r.stdout.contains("  全部按时        ██████████████████████████████ 100.00%\n"))
        #expect(r.stdout.contains("```text\n68:13: error[E301]: unknown project `档案库`\nhint: did you mean `档案库房` (declared at line 22)?\n```"))
    }

    @Test func htmlIsSelfContained() throws {
        let r = try Binary.run(["render", "scripts/district-finance-yearly.evl", "--to", "html"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(r.stdout.contains("<svg class=\"chart\""))
        #expect(r.stdout.contains("<td class=\"num\">1,893.80</td>"))
        // Nothing is fetched: no script, no external stylesheet, image or font.
        for needle in ["<script", "http://", "https://", "<link", "@import", "url("] {
            let hits = r.stdout.components(separatedBy: needle).count - 1
            // The SVG namespace is the only URL allowed, and it is never fetched.
            let allowed = needle == "http://" ? r.stdout.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 : 0
            #expect(hits == allowed, "found \(needle)")
        }
    }

    @Test func htmlReportRendersInAHeadlessBrowser() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html")
        let png = dir.appendingPathComponent("shot.png")
        let r = try Binary.run(["render", "scripts/district-finance-yearly.evl", "--to", "html", "-o", html.path])
        #expect(r.status == 0, "\(r.stderr)")
        let browser = try #require(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "a headless browser is needed: tools/test.sh installs Debian's chromium")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: browser)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                       "--window-size=1000,1600", "--screenshot=\(png.path)", html.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let image = try PNGImage(data: try Data(contentsOf: png))
        #expect(image.width == 1000 && image.height == 1600)
        let total = image.width * image.height
        let white = image.count(near: (255, 255, 255), tolerance: 8)
        // Not blank: text, tables and charts cover a good part of the page.
        #expect(Double(total - white) / Double(total) > 0.05)
        // The SVG chart was drawn: its bars' colours are on the screen.
        #expect(image.count(near: (0x3a, 0x7b, 0xd5)) + image.count(near: (0xd9, 0x82, 0x2b)) > 2000)
        // The table header background.
        #expect(image.count(near: (0xee, 0xf3, 0xfb), tolerance: 3) > 1000)
    }

    @Test func unknownFormatIsAUsageError() throws {
        // PDF and .docx are formats now (ReportModeTests, RenderDocxTests); ODF is not.
        let r = try Binary.run(["render", "scripts/2020-what-if.evl", "--to", "odt"])
        #expect(r.status == 2)
    }
}
