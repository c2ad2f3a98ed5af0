import AssayMetrics
import Testing

/// The examples in the documentation comments of the statistics types hold.
@Suite("Statistics documentation examples")
struct StatisticsDocumentationExampleTests {
    @Test("MetricSummary")
    func metricSummary() throws {
        let summary = try #require(MetricSummary([0.2, 0.4, 0.9, 0.7]))
        #expect(abs(summary.mean - 0.55) < 1e-15)
        #expect(summary.confidenceInterval.contains(summary.mean))
        #expect(summary.intervalMethod == .bootstrap)
    }

    @Test("Xoshiro256StarStar")
    func generator() {
        var generator = Xoshiro256StarStar(seed: 42)
        let die = generator.nextInt(below: 6) + 1
        #expect((1...6).contains(die))
    }

    @Test("PairedComparison")
    func pairedComparison() throws {
        let comparison = try #require(PairedComparison(a: [0.5, 0.6, 0.7], b: [0.6, 0.7, 0.9]))
        #expect(abs(comparison.delta - 0.4 / 3) < 1e-15)
        #expect(comparison.pValue == 0.25)
    }
}
