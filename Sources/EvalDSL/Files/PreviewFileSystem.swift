/// Another file system whose writes never reach it: each write is checked as the disk would check it
/// (a file already there without `replace`, a folder in the way, a missing folder), then kept in
/// memory, so the rest of the run reads what it wrote and prints the same as a run that writes.
/// What `render` and `test` give a notebook unless `--write-exports`: running someone else's
/// notebook to look at it changes no file (issue 11, item 12).
public final class PreviewFileSystem: FileSystem {
    public let base: any FileSystem
    /// The files and folders the run would have written, over `base`.
    private let held = MemoryFileSystem()

    /// A preview of writes over `base` (the disk by default).
    public init(_ base: any FileSystem = LocalFileSystem()) {
        self.base = base
    }

    /// The files the run would have written, by path as the session named them, sorted.
    public var withheld: [String] { held.paths }

    public func open(_ path: String) throws(FileError) -> any ReadableFile {
        if case .file? = held.status(path) { return try held.open(path) }
        return try base.open(path)
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError) {
        switch status(path) {
        case .folder?: throw .failed(L("it is a folder"))
        case .file?: if !replace { throw .exists }
        case nil: break
        }
        if let parent = MemoryFileSystem.parent(path), status(parent) != .folder {
            throw .failed(L("its folder does not exist"))
        }
        held[path] = bytes
    }

    public func makeFolders(_ path: String) throws(FileError) {
        // As the disk would: a file in the way fails; otherwise the folders exist from now on.
        var p: String? = path
        while let folder = p, !folder.isEmpty, folder != ".", folder != "/" {
            if case .file? = status(folder) { throw .failed(L("it is not a folder")) }
            p = MemoryFileSystem.parent(folder)
        }
        try held.makeFolders(path)
    }

    public func status(_ path: String) -> FileStatus? {
        let mine = held.status(path)
        if case .file? = mine { return mine }
        return base.status(path) ?? mine
    }
}
