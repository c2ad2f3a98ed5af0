import Foundation

/// The standard normal distribution's quantiles, for normal-approximation intervals of a mean
/// (``ConfidenceInterval/normal(mean:standardDeviation:count:level:)``), Wilson intervals and
/// sample sizes.
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
