import AssayCore
@testable import AssayEvaluation
import AssayMetrics
import Testing

/// A run's summary bootstraps each metric path's interval up to ``MetricSummary/bootstrapLimit``
/// cases and gives the normal approximation above; the stored summary says which, and summaries
/// stored before there was a choice read as bootstrapped.
@Suite("Run summary interval methods")
struct RunSummaryIntervalTests {
    /// One result per case; `judge` only on the first `judged` cases.
    static func results(count: Int, judged: Int) -> [CaseResult] {
        var generator = Xoshiro256StarStar(seed: 7)
        return (0..<count).map { index in
            var metrics: JSONObject = ["exact": .bool(generator.nextDouble() < 0.8), "rouge": ["f1": .double(generator.nextDouble())]]
            if index < judged { metrics["judge"] = .double(generator.nextDouble()) }
            return CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [], metrics: metrics, status: .ok)
        }
    }

    @Test("each path switches on its own n: 10,000 values are bootstrapped, 10,001 get mean ± z·s/√n")
    func switchesAtTheLimit() throws {
        let limit = MetricSummary.bootstrapLimit
        let statistics = RunStatistics(results: Self.results(count: limit + 1, judged: limit))
        #expect(statistics.entries.map(\.name) == ["exact", "rouge/f1", "judge"])
        let judge = try #require(statistics.entry(named: "judge")).summary
        #expect(judge.count == limit && judge.intervalMethod == .bootstrap && judge.resamples == 1000)
        for name in ["exact", "rouge/f1"] {
            let summary = try #require(statistics.entry(named: name)).summary
            #expect(summary.count == limit + 1)
            #expect(summary.intervalMethod == .normal, "\(name)")
            let half = 1.959963984540054 * summary.standardDeviation / Double(summary.count).squareRoot()
            #expect(abs(summary.confidenceInterval.lower - (summary.mean - half)) <= 1e-12)
            #expect(abs(summary.confidenceInterval.upper - (summary.mean + half)) <= 1e-12)
        }
        #expect(statistics.entry(named: "exact")?.wilson != nil, "a proportion keeps its Wilson interval beside the normal one")
    }

    @Test("the stored summary names each path's method and reads back equal")
    func storedMethod() throws {
        let limit = MetricSummary.bootstrapLimit
        let statistics = RunStatistics(results: Self.results(count: limit + 1, judged: 30))
        let text = statistics.json.serialized()
        let stored = try #require(try JSONValue.parse(text).objectValue?["metrics"]?.arrayValue)
        let methods = stored.compactMap { $0.objectValue?["interval_method"]?.stringValue }
        #expect(methods == ["normal", "normal", "bootstrap"])
        let read = try #require(RunStatistics(json: try JSONValue.parse(text)))
        #expect(read == statistics)
        #expect(read.entries.map(\.summary.intervalMethod) == [.normal, .normal, .bootstrap])
    }

    @Test("a summary stored before interval methods existed has no interval_method and reads as bootstrapped")
    func olderSummary() throws {
        let text = #"{"version": 1, "metrics": [{"path": ["exact"], "n": 4, "mean": 0.75, "stdev": 0.5, "min": 0, "max": 1, "#
            + #""ci": {"lower": 0.25, "upper": 1, "level": 0.95}, "resamples": 1000, "seed": 0, "#
            + #""wilson": {"lower": 0.3006, "upper": 0.9544, "level": 0.95}}]}"#
        let statistics = try #require(RunStatistics(json: try JSONValue.parse(text)))
        let summary = try #require(statistics.entry(named: "exact")).summary
        #expect(summary.intervalMethod == .bootstrap)
        #expect(summary.confidenceInterval == ConfidenceInterval(lower: 0.25, upper: 1, level: 0.95))
        #expect(summary.resamples == 1000 && summary.count == 4)
        #expect(statistics.json.objectValue?["metrics"]?.arrayValue?.first?.objectValue?["interval_method"] == "bootstrap",
                "written again, it says so")
    }

    @Test("a method this build does not know leaves the summary unread, as an unknown version does")
    func unknownMethod() throws {
        let text = #"{"version": 1, "metrics": [{"path": ["exact"], "n": 4, "mean": 0.75, "stdev": 0.5, "min": 0, "max": 1, "#
            + #""ci": {"lower": 0.25, "upper": 1, "level": 0.95}, "interval_method": "bca", "resamples": 1000, "seed": 0}]}"#
        #expect(RunStatistics(json: try JSONValue.parse(text)) == nil)
    }

    @Test("the shown interval is marked (normal) where it is the normal approximation, and unmarked otherwise")
    func intervalNote() throws {
        let statistics = RunStatistics(results: Self.results(count: MetricSummary.bootstrapLimit + 1, judged: 30))
        #expect(statistics.entry(named: "exact")?.summary.intervalNote == " (normal)")
        #expect(statistics.entry(named: "judge")?.summary.intervalNote == "")
        let html = RunReport.summaryTable(statistics)
        #expect(html.components(separatedBy: "] (normal)</td>").count == 3, "exact and rouge/f1, not judge")
    }
}
