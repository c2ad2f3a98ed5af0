/// The input layer: word, position and (for BERT) token-type embeddings, summed and normalised.
struct EncoderEmbeddings: Sendable {
    let words: WeightValues
    let positions: WeightValues
    /// The token-type-0 row, or `nil` for families without token types.
    let firstTokenType: [Float]?
    let normalization: LayerNormalization
    let width: Int

    /// Embeds a packed batch of sequences, each with positions counted from 0 and token type 0.
    ///
    /// - Parameter hidden: Receives `tokens × width` values.
    func embed(_ sequences: [[Int]], into hidden: UnsafeMutablePointer<Float>) {
        var row = 0
        for sequence in sequences {
            for (position, tokenID) in sequence.enumerated() {
                let target = hidden + row * width
                let word = words.base + tokenID * width
                let place = positions.base + position * width
                // Same order of additions as the reference: (word + type) + position.
                if let firstTokenType {
                    for index in 0..<width {
                        target[index] = (word[index] + firstTokenType[index]) + place[index]
                    }
                } else {
                    for index in 0..<width {
                        target[index] = word[index] + place[index]
                    }
                }
                row += 1
            }
        }
        normalization.apply(to: hidden, rows: row)
    }
}
