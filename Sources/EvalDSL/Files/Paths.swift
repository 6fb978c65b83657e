#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path arithmetic on strings, with the C library for the working directory and symbolic links:
/// what the library and the shell once asked Foundation's `URL` and `NSString` for, kept here so
/// that the program starts without loading Foundation.
public enum Paths {
    /// The process's working directory ("/" when it cannot be had, as Foundation answers).
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "/" }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `path` made absolute against the working directory, with empty and `.` parts dropped and
    /// `..` taking back the part before it (none above the root), no trailing slash: Foundation's
    /// `URL(fileURLWithPath:).standardizedFileURL.path`.
    public static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `standardized(path)` with its symbolic links resolved when it exists (`realpath`).
    public static func canonical(_ path: String) -> String {
        let plain = standardized(path)
        guard let real = realpath(plain, nil) else { return plain }
        defer { free(real) }
        return String(cString: real)
    }

    /// `path` without its last part: "/a/b" → "/a", "/a" → "/", "a" → "" (`NSString`'s
    /// `deletingLastPathComponent`).
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var head = trimmed[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// `base` and `name` joined by one slash (`URL.appendingPathComponent` on a folder's path).
    public static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
