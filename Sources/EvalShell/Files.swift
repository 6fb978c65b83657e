#if canImport(Glibc)
import Glibc
#endif

enum ReadResult {
    case success(String)
    case failure(String)
}

/// Reads a whole file as UTF-8 (a leading BOM is dropped). Plain POSIX: no Foundation at start-up.
func readFile(_ path: String) -> ReadResult {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return .failure(String(cString: strerror(errno))) }
    defer { close(fd) }
    var st = stat()
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return .failure("is a directory") }
    guard let bytes = readAll(fd) else { return .failure(String(cString: strerror(errno))) }
    guard let text = decodeUTF8(bytes) else { return .failure("not valid UTF-8 text") }
    return .success(text)
}

/// Standard input as a script's text, or why it cannot be one.
func readAllStandardInput() -> Result<String, FileReadError> {
    guard let bytes = readAll(0) else {
        return .failure(FileReadError(errno == EISDIR ? "standard input is a directory" : "cannot read standard input (\(String(cString: strerror(errno))))"))
    }
    guard let text = decodeUTF8(bytes) else { return .failure(FileReadError("standard input is not valid UTF-8")) }
    return .success(text)
}

/// Why a file (or standard input) could not be read, in the user's words.
struct FileReadError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

func readAll(_ fd: Int32) -> [UInt8]? {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if n == 0 { break }
        result.append(contentsOf: buffer[0..<n])
    }
    return result
}

func decodeUTF8(_ bytes: [UInt8]) -> String? {
    var slice = bytes[...]
    if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
    return String(validating: slice, as: UTF8.self)
}
