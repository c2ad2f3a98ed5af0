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
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                Kernels.normalize(
                    values, rows: rows, width: scale.count, scale: scale.baseAddress!, shift: shift.baseAddress!,
                    epsilon: epsilon, bias: bias, residual: residual)
            }
        }
    }
}
