#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files of `writeFileAtomically`, `.NAME.tmp-XXXXXX` next to NAME. One is left only
/// when its writer died before renaming it; the next write of NAME removes those. A living writer
/// holds a lock on its temporary file from the moment it made it, so a file nobody holds a lock on is
/// abandoned — unless it was made an instant ago and its writer has not taken the lock yet, which a
/// second of age rules out.
enum TemporaryFiles {
    /// How old an unlocked temporary file must be to count as abandoned, in seconds.
    static let minimumAge = 1

    /// When a file was last written, in seconds since the epoch.
    static func modified(_ st: stat) -> Int {
        #if canImport(Glibc)
        Int(st.st_mtim.tv_sec)
        #else
        Int(st.st_mtimespec.tv_sec)
        #endif
    }

    /// Whether `entry` is a temporary file of `base`: `.` + base + `.tmp-` + mkstemp's 6 characters.
    static func isTemporary(_ entry: String, of base: String) -> Bool {
        let prefix = "." + base + ".tmp-"
        return entry.hasPrefix(prefix) && entry.utf8.count == prefix.utf8.count + 6
    }

    /// Removes the abandoned temporary files of `base` in the folder `dir`. Best effort: what cannot be
    /// looked at or removed stays, and matters to nothing (a hidden file no command reads).
    static func removeAbandoned(of base: String, in dir: String) {
        guard let d = opendir(dir) else { return }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isTemporary(name, of: base) { names.append(name) }
        }
        closedir(d)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        for name in names {
            let path = dir + "/" + name
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
                  Int(now.tv_sec) - modified(st) > minimumAge,
                  flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(path)
        }
    }
}
