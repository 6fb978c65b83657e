/// A piece of source text with a name (a file path, `<stdin>`, `<input>`, `-c`).
///
/// Positions everywhere else are UTF-8 offsets into `text`; lines and columns are computed here,
/// only when something is rendered, so they stay right for shell lines, loaded files and notebooks.
public struct SourceFile: Sendable, Hashable {
    public let name: String
    public let text: String
    /// UTF-8 offset of the first byte of every line.
    let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        var starts = [0]
        for (i, b) in text.utf8.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line of a UTF-8 offset.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        var end = line < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1)
            : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// 1-based column of a UTF-8 offset, counted in characters (so `档案` is two columns of text, not six bytes).
    public func column(of offset: Int) -> Int {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: start)
        let b = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        return text[a..<b].count + 1
    }

    /// The source text of a range.
    public func slice(_ range: SourceRange) -> Substring {
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: range.start)
        let b = utf8.index(utf8.startIndex, offsetBy: range.end)
        return text[a..<b]
    }
}

/// A half-open range of UTF-8 offsets into one `SourceFile`.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}
