import Foundation
import Testing
@testable import EvalDSL

/// The zip reader and writer (Sources/EvalDSL/Archive): archives written here read back, and hostile
/// ones, patched from a sound one, end in the error that names what is wrong, never in a trap or a loop.
@Suite struct ZipArchiveTests {
    static let text = Array(String(repeating: "<row>预算 budget 123</row>", count: 400).utf8)
    static let parts: [(path: String, bytes: [UInt8])] = [("a.xml", text), ("empty.txt", []), ("b/c.xml", Array("hi".utf8))]

    /// Every part as it reads back.
    static func read(_ bytes: [UInt8]) throws(ZipError) -> [String: [UInt8]] {
        let archive = try ZipArchive(bytes)
        var out: [String: [UInt8]] = [:]
        for e in archive.entries { out[e.name] = try archive.contents(of: e.name) }
        return out
    }

    static func error(_ bytes: [UInt8]) -> ZipError? {
        do { _ = try read(bytes); return nil } catch { return error }
    }

    /// Where the directory starts (from the end record, the last 22 bytes of our archives).
    static func directory(_ b: [UInt8]) -> Int {
        let e = b.count - 22
        return Int(b[e + 16]) | Int(b[e + 17]) << 8 | Int(b[e + 18]) << 16 | Int(b[e + 19]) << 24
    }

