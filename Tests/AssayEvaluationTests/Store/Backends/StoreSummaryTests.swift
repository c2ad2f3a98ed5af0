@testable import AssayEvaluation
import AssayCore
import Foundation
import Testing

/// A run's summary computed from its scores read from the store a page at a time (what the end of
/// a run stores) is the summary of its whole results in memory, for every reducer; the status
/// counts the store makes are those of the results.
@Suite("A run's summary and status counts read from the store, on SQLite and on PostgreSQL")
struct StoreSummaryTests {
    @Test("the summary read a page at a time is the summary of the results in memory, for every reducer",
          arguments: StoreBackend.available)
    func pagedSummaryIsTheWholeRunsSummary(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await StoreStreamingTests.run("summarised", in: made.store)
        for reducer in [SampleReducer.mean, .majority, .all, .any, .passAt(2)] {
            let whole = RunStatistics(results: run.results, reducer: reducer)
            #expect(whole.entries.count >= 4, "exact, rouge/rougeL/f1, late and the stream timings")
            #expect(try await made.store.statistics(of: run.record.id, reducer: reducer) == whole, "\(reducer.name)")
            var record = run.record
            record.configuration = ["reduce": .string(reducer.name)]
            record.summary = nil
            #expect(try RunResults(record: record, store: made.store).statistics() == whole, "\(reducer.name)")
        }
    }

    @Test("a run of one sample a case summarised as its scores are read is the summary of its results")
    func oneSampleSummaryAsReadIsTheWholeSummary() {
        let results = (0..<30).map { index in
            var metrics: JSONObject = ["exact": .bool(index % 4 == 0), "score": ["f1": .double(Double(index) / 30)]]
            if index % 7 == 0 { metrics = [:] }
            return CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [], metrics: metrics, status: .ok)
        }
        var collector = StatisticsCollector(reducer: .mean)
        for result in results { collector.add(result) }
        #expect(collector.statistics() == RunStatistics(results: results))
    }

    @Test("the store counts a run's results by status as the results have them", arguments: StoreBackend.available)
    func statusCountsAreTheResults(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await StoreStreamingTests.run("counted", in: made.store)
        var counts: [String: Int] = [:]
        for result in run.results { counts[result.status.rawValue, default: 0] += 1 }
        #expect(counts.count == 2)
        #expect(try made.store.statusCounts(of: run.record.id) == counts)
    }

    @Test("a run ends with the summary of its results and returns its record, not its results")
    func aRunEndsWithTheSummaryOfItsResults() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        var spec = RunSpec(name: "paged", suite: RunTestKit.suite(count: RunStore.resultPageSize + 30), template: RunTestKit.template,
                           model: MockChatModel(.flakey), metrics: [.exact], retries: 0, samples: 2)
        spec.reduce = .any
        let record = try await Runner(store: store).run(spec)
        let loaded = try await store.load(record.id)
        #expect(record == loaded.record)
        #expect(record.status == .completed && record.counts.finished == spec.expectedResultCount)
        #expect(record.summary == RunStatistics(results: loaded.results, reducer: .any))
    }
}
