import Foundation

/// Scaled dot-product self-attention of every head over a packed batch of sequences.
///
/// Sequences are packed one after another without padding, and each attends only to its own
/// tokens. This equals a padded batch with an attention mask: there the masked scores become
/// exactly zero after the softmax, so padding contributes nothing.
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
        var scores = [Float](repeating: 0, count: longest * longest)
        scores.withUnsafeMutableBufferPointer { scores in
            for sequence in sequences {
                attend(sequence: sequence, queryKeyValue: queryKeyValue, scores: scores.baseAddress!, context: context)
            }
        }
    }

    /// Computes the context rows of one sequence, head by head.
    private func attend(
        sequence: Range<Int>, queryKeyValue: UnsafePointer<Float>,
        scores: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>
    ) {
        let stride = 3 * width
        let length = sequence.count
        guard length > 0 else { return }
        let scaling = 1 / Float(headSize).squareRoot()
        let rows = queryKeyValue + sequence.lowerBound * stride
        for head in 0..<headCount {
            let query = rows + head * headSize
            let key = query + width
            let value = key + width
            MatrixProduct.multiplyTransposed(
                m: length, n: length, k: headSize, alpha: scaling,
                a: query, rowStrideA: stride, b: key, rowStrideB: stride,
                beta: 0, c: scores, rowStrideC: length)
            Self.softmaxRows(scores, rows: length, columns: length)
            MatrixProduct.multiply(
                m: length, n: headSize, k: length,
                a: scores, rowStrideA: length, b: value, rowStrideB: stride,
                beta: 0, c: context + sequence.lowerBound * width + head * headSize, rowStrideC: width)
        }
    }

    /// Replaces each row by its softmax, subtracting the row maximum first for stability.
    static func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let x = values + row * columns
            var maximum = -Float.infinity
            for column in 0..<columns {
                maximum = max(maximum, x[column])
            }
            var sum: Float = 0
            for column in 0..<columns {
                let exponential = exp(x[column] - maximum)
                x[column] = exponential
                sum += exponential
            }
            let inverse = 1 / sum
            for column in 0..<columns {
                x[column] *= inverse
            }
        }
    }
}
