/// Summary statistics of one metric over a run's cases, with a confidence interval for the mean.
///
/// Up to ``bootstrapLimit`` values the interval is a percentile bootstrap: the cases are
/// resampled with replacement ``resamples`` times with a seeded ``Xoshiro256StarStar``, and the
/// interval holds the central `confidenceLevel` share of the resampled means. Above it the
/// interval is the normal approximation mean ± z·s/√n
/// (``ConfidenceInterval/normal(mean:standardDeviation:count:level:)``), and ``resamples`` is 0;
/// ``intervalMethod`` says which. The same values and seed always give the same interval. Values
/// should be finite.
///
/// ```swift
/// let summary = MetricSummary([0.2, 0.4, 0.9, 0.7])!
/// summary.mean                         // 0.55
/// summary.confidenceInterval.contains(summary.mean) // true
/// summary.intervalMethod               // .bootstrap
/// ```
public struct MetricSummary: Sendable, Hashable {
    /// The most values whose interval is bootstrapped; more get the normal approximation.
    ///
    /// Why 10,000: with 1,000 resamples the bootstrap's bounds carry a resampling error of their
    /// own of about 0.085 standard errors (the 2.5% quantile of 1,000 means: √(0.025·0.975/1000)
    /// / φ(1.96)). What the bootstrap sees and the normal interval does not is the skewness γ of
    /// the values, which moves the percentile bounds by about γ(z² − 1)/(6√n) standard errors
    /// (Edgeworth): at n = 10,000 that is 0.005·γ, at most 0.05 standard errors even for a 1%
    /// proportion (γ ≈ 10). So from this size on the two intervals differ by less than the
    /// bootstrap differs from itself with another seed, and the skewness term keeps shrinking as
    /// 1/√n. For a metric in 0…1 the standard error at 10,000 values is at most 0.005: the
    /// skewness term is at most 2.5e-5·γ, under the four decimals summaries show while |γ| < 2,
    /// and the bootstrap's own resampling error up to 4e-4. The bootstrap's cost grows as
    /// n·resamples (10 million draws here, tens of milliseconds; a billion at 1,000,000 values);
    /// the normal interval's is the pass that gives the standard deviation.
    public static let bootstrapLimit = 10_000

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
    /// The interval of the mean: bootstrap or normal, as ``intervalMethod`` says.
    public let confidenceInterval: ConfidenceInterval
    /// How ``confidenceInterval`` was computed.
    public let intervalMethod: IntervalMethod
    /// The number of bootstrap resamples used; 0 for a normal interval.
    public let resamples: Int
    /// The seed of the resampling generator.
    public let seed: UInt64

    /// Summarises values; `nil` when there are none.
    ///
    /// One pass gives the sum (left to right), minimum and maximum, a second the squared
    /// deviations from the mean; then the bootstrap up to ``bootstrapLimit`` values, the normal
    /// interval above.
    ///
    /// - Parameters:
    ///   - values: One value per case.
    ///   - confidenceLevel: The interval's nominal coverage (default 0.95).
    ///   - resamples: The number of bootstrap resamples (default 1,000, at least 1).
    ///   - seed: The resampling seed (default 0).
    public init?(_ values: [Double], confidenceLevel: Double = 0.95, resamples: Int = 1000, seed: UInt64 = 0) {
        guard let first = values.first else { return nil }
        var sum = 0.0, minimum = first, maximum = first
        for value in values {
            sum += value
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        }
        let mean = sum / Double(values.count)
        count = values.count
        self.mean = mean
        if values.count < 2 {
            standardDeviation = 0
        } else {
            var squares = 0.0
            for value in values { squares += (value - mean) * (value - mean) }
            standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        }
        self.minimum = minimum
        self.maximum = maximum
        self.seed = seed
        if values.count <= Self.bootstrapLimit {
            self.resamples = max(1, resamples)
            var generator = Xoshiro256StarStar(seed: seed)
            confidenceInterval = Bootstrap.meanInterval(
                of: values, level: confidenceLevel, resamples: self.resamples, generator: &generator)
            intervalMethod = .bootstrap
        } else {
            self.resamples = 0
            confidenceInterval = .normal(
                mean: mean, standardDeviation: standardDeviation, count: values.count, level: confidenceLevel)
            intervalMethod = .normal
        }
    }

    /// Restores a summary computed earlier (read back from a store) without computing it again.
    ///
    /// - Parameters:
    ///   - count: The number of values.
    ///   - mean: Their mean.
    ///   - standardDeviation: Their sample standard deviation.
    ///   - minimum: The smallest value.
    ///   - maximum: The largest value.
    ///   - confidenceInterval: The interval of the mean.
    ///   - intervalMethod: How it was computed (bootstrap when not given: summaries stored before
    ///     the normal interval existed were all bootstrapped).
    ///   - resamples: The bootstrap's resamples.
    ///   - seed: The bootstrap's seed.
    public init(
        count: Int, mean: Double, standardDeviation: Double, minimum: Double, maximum: Double,
        confidenceInterval: ConfidenceInterval, intervalMethod: IntervalMethod = .bootstrap, resamples: Int, seed: UInt64
    ) {
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
        self.confidenceInterval = confidenceInterval
        self.intervalMethod = intervalMethod
        self.resamples = resamples
        self.seed = seed
    }
}
