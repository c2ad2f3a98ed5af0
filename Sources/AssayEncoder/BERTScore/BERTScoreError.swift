/// An error raised by ``BERTScorer`` for arguments it cannot score.
public struct BERTScoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; closed so that every case has a message.
    package enum Reason: Equatable, Sendable {
        case countMismatch(candidates: Int, references: Int)
        case invalidBatchSize(Int)
        case layerOutOfRange(requested: Int, available: Int)
    }

    /// The specific failure.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// A human-readable explanation.
    public var description: String {
        switch reason {
        case .countMismatch(let candidates, let references):
            return "got \(candidates) candidates but \(references) references; they are scored in pairs"
        case .invalidBatchSize(let size):
            return "batch size must be at least 1, found \(size)"
        case .layerOutOfRange(let requested, let available):
            return "layers must be between 0 and \(available) for this model, found \(requested)"
        }
    }
}
