import ZlibShim

/// A zip archive held in memory, its directory read and checked once: every offset and size is
/// checked against the bytes before it is used, so no input can make the reader read outside them,
/// trap or loop. Parts are inflated on demand, chunk by chunk, from exactly their compressed bytes.
///
/// A class: it owns one copy of the archive's bytes, which every extraction reads in place.
final class ZipArchive {
    /// One part of the archive, as the central directory describes it.
    struct Entry: Equatable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where the compressed bytes start (after the local header).
        var dataStart: Int
    }

    /// The entries in directory order.
    let entries: [Entry]
    /// Name → index in `entries`; the first of two entries with one name wins.
    private let byName: [String: Int]
    private let storage: UnsafeMutableRawBufferPointer

    /// Reads the directory of the archive `bytes`; more than `maxEntries` entries is an error.
    init(_ bytes: [UInt8], maxEntries: Int = Int.max) throws(ZipError) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { storage.copyMemory(from: $0) }
        self.storage = storage
        let view = ZipBytes(UnsafeRawBufferPointer(start: storage.baseAddress, count: bytes.count))
        do {
            entries = try ZipArchive.directory(view, maxEntries: maxEntries)
        } catch {
            // Not all of self is set, so deinit will not run: the bytes go here.
            storage.deallocate()
            throw error
        }
        var byName: [String: Int] = [:]
        for (i, e) in entries.enumerated() where byName[e.name] == nil { byName[e.name] = i }
        self.byName = byName
    }

    deinit { storage.deallocate() }

    subscript(name: String) -> Entry? { byName[name].map { entries[$0] } }

    /// Reads the end record, then every central directory entry and its local header.
    private static func directory(_ b: ZipBytes, maxEntries: Int) throws(ZipError) -> [Entry] {
        let end = try findEnd(b)
        if end >= 20, b.u32(end - 20) == ZipFormat.zip64LocatorSignature { throw .zip64 }
        guard let disk = b.u16(end + 4), let cdDisk = b.u16(end + 6), let onDisk = b.u16(end + 8),
              let count = b.u16(end + 10), let cdSize = b.u32(end + 12), let cdStart = b.u32(end + 16)
        else { throw .notZip }
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdStart == 0xFFFF_FFFF { throw .zip64 }
        // One file, not a set of split volumes.
        guard disk == 0, cdDisk == 0, onDisk == count else { throw .damaged }
        guard count <= maxEntries else { throw .tooManyEntries(limit: maxEntries) }
        // The directory lies before the end record, whole.
        guard cdStart <= end, cdSize <= end - cdStart else { throw .damaged }
        let cdEnd = cdStart + cdSize
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var at = cdStart
        for _ in 0..<count {
            guard at <= cdEnd - ZipFormat.centralHeaderSize, b.u32(at) == ZipFormat.centralHeaderSignature,
                  let flags = b.u16(at + 8), let method = b.u16(at + 10), let crc = b.u32(at + 16),
                  let compressed = b.u32(at + 20), let uncompressed = b.u32(at + 24),
                  let nameLength = b.u16(at + 28), let extraLength = b.u16(at + 30), let commentLength = b.u16(at + 32),
                  let local = b.u32(at + 42) else { throw .damaged }
            let nameStart = at + ZipFormat.centralHeaderSize
            let next = nameStart + nameLength + extraLength + commentLength
            guard next <= cdEnd, let nameBytes = b.slice(nameStart, nameLength) else { throw .damaged }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw .zip64 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard isSafe(name) else { throw .unsafeName(name) }
            // The local header repeats the name with an extra field of its own length; the data follows.
            guard local < cdStart, b.u32(local) == ZipFormat.localHeaderSignature,
                  let localName = b.u16(local + 26), let localExtra = b.u16(local + 28) else { throw .damaged }
            let dataStart = local + ZipFormat.localHeaderSize + localName + localExtra
            guard dataStart <= cdStart, compressed <= cdStart - dataStart else { throw .damaged }
            entries.append(Entry(name: name, method: UInt16(method), flags: UInt16(flags), crc: UInt32(truncatingIfNeeded: crc),
                                 compressedSize: compressed, uncompressedSize: uncompressed, dataStart: dataStart))
            at = next
        }
        return entries
    }

    /// The end record: searched backwards from the end of the file over at most a longest comment,
    /// the last one whose comment fits in the file.
    private static func findEnd(_ b: ZipBytes) throws(ZipError) -> Int {
        guard b.count >= ZipFormat.endRecordSize else { throw .notZip }
        var at = b.count - ZipFormat.endRecordSize
        let lowest = max(0, at - ZipFormat.maxCommentSize)
        while at >= lowest {
            if b.u32(at) == ZipFormat.endSignature, let comment = b.u16(at + 20),
               comment <= b.count - at - ZipFormat.endRecordSize {
                return at
            }
            at -= 1
        }
        throw .notZip
    }

    /// A relative name that stays inside the archive: no `..` part, not from the root, no backslash
    /// (which some tools read as a separator).
    static func isSafe(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.includes("\\") { return false }
        return !name.split(separator: "/").contains("..")
    }

    /// Hands the inflated bytes of `entry` to `body` in chunks of at most `chunkSize` bytes, then
    /// checks their length and CRC-32. More than `maxBytes` in all is `ZipError.tooLarge`; errors of
    /// the archive reach the caller through `failure`, so `body` and the reader share one error type.
    func extract<E: Error>(_ entry: Entry, maxBytes: Int, chunkSize: Int = 256 << 10, failure: (ZipError) -> E,
                           _ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        if entry.flags & (ZipFormat.encryptedFlag | ZipFormat.strongEncryptionFlag) != 0 {
            throw failure(.encrypted(part: entry.name))
        }
        let data = UnsafeRawBufferPointer(rebasing: storage[entry.dataStart..<(entry.dataStart + entry.compressedSize)])
        var crc: UInt32 = 0
        var total = 0
        switch entry.method {
        case ZipFormat.stored:
            guard entry.compressedSize == entry.uncompressedSize else { throw failure(.sizeDiffers(part: entry.name)) }
            if entry.uncompressedSize > maxBytes { throw failure(.tooLarge(part: entry.name, limit: maxBytes)) }
            var at = 0
            while at < data.count {
                let chunk = UnsafeRawBufferPointer(rebasing: data[at..<min(data.count, at + chunkSize)])
                crc = ZipFormat.crc32(crc, chunk)
                try body(chunk)
                at += chunk.count
            }
            total = data.count
        case ZipFormat.deflated:
            var inflater = Inflater(data, part: entry.name, chunkSize: chunkSize)
            defer { inflater.end() }
            while let chunk = try inflater.next().mapError(failure).get() {
                total += chunk.count
                if total > maxBytes { throw failure(.tooLarge(part: entry.name, limit: maxBytes)) }
                crc = ZipFormat.crc32(crc, chunk)
                try body(chunk)
            }
        default:
            throw failure(.unsupportedMethod(part: entry.name, method: Int(entry.method)))
        }
        guard total == entry.uncompressedSize else { throw failure(.sizeDiffers(part: entry.name)) }
        guard crc == entry.crc else { throw failure(.checksum(part: entry.name)) }
    }

    /// The whole inflated content of the part `name`; nil when there is none.
    func contents(of name: String, maxBytes: Int = 64 << 20) throws(ZipError) -> [UInt8]? {
        guard let entry = self[name] else { return nil }
        var out: [UInt8] = []
        try extract(entry, maxBytes: maxBytes, failure: { $0 }) { (chunk) throws(ZipError) in out.append(contentsOf: chunk) }
        return out
    }
}

