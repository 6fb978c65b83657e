#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Decoding cells: text in the file's encoding, amounts in fen, dates; a bad cell is a problem.

extension LoadSink {
    /// The text of cell `i`, trimmed; nil when it is not valid in the file's encoding.
    mutating func text(_ row: RowView, _ i: Int) -> String? {
        let b = row.bytes(i)
        switch row.kind(i) {
        case .raw:
            guard row.encoding == .gb18030 && !TextCodec.isASCII(b) else { return LoadSink.utf8Text(b) }
            if gb18030 == nil {
                do { gb18030 = try TextCodec(.gb18030) } catch {
                    if fatal == nil { fatal = LoadError(.encodingUnavailable("GB18030"), file: file) }
                    return nil
                }
            }
            return LoadSink.unneutralised(gb18030?.decode(b).map(ColumnMatcher.trimmed))
        case .text, .error, .isoDate:
            return ColumnMatcher.trimmed(String(decoding: b, as: UTF8.self))
        case .number:
            return ValueParser.excelNumberText(b).map { String(decoding: $0, as: UTF8.self) } ?? ""
        case .boolean:
            return b.first == 0x31 ? "TRUE" : "FALSE"
        }
    }

    /// The text of UTF-8 (or ASCII) cell bytes `b`, trimmed; nil when they are not valid UTF-8.
    /// Touches no state: another thread reads cells with it too.
    @inline(__always)
    static func utf8Text(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0, j = b.count
        ValueParser.trim(b, &i, &j)
        // `'=…`, `'-…`: a cell neutralised against formula injection (as `export` writes them).
        if j - i >= 2 && b[i] == 0x27, b[i + 1] == 0x3D || b[i + 1] == 0x2B || b[i + 1] == 0x2D || b[i + 1] == 0x40 {
            i += 1
        }
        let trimmed = UnsafeBufferPointer(rebasing: b[i..<j])
        // Decoding repairs bad bytes (each becomes U+FFFD), so the text is these very bytes
        // exactly when they are valid UTF-8: one pass of validation (the decoder's) and a
        // comparison, rather than a check of our own and then the decoder's again.
        let s = String(decoding: trimmed, as: UTF8.self)
        guard s.utf8.count == trimmed.count else { return nil }
        let same = s.utf8.withContiguousStorageIfAvailable { u in
            u.isEmpty || memcmp(u.baseAddress!, trimmed.baseAddress!, u.count) == 0
        } ?? s.utf8.elementsEqual(trimmed)
        return same ? s : nil
    }

    /// `t` without the `'` that neutralises a leading `=`, `+`, `-` or `@` against formulas (GB18030
    /// text; UTF-8 loses it in `utf8Text`).
    @inline(__always)
    static func unneutralised(_ t: String?) -> String? {
        if let t, t.utf8.count >= 2, t.utf8.first == 0x27, let second = t.unicodeScalars.dropFirst().first,
           "=+-@".unicodeScalars.contains(second) {
            return String(t.dropFirst())
        }
        return t
    }

    /// The text of cell `i` for a message: as it is, shortened.
    mutating func shown(_ row: RowView, _ i: Int) -> String {
        let t = text(row, i) ?? L("(not valid \(row.encoding) text)")
        return t.count > 40 ? String(t.prefix(40)) + "…" : t
    }

    /// A text cell, nil when blank; a cell that is not valid text is a problem.
    mutating func textCell(_ row: RowView, _ col: Int, bad: inout Bool) -> String? {
        guard col >= 0, !row.isBlank(col) else { return nil }
        guard let t = text(row, col) else {
            problem(row.number, col, L("not valid \(row.encoding) text (declare the file's encoding)"))
            bad = true
            return nil
        }
        return t.isEmpty ? nil : t
    }

    /// An amount cell in fen; nil when blank (a problem when `required`) or bad.
    mutating func amountCell(_ row: RowView, _ col: Int, unit: AmountUnit, required: Bool, bad: inout Bool) -> Int64? {
        let b = row.bytes(col)
        let failure: AmountFailure
        switch row.kind(col) {
        case .raw, .text:
            if row.kind(col) == .raw && row.encoding == .gb18030 && !TextCodec.isASCII(b) {
                guard let t = text(row, col) else {
                    problem(row.number, col, L("not valid GB18030 text"))
                    bad = true
                    return nil
                }
                var utf8 = Array(t.utf8)
                do throws(AmountFailure) {
                    return try utf8.withUnsafeMutableBufferPointer { (p) throws(AmountFailure) in
                        try ValueParser.amount(UnsafeBufferPointer(p), unit: unit)
                    }
                } catch { failure = error }
            } else {
                do throws(AmountFailure) { return try ValueParser.amount(b, unit: unit) } catch { failure = error }
            }
        case .number:
            guard let plain = ValueParser.excelNumberText(b) else { failure = .notANumber; break }
            do throws(AmountFailure) {
                return try plain.withUnsafeBufferPointer { (p) throws(AmountFailure) in try ValueParser.amount(p, unit: unit) }
            } catch { failure = error }
        case .error:
            problem(row.number, col, L("`\(shown(row, col))` is an Excel error value, not an amount"))
            bad = true
            return nil
        case .boolean, .isoDate:
            failure = .notANumber
        }
        switch failure {
        case .empty:
            if required {
                problem(row.number, col, L("no amount"))
                bad = true
            }
        case .notANumber: problem(row.number, col, L("`\(shown(row, col))` is not a number")); bad = true
        case .grouping:
            problem(row.number, col, L("`\(shown(row, col))` is not a number: a comma must separate groups of three digits"))
            bad = true
        case .scientific:
            problem(row.number, col, L("`\(shown(row, col))` is in scientific notation, which Excel writes when it has rounded the number: format the column as a number and save again"))
            bad = true
        case .fractionOfFen:
            problem(row.number, col, L("`\(shown(row, col))` is not a whole number of fen (分): at most \(unit.exponent) decimals in \(unit.name)"))
            bad = true
        case .tooLarge: problem(row.number, col, L("`\(shown(row, col))` is too large")); bad = true
        }
        return nil
    }

