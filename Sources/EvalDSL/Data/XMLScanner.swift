#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming XML tokenizer for the parts of a workbook: fed chunks as they are decompressed, it
/// reports start tags, end tags and text, keeping only an unfinished tag or text between chunks.
/// A sheet is never held whole in memory, and a huge one costs time bounded by the extraction cap.
///
/// Not a general XML parser, and it need not be: workbook parts are machine-written, UTF-8, without
/// a DTD. A `<!DOCTYPE` is refused (no entity expansion, so no "billion laughs"); the five predefined
/// entities and character references are decoded; element and attribute names lose their namespace
/// prefix (`x:row` is `row`). Foundation's XMLParser is not used: it would need the whole sheet in
/// memory (or an InputStream), and linking FoundationXML and libxml2 would slow every start-up.

/// Receives the events of a streamed document. Names are local names; byte buffers are valid only
/// during the call.
protocol XMLEvents {
    mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ attributes: XMLAttributes) throws(LoadError)
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError)
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError)
    /// How many bytes of the part have been inflated, before each chunk is fed.
    mutating func inflated(_ bytes: Int, of stated: Int) throws(LoadError)
}

extension XMLEvents {
    mutating func inflated(_ bytes: Int, of stated: Int) throws(LoadError) {}
}

/// The attributes of a start tag, valid only during `start`.
struct XMLAttributes {
    let base: UnsafePointer<UInt8>
    /// Local name start and end, value start and end, as offsets from `base`.
    let ranges: UnsafeBufferPointer<(Int, Int, Int, Int)>

    /// The raw value (entities not decoded) of attribute `name`.
    func raw(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        for r in ranges where r.1 - r.0 == name.utf8CodeUnitCount
            && memcmp(base + r.0, name.utf8Start, name.utf8CodeUnitCount) == 0 {
            return UnsafeBufferPointer(start: base + r.2, count: r.3 - r.2)
        }
        return nil
    }

