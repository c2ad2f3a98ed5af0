/// Layer normalisation over rows, `(x − mean) / √(variance + ε) · γ + β`, eight values at a time.
///
/// The mean and variance are summed in double precision (the reference's single-precision
/// moments differ from the exact ones by about 10⁻⁷, and so would ours, differently). The
/// functions are inlined into their callers, so that a caller compiled for a wider vector unit
/// (see `AssayEncoderKernelsAVX512`) runs them with its instructions.
public enum LayerNormKernel {
    /// Normalises `rows` rows of `width` values in place, after adding `(bias, residual)` when given.
    ///
    /// - Parameters:
    ///   - values: `rows × width` values.
    ///   - scale: γ, `width` values.
    ///   - shift: β, `width` values.
    ///   - bias: Added to every row first, as `(value + bias) + residual`: a linear layer's bias
    ///     when `values` are its products computed without it. Given together with `residual`.
    ///   - residual: `rows × width` values added after the bias (a transformer layer's input).
    @inlinable @inline(__always)
    public static func apply(
        to values: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, epsilon: Float,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?
    ) {
        let whole = width - width % 8
        for row in 0..<rows {
            let x = values + row &* width
            let raw = UnsafeMutableRawPointer(x)
            if let bias, let residual {
                let input = residual + row &* width
                var index = 0
                while index < whole {
                    let sum = (raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
                        + UnsafeRawPointer(bias).loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self))
                        + UnsafeRawPointer(input).loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
                    raw.storeBytes(of: sum, toByteOffset: index &* 4, as: SIMD8<Float>.self)
                    index &+= 8
                }
                while index < width {
                    x[index] = (x[index] + bias[index]) + input[index]
                    index &+= 1
                }
            }
            let mean = sum(ofRow: x, width: width) { $0 } / Double(width)
            let means = SIMD8<Double>(repeating: mean)
            let squareTotal = sum(ofRow: x, width: width) { values in
                let centered = values - means
                return centered * centered
            }
            let variance = squareTotal / Double(width)
            let inverseDeviation = Float(1 / (variance + Double(epsilon)).squareRoot())
            let floatMean = Float(mean)
            var index = 0
            while index < whole {
                let value = raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
                let gamma = UnsafeRawPointer(scale).loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
                let beta = UnsafeRawPointer(shift).loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
                raw.storeBytes(of: (value - floatMean) * inverseDeviation * gamma + beta, toByteOffset: index &* 4, as: SIMD8<Float>.self)
                index &+= 8
            }
            while index < width {
                x[index] = (x[index] - floatMean) * inverseDeviation * scale[index] + shift[index]
                index &+= 1
            }
        }
    }

    /// `Σ term(x[i])` over a row, eight values at a time in double precision (each lane's sum,
    /// then the lanes added, then the values past the last whole eight one by one).
    @inlinable @inline(__always)
    static func sum(ofRow x: UnsafePointer<Float>, width: Int, _ term: (SIMD8<Double>) -> SIMD8<Double>) -> Double {
        let raw = UnsafeRawPointer(x)
        let whole = width - width % 8
        var sums = SIMD8<Double>()
        var index = 0
        while index < whole {
            sums += term(SIMD8<Double>(raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)))
            index &+= 8
        }
        var total = sums.sum()
        while index < width {
            total += term(SIMD8<Double>(repeating: Double(x[index])))[0]
            index &+= 1
        }
        return total
    }
}
