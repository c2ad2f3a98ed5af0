/// A paired comparison of one metric between two runs over the same cases: the means,
/// their difference with a bootstrap confidence interval, and a two-sided p-value.
///
/// Case i of run A is paired with case i of run B, and the per-case differences
/// dᵢ = bᵢ − aᵢ are analysed:
///
/// - ``delta`` is mean(b) − mean(a), the mean of the differences.
/// - ``deltaConfidenceInterval`` is the percentile bootstrap interval of the mean
///   difference: cases (pairs) are resampled with replacement, as in Koehn's paired
///   bootstrap.
/// - ``pValue`` comes from a paired sign-flip (approximate randomization) test of "A and
///   B are interchangeable", the usual significance test for comparing two systems on
///   the same test set. Under that hypothesis each difference is as likely to have had
///   the other sign, so the signs are flipped at random and the p-value is the share of
///   sign patterns whose mean difference is at least as far from 0 as the observed one.
///   With 2ⁿ ≤ `resamples` every pattern is enumerated and the p-value is exact; otherwise
///   `resamples` random patterns are drawn and p = (hits + 1) / (resamples + 1), which
///   never reports 0 and keeps the test valid.
///
/// The interval and the test answer different questions (how large is the difference,
/// and could it be chance), so near the 5% boundary the interval may touch 0 while
/// p < 0.05, or the reverse. Everything is deterministic for a seed.
///
/// ```swift
/// let comparison = PairedComparison(a: [0.5, 0.6, 0.7], b: [0.6, 0.7, 0.9])!
/// comparison.delta   // 0.1333…
/// comparison.pValue  // 0.25 (exact: 2 of the 8 sign patterns are as extreme)
/// ```
public struct PairedComparison: Sendable, Hashable {
    /// The number of paired cases.
    public let count: Int
    /// The mean of run A.
    public let meanA: Double
    /// The mean of run B.
    public let meanB: Double
    /// meanB − meanA.
    public let delta: Double
    /// The percentile bootstrap interval of the mean difference.
    public let deltaConfidenceInterval: ConfidenceInterval
    /// The two-sided sign-flip p-value for "no difference".
    public let pValue: Double
    /// Whether ``pValue`` was computed from every sign pattern rather than a random sample.
    public let isExact: Bool

    /// Compares two runs; `nil` when they are empty or of different lengths.
    ///
    /// - Parameters:
    ///   - a: Run A's value per case.
    ///   - b: Run B's value per case, in the same case order.
    ///   - confidenceLevel: The interval's nominal coverage (default 0.95).
    ///   - resamples: Bootstrap resamples and random sign patterns (default 1,000, at least 1).
    ///   - seed: The seed of the generator (default 0).
    public init?(a: [Double], b: [Double], confidenceLevel: Double = 0.95, resamples: Int = 1000, seed: UInt64 = 0) {
        guard !a.isEmpty, a.count == b.count else { return nil }
        let resamples = max(1, resamples)
        let differences = zip(a, b).map { $1 - $0 }
        count = a.count
        meanA = Bootstrap.mean(a)
        meanB = Bootstrap.mean(b)
        delta = meanB - meanA
        var generator = Xoshiro256StarStar(seed: seed)
        deltaConfidenceInterval = Bootstrap.meanInterval(
            of: differences, level: confidenceLevel, resamples: resamples, generator: &generator)
        let test = SignFlipTest(differences: differences)
        if differences.count < 63, 1 << differences.count <= resamples {
            pValue = test.exactPValue()
            isExact = true
        } else {
            pValue = test.randomizedPValue(patterns: resamples, generator: &generator)
            isExact = false
        }
    }
}
