import AssayCore
@testable import AssayEvaluation
import AssayMetrics
import Testing

/// What a run's summary summarises: on each metric path, one score per case that has it (its
/// samples reduced by the run's reducer), in the order of the cases' first results, the paths in
/// the order they first appear; booleans count as 0 or 1, other non-numbers and non-finite
/// numbers not at all; a streamed answer's timings come after the metrics.
@Suite("Run statistics values")
struct RunStatisticsValuesTests {
    /// Results that exercise every rule: cases with one and with three samples, their results
    /// interleaved; nested metrics, Booleans, strings, NaN; a path some cases lack; timings, and
    /// one case whose metrics already have a `ttft_ms` number.
    static let results: [CaseResult] = {
        var results: [CaseResult] = []
        var generator = Xoshiro256StarStar(seed: 11)
        for index in 0..<40 {
            let samples = index % 4 == 1 ? 3 : 1
            for sample in 0..<samples {
                var metrics: JSONObject = [
                    "exact": .bool(generator.nextDouble() < 0.6),
                    "rouge": ["rougeL": ["f1": .double(generator.nextDouble())], "note": "text"],
                ]
                if index % 5 == 0 { metrics["judge"] = .int(Int(generator.nextInt(below: 5)) + 1) }
                if index == 7 { metrics["rouge"] = ["rougeL": ["f1": .double(.nan)]] }
                if index == 9 { metrics["ttft_ms"] = .double(1) }
                if index == 12 { metrics = [:] }
                var result = CaseResult(caseID: "c\(index)", sample: sample, position: index, prompt: [], metrics: metrics, status: .ok)
                if index % 3 == 0 { result.ttftMilliseconds = 100 + Double(index) }
                if index % 6 == 0 { result.tokensPerSecond = 50 - Double(index) }
                results.append(result)
            }
        }
        // The later samples of the three-sample cases come after every first sample, as a resumed run stores them.
        let (first, later) = (results.filter { $0.sample == 0 }, results.filter { $0.sample > 0 })
        return first + later.reversed()
    }()

    /// The definition, written out: each case's reduced scores (``CaseScores``), gathered per path.
    static func expected(_ results: [CaseResult], reducer: SampleReducer) -> [(path: [String], values: [Double])] {
        var order: [[String]] = []
        var collected: [[String]: [Double]] = [:]
        for scores in CaseScores.of(results, reducer: reducer) {
            for (path, score) in scores.reduced {
                if collected[path] == nil { order.append(path) }
                collected[path, default: []].append(score)
            }
        }
        return order.map { ($0, collected[$0]!) }
    }

    @Test("each path's values are the cases' reduced scores, in case order, paths as they first appear",
          arguments: [SampleReducer.mean, .majority, .all, .any, .passAt(2)])
    func valuesAreTheReducedScores(_ reducer: SampleReducer) {
        let expected = Self.expected(Self.results, reducer: reducer)
        let collected = MetricColumns(results: Self.results, reducer: reducer)
        #expect(collected.paths == expected.map(\.path))
        #expect(collected.columns == expected.map(\.values))
        #expect(collected.paths == [["exact"], ["rouge", "rougeL", "f1"], ["judge"], ["ttft_ms"], ["tokens_per_s"]])
        let statistics = RunStatistics(results: Self.results, reducer: reducer)
        #expect(statistics.entries.map(\.path) == expected.map(\.path))
        #expect(statistics.entries.map(\.summary) == expected.map { MetricSummary($0.values)! })
    }

    @Test("a metric with many keys, in another order in each result, still gives each key's values in case order")
    func manyKeys() {
        var generator = Xoshiro256StarStar(seed: 12)
        let labels = (0..<40).map { "label\($0)" }
        let results = (0..<60).map { index in
            // Each result lists a different subset of the labels, in a shuffled order.
            var keys = labels.filter { _ in generator.nextDouble() < 0.7 }
            for position in keys.indices.reversed() { keys.swapAt(position, generator.nextInt(below: position + 1)) }
            let report = JSONObject(keys.map { ($0, JSONValue.double(generator.nextDouble())) })
            return CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [],
                              metrics: ["report": .object(report), "exact": .bool(index % 2 == 0)], status: .ok)
        }
        let expected = Self.expected(results, reducer: .mean)
        let collected = MetricColumns(results: results, reducer: .mean)
        #expect(collected.paths == expected.map(\.path))
        #expect(collected.columns == expected.map(\.values))
        #expect(collected.paths.count == 41)
    }

    @Test("a case's own ttft_ms metric is its value there; the streamed timing does not add a second")
    func metricBeforeTiming() throws {
        let ttft = MetricColumns(results: Self.results, reducer: .mean).columns[3]
        let cases = CaseScores.of(Self.results, reducer: .mean).filter { $0.score(at: ["ttft_ms"]) != nil }
        #expect(ttft.count == cases.count)
        #expect(ttft.contains(1), "case c9's metric")
    }
}
