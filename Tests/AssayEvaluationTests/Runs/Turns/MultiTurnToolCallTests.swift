import AssayCore
import Testing
@testable import AssayEvaluation

/// A conversation in a run that offers tools: every turn records the calls its answer made, and the
/// case records its last turn's, as its output is the last turn's.
@Suite("Multi-turn runs with tool calls")
struct MultiTurnToolCallTests {
    static func call(_ name: String, _ arguments: JSONValue) -> JSONValue { ["name": .string(name), "arguments": arguments] }

    static let trip = TestCase(fields: [
        "id": "trip", "turns": [
            ["input": "weather in Paris?", "expected": "18°C, sunny.", "expected_tool_calls": [call("get_weather", ["city": "Paris"])]],
            ["input": "and the time there?", "expected": "Noon.", "expected_tool_calls": [call("get_time", ["city": "Paris"])]],
            ["input": "thanks", "expected": "You're welcome.", "expected_tool_calls": []],
        ],
    ])

    @Test("each turn's calls are scored, recorded, stored and read back in a new connection; the case's are the last turn's")
    func perTurnCalls() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let metrics = try MetricCatalogue(environment: MetricEnvironment()).metrics([
            MetricSpec(name: "calls", kind: .toolCallsMatch(field: "expected_tool_calls", ordered: true)),
            MetricSpec(.toolCalled(name: "get_weather")),
        ])
        let spec = RunSpec(
            name: "trip", suite: Suite(cases: [Self.trip]), template: MultiTurnRunTests.template, model: MockChatModel(.perfect),
            parameters: ModelParameters(tools: [ToolDefinition(name: "get_weather"), ToolDefinition(name: "get_time")]),
            metrics: metrics)
        let run = try await Runner(store: store).runLoaded(spec)
        let result = try #require(run.results.first)
        #expect(result.status == .ok, "\(result.error ?? "")")
        let turns = try #require(result.turns)
        #expect(turns.map { $0.toolCalls?.map(\.name) } == [["get_weather"], ["get_time"], []])
        #expect(turns[0].toolCalls?.first?.arguments == ["city": "Paris"])
        #expect(turns.map { $0.metrics["calls"]?.objectValue?["score"] } == [1, 1, 1])
        #expect(turns.map { $0.metrics["tool_called"] } == [1, 0, 0])
        #expect(result.toolCalls == [], "the case's calls are its last turn's")

        let reopened = try RunStore(path: try #require(store.path))
        let stored = try #require(try await reopened.load(run.record.id).results.first)
        #expect(stored.turns?.map(\.toolCalls) == turns.map(\.toolCalls))
        #expect(stored.toolCalls == [])
        let exported = RunExport.turnJSON(try #require(stored.turns?.first), caseID: "trip")
        #expect(exported.objectValue?["tool_calls"]?.arrayValue?.first?.objectValue?["name"] == "get_weather")
    }

    @Test("a conversation in a run offering no tools records no calls, on its turns or on the case")
    func noTools() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Runner(store: store).runLoaded(MultiTurnRunTests.spec([Self.trip], model: MockChatModel(.perfect)))
        let result = try #require(run.results.first)
        #expect(result.status == .ok, "\(result.error ?? "")")
        #expect(result.turns?.count == 3)
        #expect(result.turns?.allSatisfy { $0.toolCalls == nil } == true)
        #expect(result.toolCalls == nil)
    }
}
