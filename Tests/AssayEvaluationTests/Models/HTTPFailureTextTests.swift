import AssayMockServer
import Foundation
import Glibc
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
        // A socket bound to the port but not listening: a connection is refused, and no other test's
        // server can take the port meanwhile (as it could after a server shut down).
        let held = try #require(BoundSocket())
        defer { held.close() }
        let port = held.port
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

/// A TCP socket bound to a free loopback port without listening on it.
struct BoundSocket {
    let descriptor: Int32
    let port: Int

    init?() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            _ = Glibc.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
