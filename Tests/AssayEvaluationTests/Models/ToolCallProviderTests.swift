import AssayCore
import AssayMockServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import AssayEvaluation

/// Tools and tool choices reach each provider in its API's shape, and each provider's tool-call
/// answer is read back: over real HTTP against the mock server, which refuses what the real APIs
/// refuse and answers with the calls its suite's case expects.
@Suite("Tool calls, over HTTP against the mock server")
struct ToolCallProviderTests {
    static let weather = ToolDefinition(
        name: "get_weather", description: "The weather in a city",
        parameters: ["type": "object", "properties": ["city": ["type": "string"], "unit": ["enum": ["c", "f"]]], "required": ["city"]])
    static let time = ToolDefinition(name: "get_time")

    /// The server's behaviour: asked about Paris, it calls get_weather and get_time.
    static let serverSuite = Suite(cases: [
        TestCase(id: "paris", fields: [
            "input": "Weather and time in Paris?",
            "expected_tool_calls": [["name": "get_weather", "arguments": ["city": "Paris", "unit": "c"]], ["name": "get_time", "arguments": [:]]],
        ]),
    ])

    static let messages = [ChatMessage(role: "system", content: "Use the tools."), ChatMessage(role: "user", content: "Weather and time in Paris?")]

    static func call(_ entry: (String) -> ModelEntry, parameters: ModelParameters) async throws -> (ModelResponse, JSONObject) {
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(serverSuite)))
        let base = "http://127.0.0.1:\(server.port)"
        let made = entry(base)
        let model = try ModelCatalog(entries: [made], keys: [made.name: "k"]).model(made.name, overriding: parameters)
        let response: ModelResponse
        do {
            response = try await model.complete(ModelRequest(messages: messages, timeout: .seconds(10)))
        } catch {
            await server.shutdown()
            throw error
        }
        let request = try #require(server.stats.requests.first)
        #expect(request.status == 200, "the server refused: \(request.body)")
        await server.shutdown()
        return (response, try #require(try JSONValue.parse(request.body).objectValue))
    }

    static let expectedCalls = [
        ToolCall(name: "get_weather", arguments: ["city": "Paris", "unit": "c"]), ToolCall(name: "get_time", arguments: [:]),
    ]

    @Test("OpenAI: function tools and a named tool_choice; tool_calls with JSON-text arguments are parsed")
    func openAI() async throws {
        let (response, body) = try await Self.call({ ModelEntry(name: "gpt", provider: .openAI, endpoint: $0 + "/v1", model: "gpt-4o-mini") },
                                                   parameters: ModelParameters(tools: [Self.weather, Self.time], toolChoice: .named("get_weather")))
        #expect(body["tools"] == [
            ["type": "function", "function": ["name": "get_weather", "description": "The weather in a city", "parameters": Self.weather.parameters!]],
            ["type": "function", "function": ["name": "get_time", "parameters": ["type": "object", "properties": [:]]]],
        ])
        #expect(body["tool_choice"] == ["type": "function", "function": ["name": "get_weather"]])
        #expect(response.toolCalls.map { ToolCall(name: $0.name, arguments: $0.arguments) } == Self.expectedCalls)
        #expect(response.toolCalls.allSatisfy { $0.id?.hasPrefix("call_") == true })
        #expect(response.text == "")
    }

    @Test("Azure OpenAI: the same body without a model, tool_choice \"required\"")
    func azure() async throws {
        let (response, body) = try await Self.call({ ModelEntry(name: "az", provider: .azureOpenAI, endpoint: $0, model: "gpt-4o", apiVersion: "2024-10-21") },
                                                   parameters: ModelParameters(tools: [Self.weather], toolChoice: .required))
        #expect(body["model"] == nil)
        #expect(body["tools"]?.arrayValue?.first?.objectValue?["function"]?.objectValue?["name"] == "get_weather")
        #expect(body["tool_choice"] == "required")
        #expect(response.toolCalls.map(\.name) == ["get_weather", "get_time"])
    }

    @Test("Anthropic: input_schema tools and {type: any}; tool_use blocks are parsed", arguments: [
        (ToolChoice.required, #"{"type": "any"}"#), (.auto, #"{"type": "auto"}"#), (.none, #"{"type": "none"}"#),
        (.named("get_time"), #"{"type": "tool", "name": "get_time"}"#),
    ])
    func anthropic(_ choice: ToolChoice, _ sentText: String) async throws {
        let (response, body) = try await Self.call({ ModelEntry(name: "claude", provider: .anthropic, endpoint: $0, model: "claude-haiku") },
                                                   parameters: ModelParameters(tools: [Self.weather, Self.time], toolChoice: choice))
        #expect(body["tools"] == [
            ["name": "get_weather", "description": "The weather in a city", "input_schema": Self.weather.parameters!],
            ["name": "get_time", "input_schema": ["type": "object", "properties": [:]]],
        ])
        #expect(body["tool_choice"] == (try JSONValue.parse(sentText)))
        #expect(response.toolCalls.map { ToolCall(name: $0.name, arguments: $0.arguments) } == Self.expectedCalls)
        #expect(response.toolCalls.allSatisfy { $0.id?.hasPrefix("toolu_") == true })
    }

    @Test("streamed tool calls are put together from their pieces", arguments: ["openai", "azure", "anthropic"])
    func streamed(_ provider: String) async throws {
        let (response, body) = try await Self.call({ base in
            switch provider {
            case "openai": ModelEntry(name: "gpt", provider: .openAI, endpoint: base + "/v1", model: "m")
            case "azure": ModelEntry(name: "az", provider: .azureOpenAI, endpoint: base, model: "gpt-4o", apiVersion: "2024-10-21")
            default: ModelEntry(name: "claude", provider: .anthropic, endpoint: base, model: "claude-haiku")
            }
        }, parameters: ModelParameters(tools: [Self.weather, Self.time], stream: true))
        #expect(body["stream"] == true)
        #expect(response.toolCalls.map { ToolCall(name: $0.name, arguments: $0.arguments) } == Self.expectedCalls)
        #expect(response.toolCalls.allSatisfy { $0.id != nil })
        #expect(response.streamTiming != nil)
        #expect(response.text == "")
    }

    @Test("without tools, no tools or tool_choice are sent and no calls are read")
    func withoutTools() async throws {
        let (response, body) = try await Self.call({ ModelEntry(name: "gpt", provider: .openAI, endpoint: $0 + "/v1", model: "m") },
                                                   parameters: ModelParameters())
        #expect(body["tools"] == nil && body["tool_choice"] == nil)
        #expect(response.toolCalls.isEmpty)
    }

    @Test("a json_schema response format reaches OpenAI as it is, and Anthropic as a tool it must call whose input is the answer")
    func structuredOutput() async throws {
        let schema: JSONValue = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
        let format: JSONValue = ["type": "json_schema", "json_schema": ["name": "place", "schema": schema, "strict": true]]
        let (_, openAI) = try await Self.call({ ModelEntry(name: "gpt", provider: .openAI, endpoint: $0 + "/v1", model: "m") },
                                              parameters: ModelParameters(responseFormat: format))
        #expect(openAI["response_format"] == format)
        let (_, anthropic) = try await Self.call({ ModelEntry(name: "claude", provider: .anthropic, endpoint: $0, model: "claude-haiku") },
                                                 parameters: ModelParameters(responseFormat: format))
        #expect(anthropic["tools"] == [["name": "place", "description": "Answer with JSON that matches this schema.", "input_schema": schema]])
        #expect(anthropic["tool_choice"] == ["type": "tool", "name": "place"])
        #expect(anthropic["response_format"] == nil)
        let answer = try AnthropicChatModel.parse(
            ["content": [["type": "tool_use", "id": "toolu_1", "name": "place", "input": ["city": "Oslo"]]], "usage": ["input_tokens": 5, "output_tokens": 3]],
            structuredTool: "place")
        #expect(answer.text == #"{"city":"Oslo"}"#)
        #expect(answer.toolCalls.isEmpty)
    }

    @Test("the mock server refuses tools in the wrong API's shape, as the real APIs do")
    func refusesWrongShapes() async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(Self.serverSuite)))
        let base = "http://127.0.0.1:\(server.port)"
        let openAIBody: JSONValue = ["model": "m", "messages": [["role": "user", "content": "hi"]], "tools": [["name": "get_time", "input_schema": [:]]]]
        let anthropicBody: JSONValue = ["model": "m", "max_tokens": 5, "messages": [["role": "user", "content": "hi"]], "tool_choice": "required"]
        for (path, body) in [("/v1/chat/completions", openAIBody), ("/v1/messages", anthropicBody)] {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = "POST"
            request.httpBody = Data(body.serialized().utf8)
            request.setValue("application/json", forHTTPHeaderField: "content-type")
            let (_, answer) = try await URLSession.shared.data(for: request)
            #expect((answer as? HTTPURLResponse)?.statusCode == 400, "\(path)")
        }
        await server.shutdown()
    }
}
