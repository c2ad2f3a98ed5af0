import AssayCore
import AssayMockServer
import Testing
@testable import AssayEvaluation

/// Conversations whose turns give tool results: the model calls a tool, the next turn sends the
/// tool's result, and the model answers with text. The history reaches each provider in its API's
/// shape, over real HTTP against the mock server, which refuses what the real APIs refuse.
@Suite("Tool results as turns of a conversation")
struct ToolResultTurnTests {
    static let weatherCall: JSONValue = ["name": "get_weather", "arguments": ["city": "Paris"]]

    static func trip(results: JSONValue = [["name": "get_weather", "content": "18°C, sunny"]]) -> TestCase {
        TestCase(id: "paris", fields: [
            "turns": [
                ["input": "Weather in Paris?", "expected": "Let me look.", "expected_tool_calls": [weatherCall]],
                ["tool_results": results, "expected": "It is 18°C and sunny in Paris."],
            ],
        ])
    }

    static let template = try! PromptTemplate(system: "Use the tools.", user: "{{ input }}")
    static let tools = ModelParameters(tools: [ToolDefinition(name: "get_weather"), ToolDefinition(name: "get_time")])

    static func spec(_ model: any ChatModel, cases: [TestCase] = [trip()], history: ConversationHistory = .model) throws -> RunSpec {
        let metrics = try MetricCatalogue(environment: MetricEnvironment()).metrics([
            MetricSpec(.exact(.none)), MetricSpec(.toolCalled(name: "get_weather")),
        ])
        var spec = RunSpec(name: "trip", suite: Suite(cases: cases), template: template, model: model, parameters: tools, metrics: metrics)
        spec.history = history
        return spec
    }

    static func entry(_ provider: String, base: String) -> ModelEntry {
        switch provider {
        case "openai": ModelEntry(name: "gpt", provider: .openAI, endpoint: base + "/v1", model: "gpt-4o-mini")
        case "azure": ModelEntry(name: "gpt", provider: .azureOpenAI, endpoint: base, model: "gpt-4o", apiVersion: "2024-10-21")
        default: ModelEntry(name: "gpt", provider: .anthropic, endpoint: base, model: "claude-haiku")
        }
    }

    /// Runs the conversation against a mock server with `policy`; the run and the bodies the server received.
    static func serve(_ provider: String, policy: MockServerConfiguration.AnswerPolicy = .oracle(Suite(cases: [trip()])),
                      history: ConversationHistory = .model) async throws -> (StoredRun, [JSONObject]) {
        let server = try await MockServer.start(MockServerConfiguration(policy: policy))
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let made = entry(provider, base: "http://127.0.0.1:\(server.port)")
        let model = try ModelCatalog(entries: [made], keys: ["gpt": "k"]).model("gpt")
        let run: StoredRun
        do {
            run = try await Runner(store: store).runLoaded(spec(model, history: history))
        } catch {
            await server.shutdown()
            throw error
        }
        let requests = server.stats.requests
        await server.shutdown()
        #expect(requests.map(\.status) == [200, 200], "\(requests.map(\.body))")
        return (run, try requests.map { try #require(try JSONValue.parse($0.body).objectValue) })
    }

    @Test("OpenAI and Azure: the assistant's tool_calls, then a tool message naming the call; both turns scored",
          arguments: ["openai", "azure"])
    func openAIShape(provider: String) async throws {
        let (run, bodies) = try await Self.serve(provider)
        let result = try #require(run.results.first)
        #expect(result.status == .ok, "\(result.error ?? "")")
        #expect(result.turns?.map { $0.metrics["exact"] } == [1, 1])
        #expect(result.turns?.map { $0.metrics["tool_called"] } == [1, 0])
        let id = try #require(result.turns?.first?.toolCalls?.first?.id)
        #expect(bodies[1]["messages"] == [
            ["role": "system", "content": "Use the tools."],
            ["role": "user", "content": "Weather in Paris?"],
            ["role": "assistant", "content": "Let me look.", "tool_calls": [
                ["id": .string(id), "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Paris"}"#]],
            ]],
            ["role": "tool", "content": "18°C, sunny", "tool_call_id": .string(id)],
        ])
        #expect(result.output == "It is 18°C and sunny in Paris.")
    }

