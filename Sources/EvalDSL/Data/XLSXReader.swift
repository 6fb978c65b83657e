/// Rows of one sheet of an .xlsx workbook, streamed: `ZipArchive` inflates the sheet chunk by chunk,
/// `XMLScanner` turns each chunk into events, and `SheetRows` hands each finished row to the loader.
/// Shared strings (plain and rich text, phonetic runs left out), inline strings, numbers, booleans,
/// errors, strict-format dates, missing cells (placed by their column letters) and absent rows.
///
/// Safe with hostile files: every part's stated size is checked before it is read, bytes are counted
/// while they are inflated (a zip bomb stops at `maxUncompressedBytes`, whatever its headers claim),
/// the archive's entries are counted, and a sheet's rows cost nothing while empty (a million empty
/// rows are skipped in the time it takes to inflate them, within the same cap).
struct XLSXReader: RowSource {
    let file: String
    let limits: LoadLimits
    /// The sheet asked for; nil for the first.
    let sheet: String?
    private let archive: ZipArchive
    /// Bytes still allowed to be inflated, all parts together.
    private var budget: Int

    /// What the workbook says about itself.
    struct Info {
        var sheetName: String
        var sheetNames: [String]
        var date1904: Bool
    }

    /// Reads the workbook `source`, named `name` in messages: the whole file into memory (a workbook
    /// is at most tens of MiB; its parts are inflated from there one at a time).
    init(file source: any ReadableFile, name file: String, sheet: String?, limits: LoadLimits) throws(LoadError) {
        self.file = file
        self.limits = limits
        self.sheet = sheet
        self.budget = limits.maxUncompressedBytes
        let bytes: [UInt8]
        do {
            bytes = try source.readAll()
        } catch {
            throw LoadError(.cannotRead(error.description), file: file)
        }
        do {
            archive = try ZipArchive(bytes, maxEntries: limits.maxArchiveEntries)
        } catch {
            throw Self.failure(error, file: file, limits: limits)
        }
    }

    /// The analyst's message for what the zip reader found.
    private static func failure(_ error: ZipError, file: String, limits: LoadLimits) -> LoadError {
        switch error {
        case .notZip, .damaged:
            return LoadError(.badWorkbook(L("it is not a zip archive, or a damaged one")), file: file)
        case .tooManyEntries:
            return LoadError(.tooLarge(L("the workbook has more than \(groupedThousands(limits.maxArchiveEntries)) parts")), file: file)
        case .tooLarge(let part, _):
            return LoadError(.tooLarge(L("\(part) inflates to more than \(byteSize(limits.maxUncompressedBytes)), the limit for a workbook (a zip bomb?)")), file: file)
        case .zip64, .unsafeName, .encrypted, .unsupportedMethod, .endsEarly, .corrupt, .checksum, .sizeDiffers:
            return LoadError(.badWorkbook(error.description), file: file)
        }
    }

