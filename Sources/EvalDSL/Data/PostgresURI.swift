/// Connection URIs (`postgresql://user@host/db?host=/run/postgresql`) as a `load` names a database,
/// and the masking of a password written into one: credentials belong in `PGPASSWORD`, `~/.pgpass`
/// or a `PGSERVICE` entry (libpq reads those itself), and a password typed into a URI anyway must
/// not be echoed into a diagnostic, a notebook, a history file or a saved session.
public enum PostgresURI {
    /// What a masked password is shown as.
    public static let mask = "***"

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isDatabase(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// `text` with the password of every PostgreSQL URI in it replaced by `***`: the one in the
    /// user part (`user:secret@`) and a `password=` parameter.
    public static func masked(_ text: String) -> String {
        let spans = passwordSpans(in: Array(text.utf8))
        guard !spans.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for s in spans.reversed() { bytes.replaceSubrange(s, with: Array(mask.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A byte offset of `text` moved to where it falls in `masked(text)`: an offset inside a password
    /// goes to the start of its mask.
    static func maskedOffset(_ offset: Int, in spans: [Range<Int>]) -> Int {
        var shift = 0
        for s in spans {
            if offset >= s.upperBound { shift += mask.utf8.count - s.count }
            else if offset > s.lowerBound { return s.lowerBound + shift }
        }
        return offset + shift
    }

    /// The byte ranges of passwords in `bytes`, in order.
    static func passwordSpans(in bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while let start = nextScheme(in: bytes, from: i) {
            // The URI runs to a quote or a blank: it is written inside a string.
            var end = start
            while end < bytes.count, !isTerminator(bytes[end]) { end += 1 }
            // The user part: up to the `@` before the first `/`, `?` or `#` of the authority.
            var authorityEnd = start
            while authorityEnd < end, ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(bytes[authorityEnd]) { authorityEnd += 1 }
            if let at = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
               let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at {
                spans.append((colon + 1)..<at)
            }
            // `password=` among the parameters.
            if let q = bytes[start..<end].firstIndex(of: UInt8(ascii: "?")) {
                var p = q + 1
                while p < end {
                    var e = p
                    while e < end, bytes[e] != UInt8(ascii: "&") { e += 1 }
                    let key = Array("password=".utf8)
                    if e - p > key.count, Array(bytes[p..<(p + key.count)]) == key { spans.append((p + key.count)..<e) }
                    p = e + 1
                }
            }
            i = max(end, start + 1)
        }
        return spans
    }

    /// The offset just after the next `postgresql://` or `postgres://` at or after `from`.
    private static func nextScheme(in bytes: [UInt8], from: Int) -> Int? {
        let long = Array("postgresql://".utf8), short = Array("postgres://".utf8)
        var i = from
        while i + short.count <= bytes.count {
            if bytes[i] == UInt8(ascii: "p") || bytes[i] == UInt8(ascii: "P") {
                if i + long.count <= bytes.count, lowered(bytes[i..<(i + long.count)]) == long { return i + long.count }
                if lowered(bytes[i..<(i + short.count)]) == short { return i + short.count }
            }
            i += 1
        }
        return nil
    }

    private static func lowered(_ s: ArraySlice<UInt8>) -> [UInt8] {
        s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    private static func isTerminator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
            || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "`")
    }
}