    static func patch(_ b: inout [UInt8], at: Int, _ value: Int, width: Int) {
        for k in 0..<width { b[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
    }

    /// The first part's sound archive with its directory entry's field at `field` set to `value`.
    static func patched(field: Int, _ value: Int, width: Int = 4, compress: Bool = true) throws -> [UInt8] {
        var b = try Zip.archive(parts, compress: compress)
        patch(&b, at: directory(b) + field, value, width: width)
        return b
    }

    @Test(arguments: [true, false])
    func writtenPartsReadBack(compress: Bool) throws {
        let bytes = try Zip.archive(Self.parts, compress: compress)
        #expect(try Zip.archive(Self.parts, compress: compress) == bytes)
        let read = try Self.read(bytes)
        #expect(read.count == 3)
        for part in Self.parts { #expect(read[part.path] == part.bytes) }
        let archive = try ZipArchive(bytes)
        #expect(archive.entries.map(\.name) == ["a.xml", "empty.txt", "b/c.xml"])
        #expect(archive.entries.map(\.method) == (compress ? [8, 8, 8] : [0, 0, 0]))
        if compress { #expect(archive.entries[0].compressedSize < Self.text.count / 10) }
    }

    /// The same bytes every run, byte for byte what APPNOTE.TXT lays out (worked out apart, in Python):
    /// deflated by zlib at level 6, dated 2020-01-01 00:00, UTF-8 names, made on Unix, mode rw-r--r--.
    @Test func writingIsDeterministic() throws {
        let expected = "504b0304140000080800000021501b3872cb0d0000000b00000005000000782e747874cb48cdc9c9d751a8ca2ce00200"
            + "504b01021503140000080800000021501b3872cb0d0000000b000000050000000000000000000000a48100000000782e747874"
            + "504b0506000000000100010033000000300000000000"
        let bytes = try Zip.archive([("x.txt", Array("hello, zip\n".utf8))])
        #expect(bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() == expected)
    }

    @Test func emptyArchives() throws {
        let none = try Zip.archive([])
        #expect(none.count == 22)
        #expect(try ZipArchive(none).entries.isEmpty)
        #expect(Self.error([]) == .notZip)
        #expect(Self.error(Array("PK\u{3}\u{4} not really".utf8)) == .notZip)
    }

    @Test func offsetsAndSizesOutsideTheFileAreDamage() throws {
        #expect(Self.error(try Self.patched(field: 42, 1_000_000)) == .damaged)   // local header offset
        #expect(Self.error(try Self.patched(field: 42, 3)) == .damaged)           // no local header there
        #expect(Self.error(try Self.patched(field: 20, 0xFFFF_FFF0)) == .damaged) // compressed size
        #expect(Self.error(try Self.patched(field: 28, 0xFFFF, width: 2)) == .damaged)   // name length
        var b = try Zip.archive(Self.parts)
        Self.patch(&b, at: b.count - 22 + 16, b.count, width: 4)                 // directory start
        #expect(Self.error(b) == .damaged)
        Self.patch(&b, at: b.count - 22 + 16, -1, width: 4)
        #expect(Self.error(b) == .zip64)
        // Every cut of a sound archive is refused or read whole, never trapped on.
        let sound = try Zip.archive(Self.parts)
        for n in 0..<sound.count { #expect(Self.error(Array(sound.prefix(n))) != nil) }
    }

    @Test func aWrongChecksumIsFound() throws {
        #expect(Self.error(try Self.patched(field: 16, 0x1234_5678)) == .checksum(part: "a.xml"))
        #expect(Self.error(try Self.patched(field: 16, 0x1234_5678, compress: false)) == .checksum(part: "a.xml"))
    }

    @Test func aPartLargerThanStatedIsStopped() throws {
        let lying = try Self.patched(field: 24, 100)
        #expect(Self.error(lying) == .sizeDiffers(part: "a.xml"))
        let archive = try ZipArchive(lying)
        #expect(throws: ZipError.tooLarge(part: "a.xml", limit: 1000)) {
            try archive.extract(archive.entries[0], maxBytes: 1000, chunkSize: 512, failure: { $0 }) { (_) throws(ZipError) in }
        }
    }

    @Test func aStreamCutShortEndsEarly() throws {
        let archive = try ZipArchive(try Zip.archive(Self.parts))
        var short = archive.entries[0]
        short.compressedSize /= 2
        #expect(throws: ZipError.endsEarly(part: "a.xml")) {
            try archive.extract(short, maxBytes: 1 << 20, failure: { $0 }) { (_) throws(ZipError) in }
        }
        var garbage = try Zip.archive(Self.parts)
        let data = 30 + "a.xml".utf8.count
        for k in 0..<8 { garbage[data + k] = 0xFF }
        #expect(Self.error(garbage) == .corrupt(part: "a.xml"))
    }

    @Test func unsupportedEntriesAreNamed() throws {
        #expect(Self.error(try Self.patched(field: 10, 99, width: 2)) == .unsupportedMethod(part: "a.xml", method: 99))
        #expect(Self.error(try Self.patched(field: 8, 1, width: 2)) == .encrypted(part: "a.xml"))
        #expect(Self.error(try Zip.archive([("../evil.xml", [1])])) == .unsafeName("../evil.xml"))
        #expect(Self.error(try Zip.archive([("/etc/passwd", [1])])) == .unsafeName("/etc/passwd"))
        #expect(Self.error(try Zip.archive([("a/../../x", [1])])) == .unsafeName("a/../../x"))
        #expect(throws: ZipError.tooManyEntries(limit: 2)) { try ZipArchive(try Zip.archive(Self.parts), maxEntries: 2) }
    }

    /// The workbook whose shared strings' deflate stream stops before its last block (found by
    /// fuzz-xlsx; ZIPFoundation inflated it for ever): as found, its directory is damaged too; with
    /// the directory repaired, the stream itself is reached and ends early.
    @Test(arguments: [
        ("truncated-deflate-hangs.xlsx", "book.xlsx: not a readable .xlsx workbook: it is not a zip archive, or a damaged one"),
        ("truncated-deflate-directory-sound.xlsx",
         "book.xlsx: not a readable .xlsx workbook: xl/sharedStrings.xml ends early: the file is damaged or truncated"),
    ])
    func theTruncatedStreamThatHungEndsInAnError(_ name: String, _ message: String) throws {
        let bytes = [UInt8](try Data(contentsOf: FuzzRegressionTests.root.appendingPathComponent("fuzz-xlsx/\(name)")))
        let files = MemoryFileSystem(["book.xlsx": bytes])
        do {
            _ = try loadTable(path: "book.xlsx", into: BudgetModel(), options: LoadOptions(kind: .projects), files: files)
            Issue.record("\(name) loaded")
        } catch {
            #expect(error.message == message)
        }
    }
}
