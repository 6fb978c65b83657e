import Synchronization

/// Files held in memory: a session given one reads and writes nothing on disk (the tests, a preview
/// of a notebook that must leave no trace). Paths are taken as written; a folder exists once it is
/// made or once a file is put under it. Shared between copies of a session: a class, locked.
public final class MemoryFileSystem: FileSystem {
    private struct State {
        var files: [String: [UInt8]] = [:]
        var folders: Set<String> = []
    }

    private let state = Mutex(State())

    /// A file system holding `files` (path → content).
    public init(_ files: [String: [UInt8]] = [:]) {
        state.withLock { $0.files = files }
    }

    /// The content of the file at `path`, nil when there is none.
    public subscript(path: String) -> [UInt8]? {
        get { state.withLock { $0.files[path] } }
        set { state.withLock { $0.files[path] = newValue } }
    }

    /// The paths of all files, sorted.
    public var paths: [String] { state.withLock { $0.files.keys.sorted() } }

    public func open(_ path: String) throws(FileError) -> any ReadableFile {
        switch status(path) {
        case .file?: return MemoryFile(bytes: state.withLock { $0.files[path] ?? [] })
        case .folder?: throw .failed(L("it is a directory"))
        case nil: throw .failed(L("no such file"))
        }
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError) {
        switch status(path) {
        case .folder?: throw .failed(L("it is a folder"))
        case .file?: if !replace { throw .exists }
        case nil: break
        }
        let parent = MemoryFileSystem.parent(path)
        if let parent, status(parent) != .folder { throw .failed(L("its folder does not exist")) }
        state.withLock { $0.files[path] = bytes }
    }

    public func makeFolders(_ path: String) throws(FileError) {
        var p: String? = path
        while let folder = p, !folder.isEmpty, folder != ".", folder != "/" {
            if case .file? = status(folder) { throw .failed(L("it is not a folder")) }
            _ = state.withLock { $0.folders.insert(folder) }
            p = MemoryFileSystem.parent(folder)
        }
    }

    public func status(_ path: String) -> FileStatus? {
        state.withLock { s in
            if let bytes = s.files[path] { return .file(size: bytes.count) }
            if path.isEmpty || path == "." || path == "/" || s.folders.contains(path) { return .folder }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return s.files.keys.contains { $0.hasPrefix(prefix) } ? .folder : nil
        }
    }

    /// The folder a path is in, nil for a bare name (the working folder).
    static func parent(_ path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// A file of a `MemoryFileSystem`, read from a copy taken when it was opened.
final class MemoryFile: ReadableFile {
    private let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var size: Int? { bytes.count }
    var localPath: String? { nil }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
