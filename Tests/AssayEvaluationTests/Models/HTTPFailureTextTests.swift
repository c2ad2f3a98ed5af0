import AssayMockServer
import Foundation
import Testing
@testable import AssayEvaluation

/// Failures of the HTTP layer read as sentences naming the endpoint and saying what to do.
@Suite("HTTP failures as sentences")
struct HTTPFailureTextTests {
    static let request = ModelRequest(messages: [ChatMessage(role: "user", content: "hello")], timeout: .seconds(10))

    /// The error of one call to an OpenAI-compatible model at `endpoint`.
    static func failure(endpoint: String, timeout: Duration = .seconds(10)) async throws -> ModelCallError {
        let entry = ModelEntry(name: "m", provider: .openAI, endpoint: endpoint, model: "m")
        let model = try ModelCatalog(entries: [entry], keys: [:]).model("m")
        var request = request
        request.timeout = timeout
        do throws(ModelCallError) {
            _ = try await model.complete(request)
        } catch {
            return error
        }
        Issue.record("the call to \(endpoint) should fail")
        return ModelCallError(.transport, "")
    }

    @Test("a refused connection names the endpoint and asks whether the server runs")
    func refused() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let port = server.port
        await server.shutdown()
        let error = try await Self.failure(endpoint: "http://127.0.0.1:\(port)/v1")
        #expect(error.kind == .transport)
        #expect(error.message.hasPrefix(
            "cannot connect to the OpenAI-compatible server at http://127.0.0.1:\(port)/v1/chat/completions: the connection was refused."))
        #expect(error.message.contains("Is the server running"))
    }

    @Test("an HTTP status carries its reason, the server's message and advice")
    func status() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(serverError: 1)))
        let error = try await Self.failure(endpoint: server.baseURL)
        await server.shutdown()
        #expect(error.kind == .server(status: 500))
        #expect(error.message.contains("at \(server.baseURL)/chat/completions answered HTTP 500 (Internal Server Error): The server had an error."))
        #expect(error.message.contains("try again later"))
    }

    @Test("a timeout names the endpoint, the limit and what to raise")
    func timeout() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(hang: 1)))
        let error = try await Self.failure(endpoint: server.baseURL, timeout: .milliseconds(300))
        await server.shutdown()
        #expect(error.kind == .timeout)
        #expect(error.message.contains("\(server.baseURL)/chat/completions did not answer within 300 ms. Raise the timeout"))
    }

    @Test("https to a server that speaks plain HTTP is a TLS failure")
    func tls() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let error = try await Self.failure(endpoint: "https://127.0.0.1:\(server.port)/v1")
        await server.shutdown()
        #expect(error.kind == .transport)
        #expect(error.message.hasPrefix("the TLS handshake with the OpenAI-compatible server at https://127.0.0.1:\(server.port)/v1/chat/completions failed"), "\(error.message)")
    }

    @Test("a host name that does not resolve says so")
    func unknownHost() async throws {
        let error = try await Self.failure(endpoint: "http://no-such-host.invalid/v1")
        #expect(error.kind == .transport)
        #expect(error.message.contains("the host name 'no-such-host.invalid' does not resolve"), "\(error.message)")
    }
}
