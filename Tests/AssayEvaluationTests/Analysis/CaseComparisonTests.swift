@testable import AssayEvaluation
import AssayCore
import AssayMetrics
import Foundation
import Testing

/// Comparisons of runs with several samples per case pair cases, each case's samples reduced by its
/// own run's reducer, so that correlated samples are not counted as independent cases.
@Suite("Comparing runs with samples")
struct CaseComparisonTests {
    /// A stored run whose case `c<i>` has the exact scores `scores[i]`, one per sample (nil for a
    /// sample whose model call failed), with its reducer in its configuration.
    static func run(_ scores: [[Double?]], reduce: SampleReducer = .mean) -> StoredRun {
        var results: [CaseResult] = []
        for (index, samples) in scores.enumerated() {
            for (sample, score) in samples.enumerated() {
                let metrics: JSONObject = score.map { ["exact": .double($0)] } ?? [:]
                results.append(CaseResult(caseID: "c\(index)", sample: sample, position: index, prompt: [], output: "answer",
                                          metrics: metrics, status: score == nil ? .modelError : .ok))
            }
        }
        var configuration: JSONObject = ["name": "samples", "samples": .int(scores.map(\.count).max() ?? 1)]
        if reduce != .mean { configuration["reduce"] = .string(reduce.name) }
        let record = RunRecord(
            id: UUID(), createdAt: Date(timeIntervalSince1970: 1_800_000_000), name: "samples", tags: [], status: .completed,
            configuration: .object(configuration), suitePath: nil, suiteHash: "hash", templateSHA256: "sha", model: ["name": "mock"],
            derivedFrom: nil, pipeline: nil, finishedAt: nil,
            counts: RunCounts(expected: results.count, finished: results.count, ok: results.count { $0.status == .ok }),
            summary: RunStatistics(results: results, reducer: reduce))
        return StoredRun(record: record, results: results)
    }

    @Test("ten identical samples of two cases that went wrong are two cases, not twenty results: the drop is not significant")
    func correlatedSamplesAreOneCase() throws {
        // Six cases of ten samples each. Every sample of the baseline is right; in the new run every
        // sample of c0 and c1 is wrong. Per case the differences are (−1, −1, 0, 0, 0, 0): of the
        // 2⁶ sign patterns, those that give |sum| ≥ 2 are the half in which the two −1s agree, so
        // the exact p is 0.5. Counting each sample as a pair would give twenty −1s, p ≈ 1/1001.
        let base = Self.run(Array(repeating: Array(repeating: 1, count: 10), count: 6))
        let worse = Self.run((0..<6).map { Array(repeating: $0 < 2 ? 0 : 1, count: 10) })
        let comparison = try RunComparison(a: base, b: worse)
        let entry = try #require(comparison.focus)
        #expect(entry.statistics.count == 6 && comparison.paired == 6)
        #expect(abs(entry.statistics.delta - -1.0 / 3) < 1e-12)
        #expect(entry.statistics.isExact && entry.statistics.pValue == 0.5)
        #expect(entry.regressed == ["c0", "c1"] && entry.improved.isEmpty)
        #expect(try Expectation(metric: "exact", kind: .noRegression(alpha: 0.05)).check(comparison: comparison).passed,
                "a gate on this comparison does not fail on an insignificant drop")

