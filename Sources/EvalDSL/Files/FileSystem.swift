/// Every file the library reads or writes goes through one `FileSystem`, held by the session: the
/// disk by default (`LocalFileSystem`), memory in tests (`MemoryFileSystem`), either of them behind
/// a policy of what a notebook may touch (`GuardedFileSystem`). So "what can a notebook read and
/// write" is answered in one place, and the library never opens a file behind the session's back.
public protocol FileSystem: Sendable {
    /// Opens the file at `path` for reading in chunks; a folder or a missing file is an error.
    func open(_ path: String) throws(FileError) -> any ReadableFile
    /// Puts `bytes` at `path` so that a reader sees the old file or the new one, never half of one.
    /// Without `replace`, a file already there is `FileError.exists`.
    func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError)
    /// Makes the folder `path` and any missing folders above it.
    func makeFolders(_ path: String) throws(FileError)
    /// What is at `path`; nil when nothing is (or it cannot be looked at).
    func status(_ path: String) -> FileStatus?
}

/// A file open for reading, read in chunks so that a file of any size costs a buffer's memory.
/// A class: the file is closed when the last reference goes.
public protocol ReadableFile: AnyObject {
    /// The size in bytes when known (a regular file), for progress and for sizing buffers.
    var size: Int? { get }
    /// The file's path on this machine's disk, for a library that must open the file itself (the
    /// workbook reader's zip library); nil for a file that exists only in memory.
    var localPath: String? { get }
    /// Reads the next bytes into `buffer`; how many, 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int
}

/// What a path names.
public enum FileStatus: Sendable, Equatable {
    case file(size: Int)
    case folder
}

/// Why a file could not be read or written.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Writing without `replace` where a file is already.
    case exists
    /// Anything else, with the reason as a message shows it (`no such file`, `permission denied`).
    case failed(String)

    public var description: String {
        switch self {
        case .exists: L("it exists already")
        case .failed(let why): why
        }
    }
}

extension FileSystem {
    /// The whole content of the file at `path` (a script, a small file: data files are streamed).
    public func read(_ path: String) throws(FileError) -> [UInt8] {
        try open(path).readAll()
    }

    /// Whether the file at `path` holds exactly `bytes` (read only when the sizes agree).
    public func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard status(path) == .file(size: bytes.count) else { return false }
        return (try? read(path)) == bytes
    }

    /// The SHA-256 of the file at `path` in lowercase hexadecimal, streamed.
    func sha256(_ path: String) throws(FileError) -> String {
        let file = try open(path)
        var h = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try file.read(into: &chunk)
            if n == 0 { break }
            h.update(chunk[0..<n])
        }
        let digits = Array("0123456789abcdef")
        return String(h.finish().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}

extension ReadableFile {
    /// Reads the next bytes into the start of `chunk`; how many, 0 at the end of the file.
    public func read(into chunk: inout [UInt8]) throws(FileError) -> Int {
        // Array's closure API rethrows untyped errors: the typed one is carried out in a Result.
        let r = chunk.withUnsafeMutableBytes { raw in Result { () throws(FileError) in try read(into: raw) } }
        return try r.get()
    }

    /// The rest of the file, whole.
    public func readAll() throws(FileError) -> [UInt8] {
        var out: [UInt8] = []
        if let size { out.reserveCapacity(size) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try read(into: &chunk)
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }
}
