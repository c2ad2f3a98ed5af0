/// An error raised while loading encoder weights or running the encoder.
public struct EncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; closed so that every case has a message.
    package enum Reason: Equatable, Sendable {
        case missingWeight(name: String, path: String)
        case weightShapeMismatch(name: String, expected: [Int], found: [Int])
        case layerCountOutOfRange(requested: Int, available: Int)
        case layerOutOfRange(requested: Int, available: Int)
        case emptySequence(index: Int)
        case sequenceTooLong(index: Int, length: Int, maximum: Int)
        case tokenIDOutOfRange(index: Int, tokenID: Int, vocabularySize: Int)
    }

    /// The specific failure.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// A human-readable explanation, naming the tensor, layer or sequence concerned.
    public var description: String {
        switch reason {
        case .missingWeight(let name, let path):
            return "weight '\(name)' is not in \(path)"
        case .weightShapeMismatch(let name, let expected, let found):
            return "weight '\(name)' has shape \(found); the configuration implies \(expected)"
        case .layerCountOutOfRange(let requested, let available):
            return "cannot load \(requested) layers: the model has \(available)"
        case .layerOutOfRange(let requested, let available):
            return "layer \(requested) is out of range: 0 (embeddings) to \(available) are available"
        case .emptySequence(let index):
            return "sequence \(index) is empty; encode text with the tokenizer, which adds [CLS] and [SEP]"
        case .sequenceTooLong(let index, let length, let maximum):
            return "sequence \(index) has \(length) tokens; the model accepts at most \(maximum)"
        case .tokenIDOutOfRange(let index, let tokenID, let vocabularySize):
            return "sequence \(index) holds token ID \(tokenID), outside the vocabulary of \(vocabularySize)"
        }
    }
}
