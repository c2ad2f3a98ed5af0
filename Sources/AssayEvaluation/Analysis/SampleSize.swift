import AssayMetrics
import Foundation

/// How many cases a paired comparison needs to detect a difference in a metric's mean, from the
/// spread of a baseline run's own scores.
///
/// The comparison's test is on the per-case differences d = b − a. With σ_d their standard
/// deviation, δ the difference to detect, α the two-sided significance level and 1 − β the power,
/// the normal approximation gives
///
///     n = ⌈ ((z_{1−α/2} + z_{1−β}) · σ_d / δ)² ⌉
///
/// (z the standard normal quantile: 1.96 and 0.84 for α = 0.05 and 80% power). One run does not
/// show how its cases will move together with another run's, so σ_d is taken from the run's own
/// standard deviation s of its per-case scores (samples reduced as the run says) as
/// σ_d = s·√(2(1 − ρ)), where ρ is the correlation of a case's scores in the two runs: 0 by
/// default, which assumes nothing and errs on the side of more cases; a change that leaves most
/// answers as they were has ρ near 1 and needs fewer.
public struct SampleSize: Sendable, Hashable {
    /// The cases needed (at least 2).
    public let cases: Int
    /// The difference to detect, in the metric's units.
    public let effect: Double
    /// The two-sided significance level.
    public let alpha: Double
    /// The chance of detecting the difference when it is there.
    public let power: Double
    /// The assumed correlation of a case's scores in the two runs.
    public let correlation: Double
    /// The run's standard deviation of its per-case scores.
    public let standardDeviation: Double
    /// The standard deviation of the per-case differences that the size rests on.
    public let differenceDeviation: Double

    /// Computes the size.
    ///
    /// - Parameters:
    ///   - standardDeviation: The baseline's per-case standard deviation, s.
    ///   - effect: δ, a positive difference in the metric's units.
    ///   - alpha: The two-sided level; 0.05 by default.
    ///   - power: 0.8 by default.
    ///   - correlation: ρ, −1…1 (below 1); 0 by default.
    /// - Throws: ``ExpectationError`` for a setting out of range.
    public init(standardDeviation: Double, effect: Double, alpha: Double = 0.05, power: Double = 0.8, correlation: Double = 0) throws(ExpectationError) {
        guard effect > 0, effect.isFinite else {
            throw ExpectationError(message: "effect must be a positive difference in the metric's units, not \(effect)", hint: "e.g. effect: 0.05")
        }
        guard alpha > 0, alpha < 1 else { throw ExpectationError(message: "alpha must be between 0 and 1, not \(alpha)", hint: "e.g. alpha: 0.05") }
        guard power > 0, power < 1 else { throw ExpectationError(message: "power must be between 0 and 1, not \(power)", hint: "e.g. power: 0.8") }
        guard correlation >= -1, correlation < 1 else {
            throw ExpectationError(message: "correlation must be from -1 up to (not including) 1, not \(correlation)", hint: "0 assumes nothing")
        }
        self.effect = effect
        self.alpha = alpha
        self.power = power
        self.correlation = correlation
        self.standardDeviation = standardDeviation
        differenceDeviation = standardDeviation * (2 * (1 - correlation)).squareRoot()
        let z = NormalDistribution.quantile(1 - alpha / 2) + NormalDistribution.quantile(power)
        let n = (z * differenceDeviation / effect) * (z * differenceDeviation / effect)
        // A tiny tolerance keeps an exact whole number (in theory) from rounding up past itself.
        cases = max(2, Int((n - 1e-9).rounded(.up)))
    }
}
