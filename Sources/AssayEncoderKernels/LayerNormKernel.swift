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
            var sums = SIMD8<Double>()
            var index = 0
            while index < whole {
                sums += SIMD8<Double>(raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self))
                index &+= 8
            }
            var total = sums.sum()
            while index < width {
                total += Double(x[index])
                index &+= 1
            }
            let mean = total / Double(width)
            var squares = SIMD8<Double>()
            let means = SIMD8<Double>(repeating: mean)
            index = 0
            while index < whole {
                let centered = SIMD8<Double>(raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)) - means
                squares += centered * centered
                index &+= 8
            }
            var squareTotal = squares.sum()
            while index < width {
                let centered = Double(x[index]) - mean
                squareTotal += centered * centered
                index &+= 1
            }
            let variance = squareTotal / Double(width)
            let inverseDeviation = Float(1 / (variance + Double(epsilon)).squareRoot())
            let floatMean = Float(mean)
            index = 0
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
}
