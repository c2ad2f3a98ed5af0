@testable import AssayEvaluation
import Foundation
import Testing

/// What the run store does whichever database holds it: each test runs against SQLite and, when a
/// server is there (always under CI), against PostgreSQL. Tests of one database's own behaviour
/// (SQLite's WAL, pages and file-level damage) are in ``RunStoreTests``.
@Suite("The run store, on SQLite and on PostgreSQL")
struct StoreBehaviourTests {
    @Test(arguments: StoreBackend.available)
    func reopeningKeepsRunsAndDoesNotMigrateAgain(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let run = try await RunStoreTests.run("kept", in: store)
        let reopened = try made.reopened()
        #expect(try reopened.appliedSchemaVersions() == RunStoreTests.currentVersions)
        #expect(try await reopened.load(run.record.id) == run)
    }


    @Test(arguments: StoreBackend.available)
    func runsAreStoredWithTheirConfigurationAndTemplate(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let run = try await RunStoreTests.run("stored", in: store)
        let record = try #require(try store.record(id: run.record.id))
        #expect(record.name == "stored")
        #expect(record.tags == ["nightly"])
        #expect(record.status == .completed)
        #expect(record.templateSHA256 == RunTestKit.template.sha256)
        #expect(record.model.objectValue?["provider"] == "mock")
        let metric = try #require(record.configuration.objectValue?["metrics"]?.arrayValue?.first?.objectValue)
        #expect(metric["name"] == "exact" && metric["description"] == .string(RunMetric.exact.description), "old readers find both")
        #expect(try MetricSpec(json: .object(metric)) == RunMetric.exact.spec, "the metric is stored with its spec")
        let template = try #require(try store.template(sha256: record.templateSHA256))
        #expect(template.system == nil && template.user == RunTestKit.template.user)
        let settings = try RunSettings(configuration: record.configuration)
        #expect(settings.concurrency == 8 && settings.retries == 3 && settings.samples == 1 && settings.timeout == .seconds(60))
        #expect(try settings.makeTemplate().sha256 == record.templateSHA256)
    }


    @Test(arguments: StoreBackend.available)
    func batchedWritesStoreEveryResultOnceAndCountThem(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let empty = try await RunStoreTests.run("target", in: store, cases: 0)
        let writer = ResultBatchWriter(store: store, runID: empty.record.id)
        let results = (0..<300).map { index in
            CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [ChatMessage(role: "user", content: "q\(index)")],
                       output: "a", extracted: "a", metrics: ["exact": 1], status: index % 10 == 0 ? .extractError : .ok, isCached: index < 5)
        }
        for result in results { await writer.add(result, cacheEntry: nil) }
        await writer.add(results[7], cacheEntry: nil)
        #expect(await writer.finish() == nil)
        let stored = try await store.load(empty.record.id)
        #expect(stored.results == results)
        #expect(stored.record.counts == RunCounts(expected: 0, finished: 300, ok: 270, errors: 30, cached: 5))
    }


    @Test(arguments: StoreBackend.available)
    func writesWaitingForTheTimerAreFlushedWithoutMoreResults(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let empty = try await RunStoreTests.run("timer", in: store, cases: 0)
        let writer = ResultBatchWriter(store: store, runID: empty.record.id)
        await writer.add(CaseResult(caseID: "only", sample: 0, position: 0, prompt: [], status: .ok), cacheEntry: nil)
        for _ in 0..<2000 {
            if try await !store.load(empty.record.id).results.isEmpty { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try await store.load(empty.record.id).results.map(\.caseID) == ["only"])
        #expect(await writer.finish() == nil)
    }


    @Test(arguments: StoreBackend.available)
    func selectorsPickRunsByRecencyOrIDPrefix(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let first = try await RunStoreTests.run("first", in: store)
        let second = try await RunStoreTests.run("second", in: store)
        let third = try await RunStoreTests.run("third", in: store)
        #expect(try await store.runs().map(\.name) == ["third", "second", "first"])
        #expect(try await store.runs(limit: 2).map(\.name) == ["third", "second"])
        #expect(try await store.select("latest").id == third.record.id)
        #expect(try await store.select("-1").id == third.record.id)
        #expect(try await store.select("-2").id == second.record.id)
        #expect(try await store.select("-3").id == first.record.id)
        #expect(try await store.select(String(first.record.idText.prefix(8))).id == first.record.id)
        #expect(try await store.select(first.record.idText.uppercased()).id == first.record.id)
        #expect(try await store.select("-2").id == second.record.id)
        do {
            _ = try await store.select("-4")
            Issue.record("-4 should not select anything")
        } catch {
            #expect(error == RunStoreError(.noSuchRun, "no run '-4': there are only 3 runs"))
        }
        await #expect(throws: RunStoreError(.invalidSelector, "'newest' does not select a run: use a prefix of a run id, 'latest', or -1, -2, … for the newest runs")) {
            try await store.select("newest")
        }
    }


    @Test(arguments: StoreBackend.available)
    func anAmbiguousPrefixListsTheCandidates(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let runner = Runner(store: store)
        let spec = RunSpec(name: "twin", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: ScriptedModel.perfect())
        let a = try await runner.runLoaded(spec, id: try #require(UUID(uuidString: "abcd0000-0000-4000-8000-000000000001")))
        let b = try await runner.runLoaded(spec, id: try #require(UUID(uuidString: "abcd0000-0000-4000-8000-000000000002")))
        do {
            _ = try await store.select("abcd")
            Issue.record("an ambiguous prefix should fail")
        } catch {
            #expect(error.code == .ambiguousSelector)
            #expect(Set(error.candidates) == [a.record.idText, b.record.idText])
            #expect(error.message.contains("abcd0000-0000-4000-8000-000000000001 (twin)"))
        }
        #expect(try await store.select("abcd0000-0000-4000-8000-000000000002").id == b.record.id)
        await #expect(throws: RunStoreError(.noSuchRun, "no run id starts with 'ffff'")) { try await store.select("ffff") }
    }


    @Test(arguments: StoreBackend.available)
    func statusCanBeMarked(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let run = try await RunStoreTests.run("marked", in: store)
        try await store.setStatus(.failed, of: run.record.id)
        #expect(try store.record(id: run.record.id)?.status == .failed)
        try await store.setStatus(.running, of: run.record.id)
        #expect(try store.record(id: run.record.id)?.finishedAt == nil)
        await #expect(throws: RunStoreError.self) { try await store.setStatus(.completed, of: UUID()) }
    }

}
