import AssayCore
@testable import AssayEvaluation
import Foundation
import Testing

/// A stored run is a record of its own: the cases it evaluated (stored once however many runs use
/// them), its summary, and where it came from.
@Suite("Self-contained run records")
struct RunRecordTests {
    @Test("a stored run keeps the cases it evaluated, fields and order included")
    func keepsItsCases() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = Suite(cases: [
            TestCase(fields: ["input": "b", "expected": 2.0, "extra": ["x": [1, 2], "a": nil]]),
            TestCase(id: "7", fields: ["id": 7, "input": "a", "expected": "yes"]),
        ])
        let spec = RunSpec(name: "cases", suite: suite, template: RunTestKit.template, model: ScriptedModel.perfect(), metrics: [.exact])
        let made = try await Runner(store: store).runLoaded(spec)
        let reopened = try RunStore(path: try #require(store.path))
        let loaded = try await reopened.load(made.record.id)
        #expect(loaded.cases == suite.cases)
        #expect(loaded.suite?.cases.map(\.id) == [suite.cases[0].id, "7"])
        #expect(loaded.record.casesSHA256 != nil)
    }

    @Test("a hundred runs over one suite store its cases once")
    func casesAreStoredOnce() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 7)
        let runner = Runner(store: store)
        for index in 0..<100 {
            let spec = RunSpec(name: "run \(index)", suite: suite, template: RunTestKit.template, model: ScriptedModel.perfect(), metrics: [.exact])
            _ = try await runner.runLoaded(spec)
        }
        let counts = try store.storedCaseCounts()
        #expect(counts.cases == 7)
        #expect(counts.listEntries == 7)
        #expect(try await store.runs().count == 100)

        // An edited suite adds only the case that changed, and a list of its own.
        var edited = suite.cases
        edited[3] = TestCase(id: "c3", fields: ["input": "question 3", "expected": "a new answer"])
        let spec = RunSpec(name: "edited", suite: Suite(cases: edited), template: RunTestKit.template, model: ScriptedModel.perfect())
        _ = try await runner.runLoaded(spec)
        let after = try store.storedCaseCounts()
        #expect(after.cases == 8)
        #expect(after.listEntries == 14)
    }

    @Test("a finished run stores its summary, equal to the statistics of its results")
    func storesItsSummary() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel { request, _ throws(ModelCallError) in
            let prompt = request.messages.last?.content ?? ""
            // Two answers of nine are wrong, so the mean is not trivial.
            return ModelResponse(text: prompt.hasSuffix("0") || prompt.hasSuffix("3") ? "wrong" : prompt.replacingOccurrences(of: "Q: question", with: "answer"))
        }
        let spec = RunSpec(name: "summary", suite: RunTestKit.suite(count: 9), template: RunTestKit.template, model: model, metrics: [.exact])
        let made = try await Runner(store: store).runLoaded(spec)
        let summary = try #require(made.record.summary)
        #expect(summary == RunStatistics(results: made.results))
        let exact = try #require(summary.entry(named: "exact"))
        #expect(exact.summary.count == 9)
        #expect(abs(exact.summary.mean - 7.0 / 9.0) < 1e-12)
        let reloaded = try await store.load(made.record.id)
        #expect(reloaded.record.summary == summary)
        #expect(try await store.runs().first?.summary == summary, "listing runs reads the stored summary")
    }

    @Test("a store from before self-contained records is migrated; its runs load without cases, their statistics computed")
    func migratesOlderStores() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let spec = RunSpec(name: "old", suite: RunTestKit.suite(count: 4), template: RunTestKit.template, model: ScriptedModel.perfect(), metrics: [.exact])
        let made = try await Runner(store: store).runLoaded(spec)
        // Make the store as the version before self-contained records wrote it.
        try await store.writing { db in
            try db.execute("DROP TABLE case_lists")
            try db.execute("DROP TABLE cases")
            try db.execute("ALTER TABLE runs DROP COLUMN cases_sha")
            try db.execute("ALTER TABLE runs DROP COLUMN summary")
            try db.execute("ALTER TABLE cache DROP COLUMN retries")
            try db.execute("DELETE FROM grdb_migrations WHERE identifier = 'records'")
        }
        let reopened = try RunStore(path: folder.path("runs.sqlite"))
        let loaded = try await reopened.load(made.record.id)
        #expect(loaded.cases == nil)
        #expect(loaded.record.summary == nil)
        #expect(loaded.results == made.results)
        #expect(loaded.statistics == made.record.summary, "computed from the results, the same as the summary stored now")
        let rerun = try await Runner(store: reopened).runLoaded(spec)
        #expect(rerun.results.allSatisfy { $0.isCached }, "answers cached before the migration are still found")
    }

    @Test("stored statistics read back exactly")
    func statisticsRoundTrip() throws {
        let results = (0..<25).map { index in
            CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [],
                       metrics: ["exact": .int(index % 3 == 0 ? 0 : 1), "rouge": ["rougeL": ["f1": .double(Double(index) / 7)]]],
                       status: .ok)
        }
        let statistics = RunStatistics(results: results)
        #expect(statistics.entries.map(\.name) == ["exact", "rouge/rougeL/f1"])
        let text = statistics.json.serialized()
        #expect(RunStatistics(json: try JSONValue.parse(text)) == statistics)
        #expect(RunStatistics(json: ["version": 2, "metrics": []]) == nil, "a form this build does not know is not read")
    }

    @Test("the configuration records the Assay version and the project's git revision and state")
    func recordsProvenance() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let project = folder.url.path
        try Self.git(["init", "-q"], in: project)
        _ = try folder.write("first\n", to: "notes.txt")
        try Self.git(["add", "notes.txt"], in: project)
        try Self.git(["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first"], in: project)
        let revision = try Self.git(["rev-parse", "HEAD"], in: project).trimmingCharacters(in: .whitespacesAndNewlines)

        let clean = RunProvenance.detect(directory: project)
        #expect(clean == RunProvenance(version: RunProvenance.assayVersion, gitRevision: revision, gitDirty: false))
        _ = try folder.write("changed\n", to: "notes.txt")
        #expect(RunProvenance.detect(directory: project).gitDirty == true)

        var spec = RunSpec(name: "p", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: ScriptedModel.perfect())
        spec.provenance = RunProvenance.detect(directory: project)
        let store = try RunStore(path: folder.url.appendingPathComponent("runs.sqlite").path)
        let made = try await Runner(store: store).runLoaded(spec)
        let assay = try #require(made.record.configuration.objectValue?["assay"])
        #expect(assay == ["version": .string(RunProvenance.assayVersion), "git": ["revision": .string(revision), "dirty": true]])
        #expect(try RunSettings(configuration: made.record.configuration).provenance == spec.provenance)

        let outside = try TemporaryDirectory()
        defer { outside.remove() }
        #expect(RunProvenance.detect(directory: outside.url.path) == RunProvenance(), "outside a checkout only the version is known")
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
