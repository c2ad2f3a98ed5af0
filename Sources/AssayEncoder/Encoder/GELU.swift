/// GELU with the error function, `0.5·x·(1 + erf(x/√2))`, sixteen values at a time.
///
/// `erf` is evaluated with formula 7.1.26 of Abramowitz and Stegun,
/// `erf(z) = 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−z²)` with `t = 1/(1 + p·z)` for `z ≥ 0`,
/// whose absolute error is at most 1.5·10⁻⁷, and `erf(−z) = −erf(z)`; `e^(−z²)` by range reduction
/// to `2ⁿ·e^r` with `|r| ≤ ln 2 / 2` and a degree-7 Taylor polynomial for `e^r`. Against the
/// exactly rounded function the result differs by a few units in the seventh decimal relative to
/// `x`, like the rounding already present in the matrix products, and costs a fraction of a
/// scalar `erf` per value.
enum GELU {
    private static let inverseSquareRootTwo: Float = 0.70710678118654752440
    private static let p: Float = 0.3275911
    private static let a1: Float = 0.254829592
    private static let a2: Float = -0.284496736
    private static let a3: Float = 1.421413741
    private static let a4: Float = -1.453152027
    private static let a5: Float = 1.061405429
    private static let nineBits = SIMD16<Int32>(repeating: Int32(bitPattern: Float(9).bitPattern))

    /// Applies GELU in place.
    static func apply(to values: UnsafeMutableBufferPointer<Float>) {
        guard let base = values.baseAddress else { return }
        let count = values.count
        let whole = count - count % 16
        let raw = UnsafeMutableRawPointer(base)
        var index = 0
        while index < whole {
            let x = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
            raw.storeBytes(of: gelu(x), toByteOffset: index * 4, as: SIMD16<Float>.self)
            index += 16
        }
        if index < count {
            var x = SIMD16<Float>(repeating: 0)
            for lane in 0 ..< count - index {
                x[lane] = base[index + lane]
            }
            let y = gelu(x)
            for lane in 0 ..< count - index {
                base[index + lane] = y[lane]
            }
        }
    }

    /// GELU of sixteen values.
    @inline(__always)
    static func gelu(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let z = x * inverseSquareRootTwo
        let absoluteBits = unsafeBitCast(unsafeBitCast(z, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Int32>.self)
        // |z| is capped at 9, where erf(|z|) is 1 in single precision long since, so that e^(−z²)
        // below stays above the smallest normal float; past the cap the tail is set to 0.
        let withinCap = ~((Self.nineBits &- absoluteBits) &>> 31)
        let magnitude = unsafeBitCast((absoluteBits & withinCap) | (Self.nineBits & ~withinCap), to: SIMD16<Float>.self)
        let t = 1 / (1 + p * magnitude)
        let polynomial = t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))))
        // tail = 1 − erf(|z|); then 1 + erf(z) is 2 − tail for z ≥ 0 and tail for z < 0, which
        // keeps full relative precision where GELU is close to 0.
        let rawTail = polynomial * exponential(-(magnitude * magnitude))
        let tail = unsafeBitCast(unsafeBitCast(rawTail, to: SIMD16<Int32>.self) & withinCap, to: SIMD16<Float>.self)
        let negative = unsafeBitCast(unsafeBitCast(z, to: SIMD16<Int32>.self) &>> 31, to: SIMD16<UInt32>.self)
        let chosen = (unsafeBitCast(tail, to: SIMD16<UInt32>.self) & negative)
            | (unsafeBitCast(2 - tail, to: SIMD16<UInt32>.self) & ~negative)
        return 0.5 * x * unsafeBitCast(chosen, to: SIMD16<Float>.self)
    }

    /// `e^y` for `−87 ≤ y ≤ 0`, with a relative error below 10⁻⁷.
    @inline(__always)
    static func exponential(_ y: SIMD16<Float>) -> SIMD16<Float> {
        let log2e: Float = 1.44269504088896340736
        let ln2High: Float = 0.693145751953125
        let ln2Low: Float = 1.42860676533018708e-06
        // Adding 1.5·2²³ rounds to an integer, which then sits in the low mantissa bits.
        let shifter: Float = 12_582_912
        let shifted = y * log2e + shifter
        let n = shifted - shifter
        let r = (y - n * ln2High) - n * ln2Low
        var power: SIMD16<Float> = SIMD16(repeating: 1 / 5040)
        power = power * r + 1 / 720
        power = power * r + 1 / 120
        power = power * r + 1 / 24
        power = power * r + 1 / 6
        power = power * r + 0.5
        power = power * r + 1
        power = power * r + 1
        let exponent = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127
        return power * unsafeBitCast(exponent &<< 23, to: SIMD16<Float>.self)
    }
}
