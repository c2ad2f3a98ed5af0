import AssayCore
import AssayMockServer
import Foundation
import Testing
@testable import AssayEvaluation

@Suite("Provider requests, checked against the mock server")
struct ProviderRequestTests {
    static let messages = [
        ChatMessage(role: "system", content: "You answer briefly."),
        ChatMessage(role: "user", content: "What is two plus two?"),
    ]

    /// Starts a server, makes one call to the model named `name`, and returns the answer and the
    /// request the server saw.
    static func call(
        _ entry: (String) -> ModelEntry, key: String = "test-key", parameters: ModelParameters = ModelParameters()
    ) async throws -> (ModelResponse, MockServerStats.Request) {
        let server = try await MockServer.start(MockServerConfiguration(policy: .fixed(["four words of answer"])))
        defer { Task { await server.shutdown() } }
        let base = "http://127.0.0.1:\(server.port)"
        let made = entry(base)
        let model = try ModelCatalog(entries: [made], keys: [made.name: key]).model(made.name, overriding: parameters)
        let response = try await model.complete(ModelRequest(messages: messages, timeout: .seconds(10)))
        let request = try #require(server.stats.requests.first)
        await server.shutdown()
        return (response, request)
    }

    @Test("OpenAI: POST {base_url}/chat/completions with a bearer key and only the parameters set")
    func openAI() async throws {
        let (response, request) = try await Self.call({ base in
            ModelEntry(name: "gpt", provider: .openAI, endpoint: base + "/v1", model: "gpt-4o-mini",
                       parameters: ModelParameters(temperature: 0.5, maxTokens: 20))
        }, parameters: ModelParameters(seed: 3, stop: ["\n"], responseFormat: ["type": "json_object"]))
        #expect(request.method == "POST")
        #expect(request.uri == "/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer test-key")
        #expect(request.header("api-key") == nil)
        #expect(request.header("content-type") == "application/json")
        let body = try JSONValue.parse(request.body)
        #expect(body == [
            "model": "gpt-4o-mini",
            "messages": [["role": "system", "content": "You answer briefly."], ["role": "user", "content": "What is two plus two?"]],
            "temperature": 0.5, "max_tokens": 20, "seed": 3, "stop": ["\n"], "response_format": ["type": "json_object"],
        ])
        #expect(response.text == "four words of answer")
        #expect(response.usage == TokenUsage(prompt: 8, completion: 4))
    }

    @Test("Azure OpenAI: the deployment and api-version in the URL, the key in api-key")
    func azureOpenAI() async throws {
        let (response, request) = try await Self.call { base in
            ModelEntry(name: "gpt4o", provider: .azureOpenAI, endpoint: base + "/", model: "gpt-4o",
                       apiVersion: "2024-02-15-preview")
        }
        #expect(request.path == "/openai/deployments/gpt-4o/chat/completions")
        #expect(request.query == "api-version=2024-02-15-preview")
        #expect(request.header("api-key") == "test-key")
        #expect(request.header("authorization") == nil)
        let body = try #require(try JSONValue.parse(request.body).objectValue)
        #expect(body.keys == ["messages"], "the deployment is in the URL and no parameter was set")
        #expect(response.text == "four words of answer")
    }

    @Test("Azure AI model inference: {endpoint}/chat/completions with api-key and the model in the body")
    func azureAI() async throws {
        let (_, request) = try await Self.call { base in
            ModelEntry(name: "phi", provider: .azureAI, endpoint: base, model: "Phi-4", apiVersion: "2024-05-01-preview")
        }
        #expect(request.path == "/chat/completions")
        #expect(request.query == "api-version=2024-05-01-preview")
        #expect(request.header("api-key") == "test-key")
        #expect(try JSONValue.parse(request.body).objectValue?["model"] == "Phi-4")
    }

    @Test("Anthropic: /v1/messages, x-api-key, anthropic-version, system on top, max_tokens defaulted")
    func anthropic() async throws {
        let (response, request) = try await Self.call({ base in
            ModelEntry(name: "claude", provider: .anthropic, endpoint: base, model: "claude-3-5-haiku",
                       parameters: ModelParameters(temperature: 0, seed: 9, stop: ["END"]))
        })
        #expect(request.uri == "/v1/messages")
        #expect(request.header("x-api-key") == "test-key")
        #expect(request.header("anthropic-version") == "2023-06-01")
        #expect(request.header("authorization") == nil)
        #expect(try JSONValue.parse(request.body) == [
            "model": "claude-3-5-haiku", "system": "You answer briefly.",
            "messages": [["role": "user", "content": "What is two plus two?"]],
            "max_tokens": 1024, "temperature": 0.0, "stop_sequences": ["END"],
        ])
        #expect(response.text == "four words of answer")
        #expect(response.usage == TokenUsage(prompt: 8, completion: 4))
    }

    @Test("usage is optional in an answer, and content parts are joined")
    func answerParsing() throws {
        let plain = try OpenAIChatModel.parse(["choices": [["message": ["role": "assistant", "content": "hi"]]]],
                                              providerName: "OpenAI")
        #expect(plain == ModelResponse(text: "hi", usage: nil))
        let parts = try OpenAIChatModel.parse(
            ["choices": [["message": ["content": [["type": "text", "text": "a"], ["type": "text", "text": "b"]]]]],
             "usage": ["prompt_tokens": 3, "completion_tokens": 2]], providerName: "OpenAI")
        #expect(parts == ModelResponse(text: "ab", usage: TokenUsage(prompt: 3, completion: 2)))
        let anthropic = try AnthropicChatModel.parse(
            ["content": [["type": "text", "text": "x"], ["type": "tool_use", "id": "t"], ["type": "text", "text": "y"]],
             "usage": ["input_tokens": 10, "output_tokens": 1]])
        #expect(anthropic == ModelResponse(text: "xy", usage: TokenUsage(prompt: 10, completion: 1)))
        #expect(throws: ModelCallError.self) { try OpenAIChatModel.parse(["choices": []], providerName: "OpenAI") }
    }
}
