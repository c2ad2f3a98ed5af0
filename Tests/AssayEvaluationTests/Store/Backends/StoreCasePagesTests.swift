@testable import AssayEvaluation
import AssayCore
import Foundation
import Testing

/// A run's stored cases read beside each page of its results (``RunCases``) give every result the
/// case the whole list gives it: exports are byte for byte those of the whole run with its cases,
/// and a ranking's rows get their cases without the rest of the list being read.
@Suite("A run's stored cases read a page at a time, on SQLite and on PostgreSQL")
struct StoreCasePagesTests {
    /// A run by the runner (so its cases are stored) of more cases than a page, two samples each,
    /// with failed calls; read back whole.
    static func run(in store: RunStore) async throws -> StoredRun {
        let suite = Suite(cases: (0..<(RunStore.resultPageSize + 250)).map { index in
            TestCase(id: "c\(index)", fields: ["input": .string("question, \"\(index)\""), "expected": .string("answer \(index)"),
                                               "tags": .array([.string(index % 2 == 0 ? "even" : "odd")])])
        })
        let spec = RunSpec(name: "cases", suite: suite, template: RunTestKit.template, model: MockChatModel(.flakey),
                           metrics: [.exact], retries: 0, samples: 2)
        let record = try await Runner(store: store).run(spec)
        return try await store.load(record.id)
    }

    @Test("exports with the stored cases read beside each page are the exports of the whole run with its cases",
          arguments: StoreBackend.available)
    func exportsWithStoredCases(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await Self.run(in: made.store)
        let stored = try #require(run.cases)
        let cases = try #require(try RunCases.of(run.record, store: made.store))
        let streamed = RunResults(record: run.record, store: made.store)
        for format in RunExport.Format.allCases {
            let whole = try RunExport.text(of: run, cases: stored, format: format.rawValue)
            var pieces = ""
            let count = try RunExport.write(streamed, cases: cases, format: format) { pieces += $0 }
            #expect(count == run.results.count)
            #expect(pieces == whole, "\(format)")
            #expect(whole.contains("question, "), "the cases' inputs are in the export")
        }
    }

    @Test("each result's case read a page at a time is the case of its id; scattered positions are read by name",
          arguments: StoreBackend.available)
    func casesOfResults(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await Self.run(in: made.store)
        let byID = RunExport.byID(try #require(run.cases))
        let cases = try #require(try RunCases.of(run.record, store: made.store))
        var seen = 0
        try RunResults(record: run.record, store: made.store).forEach(with: cases) { result, testCase in
            #expect(testCase == byID[result.caseID])
            seen += 1
        }
        #expect(seen == run.results.count)
        let scattered = [run.results[3], run.results.last!, run.results[1700], run.results[4]]
        #expect(try cases.cases(of: scattered) == scattered.map { byID[$0.caseID] })
        let list = try #require(run.record.casesSHA256)
        #expect(try made.store.cases(list: list, positions: [0, 5_000_000]).keys.sorted() == [0], "a position past the end has none")
        // A result whose position holds another case's id gets no case, as a result of an unknown case.
        var stray = run.results[0]
        stray.caseID = "c1"
        #expect(try cases.cases(of: [stray]) == [nil])
    }

    @Test("a run whose cases are nowhere (stored before runs kept them, without a suite file) has none")
    func casesNowhere() throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let record = RunRecord(id: UUID(), createdAt: Date(), name: "old", tags: [], status: .completed, configuration: [:], suitePath: nil,
                               suiteHash: "", templateSHA256: "", model: [:], derivedFrom: nil, pipeline: nil, finishedAt: nil,
                               counts: RunCounts(expected: 0))
        #expect(try RunCases.of(record, store: store) == nil)
    }
}