    /// A date cell: its day number and whether it is a period (`2020-12`); nil when bad.
    mutating func dateCell(_ row: RowView, _ col: Int, allowMonth: Bool, bad: inout Bool) -> (day: CivilDate, period: Bool)? {
        let b = row.bytes(col)
        var parsed: ParsedDate?
        var failure: DateFailure = .notADate
        switch row.kind(col) {
        case .number:
            // A serial number; the time of day (the fraction) does not matter.
            if let plain = ValueParser.excelNumberText(b), plain.first != 0x2D {
                var serial = 0
                var digits = 0
                for c in plain { if c == 0x2E { break }; serial = serial * 10 + Int(c - 0x30); digits += 1; if digits > 9 { break } }
                if digits <= 9, let d = ValueParser.excelSerial(serial, date1904: row.date1904) {
                    let c = d.components
                    return checkYear(row, col, d, year: c.year, period: false, bad: &bad)
                }
            }
            problem(row.number, col, L("`\(shown(row, col))` is not a date serial number Excel could show"))
            bad = true
            return nil
        case .raw where row.encoding == .gb18030 && !TextCodec.isASCII(b):
            guard let t = text(row, col) else {
                problem(row.number, col, L("not valid GB18030 text"))
                bad = true
                return nil
            }
            let utf8 = Array(t.utf8)
            do throws(DateFailure) {
                parsed = try utf8.withUnsafeBufferPointer { (p) throws(DateFailure) in try ValueParser.date(p) }
            } catch { failure = error }
        case .raw, .text, .isoDate:
            // Treasury exports are in date order: a date like the last one costs a comparison.
            if b.count <= 16 && b.count == lastDateCount && ByteKeyTable.words(b) == lastDateWords, let d = lastDate {
                return d
            }
            do throws(DateFailure) { parsed = try ValueParser.date(b) } catch { failure = error }
            if case .day(let y, let m, let d)? = parsed, b.count <= 16 {
                let r = checkYear(row, col, CivilDate(year: y, month: m, day: d)!, year: y, period: false, bad: &bad)
                lastDate = r
                lastDateCount = r == nil ? -1 : b.count
                lastDateWords = ByteKeyTable.words(b)
                return r
            }
        case .boolean, .error:
            failure = .notADate
        }
        if let parsed {
            switch parsed {
            case .day(let y, let m, let d):
                return checkYear(row, col, CivilDate(year: y, month: m, day: d)!, year: y, period: false, bad: &bad)
            case .month(let y, let m):
                guard allowMonth else {
                    problem(row.number, col, L("`\(shown(row, col))` is a month: a budget adjustment needs a day"))
                    bad = true
                    return nil
                }
                guard options.years.contains(y) else { break }
                return checkYear(row, col, Period.month(year: y, month: m).last, year: y, period: true, bad: &bad)
            }
        }
        let s = shown(row, col)
        switch failure {
        case .empty: problem(row.number, col, L("no date"))
        case .notADate: problem(row.number, col, L("`\(s)` is not a date (write 2020-12-31, 2020/12/31, 2020年12月31日 or 20201231)"))
        case .noSuchDay: problem(row.number, col, L("`\(s)` is not a day of the calendar"))
        case .ambiguous: problem(row.number, col, L("`\(s)` is ambiguous (day or month first?): write 2020-12-31"))
        case .serialLike:
            problem(row.number, col, L("`\(s)` is not a date (an Excel serial number? format the column as a date and save again)"))
        }
        bad = true
        return nil
    }

    mutating func checkYear(_ row: RowView, _ col: Int, _ d: CivilDate, year: Int, period: Bool, bad: inout Bool) -> (day: CivilDate, period: Bool)? {
        guard options.years.contains(year) else {
            problem(row.number, col, L("`\(shown(row, col))` is a date outside any sensible range (\(options.years.lowerBound)–\(options.years.upperBound))"))
            bad = true
            return nil
        }
        return (d, period)
    }

    /// The model index of the project whose id is in cell `col`; nil (and a problem) when unknown.
    /// The id bytes of cell `col` (ASCII blanks trimmed: a GB18030 character may end in the bytes of
}