    /// The value of attribute `name` with entities decoded.
    func string(_ name: StaticString) -> String? {
        guard let v = raw(name) else { return nil }
        var out: [UInt8] = []
        XMLScanner.decodeEntities(v, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Whether `bytes` spell `name`.
@inline(__always)
func isName(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
    bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
}

struct XMLScanner {
    /// The part's name in messages (`xl/worksheets/sheet1.xml`).
    let part: String
    let file: String
    let maxToken: Int
    private var carry: [UInt8] = []
    private var scratch: [UInt8] = []
    private var attributes: [(Int, Int, Int, Int)] = []

    init(part: String, file: String, maxToken: Int) {
        self.part = part
        self.file = file
        self.maxToken = maxToken
    }

    private func fail(_ why: String) -> LoadError {
        LoadError(.badWorkbook("\(part): \(why)"), file: file)
    }

    /// Feeds the next chunk; `final` marks the end of the part.
    mutating func feed<H: XMLEvents>(_ chunk: UnsafeRawBufferPointer, final: Bool, into h: inout H) throws(LoadError) {
        carry.append(contentsOf: chunk)
        var consumed = 0
        var pending = carry
        carry = []
        defer { carry = pending }
        try pending.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(LoadError) in
            consumed = try scan(p, final: final, into: &h)
        }
        pending.removeSubrange(0..<consumed)
        if pending.count > maxToken {
            throw fail(L("an element or text longer than \(byteSize(maxToken))"))
        }
        if final && !pending.isEmpty {
            throw fail(L("the XML ends in the middle of an element (a truncated file?)"))
        }
    }

    /// Reports every complete token of `p`; returns how many bytes were used.
    private mutating func scan<H: XMLEvents>(_ p: UnsafeBufferPointer<UInt8>, final: Bool, into h: inout H) throws(LoadError) -> Int {
        let n = p.count
        guard let base = p.baseAddress else { return 0 }
        var i = 0
        func find(_ from: Int, _ byte: UInt8, before limit: Int? = nil) -> Int? {
            let end = limit ?? n
            guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return nil }
            return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
        }
        func find(_ from: Int, _ pattern: [UInt8]) -> Int? {
            var k = from
            while let a = find(k, pattern[0]) {
                if a + pattern.count > n { return nil }
                if (1..<pattern.count).allSatisfy({ p[a + $0] == pattern[$0] }) { return a }
                k = a + 1
            }
            return nil
        }
        func starts(_ at: Int, _ s: StaticString) -> Bool {
            at + s.utf8CodeUnitCount <= n && memcmp(base + at, s.utf8Start, s.utf8CodeUnitCount) == 0
        }
        while i < n {
            if p[i] != 0x3C {  // text up to the next '<'
                guard let lt = find(i, 0x3C) else {
                    if final { try emitText(p, i, n, into: &h); i = n }
                    break
                }
                try emitText(p, i, lt, into: &h)
                i = lt
                continue
            }
            guard i + 1 < n else { break }
            switch p[i + 1] {
            case 0x2F:  // </name>
                guard let gt = find(i + 2, 0x3E) else { return i }
                var a = i + 2, b = gt
                while b > a && ValueParser.isSpace(p[b - 1]) { b -= 1 }
                if let colon = find(a, 0x3A, before: b) { a = colon + 1 }
                try h.end(UnsafeBufferPointer(rebasing: p[a..<b]))
                i = gt + 1
            case 0x3F:  // <? … ?>
                guard let e = find(i + 2, [0x3F, 0x3E]) else { return i }
                i = e + 2
            case 0x21:  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE
                if starts(i, "<!--") {
                    guard let e = find(i + 4, [0x2D, 0x2D, 0x3E]) else { return i }
                    i = e + 3
                } else if starts(i, "<![CDATA[") {
                    guard let e = find(i + 9, [0x5D, 0x5D, 0x3E]) else { return i }
                    try h.text(UnsafeBufferPointer(rebasing: p[(i + 9)..<e]))
                    i = e + 3
                } else if n - i < 9 && !final {
                    return i
                } else {
                    throw fail(L("a document type declaration (<!DOCTYPE) is not allowed in a workbook"))
                }
            default:  // <name attr="v" …> or …/>
                var k = i + 1
                var quote: UInt8 = 0
                while k < n {
                    let b = p[k]
                    if quote != 0 { if b == quote { quote = 0 } }
                    else if b == 0x22 || b == 0x27 { quote = b }
                    else if b == 0x3E { break }
                    k += 1
                }
                guard k < n else { return i }
                let gt = k
                let selfClosing = p[gt - 1] == 0x2F
                let tagEnd = selfClosing ? gt - 1 : gt
                var a = i + 1
                var e = a
                while e < tagEnd && !ValueParser.isSpace(p[e]) && p[e] != 0x2F { e += 1 }
                let nameEnd = e
                if let colon = find(a, 0x3A, before: nameEnd) { a = colon + 1 }
                guard nameEnd > a else { throw fail(L("a tag without a name")) }
                try parseAttributes(p, from: nameEnd, to: tagEnd)
                let name = UnsafeBufferPointer(rebasing: p[a..<nameEnd])
                try attributes.withUnsafeBufferPointer { (ranges) throws(LoadError) in
                    try h.start(name, XMLAttributes(base: base, ranges: ranges))
                }
                if selfClosing { try h.end(name) }
                i = gt + 1
            }
        }
        return i
    }

    private mutating func parseAttributes(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) throws(LoadError) {
        attributes.removeAll(keepingCapacity: true)
        var k = from
        while true {
            while k < to && ValueParser.isSpace(p[k]) { k += 1 }
            if k >= to { return }
            var a = k
            while k < to && p[k] != 0x3D && !ValueParser.isSpace(p[k]) { k += 1 }
            let nameEnd = k
            for c in a..<nameEnd where p[c] == 0x3A { a = c + 1 }
            while k < to && ValueParser.isSpace(p[k]) { k += 1 }
            guard k < to, p[k] == 0x3D else { throw fail(L("an attribute without a value")) }
            k += 1
            while k < to && ValueParser.isSpace(p[k]) { k += 1 }
            guard k < to, p[k] == 0x22 || p[k] == 0x27 else { throw fail(L("an attribute value without quotes")) }
            let q = p[k]
            let v = k + 1
            k = v
            while k < to && p[k] != q { k += 1 }
            guard k < to else { throw fail(L("an attribute value that is never closed")) }
            attributes.append((a, nameEnd, v, k))
            k += 1
        }
    }

    private mutating func emitText<H: XMLEvents>(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, into h: inout H) throws(LoadError) {
        guard b > a else { return }
        let slice = UnsafeBufferPointer(rebasing: p[a..<b])
        if memchr(slice.baseAddress!, 0x26, slice.count) == nil {
            try h.text(slice)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        XMLScanner.decodeEntities(slice, into: &scratch)
        try scratch.withUnsafeBufferPointer { (s) throws(LoadError) in try h.text(s) }
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#…;` `&#x…;` → their characters; anything else is kept.
    static func decodeEntities(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            var e = i + 1
            while e < n && e - i < 12 && p[e] != 0x3B { e += 1 }
            guard e < n && p[e] == 0x3B else { out.append(b); i += 1; continue }
            let name = Array(p[(i + 1)..<e])
            var scalar: UInt32?
            switch name {
            case Array("lt".utf8): scalar = 0x3C
            case Array("gt".utf8): scalar = 0x3E
            case Array("amp".utf8): scalar = 0x26
            case Array("quot".utf8): scalar = 0x22
            case Array("apos".utf8): scalar = 0x27
            default:
                if name.first == 0x23 {
                    let hex = name.count > 1 && (name[1] == 0x78 || name[1] == 0x58)
                    let digits = String(decoding: name.dropFirst(hex ? 2 : 1), as: UTF8.self)
                    scalar = UInt32(digits, radix: hex ? 16 : 10)
                }
            }
            if let s = scalar, let u = Unicode.Scalar(s) {
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i = e + 1
            } else {
                out.append(b)
                i += 1
            }
        }
    }
}
