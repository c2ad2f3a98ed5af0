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

    /// Rows per worker below which element-wise work stays on one core.
    private static let minimumRowsPerWorker = 16

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
    func apply(to hidden: inout [Float], sequences: [Range<Int>], workspace: inout Workspace) {
        let width = attention.width
        let tokens = hidden.count / width
        let inner = intermediate.outputSize
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
                let (sharedHidden, sharedAttended) = (WorkerPointer(hidden), WorkerPointer(attended))
                ParallelWork.forEachRowRange(rows: tokens, minimumRowsPerWorker: Self.minimumRowsPerWorker) { rows in
                    let offset = rows.lowerBound * width
                    let target = sharedAttended.address + offset
                    Self.add(sharedHidden.address + offset, to: target, count: rows.count * width)
                    attentionNormalization.apply(to: target, rows: rows.count)
                }
                workspace.expanded.withUnsafeMutableBufferPointer { expanded in
                    let expanded = expanded.baseAddress!
                    intermediate.apply(to: attended, rows: tokens, into: expanded)
                    let sharedExpanded = WorkerPointer(expanded)
                    ParallelWork.forEachRowRange(rows: tokens, minimumRowsPerWorker: Self.minimumRowsPerWorker) { rows in
                        activation.apply(to: UnsafeMutableBufferPointer(
                            start: sharedExpanded.address + rows.lowerBound * inner, count: rows.count * inner))
                    }
                    output.apply(to: expanded, rows: tokens, into: hidden)
                }
                ParallelWork.forEachRowRange(rows: tokens, minimumRowsPerWorker: Self.minimumRowsPerWorker) { rows in
                    let offset = rows.lowerBound * width
                    let target = sharedHidden.address + offset
                    Self.add(sharedAttended.address + offset, to: target, count: rows.count * width)
                    outputNormalization.apply(to: target, rows: rows.count)
                }
            }
        }
    }

    /// Adds `residual` element-wise to `values`.
    private static func add(_ residual: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            values[index] += residual[index]
        }
    }
}
