/// Layer normalisation over the last dimension: `(x − mean) / √(variance + ε) · γ + β`.
struct LayerNormalization: Sendable {
    let scale: [Float]
    let shift: [Float]
    let epsilon: Float

    /// Normalises `rows` rows of `scale.count` values in place.
    func apply(to values: UnsafeMutablePointer<Float>, rows: Int) {
        let width = scale.count
        scale.withUnsafeBufferPointer { scale in
            shift.withUnsafeBufferPointer { shift in
                for row in 0..<rows {
                    let x = values + row * width
                    // Moments in double precision: the reference's float moments differ by ~1e-7.
                    var sum = 0.0
                    for index in 0..<width {
                        sum += Double(x[index])
                    }
                    let mean = sum / Double(width)
                    var squares = 0.0
                    for index in 0..<width {
                        let centered = Double(x[index]) - mean
                        squares += centered * centered
                    }
                    let variance = squares / Double(width)
                    let inverseDeviation = Float(1 / (variance + Double(epsilon)).squareRoot())
                    let floatMean = Float(mean)
                    for index in 0..<width {
                        x[index] = (x[index] - floatMean) * inverseDeviation * scale[index] + shift[index]
                    }
                }
            }
        }
    }
}
