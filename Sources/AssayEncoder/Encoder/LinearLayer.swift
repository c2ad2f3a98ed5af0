/// A fully connected layer `y = x · Wᵀ + b`, with `W` stored as PyTorch does (output × input).
struct LinearLayer: Sendable {
    let weight: WeightValues
    let bias: [Float]
    let inputSize: Int
    let outputSize: Int

    init(weight: WeightValues, bias: [Float], inputSize: Int, outputSize: Int) {
        precondition(weight.count == inputSize * outputSize && bias.count == outputSize)
        self.weight = weight
        self.bias = bias
        self.inputSize = inputSize
        self.outputSize = outputSize
    }

    /// Stacks layers that read the same input into one wider layer, such as query, key and value.
    init(concatenating layers: [LinearLayer]) {
        let inputSize = layers[0].inputSize
        precondition(layers.allSatisfy { $0.inputSize == inputSize })
        self.init(
            weight: WeightValues(concatenating: layers.map(\.weight)), bias: layers.flatMap(\.bias),
            inputSize: inputSize, outputSize: layers.reduce(0) { $0 + $1.outputSize })
    }

    /// Computes `x · Wᵀ` for `rows` input rows without the bias, writing `rows × outputSize`
    /// values; the caller adds ``bias`` in a pass it makes anyway (activation, normalisation).
    func multiply(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        MatrixProduct.multiplyTransposed(
            m: rows, n: outputSize, k: inputSize,
            a: input, rowStrideA: inputSize,
            b: weight.base, rowStrideB: inputSize,
            beta: 0, c: output, rowStrideC: outputSize)
    }

    /// Applies the layer to `rows` input rows, writing `rows × outputSize` values.
    func apply(to input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        guard rows > 0 else { return }
        // Start from the bias and let sgemm accumulate onto it, as a fused add-multiply does.
        bias.withUnsafeBufferPointer { bias in
            for row in 0..<rows {
                (output + row * outputSize).update(from: bias.baseAddress!, count: outputSize)
            }
        }
        MatrixProduct.multiplyTransposed(
            m: rows, n: outputSize, k: inputSize,
            a: input, rowStrideA: inputSize,
            b: weight.base, rowStrideB: inputSize,
            beta: 1, c: output, rowStrideC: outputSize)
    }
}
