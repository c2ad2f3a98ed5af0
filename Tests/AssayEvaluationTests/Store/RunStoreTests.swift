@testable import AssayEvaluation
import Foundation
import Testing

/// The run store: schema, WAL, batched writes, selection, integrity, and no secrets.
struct RunStoreTests {
    static let currentVersions = ["v1", "v2", "turns", "fingerprints", "records", "leases", "tool_calls", "streaming"]

    static func run(_ name: String, in store: RunStore, cases: Int = 3, model: (any ChatModel)? = nil) async throws -> StoredRun {
        let spec = RunSpec(
            name: name, suite: RunTestKit.suite(count: cases), template: RunTestKit.template,
            model: model ?? ScriptedModel.perfect(), metrics: [.exact], tags: ["nightly"]
        )
        return try await Runner(store: store).run(spec)
    }

    @Test func aNewStoreHasTheCurrentSchemaInWALMode() throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        #expect(try store.appliedSchemaVersions() == Self.currentVersions)
        #expect(try store.journalMode() == "wal")
        // Large pages for the embedding cache's blobs (SQLite's default is 4096).
        #expect(try store.pageSize() == 16384)
        #expect(try store.integrityCheck().isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.path("runs.sqlite")))
    }

    @Test func reopeningKeepsRunsAndDoesNotMigrateAgain() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.run("kept", in: store)
        let reopened = try RunStore(path: folder.path("runs.sqlite"))
        #expect(try reopened.appliedSchemaVersions() == Self.currentVersions)
        #expect(try await reopened.load(run.record.id) == run)
    }

    @Test func aStoreFromBeforeTurnsIsMigratedAndItsResultsReadBack() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.run("old", in: store)
        // Make the store as the version before multi-turn cases wrote it.
        try await store.writing { db in
            try db.execute(sql: "ALTER TABLE embeddings RENAME COLUMN model_digest TO model_sha")
            try db.execute(sql: "ALTER TABLE case_results DROP COLUMN turns")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('turns', 'fingerprints')")
        }
        #expect(try RunStore(path: folder.path("runs.sqlite")).appliedSchemaVersions() == Self.currentVersions)
        let reopened = try RunStore(path: folder.path("runs.sqlite"))
        let loaded = try await reopened.load(run.record.id)
        #expect(loaded == run)
        #expect(loaded.results.allSatisfy { $0.turns == nil })
    }

    @Test func aSchemaFromANewerVersionIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("runs.sqlite")
        let store = try RunStore(path: path)
        try store.writing { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect(throws: RunStoreError.self) { try RunStore(path: path) }
        do {
            _ = try RunStore(path: path)
        } catch {
            #expect(error.code == .schemaTooNew)
            #expect(error.message.contains("written by a newer version of Assay"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsReportedClearly() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(String(repeating: "not a database at all. ", count: 100), to: "runs.sqlite")
        do {
            _ = try RunStore(path: path)
            Issue.record("opening a text file as a store should fail")
        } catch {
            #expect(error.code == .corrupt || error.code == .cannotOpen)
            #expect(error.message.contains(path))
        }
    }

    @Test func runsAreStoredWithTheirConfigurationAndTemplate() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.run("stored", in: store)
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

    @Test func batchedWritesStoreEveryResultOnceAndCountThem() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let empty = try await Self.run("target", in: store, cases: 0)
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

    @Test func writesWaitingForTheTimerAreFlushedWithoutMoreResults() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let empty = try await Self.run("timer", in: store, cases: 0)
        let writer = ResultBatchWriter(store: store, runID: empty.record.id)
        await writer.add(CaseResult(caseID: "only", sample: 0, position: 0, prompt: [], status: .ok), cacheEntry: nil)
        for _ in 0..<2000 {
            if try await !store.load(empty.record.id).results.isEmpty { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try await store.load(empty.record.id).results.map(\.caseID) == ["only"])
        #expect(await writer.finish() == nil)
    }

    @Test func selectorsPickRunsByRecencyOrIDPrefix() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let first = try await Self.run("first", in: store)
        let second = try await Self.run("second", in: store)
        let third = try await Self.run("third", in: store)
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

    @Test func anAmbiguousPrefixListsTheCandidates() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let runner = Runner(store: store)
        let spec = RunSpec(name: "twin", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: ScriptedModel.perfect())
        let a = try await runner.run(spec, id: try #require(UUID(uuidString: "abcd0000-0000-4000-8000-000000000001")))
        let b = try await runner.run(spec, id: try #require(UUID(uuidString: "abcd0000-0000-4000-8000-000000000002")))
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

    @Test func statusCanBeMarked() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.run("marked", in: store)
        try await store.setStatus(.failed, of: run.record.id)
        #expect(try store.record(id: run.record.id)?.status == .failed)
        try await store.setStatus(.running, of: run.record.id)
        #expect(try store.record(id: run.record.id)?.finishedAt == nil)
        await #expect(throws: RunStoreError.self) { try await store.setStatus(.completed, of: UUID()) }
    }

    @Test func anInMemoryStoreWorksLikeAFileStore() async throws {
        let store = try RunStore.inMemory()
        let run = try await Self.run("memory", in: store)
        #expect(try await store.select("latest") == run.record)
        #expect(store.path == nil)
    }

    @Test func noSecretEverReachesTheDatabaseFile() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let sentinel = "sk-SENTINEL-7f3a9c1e5b2d4086"
        let model = ScriptedModel(key: sentinel) { request, _ throws(ModelCallError) in
            ModelResponse(text: request.testCase?.expected?.stringValue ?? "")
        }
        _ = try await Self.run("secret", in: store, cases: 20, model: model)
        #expect(model.key == sentinel)
        #expect(try store.integrityCheck().isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix("runs.sqlite") }
        #expect(files.contains("runs.sqlite"))
        let needle = Array(sentinel.utf8)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.url.appendingPathComponent(file)))
            #expect(!bytes.isEmpty || file != "runs.sqlite")
            #expect(!Self.contains(bytes, needle), "\(file) holds the model's key")
        }
        // The grep itself can fail: the case inputs it does find.
        let probe = Array("question 19".utf8)
        let stored = try files.map { try [UInt8](Data(contentsOf: folder.url.appendingPathComponent($0))) }
        #expect(stored.contains { Self.contains($0, probe) })
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
