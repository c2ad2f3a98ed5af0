@testable import AssayMetrics
import Testing

/// A summary's interval of the mean is the bootstrap up to ``MetricSummary/bootstrapLimit``
/// values, exactly as before the limit existed, and the normal approximation mean ± z·s/√n above
/// it; at the limit the two agree to a fraction of a standard error.
@Suite("MetricSummary interval methods")
struct IntervalMethodTests {
    /// z for a 95% interval, Φ⁻¹(0.975).
    static let z95 = 1.959963984540054

    /// `count` seeded values: uniform in 0…1, or 0/1 with `proportion` ones.
    static func values(_ count: Int, seed: UInt64, proportion: Double? = nil) -> [Double] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in
            let u = generator.nextDouble()
            return proportion.map { u < $0 ? 1 : 0 } ?? u
        }
    }

    /// The sample standard deviation, written out (divisor n − 1).
    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    @Test("the limit is 10,000 values")
    func limit() {
        #expect(MetricSummary.bootstrapLimit == 10_000)
    }

    @Test("a summary of exactly bootstrapLimit values is the bootstrap of 1,000 resamples with seed 0, as before")
    func atTheLimit() throws {
        let values = Self.values(MetricSummary.bootstrapLimit, seed: 1)
        let summary = try #require(MetricSummary(values))
        #expect(summary.intervalMethod == .bootstrap)
        #expect(summary.resamples == 1000)
        var generator = Xoshiro256StarStar(seed: 0)
        let bootstrap = Bootstrap.meanInterval(of: values, level: 0.95, resamples: 1000, generator: &generator)
        #expect(summary.confidenceInterval == bootstrap)
        // The mean and the standard deviation are the very numbers the summary always gave.
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(summary.mean == mean)
        #expect(summary.standardDeviation == Self.standardDeviation(values, mean: mean))
        #expect(summary.minimum == values.min() && summary.maximum == values.max())
    }

    @Test("one value more and the interval is mean ± z·s/√n, to 1e-12")
    func aboveTheLimit() throws {
        let values = Self.values(MetricSummary.bootstrapLimit + 1, seed: 2)
        let summary = try #require(MetricSummary(values))
        #expect(summary.intervalMethod == .normal)
        #expect(summary.resamples == 0, "no resampling was done")
        let mean = values.reduce(0, +) / Double(values.count)
        let half = Self.z95 * Self.standardDeviation(values, mean: mean) / Double(values.count).squareRoot()
        #expect(abs(summary.confidenceInterval.lower - (mean - half)) <= 1e-12)
        #expect(abs(summary.confidenceInterval.upper - (mean + half)) <= 1e-12)
        #expect(summary.confidenceInterval.level == 0.95)
    }

    @Test("the normal interval takes its z from the level: 2.575829 at 99%")
    func otherLevel() throws {
        let values = Self.values(20_000, seed: 3)
        let summary = try #require(MetricSummary(values, confidenceLevel: 0.99))
        let half = 2.5758293035489004 * summary.standardDeviation / Double(values.count).squareRoot()
        #expect(abs(summary.confidenceInterval.upper - summary.mean - half) <= 1e-12)
        #expect(abs(summary.mean - summary.confidenceInterval.lower - half) <= 1e-12)
        #expect(summary.confidenceInterval.level == 0.99)
    }

    @Test("at the limit the bootstrap and the normal interval agree within a quarter of a standard error",
          arguments: [("uniform 0…1", nil), ("a 5% proportion", 0.05), ("a 50% proportion", 0.5)] as [(String, Double?)])
    func agreement(_ name: String, proportion: Double?) throws {
        let values = Self.values(MetricSummary.bootstrapLimit, seed: 4, proportion: proportion)
        let bootstrap = try #require(MetricSummary(values))
        #expect(bootstrap.intervalMethod == .bootstrap)
        let normal = ConfidenceInterval.normal(
            mean: bootstrap.mean, standardDeviation: bootstrap.standardDeviation, count: values.count, level: 0.95)
        // The bootstrap's own resampling error at 1,000 resamples is about 0.085 standard errors.
        let standardError = bootstrap.standardDeviation / Double(values.count).squareRoot()
        #expect(abs(bootstrap.confidenceInterval.lower - normal.lower) < 0.25 * standardError, "\(name)")
        #expect(abs(bootstrap.confidenceInterval.upper - normal.upper) < 0.25 * standardError, "\(name)")
    }

    @Test("one value, or all values equal, give a point interval by either method")
    func degenerate() throws {
        let constant = try #require(MetricSummary(Array(repeating: 0.25, count: MetricSummary.bootstrapLimit + 1)))
        #expect(constant.intervalMethod == .normal)
        #expect(constant.confidenceInterval.lower == 0.25 && constant.confidenceInterval.upper == 0.25)
        #expect(ConfidenceInterval.normal(mean: 0.75, standardDeviation: 0, count: 1, level: 0.95) == ConfidenceInterval(lower: 0.75, upper: 0.75, level: 0.95))
    }
}
