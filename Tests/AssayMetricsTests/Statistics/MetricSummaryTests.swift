import AssayMetrics
import Testing

/// Summaries give n, mean, sample standard deviation, extremes and a reproducible
/// bootstrap interval that covers the true mean at about the nominal rate.
@Suite("MetricSummary")
struct MetricSummaryTests {
    @Test("hand-checked statistics: 2, 4, 4, 4, 5, 5, 7, 9")
    func handChecked() throws {
        let summary = try #require(MetricSummary([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(summary.count == 8)
        #expect(summary.mean == 5)
        // Squared deviations sum to 32; the sample variance is 32 / 7.
        #expect(abs(summary.standardDeviation - (32.0 / 7).squareRoot()) < 1e-15)
        #expect(summary.minimum == 2)
        #expect(summary.maximum == 9)
        #expect(summary.resamples == 1000)
        #expect(summary.confidenceInterval.level == 0.95)
    }

    @Test("two values: mean 0.5 and standard deviation √0.5")
    func twoValues() throws {
        let summary = try #require(MetricSummary([0, 1]))
        #expect(summary.mean == 0.5)
        #expect(summary.standardDeviation == 0.5.squareRoot())
    }

    @Test("one value has standard deviation 0 and a point interval")
    func single() throws {
        let summary = try #require(MetricSummary([0.75]))
        #expect(summary.standardDeviation == 0)
        #expect(summary.confidenceInterval.lower == 0.75)
        #expect(summary.confidenceInterval.upper == 0.75)
    }

    @Test("no values give no summary")
    func empty() {
        #expect(MetricSummary([]) == nil)
    }

    @Test("the interval is reproducible for a seed and differs for another seed")
    func reproducible() throws {
        let values = (0..<40).map { Double(($0 * 37) % 11) / 10 }
        let first = try #require(MetricSummary(values, seed: 1))
        let again = try #require(MetricSummary(values, seed: 1))
        let other = try #require(MetricSummary(values, seed: 2))
        #expect(first.confidenceInterval == again.confidenceInterval)
        #expect(first.confidenceInterval != other.confidenceInterval)
        #expect(first.confidenceInterval.contains(first.mean))
        #expect(first.confidenceInterval.lower >= first.minimum)
        #expect(first.confidenceInterval.upper <= first.maximum)
    }

    @Test("a wider level gives a wider interval")
    func level() throws {
        let values = (0..<30).map { Double($0 % 7) }
        let narrow = try #require(MetricSummary(values, confidenceLevel: 0.5, seed: 3))
        let wide = try #require(MetricSummary(values, confidenceLevel: 0.99, seed: 3))
        #expect(wide.confidenceInterval.lower < narrow.confidenceInterval.lower)
        #expect(wide.confidenceInterval.upper > narrow.confidenceInterval.upper)
    }

    @Test("95% intervals from 400 samples of 50 uniform values cover the true mean 90–98% of the time")
    func coverage() throws {
        var generator = Xoshiro256StarStar(seed: 20_240_601)
        var covered = 0
        for sample in 0..<400 {
            let values = (0..<50).map { _ in generator.nextDouble() }
            let summary = try #require(MetricSummary(values, seed: UInt64(sample)))
            if summary.confidenceInterval.contains(0.5) {
                covered += 1
            }
        }
        let rate = Double(covered) / 400
        #expect(rate >= 0.90 && rate <= 0.98, "coverage \(rate)")
    }
}
