extension Float {
    /// Widens an IEEE 754 binary16 value, given as its bit pattern, exactly to single precision.
    ///
    /// Written out rather than going through `Float16`, which is unavailable on some platforms.
    /// - Parameter bits: The half-precision bit pattern (sign, 5 exponent bits, 10 fraction bits).
    init(halfPrecisionBits bits: UInt16) {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let fraction = UInt32(bits & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: fraction × 2^-24, exact in single precision.
            let magnitude = Float(fraction) * 0x1p-24
            self = sign == 0 ? magnitude : -magnitude
        case 0x1F:
            self = Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        default:
            // Rebias the exponent from 15 to 127.
            self = Float(bitPattern: sign | ((exponent + 112) << 23) | (fraction << 13))
        }
    }
}
