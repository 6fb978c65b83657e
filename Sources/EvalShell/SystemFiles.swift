#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the shell asks the system about files and the user, through the C library: it once asked
/// Foundation (`FileManager`, `ProcessInfo`, `NSHomeDirectory`), whose loading was most of the
/// program's start-up time.
enum SystemFiles {
    /// Whether something is at `path`, and whether it is a folder (following symbolic links).
    static func kind(_ path: String) -> (exists: Bool, isFolder: Bool) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (false, false) }
        return (true, st.st_mode & S_IFMT == S_IFDIR)
    }

    /// The names in the folder `path`, without `.` and `..`, in the system's order; nil when it
    /// cannot be listed.
    static func contents(ofFolder path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The value of the environment variable `name`.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// `$HOME`, else the user's home folder from the password database, else "/".
    static var home: String {
        if let home = environment("HOME") { return home }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }
}
