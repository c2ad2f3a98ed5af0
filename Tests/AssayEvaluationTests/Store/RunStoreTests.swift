@testable import AssayEvaluation
import Foundation
import Testing

/// The run store: schema, WAL, batched writes, selection, integrity, and no secrets.
struct RunStoreTests {
    static let currentVersions = ["v1", "v2", "turns", "fingerprints", "records", "leases", "tool_calls", "streaming", "queue", "budgets", "result_order"]

    static func run(_ name: String, in store: RunStore, cases: Int = 3, model: (any ChatModel)? = nil) async throws -> StoredRun {
        let spec = RunSpec(
            name: name, suite: RunTestKit.suite(count: cases), template: RunTestKit.template,
            model: model ?? ScriptedModel.perfect(), metrics: [.exact], tags: ["nightly"]
        )
        return try await Runner(store: store).runLoaded(spec)
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

    @Test func aStoreFromBeforeTurnsIsMigratedAndItsResultsReadBack() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Self.run("old", in: store)
        // Make the store as the version before multi-turn cases wrote it.
        try await store.writing { db in
            try db.execute("ALTER TABLE embeddings RENAME COLUMN model_digest TO model_sha")
            try db.execute("ALTER TABLE case_results DROP COLUMN turns")
            try db.execute("DELETE FROM grdb_migrations WHERE identifier IN ('turns', 'fingerprints')")
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
        try store.writing { try $0.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
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
