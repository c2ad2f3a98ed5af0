import AssayCore
import AssayEvaluation
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import AssayMockServer

/// The mock server refuses what the real APIs refuse, lists models, and streams when asked.
@Suite("The mock server speaks the real APIs' protocol")
struct MockServerProtocolTests {
    /// A request the real API refuses, and words its 400 message must hold.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let path: String
        let body: String
        let message: String
        var testDescription: String { "\(path) \(body)" }
    }

    static let refusals: [Refusal] = [
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m", "messages": []}"#, message: "empty array"),
        Refusal(path: "/v1/chat/completions", body: #"{"messages": [{"role": "user", "content": "hi"}]}"#,
                message: "you must provide a model parameter"),
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m", "messages": "nope"}"#,
                message: "Invalid type for 'messages': expected an array of objects, but got a string instead."),
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m"}"#, message: "Missing required parameter: 'messages'."),
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m", "messages": [{"role": "robot", "content": "hi"}]}"#,
                message: "'messages[0].role'"),
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m", "messages": [{"role": "user", "content": 3}]}"#,
                message: "'messages[0].content'"),
        Refusal(path: "/v1/chat/completions", body: #"{"model": 7, "messages": [{"role": "user", "content": "hi"}]}"#,
                message: "'model'"),
        Refusal(path: "/v1/chat/completions", body: #"{"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": "yes"}"#,
                message: "'stream'"),
        Refusal(path: "/v1/messages", body: #"{"model": "m", "messages": [{"role": "user", "content": "hi"}]}"#,
                message: "max_tokens: Field required"),
        Refusal(path: "/v1/messages", body: #"{"model": "m", "max_tokens": 10, "messages": []}"#,
                message: "at least one message"),
        Refusal(path: "/v1/messages", body: #"{"model": "m", "max_tokens": 10, "messages": [{"role": "system", "content": "x"}]}"#,
                message: "messages.0.role"),
    ] + toolHistoryRefusals

    static let weatherCall = #"{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}"#
    static let weatherUse = #"{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}"#

    /// Tool results that answer no call, and calls left unanswered.
    static let toolHistoryRefusals: [Refusal] = [
        Refusal(path: "/v1/chat/completions",
                body: #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}]}"#,
                message: "messages with role 'tool' must be a response to a preceeding message with 'tool_calls'"),
        Refusal(path: "/v1/chat/completions",
                body: #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "tool_calls": ["# + weatherCall
                    + #"]}, {"role": "tool", "tool_call_id": "call_9", "content": "sunny"}]}"#,
                message: "'tool_call_id' of 'call_9' not found"),
        Refusal(path: "/v1/chat/completions",
                body: #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "tool_calls": ["# + weatherCall
                    + #"]}, {"role": "user", "content": "well?"}]}"#,
                message: "did not have response messages: call_1"),
        Refusal(path: "/v1/chat/completions",
                body: #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": {}}}]}, {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}]}"#,
                message: "'messages[1].tool_calls[0].function.arguments': expected a string"),
        Refusal(path: "/v1/chat/completions",
                body: #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "tool_calls": ["# + weatherCall
                    + #"]}, {"role": "tool", "content": "sunny"}]}"#,
                message: "'messages[2].tool_call_id'"),
        Refusal(path: "/v1/messages",
                body: #"{"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny"}]}]}"#,
                message: "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1"),
        Refusal(path: "/v1/messages",
                body: #"{"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": ["# + weatherUse
                    + #"]}, {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_9", "content": "sunny"}]}]}"#,
                message: "messages.2.content.0: unexpected `tool_use_id`"),
        Refusal(path: "/v1/messages",
                body: #"{"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": ["# + weatherUse
                    + #"]}, {"role": "user", "content": "well?"}]}"#,
                message: "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1"),
    ]

    @Test("a conversation whose tool results answer the calls before them is answered", arguments: [
        ("/v1/chat/completions", #"{"model": "m", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": null, "tool_calls": ["# + weatherCall
            + #"]}, {"role": "tool", "tool_call_id": "call_1", "content": "18°C, sunny"}]}"#),
        ("/v1/messages", #"{"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": ["# + weatherUse
            + #"]}, {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "18°C, sunny"}]}]}"#),
    ])
    func acceptsAnsweredCalls(path: String, body: String) async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let (status, answer) = try await MockServerTests.post(server, body, path: path)
        await server.shutdown()
        #expect(status == 200, "\(answer)")
    }

    @Test("400 with an error body for what the real API refuses", arguments: refusals)
    func refuses(refusal: Refusal) async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let (status, body) = try await MockServerTests.post(server, refusal.body, path: refusal.path)
        await server.shutdown()
        #expect(status == 400)
        let error = try JSONValue.parse(body).objectValue?["error"]?.objectValue
        #expect(error?["type"] == "invalid_request_error")
        #expect(error?["message"]?.stringValue?.contains(refusal.message) == true, "\(body)")
    }

    @Test("GET /v1/models lists a model in OpenAI's shape")
    func models() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/models"), timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        await server.shutdown()
        #expect(response.status.code == 200)
        let listing = try JSONValue.parse(text).objectValue
        #expect(listing?["object"] == "list")
        #expect(listing?["data"]?.arrayValue?.first?.objectValue?["id"] == "mock")
    }

    /// Posts a streaming request and returns the status, content type and the event stream's text.
    static func stream(_ server: MockServer, _ body: JSONValue, path: String) async throws -> (Int, String?, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.serialized()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        var text = ""
        do {
            for try await chunk in response.body { text += String(buffer: chunk) }
        } catch {
            // A dropped stream ends the body with an error; what arrived before it is kept.
        }
        return (Int(response.status.code), response.headers.first(name: "content-type"), text)
    }

    /// The `data:` payloads of an event stream, in order.
    static func payloads(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    static let question = "the quick brown fox"

    @Test("\"stream\": true on chat completions sends chunks whose deltas add up to the answer, then [DONE]")
    func openAIStream() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let body: JSONValue = [
            "model": "m", "stream": true, "stream_options": ["include_usage": true],
            "messages": [["role": "user", "content": .string(Self.question)]],
        ]
        let (status, type, text) = try await Self.stream(server, body, path: "/v1/chat/completions")
        await server.shutdown()
        #expect(status == 200)
        #expect(type == "text/event-stream")
        let payloads = Self.payloads(text)
        #expect(payloads.last == "[DONE]")
        let chunks = try payloads.dropLast().map { try JSONValue.parse($0).objectValue ?? JSONObject() }
        #expect(chunks.allSatisfy { $0["object"] == "chat.completion.chunk" })
        let deltas = chunks.compactMap { $0["choices"]?.arrayValue?.first?.objectValue?["delta"]?.objectValue?["content"]?.stringValue }
        #expect(deltas.joined() == Self.question)
        #expect(deltas.filter { !$0.isEmpty }.count == 4, "one chunk per word")
        #expect(chunks.last?["usage"]?.objectValue?["completion_tokens"] == 4)
    }

    @Test("\"stream\": true on messages sends Anthropic's named events with text deltas")
    func anthropicStream() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let body: JSONValue = [
            "model": "m", "max_tokens": 100, "stream": true, "messages": [["role": "user", "content": .string(Self.question)]],
        ]
        let (status, _, text) = try await Self.stream(server, body, path: "/v1/messages")
        await server.shutdown()
        #expect(status == 200)
        let names = text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
        #expect(names.first == "message_start" && names.last == "message_stop")
        #expect(names.filter { $0 == "content_block_delta" }.count == 4)
        let deltas = try Self.payloads(text).compactMap {
            try JSONValue.parse($0).objectValue?["delta"]?.objectValue?["text"]?.stringValue
        }
        #expect(deltas.joined() == Self.question)
    }

    @Test("a dropped stream closes the connection after some chunks, before [DONE]")
    func droppedStream() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(dropped: 1)))
        let body: JSONValue = ["model": "m", "stream": true, "messages": [["role": "user", "content": .string(Self.question)]]]
        let (status, _, text) = try await Self.stream(server, body, path: "/v1/chat/completions")
        await server.shutdown()
        #expect(status == 200)
        let payloads = Self.payloads(text)
        #expect(!payloads.isEmpty, "some chunks arrive")
        #expect(!payloads.contains("[DONE]"), "the stream never finishes")
    }

    @Test("a dropped plain answer is a body cut short, which a client sees as a failure")
    func droppedBody() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(dropped: 1)))
        await #expect(throws: (any Error).self) {
            _ = try await MockServerTests.post(server, MockServerTests.chat("hello"))
        }
        await server.shutdown()
    }

    @Test("--rate-drop sets the dropped rate")
    func rateDropOption() throws {
        #expect(try MockServerOptions.parse(["--rate-drop", "0.25"]).faults.dropped == 0.25)
    }
}
