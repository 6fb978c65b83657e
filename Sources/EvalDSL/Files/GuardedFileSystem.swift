/// One access to a file: reading it (or asking what is there) or writing it (or making a folder).
public struct FileAccess: Sendable, Equatable, CustomStringConvertible {
    public enum Mode: String, Sendable { case read, write }
    public var mode: Mode
    public var path: String

    public init(_ mode: Mode, _ path: String) {
        self.mode = mode
        self.path = path
    }

    public var description: String { "\(mode.rawValue) \(path)" }
}

/// Another file system behind a policy: every access is put to `allows` first, and one it refuses
/// fails with "not allowed" without reaching `base`. The one place where what a notebook may read
/// and write is decided (and, with a policy that records, observed).
public struct GuardedFileSystem: FileSystem {
    public var base: any FileSystem
    public var allows: @Sendable (FileAccess) -> Bool

    public init(_ base: any FileSystem = LocalFileSystem(), allows: @escaping @Sendable (FileAccess) -> Bool) {
        self.base = base
        self.allows = allows
    }

    /// A policy that lets through only paths inside `folders` (a path with `..` in it never is).
    public static func inside(_ folders: [String]) -> @Sendable (FileAccess) -> Bool {
        let prefixes = folders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        return { access in
            let parts = access.path.split(separator: "/")
            guard !parts.contains("..") else { return false }
            return prefixes.contains { access.path.hasPrefix($0) || access.path + "/" == $0 }
        }
    }

    private func check(_ mode: FileAccess.Mode, _ path: String) throws(FileError) {
        guard allows(FileAccess(mode, path)) else {
            throw .failed(mode == .read ? L("not allowed: the session may not read there") : L("not allowed: the session may not write there"))
        }
    }

    public func open(_ path: String) throws(FileError) -> any ReadableFile {
        try check(.read, path)
        return try base.open(path)
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError) {
        try check(.write, path)
        try base.writeAtomically(bytes, to: path, replace: replace)
    }

    public func makeFolders(_ path: String) throws(FileError) {
        try check(.write, path)
        try base.makeFolders(path)
    }

    public func status(_ path: String) -> FileStatus? {
        allows(FileAccess(.read, path)) ? base.status(path) : nil
    }
}
