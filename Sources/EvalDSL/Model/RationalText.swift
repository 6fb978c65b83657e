import BigInt

// Rounding and decimal text of `Rational`, exact at any size.
extension Rational {
    /// Rounds to `places` decimals, halves away from zero (四舍五入). Never throws.
    public func rounded(places: Int) throws(Overflow) -> Rational {
        roundedHalfAway(places: max(0, places))
    }

    func roundedHalfAway(places: Int) -> Rational {
        if case .small(let num, let den) = storage, places <= 38, let scale = Rational.smallPowerOfTen(places) {
            let (scaled, ov) = num.magnitude.multipliedReportingOverflow(by: UInt128(scale))
            if !ov {
                let d = UInt128(den)
                var q = scaled / d
                // The remainder is below den <= Int128.max, so doubling it cannot overflow.
                if (scaled % d) * 2 >= d { q += 1 }
                if q <= UInt128(Int128.max) {
                    return Rational(reducing: num < 0 ? -Int128(q) : Int128(q), scale)
                }
            }
        }
        let b = BigFraction(self)
        let scale = BigUInt(10).power(places)
        var (q, r) = (b.num.magnitude * scale).quotientAndRemainder(dividingBy: b.den.magnitude)
        if r << 1 >= b.den.magnitude { q += 1 }
        let signed = BigInt(sign: b.num.sign == .minus && !q.isZero ? .minus : .plus, magnitude: q)
        return Rational(big: BigFraction(reducing: signed, BigInt(scale)))
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
        let r = roundedHalfAway(places: places)
        // r times 10^places is a whole number of the last decimal place: split it at the point.
        let negative: Bool, intPart: String, fracPart: String
        if case .small(let num, let den) = r.storage, let scale = Rational.smallPowerOfTen(places),
           case let (units, ov) = num.multipliedReportingOverflow(by: scale / den), !ov {
            negative = units < 0
            let mag = units.magnitude
            intPart = String(mag / UInt128(scale))
            fracPart = String(mag % UInt128(scale))
        } else {
            let b = BigFraction(r)
            let scale = BigUInt(10).power(places)
            let units = b.num * (BigInt(scale) / b.den)
            negative = units.sign == .minus && !units.isZero
            let (i, f) = units.magnitude.quotientAndRemainder(dividingBy: scale)
            intPart = String(i)
            fracPart = String(f)
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
        if t.contains(".") {
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
        case .big(let b): b.den == 1 ? String(b.num) : "\(b.num)/\(b.den)"
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
            return b.num.sign == .minus ? -value : value
        }
    }
}
