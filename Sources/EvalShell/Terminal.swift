#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to the terminal or pipe, and whether colour is wanted there.
enum Terminal {
    static func write(_ text: String, to fd: Int32 = 1) {
        write(bytes: Array(text.utf8), to: fd)
    }

    /// Bytes as they are (a .docx or PDF sent down a pipe).
    static func write(bytes: [UInt8], to fd: Int32 = 1) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
        _ = bytes.count
        bytes.removeAll()
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color was given.
    static func wantsColor(fd: Int32, disabled: Bool) -> Bool {
        if disabled { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return isTerminal(fd)
    }
}

/// ANSI styling, applied only when enabled.
struct Style {
    var enabled: Bool

    func paint(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func red(_ s: String) -> String { paint(s, "31") }
    func green(_ s: String) -> String { paint(s, "32") }
    func yellow(_ s: String) -> String { paint(s, "33") }
    func bold(_ s: String) -> String { paint(s, "1") }
    func dim(_ s: String) -> String { paint(s, "2") }
}
