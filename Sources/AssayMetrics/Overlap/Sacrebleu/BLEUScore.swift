/// A BLEU score with the statistics behind it, as sacrebleu's `BLEUScore` reports them.
public struct BLEUScore: Hashable, Sendable {
    /// The score, from 0 to 100.
    public var score: Double
    /// Matched n-grams for each order 1…N.
    ///
    /// These are the raw statistics; with add-k smoothing sacrebleu's own `counts` also
    /// include the added k for orders above 1.
    public var counts: [Int]
    /// Hypothesis n-grams for each order 1…N (raw, as for ``counts``).
    public var totals: [Int]
    /// The (smoothed) n-gram precisions, from 0 to 100.
    public var precisions: [Double]
    /// The brevity penalty.
    public var brevityPenalty: Double
    /// The number of hypothesis words.
    public var systemLength: Int
    /// The summed length of the closest references.
    public var referenceLength: Int

    /// Creates a score from its parts.
    public init(
        score: Double, counts: [Int], totals: [Int], precisions: [Double], brevityPenalty: Double,
        systemLength: Int, referenceLength: Int
    ) {
        self.score = score
        self.counts = counts
        self.totals = totals
        self.precisions = precisions
        self.brevityPenalty = brevityPenalty
        self.systemLength = systemLength
        self.referenceLength = referenceLength
    }

    /// The hypothesis-to-reference length ratio (0 when the references are empty).
    public var ratio: Double {
        referenceLength != 0 ? Double(systemLength) / Double(referenceLength) : 0
    }
}
