/// sacrebleu's reproducibility signatures, such as
/// `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`.
enum SacrebleuSignature {
    /// The sacrebleu release whose numbers these implementations reproduce.
    static let version = "2.6.0"

    /// Joins `key:value` fields with `|`, putting the reference count first and the
    /// version last, in sacrebleu's order.
    static func format(referenceCount: Int?, fields: KeyValuePairs<String, String>) -> String {
        var parts = ["nrefs:\(referenceCount.map(String.init) ?? "var")"]
        for (key, value) in fields { parts.append("\(key):\(value)") }
        parts.append("version:\(version)")
        return parts.joined(separator: "|")
    }

    /// Formats a number as Python's `f"{value:.2f}"` does: rounded half to even on the
    /// exact binary value.
    static func fixed2(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = value.magnitude
        guard magnitude != 0 else { return sign + "0.00" }
        // magnitude == mantissa * 2^exponent exactly, with a 53-bit integer mantissa.
        let mantissa = UInt64(magnitude.significand * 0x1p52)
        let exponent = Int(magnitude.exponent) - 52
        var hundredths: UInt64
        if exponent >= 0 {
            guard exponent <= 3 else { return sign + integerDigits(mantissa, timesTwoToThe: exponent) + ".00" }
            hundredths = (mantissa << UInt64(exponent)) * 100
        } else if -exponent >= 62 {
            hundredths = 0  // below 2^-9, far under half a hundredth
        } else {
            let shift = UInt64(-exponent)
            let scaled = mantissa * 100
            hundredths = scaled >> shift
            let remainder = scaled & ((1 << shift) - 1)
            let half: UInt64 = 1 << (shift - 1)
            if remainder > half || (remainder == half && hundredths & 1 == 1) {
                hundredths += 1
            }
        }
        let fraction = hundredths % 100
        return "\(sign)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The decimal digits of `mantissa * 2^exponent`, for integers too large for `UInt64`.
    private static func integerDigits(_ mantissa: UInt64, timesTwoToThe exponent: Int) -> String {
        // Little-endian limbs in base 10^9.
        let base: UInt64 = 1_000_000_000
        var limbs = [mantissa % base, mantissa / base % base, mantissa / base / base]
        for _ in 0..<exponent {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let doubled = limbs[index] * 2 + carry
                limbs[index] = doubled % base
                carry = doubled / base
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var digits = String(limbs.removeLast())
        for limb in limbs.reversed() {
            let part = String(limb)
            digits += String(repeating: "0", count: 9 - part.count) + part
        }
        return digits
    }
}
