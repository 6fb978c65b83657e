import ZlibShim

/// Zip archives for the Office formats (.xlsx, .docx), which are zips of XML parts.
public enum Zip {
    /// Why an archive could not be written.
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        /// Past what a zip without ZIP64 holds: 4 GiB, 65,535 entries, a 64 KiB name.
        case tooLarge(String)
        /// zlib refused to compress (out of memory).
        case deflateFailed(part: String, status: Int)

        public var description: String {
            switch self {
            case .tooLarge(let why): L("the archive would be too large for a zip file: \(why)")
            case .deflateFailed(let part, let status): L("\(part) could not be compressed (zlib status \(status))")
            }
        }
    }

    /// A zip archive of `parts` in order, deflated unless `compress` is false, every entry dated
    /// 2020-01-01 so the same parts always give the same bytes.
    public static func archive(_ parts: [(path: String, bytes: [UInt8])], compress: Bool = true) throws -> [UInt8] {
        guard parts.count < 0xFFFF else { throw WriteError.tooLarge(L("\(parts.count) parts")) }
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for part in parts {
            let name = Array(part.path.utf8)
            guard name.count <= 0xFFFF else { throw WriteError.tooLarge(L("a part's name is \(name.count) bytes")) }
            guard part.bytes.count < 0xFFFF_FFFF else { throw WriteError.tooLarge(L("\(part.path) is over 4 GiB")) }
            let crc = part.bytes.withUnsafeBytes { ZipFormat.crc32(0, $0) }
            let data = compress ? try deflate(part.bytes, part: part.path) : part.bytes
            let offset = out.count
            guard offset < 0xFFFF_FFFF, data.count < 0xFFFF_FFFF else { throw WriteError.tooLarge(L("over 4 GiB")) }
            let header = Header(method: compress ? ZipFormat.deflated : ZipFormat.stored,
                                flags: ZipFormat.utf8NameFlag,   // names are UTF-8 (Swift strings)
                                crc: crc, compressed: data.count, uncompressed: part.bytes.count, name: name)
            header.writeLocal(into: &out)
            out += data
            header.writeCentral(offset: offset, into: &directory)
        }
        let directoryStart = out.count
        guard directoryStart < 0xFFFF_FFFF, directory.count < 0xFFFF_FFFF else { throw WriteError.tooLarge(L("over 4 GiB")) }
        out += directory
        out.le32(ZipFormat.endSignature)
        out.le16(0)                    // this disk
        out.le16(0)                    // the disk the directory starts on
        out.le16(parts.count)          // entries on this disk
        out.le16(parts.count)          // entries in all
        out.le32(directory.count)
        out.le32(directoryStart)
        out.le16(0)                    // no comment
        return out
    }

    /// `bytes` as one raw deflate stream (no zlib header: zip wants it bare), default level.
    static func deflate(_ bytes: [UInt8], part: String) throws(WriteError) -> [UInt8] {
        // On the heap: zlib keeps a pointer back to the stream and refuses it at another address.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        var status = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .deflateFailed(part: part, status: Int(status)) }
        defer { deflateEnd(stream) }
        // deflateBound is enough for the whole stream, so one Z_FINISH call ends it.
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))))
        let written = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(output.count)
                status = ZlibShim.deflate(stream, Z_FINISH)
                return output.count - Int(stream.pointee.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw .deflateFailed(part: part, status: Int(status)) }
        out.removeSubrange(written...)
        return out
    }

    /// What the local header and the directory entry of one part both say.
    private struct Header {
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressed: Int
        var uncompressed: Int
        var name: [UInt8]

        /// 2020-01-01 00:00:00 in MS-DOS form: the day as (year - 1980) << 9 | month << 5 | day.
        static let dosTime = 0
        static let dosDate = (2020 - 1980) << 9 | 1 << 5 | 1
        /// Version 2.0 needed: deflate. Made by Unix (3) with spec 2.1, so the external attributes are a
        /// file mode; the same header fields as ZIPFoundation wrote, so the example workbooks keep their bytes.
        static let versionNeeded = 20
        static let versionMadeBy = 3 << 8 | 21
        /// A regular file, rw-r--r--, in the high half of the external attributes.
        static let fileMode = 0o100644 << 16

        func writeCommon(into out: inout [UInt8]) {
            out.le16(Header.versionNeeded)
            out.le16(Int(flags))
            out.le16(Int(method))
            out.le16(Header.dosTime)
            out.le16(Header.dosDate)
            out.le32(Int(crc))
            out.le32(compressed)
            out.le32(uncompressed)
            out.le16(name.count)
            out.le16(0)                // no extra field
        }

        func writeLocal(into out: inout [UInt8]) {
            out.le32(ZipFormat.localHeaderSignature)
            writeCommon(into: &out)
            out += name
        }

        func writeCentral(offset: Int, into out: inout [UInt8]) {
            out.le32(ZipFormat.centralHeaderSignature)
            out.le16(Header.versionMadeBy)
            writeCommon(into: &out)
            out.le16(0)                // no comment
            out.le16(0)                // disk number
            out.le16(0)                // internal attributes
            out.le32(Header.fileMode)
            out.le32(offset)
            out += name
        }
    }
}

private extension [UInt8] {
    mutating func le16(_ v: Int) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
    }

    mutating func le32(_ v: Int) {
        le16(v & 0xFFFF)
        le16(v >> 16)
    }
}
