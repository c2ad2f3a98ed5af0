@testable import AssayEvaluation
import Foundation
import Testing

/// Repeats, flaky cases, sample sizes and expectations on real runs of the seeded noisy mock.
@Suite("Verdicts on runs")
struct VerdictTests {
    /// Thirty cases, four samples each, answered by the noisy mock at rate 0.3 with a fixed seed.
    static func noisyRun(reduce: SampleReducer = .mean, samples: Int = 4, rate: Double = 0.3, seed: Int = 11, store: RunStore) async throws -> StoredRun {
        var spec = RunSpec(name: "noisy", suite: RunTestKit.suite(count: 30), template: RunTestKit.template,
                           model: MockChatModel(.noisy, rate: rate, seed: seed), metrics: [.exact], samples: samples)
        spec.reduce = reduce
        return try await Runner(store: store).runLoaded(spec)
    }

    /// Each case's samples as passed (the answer is the expected text, `answer i` for case `ci`) or not,
    /// read from the outputs.
    static func outcomes(_ run: StoredRun) -> [String: [Bool]] {
        var outcomes: [String: [Bool]] = [:]
        for result in run.results.sorted(by: { $0.sample < $1.sample }) {
            outcomes[result.caseID, default: []].append(result.output == "answer " + result.caseID.dropFirst())
        }
        return outcomes
    }