    /// Streams the part at `partPath` through `events`; false when the archive has no such part.
    @discardableResult
    mutating func stream<H: XMLEvents>(_ partPath: String, into events: inout H) throws(LoadError) -> Bool {
        guard let entry = archive[partPath] else { return false }
        let stated = entry.uncompressedSize
        if stated > budget {
            throw LoadError(.tooLarge(L("\(partPath) would inflate to \(byteSize(stated)), over the limit of \(byteSize(limits.maxUncompressedBytes)) for a workbook (a zip bomb?)")), file: file)
        }
        var scanner = XMLScanner(part: partPath, file: file, maxToken: limits.maxRecordBytes)
        var inflated = 0
        let (file, limits) = (file, limits)
        // Bounded by what is left of the budget, whatever the headers claim: a part that inflates past
        // its stated size is stopped there too, or when it ends (its length and CRC-32 are checked).
        try archive.extract(entry, maxBytes: budget, failure: { Self.failure($0, file: file, limits: limits) }) {
            (chunk) throws(LoadError) in
            inflated += chunk.count
            try events.inflated(inflated, of: stated)
            try scanner.feed(chunk, final: false, into: &events)
        }
        try scanner.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, into: &events)
        budget -= inflated
        return true
    }

    var name: String { file }

    /// Reads the workbook's structure, then streams the chosen sheet's rows to `sink`.
    mutating func readRows<S: RowConsumer>(into sink: inout S) throws(LoadError) -> RowSourceFacts {
        let info = try readRows(sheet: sheet, into: &sink)
        return RowSourceFacts(format: .xlsx, sheet: info.sheetNames.count > 1 || sheet != nil ? info.sheetName : nil)
    }

    /// Reads the workbook's structure, then streams the sheet `wanted` (the first when nil) to `sink`.
    private mutating func readRows<S: RowConsumer>(sheet wanted: String?, into sink: inout S) throws(LoadError) -> Info {
        // The workbook part, from the package relationships (xl/workbook.xml when they say nothing).
        var rootRels = Relationships()
        try stream("_rels/.rels", into: &rootRels)
        let workbookPath = rootRels.target(ofTypeEnding: "/officeDocument", base: "") ?? "xl/workbook.xml"
        var workbook = WorkbookPart()
        guard try stream(workbookPath, into: &workbook) else {
            throw LoadError(.badWorkbook(L("it has no \(workbookPath): is it an .xlsx file?")), file: file)
        }
        guard !workbook.sheets.isEmpty else { throw LoadError(.badWorkbook(L("it has no sheets")), file: file) }
        let dir = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        var rels = Relationships()
        try stream(relsPath, into: &rels)

        let chosen: (name: String, id: String)
        if let wanted {
            let trimmed = ColumnMatcher.trimmed(wanted)
            guard let s = workbook.sheets.first(where: { $0.name == wanted })
                ?? workbook.sheets.first(where: { ColumnMatcher.trimmed($0.name).lowercased() == trimmed.lowercased() }) else {
                throw LoadError(.sheetNotFound(wanted, available: workbook.sheets.map(\.name)), file: file)
            }
            chosen = s
        } else {
            chosen = workbook.sheets[0]
        }
        let info = Info(sheetName: chosen.name, sheetNames: workbook.sheets.map(\.name), date1904: workbook.date1904)
        guard let sheetPath = rels.target(id: chosen.id, base: dir) else {
            throw LoadError(.badWorkbook(L("the sheet `\(chosen.name)` has no part in the workbook's relationships")), file: file)
        }
        var strings = SharedStrings()
        if let sstPath = rels.target(ofTypeEnding: "/sharedStrings", base: dir) {
            try stream(sstPath, into: &strings)
        }
        // The shared strings stay where they are; the sheet's rows copy from them.
        try strings.arena.withUnsafeBufferPointer { (arena) throws(LoadError) in
            var rows = SheetRows(file: file, part: sheetPath, strings: arena, offsets: strings.offsets, limits: limits,
                                 date1904: workbook.date1904, sink: sink)
            guard try stream(sheetPath, into: &rows) else {
                throw LoadError(.badWorkbook(L("the sheet `\(chosen.name)` has no part \(sheetPath)")), file: file)
            }
            sink = rows.sink
        }
        return info
    }
}

/// `_rels/*.rels`: relationship id → target part and type.
private struct Relationships: XMLEvents {
    var items: [(id: String, target: String, type: String)] = []

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ a: XMLAttributes) throws(LoadError) {
        guard isName(name, "Relationship"), let id = a.string("Id"), let target = a.string("Target") else { return }
        if a.string("TargetMode") == "External" { return }
        items.append((id, target, a.string("Type") ?? ""))
    }
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError) {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) {}

    func target(id: String, base: String) -> String? {
        items.first { $0.id == id }.map { Relationships.resolve($0.target, base: base) }
    }

    func target(ofTypeEnding suffix: String, base: String) -> String? {
        items.first { $0.type.hasSuffix(suffix) }.map { Relationships.resolve($0.target, base: base) }
    }

    /// A target relative to the part's folder (`worksheets/sheet1.xml`), or absolute (`/xl/…`).
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: the sheets in order, and whether dates count from 1904.
private struct WorkbookPart: XMLEvents {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ a: XMLAttributes) throws(LoadError) {
        if isName(name, "sheet"), let n = a.string("name"), let id = a.string("id") {
            sheets.append((n, id))
        } else if isName(name, "workbookPr"), let v = a.string("date1904") {
            date1904 = v == "1" || v.lowercased() == "true"
        }
    }
    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError) {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) {}
}

