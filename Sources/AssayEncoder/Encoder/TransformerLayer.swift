/// One post-normalisation transformer encoder layer, as in BERT and DistilBERT.
///
/// `h = LayerNorm(x + Attention(x))`, then `y = LayerNorm(h + W₂·act(W₁·h))`.
struct TransformerLayer: Sendable {
    /// Query, key and value projections stacked into one `3·width × width` layer.
    let queryKeyValue: LinearLayer
    let attentionOutput: LinearLayer
    let attentionNormalization: LayerNormalization
    let intermediate: LinearLayer
    let output: LinearLayer
    let outputNormalization: LayerNormalization
    let attention: MultiHeadAttention
    let activation: Activation

    /// Scratch buffers for a batch, allocated once and reused by every layer.
    struct Workspace {
        var projected: [Float]
        var context: [Float]
        var attended: [Float]
        var expanded: [Float]

        init(tokens: Int, width: Int, intermediateSize: Int) {
            projected = [Float](repeating: 0, count: tokens * 3 * width)
            context = [Float](repeating: 0, count: tokens * width)
            attended = [Float](repeating: 0, count: tokens * width)
            expanded = [Float](repeating: 0, count: tokens * intermediateSize)
        }
    }

    /// Runs the layer over a packed batch, replacing `hidden` (`tokens × width`) by the output.
    ///
    /// Runs on the calling thread: the encoder runs several batches at once, one per core.
    func apply(to hidden: inout [Float], sequences: [Range<Int>], workspace: inout Workspace) {
        let width = attention.width
        let tokens = hidden.count / width
        let count = tokens * width
        hidden.withUnsafeMutableBufferPointer { hidden in
            let hidden = hidden.baseAddress!
            workspace.projected.withUnsafeMutableBufferPointer { projected in
                queryKeyValue.apply(to: hidden, rows: tokens, into: projected.baseAddress!)
                workspace.context.withUnsafeMutableBufferPointer { context in
                    attention.context(
                        queryKeyValue: projected.baseAddress!, sequences: sequences,
                        into: context.baseAddress!)
                }
            }
            workspace.attended.withUnsafeMutableBufferPointer { attended in
                let attended = attended.baseAddress!
                workspace.context.withUnsafeBufferPointer { context in
                    attentionOutput.apply(to: context.baseAddress!, rows: tokens, into: attended)
                }
                Self.add(hidden, to: attended, count: count)
                attentionNormalization.apply(to: attended, rows: tokens)
                workspace.expanded.withUnsafeMutableBufferPointer { expanded in
                    intermediate.apply(to: attended, rows: tokens, into: expanded.baseAddress!)
                    activation.apply(to: UnsafeMutableBufferPointer(rebasing: expanded[0 ..< tokens * intermediate.outputSize]))
                    output.apply(to: expanded.baseAddress!, rows: tokens, into: hidden)
                }
                Self.add(attended, to: hidden, count: count)
                outputNormalization.apply(to: hidden, rows: tokens)
            }
        }
    }

    /// Adds `residual` element-wise to `values`.
    private static func add(_ residual: UnsafeMutablePointer<Float>, to values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            values[index] += residual[index]
        }
    }
}