        // The same results paired sample by sample: what the comparison must not do.
        let perSample = try #require(PairedComparison(a: base.results.map { _ in 1 }, b: worse.results.map { $0.metrics["exact"]?.doubleValue ?? 0 }))
        #expect(perSample.count == 60 && perSample.pValue < 0.01)
    }

    @Test("n counts the cases and the delta is the difference of the runs' summary means, each run reduced its own way")
    func reducedMeansOfSeededRuns() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let base = try await VerdictTests.noisyRun(reduce: .mean, samples: 4, rate: 0.2, seed: 3, store: store)
        let other = try await VerdictTests.noisyRun(reduce: .majority, samples: 3, rate: 0.3, seed: 8, store: store)
        let comparison = try RunComparison(a: base, b: other)
        let entry = try #require(comparison.entries.first { $0.name == "exact" })
        let meanA = try #require(base.statistics.entry(named: "exact")).summary.mean
        let meanB = try #require(other.statistics.entry(named: "exact")).summary.mean
        #expect(entry.statistics.count == 30 && comparison.paired == 30)
        #expect(abs(entry.statistics.meanA - meanA) < 1e-12 && abs(entry.statistics.meanB - meanB) < 1e-12)
        #expect(abs(entry.statistics.delta - (meanB - meanA)) < 1e-12)
        let reducedA = CaseScores.of(base.results, reducer: .mean), reducedB = CaseScores.of(other.results, reducer: .majority)
        #expect(entry.values.map(\.a) == reducedA.compactMap { $0.score(at: ["exact"]) })
        #expect(entry.values.map(\.b) == reducedB.compactMap { $0.score(at: ["exact"]) })
        #expect(Set(entry.regressed + entry.improved).isSubset(of: Set(reducedA.map(\.caseID))), "cases by id, never id#sample")
        #expect(!(entry.regressed + entry.improved + comparison.pairedCases).contains { $0.contains("#") })
        #expect(comparison.reducesSamples && comparison.pairing
            == "30 cases paired (a: 4 samples per case reduced by mean; b: 3 samples per case reduced by majority)")
        #expect(comparison.caveats.count == 1 && comparison.caveats[0].hasPrefix("the runs reduce samples differently (a by mean, b by majority)"))

        let verdict = try Expectation(metric: "exact", kind: .noRegression(alpha: 0.05)).check(comparison: comparison)
        #expect(verdict.cases.map(\.caseID) == comparison.pairedCases)
        #expect(verdict.line.contains("n=30") && verdict.line.contains("samples reduced by mean in the baseline and majority in the run"))
    }

    @Test("a case with a failed sample is named once by its id, and its other samples still give its score")
    func erroredSamples() throws {
        let base = Self.run([[1, 1, 1], [1, 0, 1], [0, 0, 0]])
        let other = Self.run([[1, nil, 1], [nil, nil, nil], [0, 1, 1]])
        let comparison = try RunComparison(a: base, b: other)
        #expect(comparison.erroredInA.isEmpty && comparison.erroredInB == ["c0", "c1"])
        let entry = try #require(comparison.focus)
        // c1 has no scored sample in b, so it is left out of the metric; c0 keeps its two samples.
        #expect(entry.values == [.init(label: "c0", a: 1, b: 1), .init(label: "c2", a: 0, b: 2.0 / 3)])
        #expect(entry.improved == ["c2"] && entry.regressed.isEmpty)
    }

    @Test("runs of one sample reduced by mean still pair result by result, and cases only one run has are named by id")
    func singleSamples() throws {
        let base = Self.run([[1], [0], [1]])
        let other = Self.run([[1], [1]])
        let comparison = try RunComparison(a: base, b: other)
        #expect(!comparison.reducesSamples && comparison.caveats.isEmpty)
        #expect(comparison.pairing == "2 results paired" && comparison.onlyInA == ["c2"] && comparison.onlyInB.isEmpty)
        let sampled = try RunComparison(a: base, b: Self.run([[1, 1], [1, 0], [0, 0]]))
        #expect(sampled.pairing == "3 cases paired (a: 1 sample per case reduced by mean; b: 2 samples per case reduced by mean)")
        #expect(sampled.caveats.isEmpty, "the same reducer over different sample counts needs no caveat")
    }

    @Test("a single sample reduced by another reducer than mean is compared as its summary has it: reduced")
    func singleSampleWithReducer() throws {
        let base = Self.run([[0.7], [0.2], [0.5]], reduce: .majority)
        let other = Self.run([[0.6], [0.4], [0.5]])
        let comparison = try RunComparison(a: base, b: other)
        let entry = try #require(comparison.focus)
        #expect(entry.values.map(\.a) == [1, 0, 1] && entry.values.map(\.b) == [0.6, 0.4, 0.5])
        #expect(entry.statistics.meanA == base.statistics.entry(named: "exact")?.summary.mean)
        #expect(comparison.reducesSamples && comparison.pairing.hasPrefix("3 cases paired (a: 1 sample per case reduced by majority;"))
        #expect(entry.regressed == ["c0", "c2"] && entry.improved == ["c1"])
    }

    @Test("the HTML comparison report pairs cases too: its headline, one point per case, and the case verdicts its table tags samples with")
    func report() throws {
        let base = Self.run(Array(repeating: Array(repeating: 1, count: 10), count: 6))
        let worse = Self.run((0..<6).map { Array(repeating: $0 < 2 ? 0 : 1, count: 10) }, reduce: .majority)
        let comparison = try RunComparison(a: base, b: worse)
        let html = RunReport.html(of: comparison, casesA: [], casesB: [])
        #expect(html.contains("6 cases paired (a: 10 samples per case reduced by mean; b: 10 samples per case reduced by majority)"))
        #expect(html.contains("the runs reduce samples differently (a by mean, b by majority)"))
        #expect(html.components(separatedBy: "<circle ").count - 1 == 6, "one point per case, not per sample")
        let data = try RunReportTests.data(of: html).objectValue
        #expect(data?["by_case"] == .bool(true))
        #expect(data?["regressed"] == .array(["c0", "c1"]) && data?["improved"] == .array([]))
    }
}
