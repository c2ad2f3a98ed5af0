/// Layer normalisation over the last dimension: `(x − mean) / √(variance + ε) · γ + β`.
struct LayerNormalization: Sendable {
    let scale: [Float]
    let shift: [Float]
    let epsilon: Float

    /// Normalises `rows` rows of `scale.count` values in place.
    func apply(to values: UnsafeMutablePointer<Float>, rows: Int) {
        apply(to: values, rows: rows, bias: nil, residual: nil)
    }

    /// Normalises `(values + bias) + residual` in place, row by row, as a post-normalisation
    /// transformer layer does after a linear layer computed without its bias.
    ///
    /// - Parameters:
    ///   - values: `rows × width` products, replaced by the normalised sums.
    ///   - bias: The linear layer's bias, `width` values added to every row.
    ///   - residual: `rows × width` values added after the bias (the layer's input).
    func apply(to values: UnsafeMutablePointer<Float>, rows: Int, adding bias: UnsafePointer<Float>, residual: UnsafePointer<Float>) {
        apply(to: values, rows: rows, bias: bias, residual: residual)
    }

    private func apply(to values: UnsafeMutablePointer<Float>, rows: Int, bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?) {
        let width = scale.count
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                for row in 0..<rows {
                    let x = values + row * width
                    if let bias, let residual {
                        // The same order of additions as the reference: (product + bias) + input.
                        let input = residual + row * width
                        for index in 0..<width {
                            x[index] = (x[index] + bias[index]) + input[index]
                        }
                    }
                    // Moments in double precision: the reference's float moments differ by ~1e-7.
                    // Four partial sums keep the additions from waiting on each other.
                    let mean = Self.sum(width) { Double(x[$0]) } / Double(width)
                    let variance = Self.sum(width) { index in
                        let centered = Double(x[index]) - mean
                        return centered * centered
                    } / Double(width)
                    let inverseDeviation = Float(1 / (variance + Double(epsilon)).squareRoot())
                    let floatMean = Float(mean)
                    for index in 0..<width {
                        x[index] = (x[index] - floatMean) * inverseDeviation * scale[index] + shift[index]
                    }
                }
            }
        }
    }

    /// The sum of `term(0) ..< term(count)` in four interleaved partial sums.
    @inline(__always)
    private static func sum(_ count: Int, _ term: (Int) -> Double) -> Double {
        var partial = (0.0, 0.0, 0.0, 0.0)
        var index = 0
        while index + 4 <= count {
            partial.0 += term(index)
            partial.1 += term(index + 1)
            partial.2 += term(index + 2)
            partial.3 += term(index + 3)
            index += 4
        }
        while index < count {
            partial.0 += term(index)
            index += 1
        }
        return (partial.0 + partial.1) + (partial.2 + partial.3)
    }
}