/// Raw deflate (no zlib header) over one entry's compressed bytes, a chunk at a time.
private struct Inflater {
    /// On the heap: zlib keeps a pointer back to the stream and refuses it at another address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer
    private let part: String
    private var started = false
    private var finished = false

    init(_ input: UnsafeRawBufferPointer, part: String, chunkSize: Int) {
        self.part = part
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16)
        // zlib never writes through next_in; its type is mutable only for old compilers' sake.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)   // at most 4 GiB - 1: ZIP64 is refused
        // -15: a raw stream with a 32 KiB window, as zip stores it.
        started = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    /// The next inflated bytes (valid until the next call), nil after the end of the stream.
    /// Each call makes progress or fails: the input is finite and zlib answers Z_BUF_ERROR when it
    /// can make none, so a stream cut short ends in `endsEarly`, never in a loop.
    mutating func next() -> Result<UnsafeRawBufferPointer?, ZipError> {
        if finished { return .success(nil) }
        guard started else { return .failure(.corrupt(part: part)) }
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let inputBefore = stream.pointee.avail_in
        let status = inflate(stream, Z_NO_FLUSH)
        let produced = output.count - Int(stream.pointee.avail_out)
        let chunk = UnsafeRawBufferPointer(rebasing: output[0..<produced])
        switch status {
        case Z_STREAM_END:
            finished = true
            return .success(produced > 0 ? chunk : nil)
        case Z_OK:
            guard produced > 0 || stream.pointee.avail_in != inputBefore else { return .failure(.endsEarly(part: part)) }
            return .success(chunk)
        case Z_BUF_ERROR:
            // No progress possible: the input ran out before the final block.
            return produced > 0 ? .success(chunk) : .failure(.endsEarly(part: part))
        default:
            // Z_DATA_ERROR, Z_NEED_DICT (never in a zip), Z_MEM_ERROR, Z_STREAM_ERROR.
            return .failure(.corrupt(part: part))
        }
    }

    mutating func end() {
        if started { inflateEnd(stream) }
        started = false
        stream.deallocate()
        output.deallocate()
    }
}

/// Little-endian reads from the archive's bytes that answer nil instead of reading past the end.
struct ZipBytes {
    let raw: UnsafeRawBufferPointer
    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }
    var count: Int { raw.count }

    func u16(_ at: Int) -> Int? {
        guard at >= 0, at <= raw.count - 2 else { return nil }
        return Int(raw[at]) | Int(raw[at + 1]) << 8
    }

    func u32(_ at: Int) -> Int? {
        guard at >= 0, at <= raw.count - 4 else { return nil }
        return Int(raw[at]) | Int(raw[at + 1]) << 8 | Int(raw[at + 2]) << 16 | Int(raw[at + 3]) << 24
    }

    func slice(_ at: Int, _ length: Int) -> UnsafeRawBufferPointer? {
        guard at >= 0, length >= 0, at <= raw.count, length <= raw.count - at else { return nil }
        return UnsafeRawBufferPointer(rebasing: raw[at..<(at + length)])
    }
}
