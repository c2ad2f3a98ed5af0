@testable import AssayEvaluation
import Foundation
import Testing

/// Several processes on one store, schema versions, the caches and secrets, on each database (see
/// ``StoreBehaviourTests``).
@Suite("One store shared by several processes, on SQLite and on PostgreSQL")
struct StoreSharingTests {
    @Test(arguments: StoreBackend.available)
    func aNewStoreHasTheCurrentSchemaAndANewerOneIsRefused(backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        #expect(try made.store.appliedSchemaVersions() == RunStoreTests.currentVersions)
        #expect(try made.reopened().appliedSchemaVersions() == RunStoreTests.currentVersions, "opening again applies nothing twice")
        try made.store.writing { db in
            switch db.dialect {
            case .sqlite: try db.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            case .postgres: try db.execute("INSERT INTO assay_migrations (name, applied_at) VALUES ('v99', 'now')")
            }
        }
        do {
            _ = try made.reopened()
            Issue.record("a store with an unknown schema version should be refused")
        } catch let error as RunStoreError {
            #expect(error.code == .schemaTooNew)
            #expect(error.message.contains("written by a newer version of Assay"))
        }
    }

    @Test("two processes on one store see each other's runs, and the second's rerun is answered from the first's cache",
          arguments: StoreBackend.available)
    func twoProcessesShareRunsAndCache(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let model = ScriptedModel.answering(parameters: ModelParameters(temperature: 0.7)) { request in
            "answer \(request.testCase?.id ?? "")"
        }
        let spec = RunSpec(name: "first", suite: RunTestKit.suite(count: 12), template: RunTestKit.template, model: model, metrics: [.exact])
        let first = try await Runner(store: made.store).runLoaded(spec)
        #expect(model.calls == 12)

        let other = try made.reopened()
        #expect(try await other.runs().map(\.id) == [first.record.id])
        let silent = ScriptedModel.answering(parameters: ModelParameters(temperature: 0.7)) { _ in "never" }
        var again = spec
        again.name = "second"
        again.model = silent
        let second = try await Runner(store: other).runLoaded(again)
        #expect(silent.calls == 0, "every answer came from the cache the first process filled")
        #expect(second.results.map(\.output) == first.results.map(\.output))
        #expect(second.record.counts.cached == 12)
        #expect(try await made.store.runs().map(\.name) == ["second", "first"])
    }

    @Test("four writers storing overlapping results of one run at once lose none and store none twice",
          arguments: StoreBackend.available)
    func concurrentWritersNeverLoseAResult(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let empty = try await RunStoreTests.run("target", in: made.store, cases: 0)
        let writers = try (0 ..< 4).map { _ in try made.reopened() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, writer) in writers.enumerated() {
                group.addTask {
                    // Writer k stores cases 50k ..< 50k + 200 in batches of 20: each case is offered
                    // by up to four writers.
                    let cases = (index * 50) ..< (index * 50 + 200)
                    for batch in stride(from: cases.lowerBound, to: cases.upperBound, by: 20) {
                        let results = (batch ..< batch + 20).map { position in
                            CaseResult(caseID: "c\(position)", sample: 0, position: position, prompt: [], output: "a",
                                       metrics: ["exact": 1], status: .ok)
                        }
                        try await writer.write(results: results, answers: [], runID: empty.record.id)
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await made.store.load(empty.record.id)
        #expect(stored.results.map(\.caseID) == (0 ..< 350).map { "c\($0)" })
        #expect(stored.record.counts.finished == 350 && stored.record.counts.ok == 350)
    }

    @Test(arguments: StoreBackend.available)
    func embeddingsComeBackBitForBitAndAreReplaced(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let values: [Float] = [1, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 0.1, 3.1415927]
        let entry = EmbeddingCacheTests.entry("the cat sat", values: values)
        #expect(try await !made.store.hasEmbeddings())
        try await made.store.storeEmbeddings([entry])
        let found = try await made.store.embeddings(forKeys: [entry.key, "absent"])
        #expect(found.count == 1)
        #expect(found[entry.key]?.vectors.map(\.bitPattern) == values.map(\.bitPattern))
        let replaced = EmbeddingCacheTests.entry("the cat sat", values: values.map { $0 * 2 })
        try made.store.storeEmbeddingsBlocking([replaced])
        #expect(try made.store.embeddingCount() == 1)
        #expect(try made.reopened().embeddingsBlocking(forKeys: [entry.key])[entry.key]?.vectors == replaced.vectors)
    }

    @Test("no table of the store holds the model's key", arguments: StoreBackend.available)
    func noSecretReachesTheStore(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let sentinel = "sk-SENTINEL-7f3a9c1e5b2d4086"
        let model = ScriptedModel(key: sentinel) { request, _ throws(ModelCallError) in
            ModelResponse(text: request.testCase?.expected?.stringValue ?? "")
        }
        _ = try await RunStoreTests.run("secret", in: made.store, cases: 20, model: model)
        var seen = 0
        for table in ["runs", "case_results", "templates", "cache", "cases", "case_lists", "embeddings"] {
            let rows = try await made.store.reading { db in try db.fetchAll("SELECT * FROM \(table)", []) }
            for row in rows {
                for value in row.values {
                    guard case .text(let text) = value else { continue }
                    seen += 1
                    #expect(!text.contains(sentinel), "\(table) holds the model's key")
                }
            }
        }
        #expect(seen > 100, "the scan read the stored texts")
    }
}
