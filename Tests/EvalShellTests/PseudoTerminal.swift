import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal of its own, driven like a user at a keyboard:
/// for end-to-end tests of interactive behaviour (line editing, Ctrl-C, prompts). Works
/// without a terminal in the test process (CI), since the terminal is made here.
///
/// The child is started with posix_spawn in a new session (`setsid`) and opens the slave
/// side by name, which on Linux makes it the child's controlling terminal, as `login`
/// would do; so `isatty` is true, Ctrl-C sent as `"\u{03}"` raises SIGINT in it, and
/// the window size set here is what it sees. Everything it writes is read back raw,
/// escape sequences included; `visibleText(_:)` approximates what a screen would show.
///
/// Not thread-safe: use one instance from one test.
final class PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a child gets unless told otherwise: a UTF-8 locale, a capable terminal type,
    /// and the test process's PATH and HOME.
    static var defaultEnvironment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return [
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? "/tmp",
        ]
    }

    let pid: pid_t
    /// The slave device's path, e.g. `/dev/pts/3`: what `tty` prints in the child.
    let slavePath: String
    private let master: Int32
    // Kept open so that output the child wrote just before exiting is never lost to EIO
    // (reads of the master fail once no slave descriptor is left).
    private let slave: Int32
    private var unread: [UInt8] = []
    private var status: Int32?

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`
    /// on a new terminal of `columns` × `rows`.
    init(
        executable: String, arguments: [String] = [],
        environment: [String: String] = PseudoTerminal.defaultEnvironment,
        columns: Int = 100, rows: Int = 30
    ) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 256)
        var size = winsize(
            ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else {
            throw Failure(description: "openpty: \(String(cString: strerror(errno)))")
        }
        // Neither end may leak into this or any other spawned child. (openpty cannot set
        // close-on-exec atomically; a spawn from another thread in between would inherit
        // them, which is harmless here: the child is killed in deinit.)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.slave = slave
        self.slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened by name (no O_NOCTTY) after setsid: this makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc 2.26+) is 0x80; Swift's Glibc module does not export it.
        let setsid: Int32 = 0x80
        posix_spawnattr_setflags(
            &attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        // The test runner may ignore or block signals; the child starts with defaults.
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(master)
            close(slave)
            throw Failure(description: "posix_spawn \(executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        }
        close(master)
        close(slave)
    }

    /// Types `text` (UTF-8) at the terminal. Control keys are characters: `"\u{03}"` is
    /// Ctrl-C, `"\u{04}"` Ctrl-D, `"\t"` TAB, `"\r"` Enter, `"\u{1B}[A"` the up arrow.
    func send(_ text: String, timeout: Duration = .seconds(5)) throws {
        let bytes = Array(text.utf8)
        let deadline = ContinuousClock.now + timeout
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n > 0 {
                sent += n
            } else if n < 0 && errno != EAGAIN && errno != EINTR {
                throw Failure(description: "write to terminal: \(String(cString: strerror(errno)))")
            } else if ContinuousClock.now >= deadline {
                throw Failure(description: "terminal input full: the program is not reading")
            } else {
                _ = wait(for: POLLOUT, until: deadline)
            }
        }
    }

    /// Everything the program writes up to and including the first `marker`; what came
    /// after it is kept for the next read. Throws, showing what did arrive, when the
    /// marker has not appeared within `timeout` or the program exited without it.
    @discardableResult
    func read(until marker: String, timeout: Duration = .seconds(5)) throws -> String {
        let needle = Array(marker.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let end = Self.find(needle, in: unread) {
                let chunk = Array(unread[..<end])
                unread.removeFirst(end)
                return String(decoding: chunk, as: UTF8.self)
            }
            if ContinuousClock.now >= deadline {
                throw failure("no \(Self.escaped(marker)) within \(timeout)")
            }
            // Short waits, so that a program that exits without the marker is noticed early.
            if !pull(until: min(deadline, ContinuousClock.now + .milliseconds(50))) && exited() {
                _ = pull(until: ContinuousClock.now)  // whatever was written just before exit
                if Self.find(needle, in: unread) == nil {
                    throw failure("the program exited (status \(status!)) before \(Self.escaped(marker))")
                }
            }
        }
    }

    /// Whatever arrives until output has been quiet for `quiet` (for checks that nothing
    /// more appears, or to look at a screen that has settled).
    func readAvailable(quiet: Duration = .milliseconds(300)) -> String {
        while pull(until: ContinuousClock.now + quiet) {}
        defer { unread.removeAll() }
        return String(decoding: unread, as: UTF8.self)
    }

    /// Changes the window size; the program gets SIGWINCH.
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The exit status (0–255), or 128 + the signal number when a signal ended it.
    /// Kills the program (SIGKILL) and throws if it has not ended within `timeout`.
    func waitForExit(timeout: Duration = .seconds(5)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while !exited() {
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while !exited() { usleep(1_000) }
                throw failure("the program did not exit within \(timeout); killed")
            }
            _ = pull(until: min(deadline, ContinuousClock.now + .milliseconds(20)))
        }
        return status!
    }

    /// `raw` without escape sequences, bells and carriage returns: roughly the text a
    /// screen shows, for assertions that do not care about colours or cursor movement.
    /// (It does not replay cursor movement: redrawn text appears once per redraw.)
    static func visibleText(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        let s = Array(raw.unicodeScalars)
        var i = 0
        while i < s.count {
            switch s[i] {
            case "\u{1B}":
                i += 1
                guard i < s.count else { break }
                if s[i] == "[" {  // CSI: parameters and intermediates, then one final byte
                    i += 1
                    while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
                    i += 1
                } else if s[i] == "]" {  // OSC: up to BEL or ESC \
                    i += 1
                    while i < s.count, s[i] != "\u{07}", !(s[i] == "\u{1B}" && i + 1 < s.count && s[i + 1] == "\\") {
                        i += 1
                    }
                    i += s.count > i && s[i] == "\u{1B}" ? 2 : 1
                } else {
                    i += 1  // ESC and one character (charset selection, keypad mode, …)
                }
            case "\r", "\u{07}":
                i += 1
            default:
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    // MARK: - Private

    /// Reads what is available, waiting until `deadline` for the first bytes; false if none came.
    private func pull(until deadline: ContinuousClock.Instant) -> Bool {
        guard wait(for: POLLIN, until: deadline) else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        var got = false
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n > 0 {
                unread += buffer[..<n]
                got = true
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return got  // EAGAIN: drained for now
            }
        }
    }

    private func wait(for event: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        let left = deadline - ContinuousClock.now
        let ms = max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
        var fd = pollfd(fd: master, events: Int16(event), revents: 0)
        return poll(&fd, 1, ms) > 0 && fd.revents & Int16(event) != 0
    }

    private func exited() -> Bool {
        if status != nil { return true }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return false }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros Swift does not import.
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return true
    }

    private func failure(_ what: String) -> Failure {
        let received = String(decoding: unread, as: UTF8.self)
        return Failure(description: "\(what); received so far: \(Self.escaped(received))")
    }

    private static func escaped(_ s: String) -> String {
        "\"" + s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}
