// Rounding and decimal text of `Rational`, exact at any size.
extension Rational {
    /// Rounds to `places` decimals, halves away from zero (四舍五入). Never throws.
    public func rounded(places: Int) throws(Overflow) -> Rational {
        roundedHalfAway(places: max(0, places))
    }

    func roundedHalfAway(places: Int) -> Rational {
        if let u = smallUnits(places: places) {
            return Rational(reducing: u.negative ? -Int128(u.units) : Int128(u.units), u.scale)
        }
        let b = BigFraction(self)
        let scale = BigMagnitude.powerOfTen(places)
        var (q, r) = (b.num.magnitude * scale).quotientAndRemainder(dividingBy: b.den.magnitude)
        if r << 1 >= b.den.magnitude { q = q + .one }
        let signed = BigNumber(negative: b.num.isNegative, magnitude: q)
        return Rational(big: BigFraction(reducing: signed, BigNumber(magnitude: scale)))
    }

    /// |self| · 10^places rounded half away from zero, with 10^places, when the parts are inline and
    /// the result fits (every figure a report shows). Machine-word division whenever it fits in 64 bits.
    @inline(__always)
    func smallUnits(places: Int) -> (negative: Bool, units: UInt128, scale: Int128)? {
        guard case .small(let num, let den) = storage, places <= 38, let scale = Rational.smallPowerOfTen(places) else { return nil }
        let (scaled, ov) = num.magnitude.multipliedReportingOverflow(by: UInt128(scale))
        if ov { return nil }
        let d = UInt128(den)
        var q: UInt128, r: UInt128
        if scaled <= UInt64.max && d <= UInt64.max {
            let (q64, r64) = UInt64(scaled).quotientAndRemainder(dividingBy: UInt64(d))
            (q, r) = (UInt128(q64), UInt128(r64))
        } else {
            (q, r) = scaled.quotientAndRemainder(dividingBy: d)
        }
        // The remainder is below den <= Int128.max, so doubling it cannot overflow.
        if r * 2 >= d { q += 1 }
        guard q <= UInt128(Int128.max) else { return nil }
        return (num < 0, q, scale)
    }

    /// 10^places when it fits in Int128.
    static func smallPowerOfTen(_ places: Int) -> Int128? {
        var scale: Int128 = 1
        for _ in 0..<places {
            let (s, ov) = scale.multipliedReportingOverflow(by: 10)
            if ov { return nil }
            scale = s
        }
        return scale
    }

    /// The value rounded half away from zero to exactly `places` decimals, as plain ASCII text
    /// (`-1234.50`), optionally with `,` every three integer digits. Never locale-dependent.
    public func decimalText(places: Int, grouping: Bool = false) -> String {
        let places = max(0, places)
        if let text = compactDecimalText(places: places, grouping: grouping) { return text }
        // The value times 10^places, rounded, is a whole number of the last place: split it at the point.
        let negative: Bool, intPart: String, fracPart: String
        if let u = smallUnits(places: places) {
            negative = u.negative && u.units != 0
            let scale = UInt128(u.scale)
            if u.units <= UInt64.max && scale <= UInt64.max {
                let (i, f) = UInt64(u.units).quotientAndRemainder(dividingBy: UInt64(scale))
                intPart = String(i)
                fracPart = String(f)
            } else {
                intPart = String(u.units / scale)
                fracPart = String(u.units % scale)
            }
        } else {
            let b = BigFraction(roundedHalfAway(places: places))
            // The rounded value's denominator divides 10^places.
            let scale = BigMagnitude.powerOfTen(places)
            let units = b.num.magnitude * scale.quotient(exactlyDividingBy: b.den.magnitude)
            negative = b.num.isNegative && !units.isZero
            let (i, f) = units.quotientAndRemainder(dividingBy: scale)
            intPart = i.description
            fracPart = f.description
        }
        var intText = intPart
        if grouping && intText.count > 3 {
            var out = ""
            for (i, ch) in intText.enumerated() {
                if i > 0 && (intText.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            intText = out
        }
        var text = negative ? "-" + intText : intText
        if places > 0 {
            var frac = fracPart
            while frac.count < places { frac = "0" + frac }
            text += "." + frac
        }
        return text
    }

    /// Shortest exact decimal if there is one with at most `maxPlaces` decimals, otherwise rounded to `maxPlaces`
    /// with trailing zeros removed.
    public func shortText(maxPlaces: Int) -> String {
        var t = decimalText(places: maxPlaces)
        if t.includes(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        if t == "-0" { t = "0" }
        return t
    }

    /// The exact fraction: `-3/8`, or the integer alone.
    public var description: String {
        switch storage {
        case .small(let n, let d): d == 1 ? String(n) : "\(n)/\(d)"
        case .big(let b): b.den.isOne ? b.num.description : "\(b.num)/\(b.den)"
        }
    }

    /// The nearest Double, for drawing (charts); never for a figure.
    public var doubleValue: Double {
        switch storage {
        case .small(let n, let d):
            return Double(n) / Double(d)
        case .big(let b):
            // Drop the same number of low bits from both parts so each converts to a finite Double.
            let shift = max(0, max(b.num.magnitude.bitWidth, b.den.magnitude.bitWidth) - 960)
            let value = Double(b.num.magnitude >> shift) / Double(b.den.magnitude >> shift)
            return b.num.isNegative ? -value : value
        }
    }
}
