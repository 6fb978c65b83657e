/// Cell values straight from bytes: amounts into exact fen, dates into civil dates. These are the hot
/// path of a load (a million payments, two numeric cells each), so they work on UTF-8 bytes with no
/// `String`, no allocation, and no division. ASCII is the same in UTF-8 and GB18030, so a GB18030 cell
/// goes through them as is unless it holds non-ASCII text (`12.5万元`, `2020年1月5日`), which is decoded first.

/// A money unit as a power of ten of fen: 元 10², 千元 10⁵, 万元 10⁶, 亿元 10¹⁰.
struct AmountUnit: Equatable, Sendable {
    var name: String
    var exponent: Int

    static let yuan = AmountUnit(name: "元", exponent: 2)
    static let qian = AmountUnit(name: "千元", exponent: 5)
    static let wan = AmountUnit(name: "万元", exponent: 6)
    static let yi = AmountUnit(name: "亿元", exponent: 10)

    init(name: String, exponent: Int) {
        self.name = name
        self.exponent = exponent
    }

    init(_ unit: MoneyUnit) {
        switch unit {
        case .yuan: self = .yuan
        case .wan: self = .wan
        case .yi: self = .yi
        }
    }

    /// `元`, `万元`, `千元`, `亿元` (and `万`, `千`, `亿` alone).
    init?(text: String) {
        switch text {
        case "元", "yuan", "rmb", "cny": self = .yuan
        case "千元", "千": self = .qian
        case "万元", "万": self = .wan
        case "亿元", "亿": self = .yi
        default: return nil
        }
    }
}

enum AmountFailure: Error, Equatable {
    case empty, notANumber, scientific, grouping, fractionOfFen, tooLarge
}

enum DateFailure: Error, Equatable {
    case empty, notADate, noSuchDay, ambiguous, serialLike
}

enum ParsedDate: Equatable {
    case day(year: Int, month: Int, day: Int)
    /// `2020-12`, `2020年12月`: a payment known only within a month.
    case month(year: Int, month: Int)
}

/// Powers of ten that fit in UInt64.
private let powersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 10 } }

enum ValueParser {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Trims ASCII blanks, U+3000 (ideographic space, E3 80 80) and U+00A0 (C2 A0) from both ends.
    @inline(__always)
    static func trim(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ j: inout Int) {
        while i < j {
            if isSpace(p[i]) { i += 1 }
            else if j - i >= 3 && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80 { i += 3 }
            else if j - i >= 2 && p[i] == 0xC2 && p[i + 1] == 0xA0 { i += 2 }
            else { break }
        }
        while j > i {
            if isSpace(p[j - 1]) { j -= 1 }
            else if j - i >= 3 && p[j - 3] == 0xE3 && p[j - 2] == 0x80 && p[j - 1] == 0x80 { j -= 3 }
            else if j - i >= 2 && p[j - 2] == 0xC2 && p[j - 1] == 0xA0 { j -= 2 }
            else { break }
        }
    }

    @inline(__always)
    static func has(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        at >= 0 && at + 3 <= end && p[at] == a && p[at + 1] == b && p[at + 2] == c
    }

