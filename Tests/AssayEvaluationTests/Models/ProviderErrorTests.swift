import AssayMockServer
import Foundation
import Testing
@testable import AssayEvaluation

@Suite("Provider failures map to ModelCallError kinds")
struct ProviderErrorTests {
    /// A key that must never appear in any message.
    static let sentinel = "sk-SENTINEL-4f9c2a7e1b8d3c6f"

    static let request = ModelRequest(messages: [ChatMessage(role: "user", content: "hello")], timeout: .seconds(10))

    /// One call through each provider to a server with `faults` at rate 1.
    static func failures(
        _ configuration: MockServerConfiguration, timeout: Duration = .seconds(10), key: String = sentinel
    ) async throws -> [ModelCallError] {
        let server = try await MockServer.start(configuration)
        let base = "http://127.0.0.1:\(server.port)"
        let entries = [
            ModelEntry(name: "openai", provider: .openAI, endpoint: base + "/v1", model: "m"),
            ModelEntry(name: "azure", provider: .azureOpenAI, endpoint: base, model: "d", apiVersion: "v"),
            ModelEntry(name: "anthropic", provider: .anthropic, endpoint: base, model: "m"),
        ]
        let catalog = ModelCatalog(entries: entries, keys: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, key) }))
        var errors: [ModelCallError] = []
        for entry in entries {
            var request = request
            request.timeout = timeout
            let model = try catalog.model(entry.name)
            do throws(ModelCallError) {
                _ = try await model.complete(request)
            } catch {
                errors.append(error)
            }
        }
        await server.shutdown()
        #expect(errors.count == entries.count, "every provider should fail")
        for error in errors {
            #expect(!error.description.contains(sentinel))
            #expect(!error.message.contains("SENTINEL"))
            #expect(!String(reflecting: error).contains("SENTINEL"))
        }
        return errors
    }

    @Test("429 is rateLimited with the Retry-After wait")
    func rateLimited() async throws {
        let errors = try await Self.failures(MockServerConfiguration(
            faults: .init(rateLimited: 1, retryAfterSeconds: 7)))
        for error in errors {
            #expect(error.kind == .rateLimited(retryAfter: .seconds(7)))
            #expect(error.retryAfter == .seconds(7))
            #expect(error.isRetryable)
            #expect(error.message.contains("Rate limit reached"))
        }
    }

    @Test("500 is a server error")
    func serverError() async throws {
        for error in try await Self.failures(MockServerConfiguration(faults: .init(serverError: 1))) {
            #expect(error.kind == .server(status: 500))
            #expect(error.isRetryable)
        }
    }

    @Test("an invalid JSON body is a malformed response")
    func malformed() async throws {
        for error in try await Self.failures(MockServerConfiguration(faults: .init(malformed: 1))) {
            #expect(error.kind == .malformedResponse)
        }
    }

    @Test("a connection closed without an answer is a transport error")
    func reset() async throws {
        for error in try await Self.failures(MockServerConfiguration(faults: .init(reset: 1))) {
            #expect(error.kind == .transport)
            #expect(error.isRetryable)
        }
    }

    @Test("a server that never answers is a timeout at the request's deadline")
    func hang() async throws {
        let errors = try await Self.failures(MockServerConfiguration(faults: .init(hang: 1)), timeout: .milliseconds(300))
        for error in errors {
            #expect(error.kind == .timeout)
            #expect(error.message.contains("300 ms"))
        }
    }

    @Test("a rejected key is a client error with the provider's message, the key scrubbed")
    func rejectedKey() async throws {
        let errors = try await Self.failures(MockServerConfiguration(requiredKey: "the-right-key"))
        for error in errors {
            #expect(error.kind == .client(status: 401))
            #expect(!error.isRetryable)
            #expect(error.message.contains("Incorrect API key provided: <redacted>"))
        }
    }

    @Test("a refused connection is a transport error that does not show the key")
    func refusedConnection() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let port = server.port
        await server.shutdown()
        let entry = ModelEntry(name: "gone", provider: .openAI, endpoint: "http://127.0.0.1:\(port)/v1", model: "m")
        let model = try ModelCatalog(entries: [entry], keys: ["gone": Self.sentinel]).model("gone")
        do throws(ModelCallError) {
            _ = try await model.complete(Self.request)
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .transport)
            #expect(!error.description.contains(Self.sentinel))
        }
    }

    @Test("a cancelled task gives cancelled")
    func cancellation() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(hang: 1)))
        let entry = ModelEntry(name: "m", provider: .openAI, endpoint: server.baseURL, model: "m")
        let model = try ModelCatalog(entries: [entry], keys: ["m": Self.sentinel]).model("m")
        let task = Task { () async throws(ModelCallError) -> ModelResponse in try await model.complete(Self.request) }
        while server.stats.totalRequests == 0 { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        let result = await task.result
        await server.shutdown()
        #expect(throws: ModelCallError(.cancelled, "the call to the OpenAI-compatible server was cancelled")) {
            try result.get()
        }
    }

    @Test("redaction removes the key and words that show part of it")
    func redaction() {
        let key = APIKey(Self.sentinel)
        #expect(key.redact("bad key \(Self.sentinel).") == "bad key <redacted>.")
        #expect(key.redact("Incorrect API key provided: sk-SEN************3c6f") == "Incorrect API key provided: <redacted>")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
    }

    @Test("a placeholder key shorter than eight characters is redacted where it is a word, not inside other words")
    func shortKeyRedaction() {
        let key = APIKey("k")
        #expect(key.redact("Check the key k, or k=k.") == "Check the key <redacted>, or <redacted>=<redacted>.")
        #expect(APIKey("EMPTY").redact("EMPTY key; NOTEMPTY stays") == "<redacted> key; NOTEMPTY stays")
    }

    @Test("Retry-After is read as seconds, an HTTP date, or retry-after-ms")
    func retryAfter() throws {
        let now = try #require(RetryAfter.httpDate("Wed, 21 Oct 2015 07:28:00 GMT"))
        #expect(RetryAfter.parse("3", now: now) == .seconds(3))
        #expect(RetryAfter.parse("0.5", now: now) == .milliseconds(500))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:20 GMT", now: now) == .seconds(20))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("2", milliseconds: "1500", now: now) == .milliseconds(1500))
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }
}