/// `xl/sharedStrings.xml` into one byte arena: string k is `arena[offsets[k]..<offsets[k+1]]`.
/// Rich text is the concatenation of its runs; phonetic guides (`<rPh>`) are not part of the text.
private struct SharedStrings: XMLEvents {
    var arena: [UInt8] = []
    var offsets: [Int] = [0]
    private var inItem = false
    private var inText = false
    private var phonetic = 0

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ a: XMLAttributes) throws(LoadError) {
        if isName(name, "si") { inItem = true }
        else if isName(name, "rPh") { phonetic += 1 }
        else if isName(name, "t") && inItem && phonetic == 0 { inText = true }
    }

    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError) {
        if isName(name, "t") { inText = false }
        else if isName(name, "rPh") { phonetic = max(0, phonetic - 1) }
        else if isName(name, "si") {
            inItem = false
            offsets.append(arena.count)
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) {
        if inText { arena.append(contentsOf: bytes) }
    }
}

/// A sheet's `<sheetData>`: cells gathered per row, each finished non-empty row handed to the sink.
private struct SheetRows<Sink: RowConsumer>: XMLEvents {
    let file: String
    let part: String
    var strings: UnsafeBufferPointer<UInt8>
    let offsets: [Int]
    let maxColumns: Int
    let date1904: Bool
    var sink: Sink
    private var inflatedBytes = 0
    private var statedBytes: Int?

    private var rowNumber = 0
    private var inRow = false
    private var inCell = false
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var phonetic = 0
    private var column = 0
    private var nextColumn = 0
    private var type: CellType = .number
    private var value: [UInt8] = []
    private var arena: [UInt8] = []
    private var starts: [Int]
    private var ends: [Int]
    private var kinds: [RowView.CellKind]
    private var width = 0

    private enum CellType { case number, shared, inline, formulaString, boolean, error, date }

    static var maxRow: Int { 1_048_576 }

    init(file: String, part: String, strings: UnsafeBufferPointer<UInt8>, offsets: [Int], limits: LoadLimits,
         date1904: Bool, sink: Sink) {
        self.sink = sink
        self.file = file
        self.part = part
        self.strings = strings
        self.offsets = offsets
        self.maxColumns = min(limits.maxColumns, 16_384)
        self.date1904 = date1904
        starts = []
        ends = []
        kinds = []
    }

    private func fail(_ why: String) -> LoadError {
        LoadError(.badWorkbook("\(part): \(why)"), file: file)
    }

    /// Also where a sheet of nothing but empty rows is interrupted or shows progress: per chunk,
    /// not per row.
    mutating func inflated(_ bytes: Int, of stated: Int) throws(LoadError) {
        inflatedBytes = bytes
        statedBytes = stated
        try sink.poll(bytesRead: bytes, totalBytes: stated)
    }

