/// The BERTScore of one candidate against one reference.
///
/// Values are single precision, as the reference computes them. When ``warnings`` is not empty
/// the value is a convention rather than a measurement; see ``BERTScoreWarnings``.
public struct BERTScoreValue: Equatable, Sendable {
    /// The weighted mean, over candidate tokens, of each token's best cosine similarity to a
    /// reference token.
    public let precision: Float
    /// The weighted mean, over reference tokens, of each token's best cosine similarity to a
    /// candidate token.
    public let recall: Float
    /// The harmonic mean of precision and recall, or 0 when that is undefined.
    public let f1: Float
    /// Conditions that made the score a convention; empty for an ordinary score.
    public let warnings: BERTScoreWarnings

    /// Creates a score.
    public init(precision: Float, recall: Float, f1: Float, warnings: BERTScoreWarnings = []) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.warnings = warnings
    }
}

/// Conditions under which a BERTScore is defined by convention, as the reference package does.
public struct BERTScoreWarnings: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The bit pattern of the set.
    public let rawValue: Int

    /// Creates a set from its bit pattern.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The candidate has no tokens besides `[CLS]` and `[SEP]`: precision, recall and F1 are 0.
    public static let emptyCandidate = BERTScoreWarnings(rawValue: 1 << 0)
    /// The reference has no tokens besides `[CLS]` and `[SEP]`: precision, recall and F1 are 0.
    public static let emptyReference = BERTScoreWarnings(rawValue: 1 << 1)
    /// Every token of a side has IDF weight 0 (it occurs in every reference), so that side's
    /// weighted mean is 0/0: precision or recall is NaN and F1 is 0, as in the reference.
    public static let zeroWeightSum = BERTScoreWarnings(rawValue: 1 << 2)

    /// The names of the conditions in the set, such as `[emptyCandidate]`.
    public var description: String {
        let names: [(BERTScoreWarnings, String)] = [
            (.emptyCandidate, "emptyCandidate"), (.emptyReference, "emptyReference"),
            (.zeroWeightSum, "zeroWeightSum"),
        ]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }
}
