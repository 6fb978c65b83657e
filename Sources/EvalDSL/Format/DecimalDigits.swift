// The decimal text of the figures nearly every table cell holds — inline parts whose rounded value
// fits in 64 bits — written digit by digit into one buffer. `decimalText` builds it from several
// Strings (the integer part, the fraction, its padding, the joins), which an export of 50,000 rates
// paid for once a row; the result is the same text, byte for byte.
extension Rational {
    /// `self · 10^shift` rounded half away from zero to `places` decimals, as `decimalText` writes it
    /// (`-1,234.50` with `grouping`); nil when the value is big or does not fit in 64 bits once
    /// scaled, for the general path. `shift` 2 is a rate as a percentage, without a multiplication.
    func compactDecimalText(places: Int, grouping: Bool, shift: Int = 0) -> String? {
        guard places >= 0, places <= 18, shift >= 0, let u = smallUnits(places: places + shift),
              u.units <= UInt128(UInt64.max) else { return nil }
        var units = UInt64(u.units)
        let negative = u.negative && units != 0
        // At most 20 digits, 6 group commas, the point and the sign.
        let size = 32
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buf in
            var i = size
            func put(_ b: UInt8) { i -= 1; buf[i] = b }
            for _ in 0..<places {
                put(0x30 + UInt8(truncatingIfNeeded: units % 10))
                units /= 10
            }
            if places > 0 { put(0x2E) }
            var digits = 0
            repeat {
                if grouping && digits > 0 && digits % 3 == 0 { put(0x2C) }
                put(0x30 + UInt8(truncatingIfNeeded: units % 10))
                units /= 10
                digits += 1
            } while units > 0
            if negative { put(0x2D) }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[i..<size]), as: UTF8.self)
        }
    }
}