    @Test("flaky lists exactly the cases whose samples of the seeded noisy mock disagree, with their pass rates")
    func flakyCases() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.noisyRun(store: store)
        let outcomes = Self.outcomes(run)
        let disagreeing = Set(outcomes.filter { Set($0.value).count > 1 }.keys)
        #expect(!disagreeing.isEmpty && disagreeing.count < 30, "the seed gives some flaky and some steady cases")
        let flaky = FlakyCase.among(CaseScores.of(run.results, reducer: .mean), path: ["exact"])
        #expect(Set(flaky.map(\.caseID)) == disagreeing)
        for case_ in flaky {
            let passed = outcomes[case_.caseID, default: []].count { $0 }
            #expect(case_.passed == passed && case_.passRate == Double(passed) / 4)
            #expect(case_.interval.lower < case_.passRate && case_.passRate < case_.interval.upper)
        }
    }

    @Test("the summary is over cases: each case's samples reduced, all four reducers from the same answers")
    func reducedSummary() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let outcomes = Self.outcomes(try await Self.noisyRun(store: store))
        let cases = Double(outcomes.count)
        let expected: [(SampleReducer, Double)] = [
            (.mean, Double(outcomes.values.reduce(0) { $0 + $1.count { $0 } }) / (cases * 4)),
            (.all, Double(outcomes.values.count { $0.allSatisfy { $0 } }) / cases),
            (.any, Double(outcomes.values.count { $0.contains(true) }) / cases),
            (.majority, Double(outcomes.values.count { 2 * $0.count { $0 } > 4 }) / cases),
        ]
        for (reducer, mean) in expected {
            let run = try await Self.noisyRun(reduce: reducer, store: store)
            let entry = try #require(run.statistics.entry(named: "exact"))
            #expect(entry.summary.count == 30, "\(reducer.name): one value per case")
            #expect(abs(entry.summary.mean - mean) < 1e-12, "\(reducer.name)")
            // 0/1 scores are a proportion and get a Wilson interval; the mean of samples is not.
            #expect((entry.wilson != nil) == (reducer != .mean))
            // Stored and read back in the same form, reducer and interval included.
            let reloaded = try await store.load(run.record.id)
            #expect(reloaded.record.summary == run.record.summary)
            #expect(reloaded.record.summary?.reducer == reducer && reloaded.record.reducer == reducer)
        }
    }

    @Test("a case reports its per-sample scores and its reduced score")
    func caseScores() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.noisyRun(reduce: .passAt(2), store: store)
        let outcomes = Self.outcomes(run)
        for scores in CaseScores.of(run.results, reducer: .passAt(2)) {
            let passed = try #require(outcomes[scores.caseID])
            #expect(scores.samples == 4 && scores.values(at: ["exact"]) == passed.map { $0 ? 1 : 0 })
            #expect(scores.score(at: ["exact"]) == SampleReducer.passAtK(n: 4, c: passed.count { $0 }, k: 2))
        }
    }

    @Test("pass@k above the samples is refused before any call")
    func passAtKNeedsSamples() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        await #expect(throws: RunError(.invalidSpec, "pass@5 needs at least 5 samples per case, and the run has 4: set samples: 5 or more, or a smaller k")) {
            try await Self.noisyRun(reduce: .passAt(5), store: store)
        }
    }

    @Test("sample size: ⌈((z₀.₉₇₅ + z₀.₈) σ√(2(1−ρ)) / δ)²⌉, worked by hand")
    func sampleSize() throws {
        // (1.959964 + 0.841621)² = 7.848879; × 2 × 0.5² / 0.1² = 392.44 → 393 cases.
        #expect(try SampleSize(standardDeviation: 0.5, effect: 0.1).cases == 393)
        // ρ = 0.5 halves the variance of the differences: 196.22 → 197.
        #expect(try SampleSize(standardDeviation: 0.5, effect: 0.1, correlation: 0.5).cases == 197)
        // α = 0.01 and 90% power: (2.575829 + 1.281552)² × 2 × 0.25 / 0.01 = 743.97 → 744.
        #expect(try SampleSize(standardDeviation: 0.5, effect: 0.1, alpha: 0.01, power: 0.9).cases == 744)
        #expect(throws: ExpectationError.self) { try SampleSize(standardDeviation: 0.5, effect: 0) }
    }

    @Test("a threshold holds or fails on the run's mean, and each case on its own reduced score")
    func thresholds() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.noisyRun(reduce: .all, store: store)
        let mean = try #require(run.statistics.entry(named: "exact")).summary.mean
        let held = try Expectation(parsing: "exact >= \(mean)").check(run: run)
        let failed = try Expectation(parsing: "exact>\(mean)").check(run: run)
        #expect(held.passed && !failed.passed)
        #expect(failed.line.hasPrefix("FAIL exact > \(Expectation.number(mean)) · run \(run.record.idText.prefix(8)): mean "))
        #expect(failed.line.contains("n=30") && failed.line.contains("Wilson [") && failed.line.contains("reduced by all"))
        let steady = Set(Self.outcomes(run).filter { $0.value.allSatisfy { $0 } }.keys)
        #expect(Set(held.cases.filter(\.passed).map(\.caseID)) == steady)
        #expect(throws: ExpectationError(message: "the run \(run.record.idText.prefix(8)) has no metric 'exat'", hint: "did you mean 'exact'?")) {
            try Expectation(metric: "exat", kind: .threshold(.atLeast, 0.5)).check(run: run)
        }
        #expect(throws: ExpectationError.self) { try Expectation(parsing: "exact >= lots") }
        #expect(throws: ExpectationError.self) { try Expectation(parsing: "exact") }
    }

    @Test("no regression passes a small drop of a seeded noisy model and fails a large one")
    func noRegression() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let baseline = try await Self.noisyRun(samples: 1, rate: 0.1, seed: 3, store: store)
        let slightly = try await Self.noisyRun(samples: 1, rate: 0.15, seed: 4, store: store)
        let much = try await Self.noisyRun(samples: 1, rate: 0.6, seed: 5, store: store)
        let gate = Expectation(metric: "exact", kind: .noRegression(alpha: 0.05))
        let small = try RunComparison(a: baseline, b: slightly)
        let large = try RunComparison(a: baseline, b: much)
        let smallEntry = try #require(small.entries.first), largeEntry = try #require(large.entries.first)
        #expect(smallEntry.statistics.delta <= 0 && smallEntry.statistics.pValue >= 0.05)
        #expect(largeEntry.statistics.delta < 0 && largeEntry.statistics.pValue < 0.05)
        #expect(try gate.check(comparison: small).passed)
        let verdict = try gate.check(comparison: large)
        #expect(!verdict.passed && verdict.line.contains("p=") && verdict.line.contains("delta -"))
        #expect(Set(verdict.cases.filter { !$0.passed }.map(\.caseID)) == Set(largeEntry.regressed))
        #expect(throws: ExpectationError.self) { try gate.check(run: much) }
    }
}
