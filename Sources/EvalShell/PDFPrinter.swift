import ArgumentParser
import EvalDSL
import Foundation

/// PDF from the report's HTML, printed by headless Chromium (the library never runs processes).
enum PDFPrinter {
    /// The browsers that can print, by the names Debian and others install them under.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first browser on PATH (or EVALSHELL_CHROMIUM), nil when none is installed.
    static func browser() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let path = env["EVALSHELL_CHROMIUM"], !path.isEmpty { return path }
        for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in candidates {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The PDF of `html`; a clear message and a usage status when there is no browser or it fails.
    static func print(_ html: [UInt8]) throws -> [UInt8] {
        guard let chromium = browser() else {
            Terminal.write("evalshell: PDF needs Chromium (apt-get install chromium), which is not installed; render --to html and print it, or --to docx\n", to: 2)
            throw ExitCode(Status.usage)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let page = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
            try Data(html).write(to: page)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: chromium)
            // Its own profile in the temporary folder: no state shared with a running browser.
            p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(dir.path)/profile",
                           "--print-to-pdf=\(pdf.path)", page.absoluteString]
            p.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            p.standardError = errors
            try p.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: pdf.path), !bytes.isEmpty else {
                Terminal.write("evalshell: Chromium could not print the PDF (status \(p.terminationStatus)):\n" + String(decoding: message.suffix(2000), as: UTF8.self), to: 2)
                throw ExitCode(Status.usage)
            }
            return [UInt8](bytes)
        } catch let e as ExitCode {
            throw e
        } catch {
            Terminal.write("evalshell: cannot print the PDF: \(error)\n", to: 2)
            throw ExitCode(Status.usage)
        }
    }
}
