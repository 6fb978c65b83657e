#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The disk, through POSIX calls: what a session uses unless it is given another file system.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func open(_ path: String) throws(FileError) -> any ReadableFile {
        try LocalFile(path: path)
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError) {
        do {
            try writeFileAtomically(bytes, to: path, replace: replace)
        } catch {
            switch error.kind {
            case .exists: throw .exists
            case .cannotWrite(let why): throw .failed(why)
            case .unknownFormat, .ragged: throw .failed(error.message)
            }
        }
    }

    public func makeFolders(_ path: String) throws(FileError) {
        var made = ""
        for (i, part) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
            made += (i == 0 ? "" : "/") + part
            if part.isEmpty || part == "." || part == ".." { continue }
            if mkdir(made, 0o777) != 0 && errno != EEXIST { throw .failed(LocalFile.errnoText()) }
        }
        guard status(path) == .folder else { throw .failed("it is not a folder") }
    }

    public func status(_ path: String) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file(size: Int(st.st_size))
    }
}

/// A file of the disk open for reading; closed when released.
final class LocalFile: ReadableFile {
    let fd: Int32
    let size: Int?
    let localPath: String?

    init(path: String) throws(FileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .failed(LocalFile.errnoText()) }
        var st = stat()
        let statOK = fstat(fd, &st) == 0
        if statOK && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .failed("it is a directory")
        }
        self.fd = fd
        self.size = statOK && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
        self.localPath = path
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard buffer.count > 0 else { return 0 }
        var n: Int
        repeat { n = systemRead(fd, buffer.baseAddress, buffer.count) } while n < 0 && errno == EINTR
        if n < 0 { throw .failed(LocalFile.errnoText()) }
        return n
    }

    /// The last system error as a message shows it.
    static func errnoText() -> String {
        switch errno {
        case ENOENT: L("no such file")
        case EACCES: L("permission denied")
        case EISDIR: L("it is a directory")
        default: String(cString: strerror(errno))
        }
    }
}

/// `read(2)`, under a name that a method called `read` does not hide.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, fsynced, then renamed (or
/// linked, when an existing file must not be replaced): a reader never sees half a file. A replaced
/// file keeps its permissions; a new one gets `newFileMode`. The one atomic writer of the project:
/// exports, reports, `test --update`, `:save` and the shell's history all write through it.
///
/// A writer killed before its rename (`kill -9`, a power cut) leaves its temporary file,
/// `.NAME.tmp-XXXXXX`: hidden, and named so that nothing reads it as a notebook or data. The writer
/// holds a lock on it while it lives, and the next write of the same file removes the ones that no
/// living writer holds (TemporaryFiles.swift).
public func writeFileAtomically(_ bytes: [UInt8], to path: String, replace: Bool, newFileMode: mode_t = 0o644) throws(ExportError) {
    func failure(_ why: String? = nil) -> ExportError {
        ExportError(kind: .cannotWrite(why ?? String(cString: strerror(errno))), path: path)
    }
    var st = stat()
    var mode = newFileMode
    if lstat(path, &st) == 0 {
        if (st.st_mode & S_IFMT) == S_IFDIR { throw failure("it is a folder") }
        if !replace { throw ExportError(kind: .exists, path: path) }
        if (st.st_mode & S_IFMT) == S_IFREG { mode = st.st_mode & 0o7777 }
    }
    let slash = path.lastIndex(of: "/")
    let dir = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var template = Array(((dir.isEmpty ? "/" : dir) + "/." + base + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw failure(errno == ENOENT ? "its folder does not exist" : nil) }
    let temp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    // Held until the file is renamed or removed (the descriptor stays open until then): it tells
    // another writer that this one is alive.
    _ = flock(fd, LOCK_EX)
    defer { close(fd) }
    var ok = true
    bytes.withUnsafeBytes { raw in
        var off = 0
        while off < raw.count {
            let n = write(fd, raw.baseAddress! + off, raw.count - off)
            if n < 0 { if errno == EINTR { continue }; ok = false; return }
            off += n
        }
    }
    let why = ok ? nil : String(cString: strerror(errno))
    if ok { _ = fchmod(fd, mode); ok = fsync(fd) == 0 }
    guard ok else {
        unlink(temp)
        throw failure(why)
    }
    if replace {
        guard rename(temp, path) == 0 else { let e = failure(); unlink(temp); throw e }
    } else {
        if link(temp, path) != 0 {
            let code = errno
            if code == EEXIST { unlink(temp); throw ExportError(kind: .exists, path: path) }
            // File systems without hard links: check once more, then rename.
            if lstat(path, &st) == 0 { unlink(temp); throw ExportError(kind: .exists, path: path) }
            guard rename(temp, path) == 0 else { let e = failure(); unlink(temp); throw e }
        } else {
            unlink(temp)
        }
    }
    let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY)
    if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    TemporaryFiles.removeAbandoned(of: base, in: dir.isEmpty ? "/" : dir)
}
