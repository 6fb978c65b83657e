import Testing
@testable import EvalDSL

/// Cell values from bytes: amounts into exact fen, dates, Excel numbers and serials, headers.
@Suite struct DataValueTests {
    static func amount(_ s: String, _ unit: AmountUnit = .yuan) -> Result<Int64, AmountFailure> {
        Array(s.utf8).withUnsafeBufferPointer { p in
            do throws(AmountFailure) { return .success(try ValueParser.amount(p, unit: unit)) } catch { return .failure(error) }
        }
    }

    static func date(_ s: String) -> Result<ParsedDate, DateFailure> {
        Array(s.utf8).withUnsafeBufferPointer { p in
            do throws(DateFailure) { return .success(try ValueParser.date(p)) } catch { return .failure(error) }
        }
    }

    @Test(arguments: [
        ("1,234.56", AmountUnit.yuan, Int64(123_456)), ("-12.5", .yuan, -1_250), ("+7", .yuan, 700),
        ("(1,234.56)", .yuan, -123_456), ("（12.00）", .yuan, -1_200), ("¥12.50", .yuan, 1_250), ("￥-3", .yuan, -300),
        ("-¥3", .yuan, -300), ("12.5万元", .yuan, 12_500_000), ("3,000.00元", .wan, 300_000), ("1.2亿元", .yuan, 12_000_000_000),
        ("2千元", .yuan, 200_000), ("0.000001", .wan, 1), ("1,234.5678", .wan, 1_234_567_800), ("  100 \t", .yuan, 10_000),
        ("\u{3000}100\u{3000}", .yuan, 10_000), ("12.50", .yuan, 1_250), ("12.3400", .yuan, 1_234), ("1,234", .yuan, 123_400),
        ("12,345,678.9", .yuan, 1_234_567_890), (".5", .yuan, 50), ("12.", .yuan, 1_200), ("0", .yuan, 0), ("-0.00", .yuan, 0),
        ("92233720368547758.07", .yuan, Int64.max), ("1.5", .qian, 150_000),
    ])
    func parsesAmounts(text: String, unit: AmountUnit, fen: Int64) {
        #expect(Self.amount(text, unit) == .success(fen))
    }

    @Test(arguments: [
        ("12.345", AmountUnit.yuan, AmountFailure.fractionOfFen), ("0.0000001", .wan, .fractionOfFen), ("0.001元", .wan, .fractionOfFen),
        ("1,5", .yuan, .grouping), ("1,23", .yuan, .grouping), ("1234,567", .yuan, .grouping), (",123", .yuan, .grouping),
        ("1,2345.6", .yuan, .grouping), ("1e5", .yuan, .scientific), ("1.23457E+11", .yuan, .scientific), ("abc", .yuan, .notANumber),
        ("", .yuan, .empty), ("   ", .yuan, .empty), ("1.2.3", .yuan, .notANumber), ("--5", .yuan, .notANumber),
        ("-", .yuan, .notANumber), ("元", .yuan, .notANumber), ("12 34", .yuan, .notANumber), ("92233720368547758.08", .yuan, .tooLarge),
        ("99999999999999999999", .yuan, .tooLarge), ("1美元", .yuan, .notANumber),
    ])
    func rejectsAmounts(text: String, unit: AmountUnit, failure: AmountFailure) {
        #expect(Self.amount(text, unit) == .failure(failure))
    }

    @Test(arguments: [
        ("2020-12-31", ParsedDate.day(year: 2020, month: 12, day: 31)), ("2020/12/31", .day(year: 2020, month: 12, day: 31)),
        ("2020/1/5", .day(year: 2020, month: 1, day: 5)), ("2020.1.5", .day(year: 2020, month: 1, day: 5)),
        ("2020年12月31日", .day(year: 2020, month: 12, day: 31)), ("2020年1月5号", .day(year: 2020, month: 1, day: 5)),
        ("20201231", .day(year: 2020, month: 12, day: 31)), ("2020-12-31 10:30:00", .day(year: 2020, month: 12, day: 31)),
        ("2020-12-31T10:30", .day(year: 2020, month: 12, day: 31)), (" 2020-02-29 ", .day(year: 2020, month: 2, day: 29)),
        ("2020-12", .month(year: 2020, month: 12)), ("2020年12月", .month(year: 2020, month: 12)),
    ])
    func parsesDates(text: String, expected: ParsedDate) {
        #expect(Self.date(text) == .success(expected))
    }

    @Test(arguments: [
        ("", DateFailure.empty), ("2020-13-01", .notADate), ("2021-02-29", .noSuchDay), ("2020-02-30", .noSuchDay),
        ("12/31/2020", .ambiguous), ("31.12.2020", .ambiguous), ("43830", .serialLike), ("2020-12-31x", .notADate),
        ("2020-1-", .notADate), ("二〇二〇年", .notADate), ("2020/12-31", .notADate), ("20201331", .notADate),
    ])
    func rejectsDates(text: String, failure: DateFailure) {
        #expect(Self.date(text) == .failure(failure))
    }

