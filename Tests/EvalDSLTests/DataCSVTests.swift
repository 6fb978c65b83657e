import Testing
@testable import EvalDSL

/// The CSV reader on its own: records, fields, row numbers, chunk boundaries, encodings, limits.
@Suite struct DataCSVTests {
    struct Record: Equatable, CustomStringConvertible {
        var row: Int
        var fields: [String]
        var malformed: String?
        var description: String { "\(row): \(fields)" + (malformed.map { " !\($0)" } ?? "") }
    }

    static func records(_ bytes: [UInt8], chunk: Int = 1 << 20, limits: LoadLimits = LoadLimits(),
                        encoding: TextEncoding? = nil) throws(LoadError) -> (records: [Record], encoding: TextEncoding?) {
        let path = DataTest.write(bytes, to: DataTest.scratch() + "/t.csv")
        var reader = try CSVReader(path: path, file: "t.csv", encoding: encoding, delimiter: nil, limits: limits, chunkSize: chunk)
        var out: [Record] = []
        while try reader.next() {
            let v = reader.view
            let fields = (0..<v.count).map { String(decoding: v.bytes($0), as: UTF8.self) }
            out.append(Record(row: v.number, fields: fields, malformed: v.malformed.map { "\($0.column):\($0.text(maxColumns: limits.maxColumns))" }))
        }
        return (out, reader.encoding)
    }

    static let tricky = "id,name,amount\r\n1,\"a,b\",\"1,234.50\"\r\n2,\"say \"\"hi\"\"\",3\n\n3,\"two\r\nlines\",\r4,x,\"\"\r\n5,,"

    static let trickyRecords = [
        Record(row: 1, fields: ["id", "name", "amount"]),
        Record(row: 2, fields: ["1", "a,b", "1,234.50"]),
        Record(row: 3, fields: ["2", "say \"hi\"", "3"]),
        Record(row: 4, fields: [""]),
        Record(row: 5, fields: ["3", "two\r\nlines", ""]),
        Record(row: 6, fields: ["4", "x", ""]),
        Record(row: 7, fields: ["5", "", ""]),
    ]

    @Test func splitsRecordsPerRFC4180() throws {
        #expect(try Self.records(Array(Self.tricky.utf8)).records == Self.trickyRecords)
    }

    /// Every record and quote straddling a chunk boundary somewhere: the result never changes.
    @Test func chunkBoundariesDoNotMatter() throws {
        for chunk in 16...48 {
            let got = try Self.records(Array(Self.tricky.utf8), chunk: chunk).records
            #expect(got == Self.trickyRecords, "chunk \(chunk)")
        }
    }

    @Test func aBOMIsSkippedAndCROnlyLinesEnd() throws {
        let r = try Self.records([0xEF, 0xBB, 0xBF] + Array("a,b\rc,d\r".utf8))
        #expect(r.records == [Record(row: 1, fields: ["a", "b"]), Record(row: 2, fields: ["c", "d"])])
        #expect(r.encoding == .utf8)
    }

    @Test func blanksBeforeAnOpeningQuoteAreAllowed() throws {
        #expect(try Self.records(Array("a, \"b,c\" ,d\n".utf8)).records == [Record(row: 1, fields: ["a", "b,c", "d"])])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsText() throws {
        #expect(try Self.records(Array("12\" monitor,2\n".utf8)).records == [Record(row: 1, fields: ["12\" monitor", "2"])])
    }

    @Test func textAfterAClosingQuoteIsReported() throws {
        let r = try Self.records(Array("a,\"b\"c,d\ne,f\n".utf8)).records
        #expect(r.count == 2)
        #expect(r[0].fields == ["a", "b", "d"])
        #expect(r[0].malformed == "1:text after the closing quote of a quoted field (a quote inside one must be doubled: \"\")")
        #expect(r[1] == Record(row: 2, fields: ["e", "f"]))
    }

    @Test func aQuoteNeverClosedIsReportedAtItsRow() throws {
        let r = try Self.records(Array("h\nok\n\"open,\nmore\n".utf8)).records
        #expect(r.map(\.row) == [1, 2, 3])
        #expect(r[2].fields == ["open,\nmore\n"])
        #expect(r[2].malformed == "0:a quoted field is never closed")
    }

