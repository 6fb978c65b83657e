#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text of a table's cells to and from `String`: UTF-8 through the standard library, GB18030 through
/// the C library's iconv. Only text cells are decoded, one cell at a time, so a multibyte character
/// is never split: a CSV record always holds whole cells, and GB18030 never uses the bytes
/// `,` `"` CR LF inside a character (its trail bytes are 0x30–0x39 and 0x40–0xFE), so records and
/// fields are found on the raw bytes before any decoding.
public final class TextCodec {
    public let encoding: TextEncoding
    private var converter: iconv_t?
    private var scratch: [UInt8] = []

    /// Fails only when GB18030 is asked for and the C library has no converter for it.
    public init(_ encoding: TextEncoding, direction: Direction = .decode) throws(LoadError) {
        self.encoding = encoding
        if encoding == .gb18030 {
            let cd = direction == .decode ? iconv_open("UTF-8", "GB18030") : iconv_open("GB18030", "UTF-8")
            guard let cd, Int(bitPattern: cd) != -1 else {
                throw LoadError(.encodingUnavailable("GB18030"), file: "")
            }
            converter = cd
        }
    }

    public enum Direction: Sendable { case decode, encode }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// The text of `bytes`, or nil when they are not valid in the encoding.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if encoding == .utf8 || TextCodec.isASCII(bytes) {
            return String(validating: bytes, as: UTF8.self)
        }
        guard convert(bytes) else { return nil }
        return String(validating: scratch, as: UTF8.self)
    }

    public func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// The bytes of `text` in the encoding (the encoder was made with `.encode`).
    public func encode(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        if encoding == .utf8 { return utf8 }
        return utf8.withUnsafeBufferPointer { buf in
            convert(buf) ? scratch : utf8
        }
    }

    /// Runs iconv over the whole of `input` into `scratch`; false on an invalid or truncated sequence.
    private func convert(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let cd = converter, let base = input.baseAddress else {
            scratch = []
            return input.isEmpty
        }
        // GB18030 → UTF-8 grows at most 2× (2 bytes → 3, 4 → 4); UTF-8 → GB18030 never grows.
        let capacity = input.count * 2 + 8
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity) }
        _ = iconv(cd, nil, nil, nil, nil)
        var written = 0
        let ok: Bool = scratch.withUnsafeMutableBufferPointer { out in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            written = out.count - outLeft
            return r != -1 && inLeft == 0
        }
        if !ok { return false }
        scratch.removeSubrange(written...)
        return true
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Whether `bytes` are valid UTF-8. With `allowTruncatedEnd`, a sequence cut off by the end of the
    /// buffer (the rest is in the next chunk) counts as valid.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        switch utf8Status(bytes) {
        case .valid: true
        case .invalid: false
        case .truncated: allowTruncatedEnd
        }
    }

    enum UTF8Status: Equatable {
        case valid, invalid
        /// Valid up to a sequence that the end of the buffer cuts off, which starts at `at`.
        case truncated(at: Int)
    }

    /// `utf8Status(bytes)`, the second half looked at by another thread when there are at least
    /// `minimum` bytes and two processors: the first MiB of a file is checked this way, before any
    /// row can be read.
    static func utf8StatusInTwo(_ bytes: UnsafeBufferPointer<UInt8>, minimum: Int = 256 << 10) -> UTF8Status {
        let n = bytes.count
        guard n >= max(minimum, 8), processorsOnline >= 2 || minimum == 0, let base = bytes.baseAddress else { return utf8Status(bytes) }
        // The second half starts at a character: a byte that is not a continuation byte (in valid
        // text one of the next four is not).
        var m = n / 2
        while m < n / 2 + 4 && base[m] & 0xC0 == 0x80 { m += 1 }
        guard base[m] & 0xC0 != 0x80 else { return utf8Status(bytes) }
        final class Status: @unchecked Sendable { var value = UTF8Status.valid }
        let second = Status(), mid = m, address = UInt(bitPattern: base)
        var worker = WorkerThread {
            second.value = utf8Status(UnsafeBufferPointer(start: UnsafePointer<UInt8>(bitPattern: address)! + mid, count: n - mid))
        }
        let first = utf8Status(UnsafeBufferPointer(start: base, count: mid))
        worker.join()
        switch first {
        case .valid:
            if case .truncated(let at) = second.value { return .truncated(at: mid + at) }
            return second.value
        case .invalid, .truncated:
            // A character cut by the middle is followed by a byte that cannot continue it.
            return .invalid
        }
    }

    /// Run over the first MiB of a file to tell its encoding, so the common cases are short: ASCII
    /// eight bytes at a time, and a three-byte character (all of CJK) checked in one step; any
    /// other byte goes through the full rules.
    static func utf8Status(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Status {
        guard let base = bytes.baseAddress else { return .valid }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = base[i]
            if b < 0x80 {
                i += 1
                while i + 8 <= n {
                    let high = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                    if high != 0 { i += high.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                continue
            }
            // E1–EC and EE–EF take any two continuation bytes (E0, ED and the rest: the rules below).
            if i + 2 < n, b &- 0xE1 < 0x0C || b &- 0xEE < 2, base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return .invalid
            }
            for k in 1..<len {
                if i + k >= n { return .truncated(at: i) }
                let c = bytes[i + k]
                if k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF) { return .invalid }
            }
            i += len
        }
        return .valid
    }
}
