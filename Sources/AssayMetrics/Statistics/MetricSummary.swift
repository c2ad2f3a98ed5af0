/// Summary statistics of one metric over a run's cases, with a bootstrap confidence
/// interval for the mean.
///
/// The interval is a percentile bootstrap: the cases are resampled with replacement
/// ``resamples`` times with a seeded ``Xoshiro256StarStar``, and the interval holds the
/// central `confidenceLevel` share of the resampled means. The same values and seed always
/// give the same interval. Values should be finite.
///
/// ```swift
/// let summary = MetricSummary([0.2, 0.4, 0.9, 0.7])!
/// summary.mean                         // 0.55
/// summary.confidenceInterval.contains(summary.mean) // true
/// ```
public struct MetricSummary: Sendable, Hashable {
    /// The number of values (n).
    public let count: Int
    /// The arithmetic mean.
    public let mean: Double
    /// The sample standard deviation (divisor n − 1); 0 when there are fewer than two values.
    public let standardDeviation: Double
    /// The smallest value.
    public let minimum: Double
    /// The largest value.
    public let maximum: Double
    /// The percentile bootstrap interval of the mean.
    public let confidenceInterval: ConfidenceInterval
    /// The number of bootstrap resamples used.
    public let resamples: Int
    /// The seed of the resampling generator.
    public let seed: UInt64

    /// Summarises values; `nil` when there are none.
    ///
    /// - Parameters:
    ///   - values: One value per case.
    ///   - confidenceLevel: The interval's nominal coverage (default 0.95).
    ///   - resamples: The number of bootstrap resamples (default 1,000, at least 1).
    ///   - seed: The resampling seed (default 0).
    public init?(_ values: [Double], confidenceLevel: Double = 0.95, resamples: Int = 1000, seed: UInt64 = 0) {
        guard !values.isEmpty else { return nil }
        let mean = Bootstrap.mean(values)
        count = values.count
        self.mean = mean
        if values.count < 2 {
            standardDeviation = 0
        } else {
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        }
        minimum = values.min()!
        maximum = values.max()!
        self.resamples = max(1, resamples)
        self.seed = seed
        var generator = Xoshiro256StarStar(seed: seed)
        confidenceInterval = Bootstrap.meanInterval(
            of: values, level: confidenceLevel, resamples: self.resamples, generator: &generator)
    }

    /// Restores a summary computed earlier (read back from a store) without computing it again.
    ///
    /// - Parameters:
    ///   - count: The number of values.
    ///   - mean: Their mean.
    ///   - standardDeviation: Their sample standard deviation.
    ///   - minimum: The smallest value.
    ///   - maximum: The largest value.
    ///   - confidenceInterval: The bootstrap interval of the mean.
    ///   - resamples: The bootstrap's resamples.
    ///   - seed: The bootstrap's seed.
    public init(
        count: Int, mean: Double, standardDeviation: Double, minimum: Double, maximum: Double,
        confidenceInterval: ConfidenceInterval, resamples: Int, seed: UInt64
    ) {
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
        self.confidenceInterval = confidenceInterval
        self.resamples = resamples
        self.seed = seed
    }
}
