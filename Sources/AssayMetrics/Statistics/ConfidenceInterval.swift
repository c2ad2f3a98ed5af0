/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The nominal coverage, such as 0.95.
    public let level: Double

    /// Creates an interval.
    ///
    /// - Parameters:
    ///   - lower: The lower bound.
    ///   - upper: The upper bound, not below `lower`.
    ///   - level: The nominal coverage in (0, 1).
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies in the interval, bounds included.
    ///
    /// - Parameter value: A value.
    /// - Returns: `true` when `lower <= value <= upper`.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}

extension ConfidenceInterval {
    /// The normal-approximation interval of a mean: mean ± z·s/√n, with s the sample standard
    /// deviation and z = Φ⁻¹(1 − (1 − level)/2) (1.959964 at 95%).
    ///
    /// By the central limit theorem the mean of n values is close to normal with standard error
    /// s/√n once n is large; ``MetricSummary`` uses this interval above
    /// ``MetricSummary/bootstrapLimit`` values, where it agrees with the percentile bootstrap.
    ///
    /// - Parameters:
    ///   - mean: The mean of the values.
    ///   - standardDeviation: Their sample standard deviation (divisor n − 1).
    ///   - count: How many values there are (n, at least 1).
    ///   - level: The nominal coverage in (0, 1).
    /// - Returns: The interval, symmetric around `mean`.
    public static func normal(mean: Double, standardDeviation: Double, count: Int, level: Double) -> ConfidenceInterval {
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        let half = z * standardDeviation / Double(max(1, count)).squareRoot()
        return ConfidenceInterval(lower: mean - half, upper: mean + half, level: level)
    }
}

/// How an interval of a mean was computed.
public enum IntervalMethod: String, Sendable, Hashable, CaseIterable {
    /// The percentile bootstrap: the values resampled with replacement, the interval the central
    /// share of the resampled means.
    case bootstrap
    /// The normal approximation mean ± z·s/√n
    /// (``ConfidenceInterval/normal(mean:standardDeviation:count:level:)``).
    case normal
}