    /// An amount in fen: `1,234.56`, `-12.5`, `(1,234.56)` (negative), `¥12.50`, `12.5万元`. The cell's
    /// own unit suffix wins over `unit` (the column's). Exact: a value that is not a whole number of fen
    /// (`12.345` 元, `0.0000001` 万元) fails, and so does scientific notation (`1.2E+5`), which is
    /// what Excel writes into a CSV when a number was displayed rounded.
    static func amount(_ p: UnsafeBufferPointer<UInt8>, unit: AmountUnit) throws(AmountFailure) -> Int64 {
        // The common case first: `-?digits(.digits)?` and nothing else, as treasury exports write amounts.
        if p.count <= 18, let fen = plainAmount(p, exponent: unit.exponent) { return fen }
        var i = 0, j = p.count
        trim(p, &i, &j)
        if i == j { throw .empty }
        var negative = false
        // (1,234.56) and （1,234.56）: accountants' negatives.
        if p[i] == 0x28 && p[j - 1] == 0x29 {
            negative = true; i += 1; j -= 1; trim(p, &i, &j)
        } else if has(p, i, j, 0xEF, 0xBC, 0x88) && has(p, j - 3, j, 0xEF, 0xBC, 0x89) && j - i >= 6 {
            negative = true; i += 3; j -= 3; trim(p, &i, &j)
        }
        // A unit after the number: 元, 万元, 千元, 亿元.
        var exponent = unit.exponent
        if has(p, j - 3, j, 0xE5, 0x85, 0x83) {   // 元
            j -= 3
            exponent = 2
            if has(p, j - 3, j, 0xE4, 0xB8, 0x87) { j -= 3; exponent = 6 }        // 万
            else if has(p, j - 3, j, 0xE5, 0x8D, 0x83) { j -= 3; exponent = 5 }   // 千
            else if has(p, j - 3, j, 0xE4, 0xBA, 0xBF) { j -= 3; exponent = 10 }  // 亿
            trim(p, &i, &j)
        }
        var signSeen = false
        for _ in 0..<2 where i < j {
            // A sign and a currency sign, in either order: -¥12, ¥-12.
            if !signSeen, p[i] == 0x2D || p[i] == 0x2B {
                if p[i] == 0x2D { negative.toggle() }
                i += 1; signSeen = true
            } else if !signSeen, has(p, i, j, 0xE2, 0x88, 0x92) || has(p, i, j, 0xEF, 0xBC, 0x8D) {  // − －
                negative.toggle(); i += 3; signSeen = true
            } else if !signSeen, has(p, i, j, 0xEF, 0xBC, 0x8B) {  // ＋
                i += 3; signSeen = true
            } else if j - i >= 2 && p[i] == 0xC2 && p[i + 1] == 0xA5 {  // ¥
                i += 2
            } else if has(p, i, j, 0xEF, 0xBF, 0xA5) {  // ￥
                i += 3
            } else {
                break
            }
            trim(p, &i, &j)
        }
        if i == j { throw .notANumber }

        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var fraction = 0
        var commas = 0
        var group = 0
        var inFraction = false
        var k = i
        while k < j {
            let b = p[k]
            let d = b &- 0x30
            if d < 10 {
                if significant > 0 || d != 0 { significant += 1 }
                if significant > 19 { throw .tooLarge }
                let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { throw .tooLarge }
                mantissa = a
                digits += 1
                if inFraction { fraction += 1 } else { group += 1 }
            } else if b == 0x2E && !inFraction {  // .
                if commas > 0 && group != 3 { throw .grouping }
                inFraction = true
            } else if b == 0x2C && !inFraction {  // , between groups of three digits
                if commas == 0 ? (group == 0 || group > 3) : group != 3 { throw .grouping }
                commas += 1
                group = 0
            } else if (b == 0x45 || b == 0x65) && digits > 0 {  // E, e
                throw .scientific
            } else {
                throw .notANumber
            }
            k += 1
        }
        if digits == 0 { throw .notANumber }
        if commas > 0 && !inFraction && group != 3 { throw .grouping }
        // Trailing zeros of the fraction say nothing: 12.50 is 12.5.
        while fraction > 0 && mantissa % 10 == 0 {
            mantissa /= 10
            fraction -= 1
        }
        if fraction > exponent { throw .fractionOfFen }
        let shift = exponent - fraction
        guard shift < powersOfTen.count else { throw .tooLarge }
        let (fen, o) = mantissa.multipliedReportingOverflow(by: powersOfTen[shift])
        if o || fen > UInt64(Int64.max) { throw .tooLarge }
        return negative ? -Int64(fen) : Int64(fen)
    }