    @Test(arguments: [
        ("1234.5600000000001", "1234.56"), ("4.4000000000000004E-2", "0.044"), ("0.30000000000000004", "0.3"),
        ("1E+3", "1000"), ("1.5e3", "1500"), ("-7", "-7"), ("0", "0"), ("0.0", "0"), ("123456789012345678", "123456789012346000"),
        ("9.9999999999999999", "10"), ("110101202000001", "110101202000001"), ("123.456789", "123.456789"),
    ])
    func readsExcelNumbersAsTheyWereTyped(raw: String, expected: String) {
        let got = Array(raw.utf8).withUnsafeBufferPointer { ValueParser.excelNumberText($0) }
        #expect(got.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test func excelSerialsHonourThe1900LeapBugAnd1904() {
        func d(_ s: Int, _ b: Bool = false) -> String? { ValueParser.excelSerial(s, date1904: b)?.description }
        #expect(d(43830) == "2019-12-31")
        #expect(d(43831) == "2020-01-01")
        #expect(d(1) == "1900-01-01")
        #expect(d(59) == "1900-02-28")
        #expect(d(60) == nil)  // Excel's 1900-02-29, a day that never was
        #expect(d(61) == "1900-03-01")
        #expect(d(0) == nil)
        #expect(d(0, true) == "1904-01-01")
        #expect(d(42369, true) == "2020-01-01")
    }

    @Test(arguments: [
        ("预算数(万元)", "预算数", "万元"), ("支付金额（元）", "支付金额", "元"), ("金额/万元", "金额", "万元"),
        ("年初预算数（单位：万元）", "年初预算数", "万元"), ("调整后预算【亿元】", "调整后预算", "亿元"), (" 项目 编码 ", "项目编码", ""),
        ("Amount", "amount", ""), ("project_id", "project_id", ""), ("年初\n预算数", "年初预算数", ""), ("金额(千元)", "金额", "千元"),
        ("备注(说明)", "备注(说明)", ""),
    ])
    func normalisesHeaders(raw: String, key: String, unit: String) {
        let h = HeaderText(raw)
        #expect(h.key == key)
        #expect((h.unit?.name ?? "") == unit)
    }

    @Test func readsUnitLines() {
        #expect(unitLine("单位：万元") == .wan)
        #expect(unitLine("（单位:元）") == .yuan)
        #expect(unitLine("金额单位： 亿元") == .yi)
        #expect(unitLine("2020年度部门项目预算表") == nil)
    }

    @Test func columnLetters() {
        #expect(ColumnMatcher.letter(0) == "A")
        #expect(ColumnMatcher.letter(25) == "Z")
        #expect(ColumnMatcher.letter(26) == "AA")
        #expect(ColumnMatcher.letter(16383) == "XFD")
        #expect(ColumnMatcher.index(ofLetters: "XFD") == 16383)
        #expect(ColumnMatcher.index(ofLetters: "项目") == nil)
    }

    @Test func matchesTheBestHeaderOfEachField() throws {
        let m = try ColumnMap.match(headers: ["金额", "项目代码", "支付金额（万元）", "日期", "摘要"], kind: .payments,
                                    mapping: [:], defaultUnit: .yuan, file: "f.csv")
        let map = try #require(m.map)
        #expect(map.index == [.id: 1, .amount: 2, .date: 3])
        #expect(map.unit[.amount] == .wan)
    }

    @Test func aMappingOverridesMatching() throws {
        let m = try ColumnMap.match(headers: ["编号", "实付", "支付金额", "付款时间"], kind: .payments,
                                    mapping: [.amount: "实付", .date: "D"], defaultUnit: .wan, file: "f.csv")
        let map = try #require(m.map)
        #expect(map.index == [.id: 0, .amount: 1, .date: 3])
        #expect(map.unit[.amount] == .wan)
    }

    @Test func twoEqualHeadersAreAmbiguous() {
        #expect(throws: LoadError(.ambiguousColumns(field: "支付金额", columns: ["金额", "金额"]), file: "f.csv")) {
            try ColumnMap.match(headers: ["项目编码", "金额", "金额", "日期"], kind: .payments, mapping: [:], defaultUnit: .yuan, file: "f.csv")
        }
    }

    @Test func fieldsAreNamedByWords() {
        #expect(LoadField(word: "amount") == .amount)
        #expect(LoadField(word: "initial") == .initialBudget)
        #expect(LoadField(word: "budget") == .initialBudget)
        #expect(LoadField(word: "调整后预算") == .adjustedBudget)
        #expect(LoadField(word: "支付日期") == .date)
        #expect(LoadField(word: "price") == nil)
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "utf_8") == .utf8)
    }
}
