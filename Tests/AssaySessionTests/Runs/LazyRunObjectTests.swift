import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation
import Testing

@testable import AssaySession

/// A run object made from its record (as `run`, `runs` and `resume` make them) reads its results
/// and cases from the store only when a member needs them, and gives exactly what the object made
/// from the whole run in memory gives: every member, the display and the JSON.
@Suite struct LazyRunObjectTests {
    /// A store in a fresh temporary folder, and the folder.
    static func store() throws -> (RunStore, URL) {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-lazy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try RunStore(path: folder.appendingPathComponent("runs.sqlite").path), folder)
    }

    /// Cases `c0` … whose expected answer is `yes` or `no`.
    static func suite(count: Int) -> Suite {
        Suite(cases: (0..<count).map { index in
            TestCase(id: "c\(index)", fields: ["input": .string("question \(index)"), "expected": .string(index % 3 == 0 ? "no" : "yes")])
        })
    }

    /// The run made by `spec`, as the lazy object and as the object of the whole run in memory.
    static func objects(_ spec: RunSpec, store: RunStore) async throws -> (lazy: RunObject, eager: RunObject) {
        let record = try await Runner(store: store).run(spec)
        let lazy = try RunObject(record: record, store: store)
        let eager = RunObject(try await store.load(record.id), cases: spec.suite.cases)
        return (lazy, eager)
    }

    /// Every member's JSON and text, the display and the JSON of both objects are the same.
    static func expectSame(_ lazy: RunObject, _ eager: RunObject, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in RunObject.members {
            let left = try #require(lazy.member(name)), right = try #require(eager.member(name))
            #expect(try JSONBridge.json(left) == JSONBridge.json(right), "r/\(name)", sourceLocation: sourceLocation)
            #expect(ValueRenderer.bundle(for: left) == ValueRenderer.bundle(for: right), "r/\(name)", sourceLocation: sourceLocation)
        }
        #expect(lazy.plainText == eager.plainText, sourceLocation: sourceLocation)
        #expect(lazy.mimeBundle == eager.mimeBundle, sourceLocation: sourceLocation)
        #expect(lazy.jsonValue == eager.jsonValue, sourceLocation: sourceLocation)
    }

    @Test("a run with failed calls and several samples: summary, counts, cases, by_case, flaky, cost and the display are the eager object's")
    func samplesAndErrors() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = RunSpec(
            name: "flakey", suite: Self.suite(count: 40), template: try PromptTemplate(text: "Q: {{ input }}"),
            model: MockChatModel(.flakey, price: ModelPrice(input: 1, output: 2)), metrics: [.exact], retries: 0, samples: 3
        )
        spec.reduce = .passAt(2)
        let (lazy, eager) = try await Self.objects(spec, store: store)
        #expect(lazy.record.counts.errors > 0, "the run has errors to break down")
        // Showing the run reads its record and the store's count of each status, not its results.
        #expect(lazy.plainText.contains("errors: "))
        #expect(!lazy.holdsResults)
        try Self.expectSame(lazy, eager)
        #expect(lazy.holdsResults, "r/cases read the results, once")
    }

    @Test("a run held to labels: its classification report is the eager object's")
    func labelsReport() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = RunSpec(
            name: "labels", suite: Self.suite(count: 30), template: try PromptTemplate(text: "Q: {{ input }}"),
            model: MockChatModel(.flakey), extraction: .labels(["yes", "no"]), metrics: [.exact], retries: 0
        )
        let (lazy, eager) = try await Self.objects(spec, store: store)
        #expect(lazy.member("report") != .null)
        try Self.expectSame(lazy, eager)
    }

    @Test("a run without errors is shown from its record alone")
    func cleanRunIsShownFromItsRecord() async throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = RunSpec(
            name: "perfect", suite: Self.suite(count: 12), template: try PromptTemplate(text: "Q: {{ input }}"),
            model: MockChatModel(.perfect), metrics: [.exact]
        )
        let (lazy, eager) = try await Self.objects(spec, store: store)
        #expect(lazy.plainText == eager.plainText)
        #expect(!lazy.holdsResults)
        try Self.expectSame(lazy, eager)
    }
}
