import AssayEncoderKernels

/// Scaled dot-product self-attention of every head over a packed batch of sequences.
///
/// Sequences are packed one after another without padding, and each attends only to its own
/// tokens. This equals a padded batch with an attention mask: there the masked scores become
/// exactly zero after the softmax, so padding contributes nothing.
///
/// Each sequence is one call of `AttentionKernel` (through ``Kernels``), which computes every
/// head with vector arithmetic of its own: the per-head products are tens of rows, too small for
/// a BLAS call to pay off.
struct MultiHeadAttention: Sendable {
    let headCount: Int
    let headSize: Int

    var width: Int {
        headCount * headSize
    }

    /// Computes the attention context of every token.
    ///
    /// - Parameters:
    ///   - queryKeyValue: `tokens × 3·width` values: the queries, keys and values side by side,
    ///     each split into heads of `headSize` columns.
    ///   - sequences: The row range of each sequence in the packed batch.
    ///   - context: Receives `tokens × width` values, the heads side by side.
    func context(
        queryKeyValue: UnsafePointer<Float>, sequences: [Range<Int>],
        into context: UnsafeMutablePointer<Float>
    ) {
        let longest = sequences.map(\.count).max() ?? 0
        let scratch = UnsafeMutablePointer<Float>.allocate(
            capacity: AttentionKernel.scratchCount(length: longest, headCount: headCount, headSize: headSize))
        defer { scratch.deallocate() }
        let scaling = 1 / Float(headSize).squareRoot()
        for sequence in sequences where !sequence.isEmpty {
            Kernels.attend(
                queryKeyValue: queryKeyValue + sequence.lowerBound * 3 * width, length: sequence.count,
                headCount: headCount, headSize: headSize, scaling: scaling,
                scratch: scratch, context: context + sequence.lowerBound * width)
        }
    }
}
