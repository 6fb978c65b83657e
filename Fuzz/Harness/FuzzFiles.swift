import EvalDSL

/// The files a fuzz input may read (`load`, `run`) and write (`export`): a few small data files and
/// scripts, all in memory, so no input ever touches the disk. Taken from the repository once, when
/// the harness starts (the same files the seeds were written against).
enum FuzzFiles {
    /// The repository's root, found from this file's place in it.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)   // Fuzz/Harness/FuzzFiles.swift
        return parts.joined(separator: "/")
    }()

    /// The bytes of a file of the repository; empty when it is gone (the target still runs).
    static func repository(_ path: String) -> [UInt8] {
        (try? LocalFileSystem().read(root + "/" + path)) ?? []
    }

    /// The small model every script input starts from: Tests/notebooks/prelude.evl.
    static let prelude = repository("Tests/notebooks/prelude.evl")

    /// Path in memory → content. Paths match what the seeds write: a notebook of Tests/notebooks
    /// runs `../prelude.evl` or `../../prelude.evl`, a script of scripts/ loads `data/{fy}/…`.
    static let contents: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [
            "prelude.evl": prelude,
            "a/prelude.evl": prelude,
            "sub.evl": Array("group 省级 = projects where source = 省级\n".utf8),
            "loop.evl": Array("run \"loop.evl\"\n".utf8),
            "data/projects.csv": repository("Tests/EvalDSLTests/Fixtures/projects-quoted.csv"),
            "data/projects-gb18030.csv": repository("Tests/EvalDSLTests/Fixtures/projects-gb18030.csv"),
            "data/payments-gb18030.csv": repository("Tests/EvalDSLTests/Fixtures/payments-gb18030.csv"),
            "data/adjustments.csv": repository("Tests/EvalDSLTests/Fixtures/adjustments.csv"),
            "data/projects.xlsx": repository("scripts/data/2020/projects.xlsx"),
            "data/培训项目指标-gb18030.csv": repository("Tests/notebooks/forms/data/培训项目指标-gb18030.csv"),
        ]
        for year in ["2020", "2021"] {
            for name in ["projects.csv", "projects.xlsx", "payments-gb18030.csv"] {
                files["data/\(year)/\(name)"] = repository("scripts/data/\(year)/\(name)")
            }
        }
        return files
    }()

    /// A fresh file system holding `contents` and an `out` folder: what one input writes is gone
    /// before the next, so every finding replays alone.
    static func fresh() -> NormalizedFiles {
        let memory = MemoryFileSystem(contents)
        try? memory.makeFolders("out")
        return NormalizedFiles(memory: memory)
    }
}

/// A memory file system that reads `a/b/../../x` as `x`, as the disk would: the notebooks under
/// Tests/notebooks reach their prelude with `..`.
struct NormalizedFiles: FileSystem {
    let memory: MemoryFileSystem

    func open(_ path: String) throws(FileError) -> any ReadableFile { try memory.open(Self.normalize(path)) }
    func writeAtomically(_ bytes: [UInt8], to path: String, replace: Bool) throws(FileError) {
        try memory.writeAtomically(bytes, to: Self.normalize(path), replace: replace)
    }
    func makeFolders(_ path: String) throws(FileError) { try memory.makeFolders(Self.normalize(path)) }
    func status(_ path: String) -> FileStatus? { memory.status(Self.normalize(path)) }

    /// `.` and empty parts dropped, `..` taken back; a `..` above the start is kept.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
            default: parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