    mutating func start(_ name: UnsafeBufferPointer<UInt8>, _ a: XMLAttributes) throws(LoadError) {
        if inCell {
            if isName(name, "v") { inValue = true; value.removeAll(keepingCapacity: true) }
            else if isName(name, "is") { inInline = true; value.removeAll(keepingCapacity: true) }
            else if isName(name, "rPh") { phonetic += 1 }
            else if isName(name, "t") && inInline && phonetic == 0 { inText = true }
            return
        }
        if isName(name, "c") {
            guard inRow else { throw fail(L("a cell outside a row")) }
            inCell = true
            column = nextColumn
            if let r = a.raw("r") {
                var col = 0, letters = 0, k = 0
                while k < r.count, r[k] >= 0x41 && r[k] <= 0x5A {
                    col = col * 26 + Int(r[k] - 0x40)
                    k += 1; letters += 1
                    if letters > 3 { break }
                }
                if letters > 0 { column = col - 1 }
            }
            guard column < maxColumns else {
                throw LoadError(.tooLarge(L("\(part): row \(rowNumber) has a cell beyond column \(ColumnMatcher.letter(maxColumns - 1))")), file: file)
            }
            nextColumn = column + 1
            type = .number
            if let t = a.raw("t") {
                if isName(t, "s") { type = .shared }
                else if isName(t, "inlineStr") { type = .inline }
                else if isName(t, "str") { type = .formulaString }
                else if isName(t, "b") { type = .boolean }
                else if isName(t, "e") { type = .error }
                else if isName(t, "d") { type = .date }
            }
            value.removeAll(keepingCapacity: true)
        } else if isName(name, "row") {
            var r = rowNumber + 1
            if let attr = a.raw("r") {
                var n = 0, digits = 0
                for b in attr { guard b &- 0x30 < 10, digits < 9 else { break }; n = n * 10 + Int(b &- 0x30); digits += 1 }
                if digits > 0 { r = n }
            }
            guard r >= 1 && r <= SheetRows.maxRow else {
                throw LoadError(.tooLarge(L("\(part): row number \(r) is beyond Excel's last row, \(groupedThousands(SheetRows.maxRow))")), file: file)
            }
            rowNumber = r
            inRow = true
            nextColumn = 0
            width = 0
            // A first byte that no cell uses, so the arena is never empty and always has an address.
            arena.removeAll(keepingCapacity: true)
            arena.append(0)
        }
    }

    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws(LoadError) {
        if inCell {
            if isName(name, "v") { inValue = false }
            else if isName(name, "t") { inText = false }
            else if isName(name, "rPh") { phonetic = max(0, phonetic - 1) }
            else if isName(name, "is") { inInline = false }
            else if isName(name, "c") { inCell = false; try finishCell() }
            return
        }
        if isName(name, "row") {
            inRow = false
            if width > 0 { try deliver() }
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws(LoadError) {
        if inValue || inText { value.append(contentsOf: bytes) }
    }

    private mutating func finishCell() throws(LoadError) {
        if value.isEmpty && type != .shared { return }
        let kind: RowView.CellKind
        let a = arena.count
        switch type {
        case .shared:
            var index = 0, digits = 0
            for b in value where b &- 0x30 < 10 { index = index * 10 + Int(b &- 0x30); digits += 1; if digits > 10 { break } }
            guard digits > 0 else { return }
            guard index + 1 < offsets.count else {
                throw fail(L("cell \(ColumnMatcher.letter(column))\(rowNumber) refers to shared string \(index), which does not exist"))
            }
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: strings[offsets[index]..<offsets[index + 1]]))
            kind = .text
        case .inline, .formulaString:
            arena.append(contentsOf: value)
            kind = .text
        case .number:
            arena.append(contentsOf: value)
            kind = .number
        case .boolean:
            arena.append(contentsOf: value)
            kind = .boolean
        case .error:
            arena.append(contentsOf: value)
            kind = .error
        case .date:
            arena.append(contentsOf: value)
            kind = .isoDate
        }
        if column >= width {
            if starts.count < column + 1 {
                let grow = column + 1 - starts.count
                starts += repeatElement(0, count: grow)
                ends += repeatElement(0, count: grow)
                kinds += repeatElement(.text, count: grow)
            }
            for c in width..<column { starts[c] = 0; ends[c] = 0; kinds[c] = .text }
            width = column + 1
        }
        starts[column] = a
        ends[column] = arena.count
        kinds[column] = kind
    }

    private mutating func deliver() throws(LoadError) {
        let number = rowNumber, count = width, bytes = inflatedBytes, total = statedBytes
        try arena.withUnsafeBufferPointer { (base) throws(LoadError) in
            try starts.withUnsafeBufferPointer { (s) throws(LoadError) in
                try ends.withUnsafeBufferPointer { (e) throws(LoadError) in
                    try kinds.withUnsafeBufferPointer { (k) throws(LoadError) in
                        let view = RowView(number: number, count: count, base: base.baseAddress!,
                                           starts: s.baseAddress!, ends: e.baseAddress!, kinds: k.baseAddress!,
                                           encoding: .utf8, malformed: nil, date1904: date1904)
                        try sink.consume(view, bytesRead: bytes, totalBytes: total)
                    }
                }
            }
        }
    }
}
