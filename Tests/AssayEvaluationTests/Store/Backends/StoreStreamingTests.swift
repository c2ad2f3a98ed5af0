@testable import AssayEvaluation
import AssayCore
import Foundation
import Testing

/// Exports, rankings and comparisons of runs read from the store a page at a time (``RunResults``)
/// give exactly what the same analyses of the whole run in memory give: the same bytes, the same
/// results in the same order, the same statistics. The runs are larger than a page.
@Suite("Reading a run's results a page at a time, on SQLite and on PostgreSQL")
struct StoreStreamingTests {
    /// More cases than one page holds, two samples each.
    static let caseCount = RunStore.resultPageSize + 250

    /// A run of `caseCount` cases × 2 samples with nested metrics, ties, errors, missing metrics,
    /// usage and stream timings; `shift` changes the scores and `skip` leaves out every nth case.
    static func run(_ name: String, in store: RunStore, shift: Int = 0, skip: Int? = nil) async throws -> StoredRun {
        let empty = try await RunStoreTests.run(name, in: store, cases: 0)
        let writer = ResultBatchWriter(store: store, runID: empty.record.id)
        for index in 0..<caseCount where skip.map({ index % $0 != 0 }) ?? true {
            for sample in 0..<2 {
                let value = Double((index * 7 + sample + shift) % 11) / 10
                var metrics: JSONObject = ["exact": .double(value >= 0.5 ? 1 : 0), "rouge": ["rougeL": ["f1": .double(value)]]]
                if index % 13 == 0 { metrics["exact"] = nil }
                if index % 17 == 0 { metrics["late"] = .double(Double(index % 5)) }
                var result = CaseResult(
                    caseID: "c\(index)", sample: sample, position: index, prompt: [ChatMessage(role: "user", content: "q, \"\(index)\"\n")],
                    output: "answer \(index)", extracted: .string("a\(index)"), metrics: metrics,
                    status: index % 29 == 0 ? .extractError : .ok, latencyMilliseconds: Double(index),
                    usage: index % 3 == 0 ? nil : TokenUsage(prompt: index, completion: sample + 1), retries: index % 2, isCached: index % 31 == 0
                )
                if index % 19 == 0 {
                    result.ttftMilliseconds = 12.5
                    result.tokensPerSecond = 40
                }
                await writer.add(result, cacheEntry: nil)
            }
        }
        #expect(await writer.finish() == nil)
        return try await store.load(empty.record.id)
    }

    @Test("a run's results read a page at a time are the ones load gives, in the same order; scores only keep their scores",
          arguments: StoreBackend.available)
    func pagesGiveTheLoadedResults(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await Self.run("paged", in: made.store)
        #expect(run.results.count == Self.caseCount * 2)
        var read: [CaseResult] = []
        try made.store.forEachResult(of: run.record.id) { read.append($0) }
        #expect(read == run.results)
        var scores: [CaseResult] = []
        try made.store.forEachResult(of: run.record.id, scoresOnly: true) { scores.append($0) }
        #expect(scores.map(\.key) == run.results.map(\.key))
        #expect(scores.map(\.metrics) == run.results.map(\.metrics))
        #expect(scores.map(\.status) == run.results.map(\.status))
        #expect(scores.map(\.ttftMilliseconds) == run.results.map(\.ttftMilliseconds))
        #expect(scores.allSatisfy { $0.prompt.isEmpty && $0.output == nil })
    }

    @Test("JSONL, CSV and JSON written as the results are read from the store are byte for byte the export of the whole run",
          arguments: StoreBackend.available)
    func streamedExportsAreTheWholeRunsText(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await Self.run("exported", in: made.store)
        let cases = (0..<Self.caseCount).map { TestCase(id: "c\($0)", fields: ["input": .string("question, \($0)"), "expected": .string("a\($0)")]) }
        let streamed = RunResults(record: run.record, store: made.store)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for format in RunExport.Format.allCases {
            let whole = try RunExport.text(of: run, cases: cases, format: format.rawValue)
            var pieces = ""
            let count = try RunExport.write(streamed, cases: cases, format: format) { pieces += $0 }
            #expect(count == run.results.count)
            #expect(pieces == whole, "\(format)")
            let file = try ExportFile(path: folder.path("run.\(format.rawValue)"))
            try RunExport.write(streamed, cases: cases, format: format) { piece throws(ExportError) in try file.write(piece) }
            try file.commit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("run.\(format.rawValue)"))) == Data(whole.utf8), "\(format)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["run.csv", "run.json", "run.jsonl"],
                "no temporary file is left")
    }

    @Test("best and worst kept in a bounded heap are the ranking of the whole run, ties in suite order",
          arguments: StoreBackend.available)
    func streamedRankingsAreTheWholeRunsRanking(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let run = try await Self.run("ranked", in: made.store)
        let streamed = RunResults(record: run.record, store: made.store)
        for metric in ["exact", "rouge/rougeL/f1", "late"] {
            for count in [0, 1, 5, 40, Self.caseCount * 3] {
                for highest in [true, false] {
                    let whole = try RunRanking(run.results, metric: metric, count: count, highest: highest)
                    let paged = try RunRanking(streamed, metric: metric, count: count, highest: highest)
                    #expect(paged.entries.map(\.result) == whole.entries.map(\.result), "\(metric) \(count) \(highest)")
                    #expect(paged.entries.map(\.score) == whole.entries.map(\.score))
                    #expect(paged.scoredCount == whole.scoredCount && paged.hasSamples && whole.hasSamples)
                }
            }
        }
        let missing = #expect(throws: ComparisonError.self) { try RunRanking(streamed, metric: "rouge/rougeL/f", count: 5, highest: true) }
        #expect(throws: try #require(missing)) { try RunRanking(run.results, metric: "rouge/rougeL/f", count: 5, highest: true) }
    }

    @Test("a comparison of two runs read from the store is the comparison of the whole runs", arguments: StoreBackend.available)
    func streamedComparisonsAreTheWholeRunsComparison(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let a = try await Self.run("baseline", in: made.store)
        let b = try await Self.run("candidate", in: made.store, shift: 3, skip: 10)
        for metric in [nil, "rouge/rougeL/f1"] {
            let whole = try RunComparison(a: a, b: b, metric: metric)
            let paged = try RunComparison(a: RunResults(record: a.record, store: made.store), b: RunResults(record: b.record, store: made.store),
                                          metric: metric)
            #expect(paged.entries.map(\.path) == whole.entries.map(\.path))
            #expect(paged.entries.map(\.statistics) == whole.entries.map(\.statistics))
            #expect(paged.entries.map(\.values) == whole.entries.map(\.values))
            #expect(paged.entries.map(\.regressed) == whole.entries.map(\.regressed))
            #expect(paged.entries.map(\.improved) == whole.entries.map(\.improved))
            #expect(paged.pairedCases == whole.pairedCases && paged.onlyInA == whole.onlyInA && paged.onlyInB == whole.onlyInB)
            #expect(paged.erroredInA == whole.erroredInA && paged.erroredInB == whole.erroredInB)
            #expect(paged.sideA == whole.sideA && paged.sideB == whole.sideB && paged.focus?.name == whole.focus?.name)
            #expect(paged.a.record == a.record && paged.b.record == b.record)
        }
        #expect(!(try RunComparison(a: a, b: b).onlyInA.isEmpty), "b leaves cases out")
    }
}
