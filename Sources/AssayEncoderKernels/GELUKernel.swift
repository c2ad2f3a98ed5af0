/// GELU with the error function, `0.5·x·(1 + erf(x/√2))`, sixteen values at a time.
///
/// `erf` is evaluated with formula 7.1.26 of Abramowitz and Stegun,
/// `erf(z) = 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−z²)` with `t = 1/(1 + p·z)` for `z ≥ 0`,
/// whose absolute error is at most 1.5·10⁻⁷, and `erf(−z) = −erf(z)`; `e^(−z²)` with
/// ``VectorMath/exponential(_:fused:)``. Against the exactly rounded function the result differs by
/// a few units in the seventh decimal relative to `x`, like the rounding already present in the
/// matrix products, and costs a fraction of a scalar `erf` per value.
///
/// The functions are inlined into their callers, so that a caller compiled for a wider vector
/// unit (see `AssayEncoderKernelsAVX512`) runs them with its instructions.
public enum GELUKernel {
    /// Applies GELU in place to `count` values.
    ///
    /// - Parameter fused: Whether multiply-adds are fused; pass `true` only from code compiled for
    ///   a CPU with FMA, where it is one instruction (elsewhere it would be a library call).
    @inlinable @inline(__always)
    public static func apply(to base: UnsafeMutablePointer<Float>, count: Int, fused: Bool) {
        let whole = count - count % 16
        let raw = UnsafeMutableRawPointer(base)
        var index = 0
        while index < whole {
            let x = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
            raw.storeBytes(of: gelu(x, fused: fused), toByteOffset: index * 4, as: SIMD16<Float>.self)
            index += 16
        }
        if index < count {
            var x = SIMD16<Float>(repeating: 0)
            for lane in 0 ..< count - index {
                x[lane] = base[index + lane]
            }
            let y = gelu(x, fused: fused)
            for lane in 0 ..< count - index {
                base[index + lane] = y[lane]
            }
        }
    }

    /// Adds `bias` to every row of `rows × width` values and applies GELU, in place.
    @inlinable @inline(__always)
    public static func apply(
        to values: UnsafeMutablePointer<Float>, rows: Int, width: Int, adding bias: UnsafePointer<Float>, fused: Bool
    ) {
        let whole = width - width % 16
        let biasRaw = UnsafeRawPointer(bias)
        for row in 0..<rows {
            let x = values + row * width
            let raw = UnsafeMutableRawPointer(x)
            var index = 0
            while index < whole {
                let sum = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
                    + biasRaw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
                raw.storeBytes(of: gelu(sum, fused: fused), toByteOffset: index * 4, as: SIMD16<Float>.self)
                index += 16
            }
            while index < width {
                x[index] += bias[index]
                index += 1
            }
            apply(to: x + whole, count: width - whole, fused: fused)
        }
    }

    /// GELU of sixteen values.
    @inlinable @inline(__always)
    public static func gelu(_ x: SIMD16<Float>, fused: Bool) -> SIMD16<Float> {
        let inverseSquareRootTwo: Float = 0.70710678118654752440
        let p: Float = 0.3275911
        let a1: Float = 0.254829592
        let a2: Float = -0.284496736
        let a3: Float = 1.421413741
        let a4: Float = -1.453152027
        let a5: Float = 1.061405429
        let nineBits = SIMD16<Int32>(repeating: Int32(bitPattern: Float(9).bitPattern))
        let z = x * inverseSquareRootTwo
        let absoluteBits = unsafeBitCast(unsafeBitCast(z, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: SIMD16<Int32>.self)
        // |z| is capped at 9, where erf(|z|) is 1 in single precision long since, so that e^(−z²)
        // below stays above the smallest normal float; past the cap the tail is set to 0.
        let withinCap = ~((nineBits &- absoluteBits) &>> 31)
        let magnitude = unsafeBitCast((absoluteBits & withinCap) | (nineBits & ~withinCap), to: SIMD16<Float>.self)
        let t = 1 / VectorMath.multiplyAdd(magnitude, SIMD16(repeating: p), SIMD16(repeating: 1), fused: fused)
        var polynomial = SIMD16<Float>(repeating: a5)
        polynomial = VectorMath.multiplyAdd(polynomial, t, SIMD16(repeating: a4), fused: fused)
        polynomial = VectorMath.multiplyAdd(polynomial, t, SIMD16(repeating: a3), fused: fused)
        polynomial = VectorMath.multiplyAdd(polynomial, t, SIMD16(repeating: a2), fused: fused)
        polynomial = VectorMath.multiplyAdd(polynomial, t, SIMD16(repeating: a1), fused: fused)
        polynomial *= t
        // tail = 1 − erf(|z|); then 1 + erf(z) is 2 − tail for z ≥ 0 and tail for z < 0, which
        // keeps full relative precision where GELU is close to 0.
        let rawTail = polynomial * VectorMath.exponential(-(magnitude * magnitude), fused: fused)
        let tail = unsafeBitCast(unsafeBitCast(rawTail, to: SIMD16<Int32>.self) & withinCap, to: SIMD16<Float>.self)
        let negative = unsafeBitCast(unsafeBitCast(z, to: SIMD16<Int32>.self) &>> 31, to: SIMD16<UInt32>.self)
        let chosen = (unsafeBitCast(tail, to: SIMD16<UInt32>.self) & negative)
            | (unsafeBitCast(2 - tail, to: SIMD16<UInt32>.self) & ~negative)
        return 0.5 * x * unsafeBitCast(chosen, to: SIMD16<Float>.self)
    }
}
