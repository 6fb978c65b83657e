import Testing
@testable import EvalDSL

@Suite struct RationalTests {
    @Test(arguments: [
        ("2379.61", "237961/100"), ("-0.5", "-1/2"), ("1_000", "1000"), ("0.10", "1/10"), ("007", "7"),
    ])
    func parsesDecimals(text: String, expected: String) {
        #expect(Rational(decimal: Substring(text))?.description == expected)
    }

    @Test(arguments: ["", ".", "1.2.3", "abc", "1e5", "-"])
    func rejectsNonDecimals(text: String) {
        #expect(Rational(decimal: Substring(text)) == nil)
    }

    @Test(arguments: [
        // Half away from zero (四舍五入), including negatives.
        ("0.125", 2, "0.13"), ("0.124", 2, "0.12"), ("-0.125", 2, "-0.13"), ("2.5", 0, "3"), ("-2.5", 0, "-3"),
        ("1234567.891", 2, "1234567.89"), ("0.005", 2, "0.01"), ("0.0049", 2, "0.00"),
    ])
    func roundsHalfAwayFromZero(text: String, places: Int, expected: String) throws {
        let r = try #require(Rational(decimal: Substring(text)))
        #expect(r.decimalText(places: places) == expected)
    }

    @Test func thirdsStayExact() throws {
        let third = try Rational(1, 3)
        let sum = try third.adding(third).adding(third)
        #expect(sum == .one)
        #expect(third.decimalText(places: 4) == "0.3333")
    }

    @Test func groupsThousands() throws {
        let r = try #require(Rational(decimal: "-1234567.5"))
        #expect(r.decimalText(places: 2, grouping: true) == "-1,234,567.50")
        #expect(Rational(decimal: "999")!.decimalText(places: 2, grouping: true) == "999.00")
    }

    @Test func noOperationOverflows() throws {
        // What overflowed 128-bit parts is now exact (RationalBigTests covers the big representation).
        let big = Rational(uncheckedNum: Int128.max / 2, den: 1)
        #expect(try big.multiplied(by: Rational(3)).description == "255211775190703847597530955573826158589")
        #expect(try big.adding(big).adding(big).description == "255211775190703847597530955573826158589")
    }

    @Test func comparesWithoutOverflow() throws {
        let a = try Rational(Int128.max - 1, Int128.max)
        let b = try Rational(Int128.max - 2, Int128.max - 1)
        #expect(b < a)
        #expect(!(a < b))
    }

    @Test func divisionByZeroIsNil() throws {
        #expect(try Rational(5).divided(by: .zero) == nil)
    }
}
