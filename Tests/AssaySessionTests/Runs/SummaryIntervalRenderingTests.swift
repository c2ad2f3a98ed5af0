import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Testing

@testable import AssaySession

/// Where a summary's interval is the normal approximation (more than 10,000 cases), the shell and
/// notebooks say so after the interval; a bootstrapped interval shows as it always has.
@Suite("Summary interval rendering")
struct SummaryIntervalRenderingTests {
    static func summary(_ method: IntervalMethod, count: Int) -> MetricSummary {
        MetricSummary(count: count, mean: 0.5, standardDeviation: 0.5, minimum: 0, maximum: 1,
                      confidenceInterval: ConfidenceInterval(lower: 0.499, upper: 0.501, level: 0.95), intervalMethod: method,
                      resamples: method == .bootstrap ? 1000 : 0, seed: 0)
    }

    @Test("a statistic prints (normal) after a normal interval, nothing after a bootstrap one")
    func plainText() {
        #expect(StatisticObject(summary: Self.summary(.normal, count: 1_000_000)).plainText == "0.5000 [0.4990, 0.5010] (normal) n=1000000")
        #expect(StatisticObject(summary: Self.summary(.bootstrap, count: 10_000)).plainText == "0.5000 [0.4990, 0.5010] n=10000")
    }

    @Test("/ci names its method")
    func ciRecord() throws {
        for method in IntervalMethod.allCases {
            guard case .record(let ci) = StatisticObject(summary: Self.summary(method, count: 20_000)).member("ci") else {
                Issue.record("ci is not a record")
                return
            }
            #expect(ci["method"] == .string(method.rawValue))
            #expect(ci["lower"] == .float(0.499))
        }
    }

    @Test("the summary table marks the normal interval in its 95% CI column")
    func table() {
        let table = RunSummary.table(
            of: [(["exact"], Self.summary(.normal, count: 20_000)), (["judge"], Self.summary(.bootstrap, count: 40))], caption: nil)
        #expect(table.rows.map { $0[2] } == ["[0.4990, 0.5010] (normal)", "[0.4990, 0.5010]"])
    }
}
