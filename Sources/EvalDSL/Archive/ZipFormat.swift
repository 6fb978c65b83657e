import ZlibShim

/// The fixed parts of the zip format (APPNOTE.TXT) that both the reader and the writer use.
enum ZipFormat {
    static let localHeaderSignature = 0x0403_4B50
    static let centralHeaderSignature = 0x0201_4B50
    static let endSignature = 0x0605_4B50
    static let zip64LocatorSignature = 0x0706_4B50
    /// Bytes of the fixed part of each record, before its variable-length name, extra field, comment.
    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endRecordSize = 22
    /// The longest comment the end record can carry, so the farthest back it can start.
    static let maxCommentSize = 0xFFFF
    static let stored: UInt16 = 0
    static let deflated: UInt16 = 8
    /// General-purpose flag bits.
    static let encryptedFlag: UInt16 = 1 << 0
    static let utf8NameFlag: UInt16 = 1 << 11
    static let strongEncryptionFlag: UInt16 = 1 << 6

    /// The CRC-32 of `bytes` continuing from `crc` (zlib's, the one zip uses).
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        var crc = UInt(crc)
        var at = 0
        // zlib takes a 32-bit length: long buffers go in slices.
        while at < bytes.count {
            let n = min(bytes.count - at, 1 << 30)
            crc = ZlibShim.crc32(crc, (base + at).assumingMemoryBound(to: Bytef.self), uInt(n))
            at += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

/// Why a zip archive, or one part of it, cannot be read; the text is what a message says after the
/// file's name.
enum ZipError: Error, Equatable, CustomStringConvertible {
    /// No end-of-central-directory record: not a zip file, or one cut short.
    case notZip
    /// The directory or a header points outside the file or disagrees with itself.
    case damaged
    /// ZIP64 (over 4 GiB or 65,535 entries), which no workbook or document of ours needs.
    case zip64
    /// More entries than the caller allows.
    case tooManyEntries(limit: Int)
    /// An entry whose name climbs out of the archive (`..`) or starts at the root.
    case unsafeName(String)
    case encrypted(part: String)
    case unsupportedMethod(part: String, method: Int)
    /// The compressed data stops before the end of its stream.
    case endsEarly(part: String)
    /// The compressed data is not a valid deflate stream.
    case corrupt(part: String)
    /// The data inflated has another CRC-32 than its header states.
    case checksum(part: String)
    /// The data inflated has another length than its header states.
    case sizeDiffers(part: String)
    /// The data inflates past what the caller allows.
    case tooLarge(part: String, limit: Int)

    var description: String {
        switch self {
        case .notZip: L("it is not a zip archive")
        case .damaged: L("its zip directory is damaged")
        case .zip64: L("it is a ZIP64 archive, which is not supported")
        case .tooManyEntries(let limit): L("it has more than \(limit) entries")
        case .unsafeName(let name): L("it has an entry named `\(name)`, outside the archive")
        case .encrypted(let part): L("\(part) is encrypted")
        case .unsupportedMethod(let part, let method): L("\(part) is compressed with method \(method), which is not supported")
        case .endsEarly(let part): L("\(part) ends early: the file is damaged or truncated")
        case .corrupt(let part): L("\(part) cannot be inflated: the file is damaged")
        case .checksum(let part): L("\(part) fails its CRC-32 check: the file is damaged")
        case .sizeDiffers(let part): L("\(part) is not the size its header states: the file is damaged")
        case .tooLarge(let part, let limit): L("\(part) inflates to more than \(limit) bytes")
        }
    }
}