    @Test func tabsAreFoundAsTheSeparator() throws {
        #expect(try Self.records(Array("项目编码\t金额\nXM001\t1,234.50\n".utf8)).records
            == [Record(row: 1, fields: ["项目编码", "金额"]), Record(row: 2, fields: ["XM001", "1,234.50"])])
    }

    @Test func anOverlongLineEndsTheLoad() {
        var limits = LoadLimits()
        limits.maxRecordBytes = 64 << 10
        let bytes = Array("id,name\n1,".utf8) + [UInt8](repeating: 0x41, count: 300 << 10) + [0x0A]
        #expect(throws: LoadError(.tooLarge("row 2 is longer than 64 KiB (a quote that is never closed, or not a CSV file)"), file: "t.csv")) {
            _ = try Self.records(bytes, chunk: 16 << 10, limits: limits)
        }
    }

    @Test func anUnclosedQuoteCannotSwallowTheFile() {
        var limits = LoadLimits()
        limits.maxRecordBytes = 64 << 10
        let line = Array("1,x\n".utf8)
        let bytes = Array("id,name\n\"".utf8) + Array([[UInt8]](repeating: line, count: 40_000).joined())
        #expect(throws: LoadError.self) { _ = try Self.records(bytes, chunk: 16 << 10, limits: limits) }
    }

    @Test func utf16AndBinaryFilesAreRefused() {
        #expect(throws: LoadError(.unsupported("the file is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\""), file: "t.csv")) {
            _ = try Self.records([0xFF, 0xFE, 0x41, 0x00])
        }
        #expect(throws: LoadError(.unsupported("not a text file (it contains NUL bytes): give a CSV or .xlsx file"), file: "t.csv")) {
            _ = try Self.records([0x41, 0x00, 0x42])
        }
    }

    @Test func gb18030IsDetectedAndUTF8IsNot() throws {
        let codec = try TextCodec(.gb18030, direction: .encode)
        let gb = codec.encode("项目编码,名称\nXM1,乡村振兴\n")
        #expect(gb != Array("项目编码,名称\nXM1,乡村振兴\n".utf8))
        #expect(try Self.records(gb).encoding == .gb18030)
        #expect(try Self.records(Array("项目编码\n".utf8)).encoding == .utf8)
        #expect(try Self.records(Array("id\n1\n".utf8)).encoding == .utf8)
        // The first non-ASCII byte may come after the first chunk: it still decides.
        let late = Array(("id,name\n" + String(repeating: "1,a\n", count: 100) + "2,乡村振兴\n").utf8)
        #expect(try Self.records(codec.encode(String(decoding: late, as: UTF8.self)), chunk: 64).encoding == .gb18030)
        #expect(try Self.records(late, chunk: 64).encoding == .utf8)
    }

    @Test func gb18030RoundTripsThroughIconv() throws {
        let text = "档案智能库房建设，一期（追加）€𠀀"
        let encoded = try TextCodec(.gb18030, direction: .encode).encode(text)
        #expect(try TextCodec(.gb18030).decode(encoded) == text)
        #expect(try TextCodec(.gb18030).decode([0x81]) == nil)  // a lead byte alone
        #expect(try TextCodec(.utf8).decode([0xC4, 0xEA]) == nil)
    }

    @Test func utf8ValidationAllowsACutAtTheEnd() {
        let bytes = Array("乡村".utf8)
        let cut = Array(bytes.prefix(4))
        #expect(cut.withUnsafeBufferPointer { TextCodec.isValidUTF8($0, allowTruncatedEnd: true) })
        #expect(!cut.withUnsafeBufferPointer { TextCodec.isValidUTF8($0, allowTruncatedEnd: false) })
        #expect(![UInt8]([0xC0, 0x80]).withUnsafeBufferPointer { TextCodec.isValidUTF8($0, allowTruncatedEnd: true) })
        #expect(![UInt8]([0xED, 0xA0, 0x80]).withUnsafeBufferPointer { TextCodec.isValidUTF8($0, allowTruncatedEnd: true) })
    }
}