    /// `1234.56`, `-7`, `.5` in fen, or nil for anything else (which the full parser then reads).
    @inline(__always)
    static func plainAmount(_ p: UnsafeBufferPointer<UInt8>, exponent: Int) -> Int64? {
        let n = p.count
        var k = 0
        var negative = false
        if n > 0 && p[0] == 0x2D { negative = true; k = 1 }
        var m: UInt64 = 0
        var digits = 0
        while k < n, case let d = p[k] &- 0x30, d < 10 { m = m &* 10 &+ UInt64(d); k += 1; digits += 1 }
        var fraction = 0
        if k < n && p[k] == 0x2E {
            k += 1
            while k < n, case let d = p[k] &- 0x30, d < 10 { m = m &* 10 &+ UInt64(d); k += 1; fraction += 1 }
        }
        guard k == n, digits + fraction > 0 else { return nil }
        while fraction > exponent && m % 10 == 0 { m /= 10; fraction -= 1 }
        guard fraction <= exponent, exponent - fraction < powersOfTen.count else { return nil }
        let (fen, o) = m.multipliedReportingOverflow(by: powersOfTen[exponent - fraction])
        guard !o, fen <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(fen) : Int64(fen)
    }

    /// A date: `2020-12-31`, `2020/12/31`, `2020/1/5`, `2020.12.31`, `2020年12月31日`, `20201231`, with
    /// any time of day after it ignored (`2020-12-31 10:30:00`, `2020-12-31T10:30`). `2020-12` and
    /// `2020年12月` are months. Day-first and month-first dates (`12/31/2020`) are refused as ambiguous.
    static func date(_ p: UnsafeBufferPointer<UInt8>) throws(DateFailure) -> ParsedDate {
        var i = 0, j = p.count
        trim(p, &i, &j)
        if i == j { throw .empty }
        func number(_ k: inout Int, max: Int) -> (value: Int, count: Int) {
            var v = 0, n = 0
            while k < j, n < max, p[k] &- 0x30 < 10 {
                v = v * 10 + Int(p[k] &- 0x30)
                k += 1; n += 1
            }
            return (v, n)
        }
        var k = i
        let first = number(&k, max: 9)
        var result: ParsedDate
        if first.count == 8 {
            result = .day(year: first.value / 10000, month: first.value / 100 % 100, day: first.value % 100)
        } else if first.count == 4 {
            let year = first.value
            if k < j, p[k] == 0x2D || p[k] == 0x2F || p[k] == 0x2E {  // - / .
                let sep = p[k]
                k += 1
                let m = number(&k, max: 3)
                guard m.count >= 1 && m.count <= 2 else { throw .notADate }
                if k < j && p[k] == sep {
                    k += 1
                    let d = number(&k, max: 3)
                    guard d.count >= 1 && d.count <= 2 else { throw .notADate }
                    result = .day(year: year, month: m.value, day: d.value)
                } else {
                    result = .month(year: year, month: m.value)
                }
            } else if has(p, k, j, 0xE5, 0xB9, 0xB4) {  // 年
                k += 3
                trim(p, &k, &j)
                let m = number(&k, max: 3)
                guard m.count >= 1 && m.count <= 2, has(p, k, j, 0xE6, 0x9C, 0x88) else { throw .notADate }  // 月
                k += 3
                trim(p, &k, &j)
                if k < j && p[k] &- 0x30 < 10 {
                    let d = number(&k, max: 3)
                    guard d.count >= 1 && d.count <= 2 else { throw .notADate }
                    if has(p, k, j, 0xE6, 0x97, 0xA5) || has(p, k, j, 0xE5, 0x8F, 0xB7) { k += 3 }  // 日 号
                    result = .day(year: year, month: m.value, day: d.value)
                } else {
                    result = .month(year: year, month: m.value)
                }
            } else {
                throw .notADate
            }
        } else if first.count == 5 && k == j {
            throw .serialLike
        } else if (1...2).contains(first.count), k < j, p[k] == 0x2F || p[k] == 0x2D || p[k] == 0x2E {
            throw .ambiguous
        } else {
            throw .notADate
        }
        // A time of day after the date is ignored: payments count by day.
        if k < j {
            guard p[k] == 0x20 || p[k] == 0x54 else { throw .notADate }  // ' ' or 'T'
            k += 1
            while k < j {
                let b = p[k]
                guard b &- 0x30 < 10 || b == 0x3A || b == 0x2E || b == 0x20 else { throw .notADate }
                k += 1
            }
        }
        switch result {
        case .day(let y, let m, let d):
            guard CivilDate.isValid(year: y, month: m, day: d) else {
                throw (1...12).contains(m) && y >= 1 ? .noSuchDay : .notADate
            }
        case .month(_, let m):
            guard (1...12).contains(m) else { throw .notADate }
        }
        return result
    }

