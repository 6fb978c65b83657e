import ArgumentParser
import EvalDSL
#if canImport(Glibc)
import Glibc
#endif

/// PDF from the report's HTML, printed by headless Chromium (the library never runs processes).
/// POSIX calls only, like the rest of the executable: Foundation stays out of start-up.
enum PDFPrinter {
    /// The browsers that can print, by the names Debian and others install them under.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first browser on PATH (or EVALSHELL_CHROMIUM), nil when none is installed.
    static func browser() -> String? {
        if let path = SystemFiles.environment("EVALSHELL_CHROMIUM"), !path.isEmpty { return path }
        for dir in (SystemFiles.environment("PATH") ?? "/usr/bin:/bin").split(separator: ":") {
            for name in candidates {
                let path = "\(dir)/\(name)"
                if access(path, X_OK) == 0, !SystemFiles.kind(path).isFolder { return path }
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
        let base = SystemFiles.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/evalshell-pdf-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return try fail("cannot make a temporary folder: \(String(cString: strerror(errno)))") }
        let dir = String(cString: made)
        defer { removeTree(dir) }
        let page = dir + "/report.html", pdf = dir + "/report.pdf", log = dir + "/chromium.log"
        let files = LocalFileSystem()
        do throws(FileError) {
            try files.writeAtomically(html, to: page, replace: true)
        } catch {
            return try fail("cannot write \(page): \(error)")
        }
        // Its own profile in the temporary folder: no state shared with a running browser.
        let arguments = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                         "--user-data-dir=\(dir)/profile", "--print-to-pdf=\(pdf)", "file://" + page]
        let status = run(arguments, errorsTo: log)
        let bytes = (try? files.read(pdf)) ?? []
        guard status == 0, !bytes.isEmpty else {
            let message = (try? files.read(log)) ?? []
            Terminal.write("evalshell: Chromium could not print the PDF (status \(status)):\n" + String(decoding: message.suffix(2000), as: UTF8.self), to: 2)
            throw ExitCode(Status.usage)
        }
        return bytes
    }

    private static func fail(_ message: String) throws -> [UInt8] {
        Terminal.write("evalshell: cannot print the PDF: \(message)\n", to: 2)
        throw ExitCode(Status.usage)
    }

    /// Runs `arguments` (the program first) with standard output discarded and standard error in
    /// the file `errorsTo`; its exit status, or -1 when it could not be started.
    private static func run(_ arguments: [String], errorsTo path: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }

    /// Removes `path` and everything under it (the temporary folder, Chromium's profile included).
    /// A symbolic link (Chromium's profile has some) is removed itself, never followed.
    private static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            for name in SystemFiles.contents(ofFolder: path) ?? [] where name != "." && name != ".." {
                removeTree(path + "/" + name)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
