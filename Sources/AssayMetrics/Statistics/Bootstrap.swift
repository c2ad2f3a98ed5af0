/// The percentile bootstrap shared by ``MetricSummary`` and ``PairedComparison``.
enum Bootstrap {
    /// The percentile interval of the mean of `values`.
    ///
    /// Draws `resamples` samples of `values.count` values with replacement, takes each
    /// sample's mean, and returns the (1 − level)/2 and (1 + level)/2 quantiles of those
    /// means, interpolated linearly between order statistics (NumPy's default quantile).
    static func meanInterval(
        of values: [Double], level: Double, resamples: Int, generator: inout Xoshiro256StarStar
    ) -> ConfidenceInterval {
        let count = values.count
        var means: [Double] = []
        means.reserveCapacity(resamples)
        values.withUnsafeBufferPointer { values in
            for _ in 0..<max(1, resamples) {
                var sum = 0.0
                for _ in 0..<count {
                    sum += values[generator.nextInt(below: count)]
                }
                means.append(sum / Double(count))
            }
        }
        means.sort()
        let tail = (1 - level) / 2
        return ConfidenceInterval(
            lower: quantile(sorted: means, tail),
            upper: quantile(sorted: means, 1 - tail),
            level: level
        )
    }

    /// The `q` quantile of sorted values, interpolating linearly at position (n − 1)·q.
    static func quantile(sorted values: [Double], _ q: Double) -> Double {
        let position = Double(values.count - 1) * min(max(q, 0), 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let fraction = position - Double(below)
        return values[below] + (values[above] - values[below]) * fraction
    }

    /// The arithmetic mean (the caller guarantees at least one value).
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }
}
