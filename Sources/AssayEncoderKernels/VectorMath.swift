/// Arithmetic on sixteen floats at a time that the kernels share.
public enum VectorMath {
    /// `a · b + c`: one fused instruction when `fused`, else a product and a sum.
    ///
    /// Swift does not contract `a * b + c` by itself, and a fused multiply-add on a CPU without
    /// FMA becomes a call to the C library for every lane, so the choice is the caller's.
    @inlinable @inline(__always)
    public static func multiplyAdd(_ a: SIMD16<Float>, _ b: SIMD16<Float>, _ c: SIMD16<Float>, fused: Bool) -> SIMD16<Float> {
        fused ? c.addingProduct(a, b) : a * b + c
    }

    /// `e^y` for `−87 ≤ y ≤ 0`, with a relative error below 10⁻⁷.
    ///
    /// Range reduction to `2ⁿ·e^r` with `|r| ≤ ln 2 / 2` and a degree-7 Taylor polynomial for `e^r`.
    @inlinable @inline(__always)
    public static func exponential(_ y: SIMD16<Float>, fused: Bool) -> SIMD16<Float> {
        let log2e: Float = 1.44269504088896340736
        let ln2High: Float = 0.693145751953125
        let ln2Low: Float = 1.42860676533018708e-06
        // Adding 1.5·2²³ rounds to an integer, which then sits in the low mantissa bits.
        let shifter: Float = 12_582_912
        let shifted = y * log2e + shifter
        let n = shifted - shifter
        let r = (y - n * ln2High) - n * ln2Low
        var power: SIMD16<Float> = SIMD16(repeating: 1 / 5040)
        power = multiplyAdd(power, r, SIMD16(repeating: 1 / 720), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 1 / 120), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 1 / 24), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 1 / 6), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 0.5), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 1), fused: fused)
        power = multiplyAdd(power, r, SIMD16(repeating: 1), fused: fused)
        let exponent = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127
        return power * unsafeBitCast(exponent &<< 23, to: SIMD16<Float>.self)
    }

    /// `e^(−m)` for `m ≥ 0`; magnitudes beyond 87, whose results are below the smallest normal
    /// float, are taken at 87. Lanes with a negative `m` give some finite value.
    @inlinable @inline(__always)
    public static func exponentialOfNegative(_ magnitude: SIMD16<Float>, fused: Bool) -> SIMD16<Float> {
        let capBits = SIMD16<Int32>(repeating: Int32(bitPattern: Float(87).bitPattern))
        let bits = unsafeBitCast(unsafeBitCast(magnitude, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Int32>.self)
        let withinCap = ~((capBits &- bits) &>> 31)
        let capped = unsafeBitCast((bits & withinCap) | (capBits & ~withinCap), to: SIMD16<Float>.self)
        return exponential(-capped, fused: fused)
    }
}
