import AssayMetrics

/// The Wilson score interval of a binomial proportion (without continuity correction): the
/// interval a proportion of successes gets beside its bootstrap (or normal) one. Unlike the normal
/// approximation it stays inside 0…1 and is not empty at 0 or n successes.
///
/// With p̂ = x/n and z the standard normal quantile at 1 − (1 − level)/2:
/// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n).
/// (E. B. Wilson, 1927; R. G. Newcombe, Statistics in Medicine 17, 1998, method 3.)
public struct WilsonInterval: Sendable, Hashable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double

    /// The interval of `successes` out of `trials`; nil without trials, with successes outside
    /// 0…trials, or a level outside (0, 1).
    public init?(successes: Int, trials: Int, level: Double = 0.95) {
        guard trials > 0, (0...trials).contains(successes), level > 0, level < 1 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
        lower = max(0, centre - half)
        upper = min(1, centre + half)
        self.level = level
    }

    /// Reads the bounds back (a stored summary).
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}
