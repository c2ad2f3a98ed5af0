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

    /// Runs the layer over a packed batch of `tokens` rows, replacing `workspace.hidden`
    /// (`tokens × width`) by the output.
    ///
    /// Runs on the calling thread: the encoder runs several batches at once, one per core.
    func apply(tokens: Int, sequences: [Range<Int>], workspace: EncoderWorkspace) {
        let hidden = workspace.hidden
        let attended = workspace.attended
        let expanded = workspace.expanded
        queryKeyValue.apply(to: hidden, rows: tokens, into: workspace.projected)
        attention.context(queryKeyValue: workspace.projected, sequences: sequences, into: workspace.context)
        // The other layers' biases are added in the pass that follows each product.
        attentionOutput.multiply(workspace.context, rows: tokens, into: attended)
        attentionOutput.bias.withUnsafeBufferPointer { bias in
            attentionNormalization.apply(to: attended, rows: tokens, adding: bias.baseAddress!, residual: hidden)
        }
        intermediate.multiply(attended, rows: tokens, into: expanded)
        activation.apply(to: expanded, rows: tokens, adding: intermediate.bias)
        output.multiply(expanded, rows: tokens, into: hidden)
        output.bias.withUnsafeBufferPointer { bias in
            outputNormalization.apply(to: hidden, rows: tokens, adding: bias.baseAddress!, residual: attended)
        }
    }
}