    /// The day of an Excel serial number (`43830` is 2019-12-31). In the 1900 system Excel counts a
    /// 29 February 1900 that never was, so serial 60 is no day and serials from 61 on are one day
    /// fewer after 1899-12-31 than they say; the 1904 system counts from 1904-01-01.
    static func excelSerial(_ serial: Int, date1904: Bool) -> CivilDate? {
        if date1904 {
            guard serial >= 0 else { return nil }
            return CivilDate(dayNumber: Int32(CivilDate.daysFromCivil(1904, 1, 1) + serial))
        }
        guard serial >= 1, serial != 60, serial < 3_000_000 else { return nil }
        let base = CivilDate.daysFromCivil(1899, 12, 31)
        return CivilDate(dayNumber: Int32(base + (serial > 60 ? serial - 1 : serial)))
    }

    /// The decimal an Excel number cell means. Cells hold binary doubles written with up to 17
    /// significant digits (`0.30000000000000004`, `4.4000000000000004E-2`); Excel shows and computes
    /// with 15, so the number the analyst typed is the value rounded to 15 significant digits. The
    /// result is plain decimal text (`0.044`, `1234.56`, `-7`), nil if the cell is not a number.
    static func excelNumberText(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var i = 0, j = p.count
        trim(p, &i, &j)
        guard i < j else { return nil }
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        var digits: [UInt8] = []
        var point: Int? = nil
        var k = i
        var sawDigit = false
        while k < j {
            let b = p[k]
            if b &- 0x30 < 10 {
                sawDigit = true
                if digits.isEmpty && b == 0x30 {
                    if point != nil { point! -= 1 }
                } else {
                    digits.append(b &- 0x30)
                }
            } else if b == 0x2E && point == nil {
                point = digits.count
            } else {
                break
            }
            k += 1
        }
        guard sawDigit else { return nil }
        // Position of the decimal point relative to the first significant digit.
        var exponent = point ?? digits.count
        if point != nil && digits.isEmpty { exponent = 0 }
        if k < j {
            guard p[k] == 0x45 || p[k] == 0x65 else { return nil }
            k += 1
            var expNegative = false
            if k < j && (p[k] == 0x2D || p[k] == 0x2B) { expNegative = p[k] == 0x2D; k += 1 }
            var e = 0, n = 0
            while k < j, p[k] &- 0x30 < 10, n < 4 { e = e * 10 + Int(p[k] &- 0x30); k += 1; n += 1 }
            guard n > 0, k == j else { return nil }
            exponent += expNegative ? -e : e
        }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits.removeSubrange(15...)
            if roundUp {
                var c = 14
                while c >= 0 {
                    if digits[c] == 9 { digits[c] = 0; c -= 1 } else { digits[c] += 1; break }
                }
                if c < 0 { digits.insert(1, at: 0); digits.removeLast(); exponent += 1 }
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { return Array("0".utf8) }
        guard exponent > -40 && exponent < 40 else { return nil }
        var out: [UInt8] = negative ? [0x2D] : []
        if exponent <= 0 {
            out += [0x30, 0x2E] + [UInt8](repeating: 0x30, count: -exponent) + digits.map { $0 + 0x30 }
        } else if exponent >= digits.count {
            out += digits.map { $0 + 0x30 } + [UInt8](repeating: 0x30, count: exponent - digits.count)
        } else {
            out += digits[..<exponent].map { $0 + 0x30 } + [0x2E] + digits[exponent...].map { $0 + 0x30 }
        }
        return out
    }
}
