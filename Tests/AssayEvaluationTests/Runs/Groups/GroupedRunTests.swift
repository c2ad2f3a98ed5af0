@testable import AssayEvaluation
import Foundation
import Synchronization
import Testing

/// `group: n`: several cases per request, split back per case.
@Suite("Grouped runs")
struct GroupedRunTests {
    @Test("ten cases per request: ten calls for a hundred cases, the same answers as one case per request")
    func groupsOfTen() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 100)
        var grouped = RunSpec(name: "grouped", suite: suite, template: RunTestKit.template, model: MockChatModel(.perfect),
                              metrics: [.exact])
        grouped.group = 10
        let model = CountingModel(MockChatModel(.perfect))
        grouped.model = model
        let run = try await Runner(store: store).runLoaded(grouped)
        #expect(model.calls == 10)
        #expect(run.results.count == 100)
        #expect(run.results.allSatisfy { $0.status == .ok && $0.metrics["exact"] == .int(1) })
        #expect(run.results.map(\.extracted) == suite.cases.map(\.expected))
        #expect(model.requests.allSatisfy { $0.groupedCases.count == 10 })
        #expect(model.requests.map { $0.groupedCases.map(\.id) }.sorted { $0[0] < $1[0] }.first == (0..<10).map { "c\($0)" })

        let again = try await Runner(store: store).runLoaded(grouped)
        #expect(model.calls == 10, "the same groups are answered from the cache")
        #expect(again.results.allSatisfy { $0.isCached })
    }

    @Test("an answer with items 1 to 7 of 10 leaves exactly cases 8 to 10 without an answer")
    func partialAnswer() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel(name: "partial") { request, _ throws(ModelCallError) in
            let items = request.groupedCases.prefix(7).enumerated().map { "\($0.offset + 1). \($0.element.expected!.stringValue!)" }
            return ModelResponse(text: items.joined(separator: "\n"), usage: TokenUsage(prompt: 101, completion: 23))
        }
        var spec = RunSpec(name: "partial", suite: RunTestKit.suite(count: 10), template: RunTestKit.template, model: model,
                           metrics: [.exact])
        spec.group = 10
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(model.calls == 1)
        let failed = run.results.filter { $0.status == .extractError }
        #expect(failed.map(\.caseID) == ["c7", "c8", "c9"])
        #expect(failed.map(\.error) == (8...10).map { "the grouped answer has no item \($0) of 10" })
        #expect(failed.allSatisfy { $0.output?.hasPrefix("1. answer 0\n2. answer 1") == true }, "the whole answer is kept")
        #expect(run.results.filter { $0.status == .ok }.map(\.output) == (0..<7).map { "answer \($0)" })
        #expect(run.results.reduce(0) { $0 + ($1.usage?.prompt ?? 0) } == 101)
        #expect(run.results.reduce(0) { $0 + ($1.usage?.completion ?? 0) } == 23)
        #expect(run.results.compactMap(\.usage).count == 10, "every case of the call gets a share")
        #expect(Set(run.results.map(\.latencyMilliseconds)).count == 1, "each case's latency is the call's")
    }

    @Test("a model error fails every case of its group, and no other")
    func modelErrorFailsTheGroup() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel(name: "half-broken") { request, _ throws(ModelCallError) in
            if request.groupedCases.first?.id == "c4" { throw ModelCallError(.client(status: 400), "bad request") }
            let items = request.groupedCases.enumerated().map { "\($0.offset + 1). \($0.element.expected!.stringValue!)" }
            return ModelResponse(text: items.joined(separator: "\n"))
        }
        var spec = RunSpec(name: "broken", suite: RunTestKit.suite(count: 10), template: RunTestKit.template, model: model)
        spec.group = 4
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(model.calls == 3, "groups of 4, 4 and 2")
        #expect(run.results.filter { $0.status == .modelError }.map(\.caseID) == ["c4", "c5", "c6", "c7"])
        #expect(run.results.filter { $0.status == .modelError }.allSatisfy { $0.error == "bad request" })
        #expect(run.results.filter { $0.status == .ok }.count == 6)
    }

    @Test("a case whose template fails is left out of its group's request")
    func templateErrorLeftOut() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        var cases = RunTestKit.suite(count: 3).cases
        cases[1] = TestCase(id: "c1", fields: ["expected": "answer 1"])
        let model = CountingModel(MockChatModel(.perfect))
        var spec = RunSpec(name: "gaps", suite: Suite(cases: cases), template: RunTestKit.template, model: model)
        spec.group = 3
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(run.results.map(\.status) == [.ok, .templateError, .ok])
        #expect(model.requests.map { $0.groupedCases.map(\.id) } == [["c0", "c2"]])
        #expect(run.results.map(\.output) == ["answer 0", nil, "answer 2"])
    }

    @Test("groups hold cases of one sample in suite order; resuming groups only the missing cases")
    func unitsAndResume() async throws {
        let suite = RunTestKit.suite(count: 5)
        var spec = RunSpec(name: "units", suite: suite, template: RunTestKit.template, model: MockChatModel(.perfect), samples: 2)
        spec.group = 2
        let units = Runner.workUnits(Runner.workItems(for: spec, skipping: []), group: 2)
        #expect(units.map { $0.map { "\($0.testCase.id)#\($0.sample)" } } == [
            ["c0#0", "c1#0"], ["c2#0", "c3#0"], ["c4#0"], ["c0#1", "c1#1"], ["c2#1", "c3#1"], ["c4#1"],
        ])

        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        spec.samples = 1
        let first = try await Runner(store: store).runLoaded(spec)
        try await store.writing { db in
            try db.execute("DELETE FROM case_results WHERE case_id IN ('c1', 'c3', 'c4')")
        }
        let model = CountingModel(MockChatModel(.perfect))
        spec.model = model
        spec.usesCache = false
        let resumed = try await Runner(store: store).resumeLoaded(first.record.id, with: spec)
        let asked = model.requests.map { $0.groupedCases.isEmpty ? [$0.testCase?.id ?? "?"] : $0.groupedCases.map(\.id) }
        #expect(asked.sorted { $0[0] < $1[0] } == [["c1", "c3"], ["c4"]], "the last, single case is asked alone")
        #expect(resumed.results.map(\.caseID) == ["c0", "c1", "c2", "c3", "c4"])
        #expect(resumed.results.allSatisfy { $0.status == .ok })
    }

    @Test("group must be at least 1, and multi-turn cases cannot be grouped")
    func validation() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        var spec = RunSpec(name: "bad", suite: RunTestKit.suite(count: 2), template: RunTestKit.template, model: MockChatModel(.perfect))
        spec.group = 0
        await #expect(throws: RunError(.invalidSpec, "group must be at least 1, not 0")) { try await Runner(store: store).runLoaded(spec) }
        spec.group = 2
        spec.suite = Suite(cases: [TestCase(id: "t1", fields: ["turns": [["input": "a", "expected": "b"]]])])
        await #expect(throws: RunError(.invalidSpec, "case 't1' has turns, and multi-turn cases cannot be grouped: run them with group: 1 (the default)")) {
            try await Runner(store: store).runLoaded(spec)
        }
    }

    @Test("group and history are stored with the run and read back for rerun and resume")
    func storedSettings() throws {
        var spec = RunSpec(name: "s", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: MockChatModel(.perfect))
        spec.group = 5
        spec.history = .expected
        let settings = try RunSettings(configuration: spec.configuration)
        #expect(settings.group == 5 && settings.history == .expected)
        let rebuilt = RunSpec(settings: settings, suite: spec.suite, template: spec.template, model: spec.model, extraction: .text, metrics: [])
        #expect(rebuilt.group == 5 && rebuilt.history == .expected)

        var old = spec.configuration.objectValue!
        old["group"] = nil
        old["history"] = nil
        let older = try RunSettings(configuration: .object(old))
        #expect(older.group == 1 && older.history == .model, "runs stored before the settings existed")
    }
}

/// Wraps a model, remembering every request it answers.
final class CountingModel: ChatModel {
    private let base: any ChatModel
    private let log = Mutex<[ModelRequest]>([])

    init(_ base: any ChatModel) { self.base = base }

    var descriptor: ModelDescriptor { base.descriptor }
    var requests: [ModelRequest] { log.withLock { $0 } }
    var calls: Int { requests.count }

    func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        log.withLock { $0.append(request) }
        return try await base.complete(request)
    }
}