    @Test("Anthropic: the assistant's tool_use blocks, then a user message of tool_result blocks; both turns scored")
    func anthropicShape() async throws {
        let (run, bodies) = try await Self.serve("anthropic")
        let result = try #require(run.results.first)
        #expect(result.status == .ok, "\(result.error ?? "")")
        #expect(result.turns?.map { $0.metrics["exact"] } == [1, 1])
        let id = try #require(result.turns?.first?.toolCalls?.first?.id)
        #expect(bodies[1]["system"] == "Use the tools.")
        #expect(bodies[1]["messages"] == [
            ["role": "user", "content": "Weather in Paris?"],
            ["role": "assistant", "content": [
                ["type": "text", "text": "Let me look."],
                ["type": "tool_use", "id": .string(id), "name": "get_weather", "input": ["city": "Paris"]],
            ]],
            ["role": "user", "content": [["type": "tool_result", "tool_use_id": .string(id), "content": "18°C, sunny"]]],
        ])
    }

    @Test("history: expected shows the turn's expected calls, given ids, whatever the model called", arguments: ["openai", "anthropic"])
    func expectedHistory(provider: String) async throws {
        let (_, bodies) = try await Self.serve(provider, policy: .fixed(["No idea."]), history: .expected)
        let messages = try #require(bodies[1]["messages"]?.arrayValue)
        let shown = provider == "openai"
            ? messages[2].objectValue?["tool_calls"]?.arrayValue?.first?.objectValue?["id"]
            : messages[1].objectValue?["content"]?.arrayValue?.last?.objectValue?["id"]
        let answered = provider == "openai"
            ? messages[3].objectValue?["tool_call_id"]
            : messages[2].objectValue?["content"]?.arrayValue?.first?.objectValue?["tool_use_id"]
        #expect(shown == "call_0_0")
        #expect(answered == "call_0_0")
    }

    @Test("with the mock models, both turns are scored and each turn's calls and messages are stored and read back")
    func mockModelsAndStore() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let run = try await Runner(store: store).runLoaded(Self.spec(MockChatModel(.perfect)))
        let result = try #require(run.results.first)
        #expect(result.status == .ok, "\(result.error ?? "")")
        #expect(result.metrics["exact"] == 1)
        #expect(result.turns?.map { $0.metrics["tool_called"] } == [1, 0])
        let last = try #require(result.turns?.last)
        #expect(last.prompt.last == ChatMessage.toolResult("18°C, sunny", callID: "call_0_0"))
        #expect(last.prompt.dropLast().last?.toolCalls.map(\.name) == ["get_weather"])

        let reopened = try RunStore(path: try #require(store.path))
        let stored = try #require(try await reopened.load(run.record.id).results.first)
        #expect(stored.turns?.map(\.toolCalls) == result.turns?.map(\.toolCalls))
        #expect(stored.turns?.last?.prompt == last.prompt)
    }

    @Test("results matched by id, by name or by order answer the right calls")
    func matching() throws {
        let calls = [ToolCall(id: "a", name: "get_weather", arguments: ["city": "Paris"]),
                     ToolCall(id: "b", name: "get_time", arguments: [:]), ToolCall(id: "c", name: "get_weather", arguments: ["city": "Lyon"])]
        let results = [ToolResult(name: "get_time", content: "noon"), ToolResult(id: "c", content: "12°C"), ToolResult(content: "18°C")]
        #expect(try ToolResult.messages(results, answering: calls).map(\.toolCallID) == ["b", "c", "a"])
        #expect(throws: ToolResultError("tool_results[0] answers get_forecast, which the previous answer did not call (or not that often)")) {
            try ToolResult.messages([ToolResult(name: "get_forecast", content: "rain")], answering: calls)
        }
    }

    @Test("a malformed tool-results turn is refused before any request, naming the case and the turn")
    func malformed() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = CountingModel(MockChatModel(.perfect))
        for (results, problem) in [
            ([["name": "get_weather"]] as JSONValue, "tool_results[0] has no 'content'"),
            ("sunny", #"'tool_results' must be a non-empty list of records such as {"name": "get_weather", "content": "18°C, sunny"}, not a string"#),
            ([["id": 3, "content": "sunny"]], "tool_results[0].id must be text, not a number"),
        ] {
            await #expect(throws: RunError(.invalidSpec, "case 'paris', turn 2: \(problem)")) {
                try await Runner(store: store).runLoaded(Self.spec(model, cases: [Self.trip(results: results)]))
            }
        }
        let first = TestCase(id: "early", fields: ["turns": [["tool_results": [["content": "sunny"]], "expected": "ok"]]])
        await #expect(throws: RunError(.invalidSpec, "case 'early', turn 1: 'tool_results' answers the calls of the answer before, and the first turn has none")) {
            try await Runner(store: store).runLoaded(Self.spec(model, cases: [first]))
        }
        #expect(model.calls == 0)
    }

    @Test("tool results after an answer that called no tool stop the case at that turn")
    func nothingToAnswer() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        var spec = try Self.spec(MockChatModel(.perfect))
        spec.parameters = ModelParameters()
        let result = try #require(try await Runner(store: store).runLoaded(spec).results.first)
        #expect(result.status == .templateError)
        #expect(result.error == "turn 2 of 2: tool_results[0] answers a tool call, but the previous answer called no tool")
        #expect(result.turns?.map(\.status) == [.ok, .templateError])
    }
}
