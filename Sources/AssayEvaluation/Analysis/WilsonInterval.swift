import Foundation

/// The Wilson score interval of a binomial proportion (without continuity correction): the
/// interval a proportion of successes gets beside its bootstrap one. Unlike the normal
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

/// The standard normal distribution's quantiles, for Wilson intervals and sample sizes.
public enum NormalDistribution {
    /// Φ(x), the cumulative distribution function, through the complementary error function.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Φ⁻¹(p) for 0 < p < 1, by bisection on Φ down to adjacent doubles (Φ is increasing), so as
    /// precise as `erfc`; ±infinity at 0 and 1, NaN outside.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        var low = -40.0, high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle > low, middle < high else { break }
            if cdf(middle) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
