import AssayCore
import AssayEvaluation
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import AssayMockServer

@Suite("The mock server")
struct MockServerTests {
    /// Posts a chat completion body and returns the status and body text.
    static func post(_ server: MockServer, _ body: String, path: String = "/v1/chat/completions") async throws -> (Int, String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), text)
    }

    static func chat(_ user: String) -> String {
        JSONValue.object(["model": "m", "messages": [["role": "user", "content": .string(user)]]]).serialized()
    }

    static func answer(_ text: String) throws -> String? {
        try JSONValue.parse(text).objectValue?["choices"]?.arrayValue?.first?.objectValue?["message"]?
            .objectValue?["content"]?.stringValue
    }

    @Test("echo answers the last user message, with word counts as usage")
    func echo() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let (status, body) = try await Self.post(server, Self.chat("hello there"))
        await server.shutdown()
        #expect(status == 200)
        #expect(try Self.answer(body) == "hello there")
        #expect(try JSONValue.parse(body).objectValue?["usage"] == ["prompt_tokens": 2, "completion_tokens": 2, "total_tokens": 4])
    }

    @Test("fixed answers cycle")
    func fixed() async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .fixed(["a", "b"])))
        var answers: [String?] = []
        for index in 0..<3 { answers.append(try Self.answer(try await Self.post(server, Self.chat("q\(index)")).1)) }
        await server.shutdown()
        #expect(answers == ["a", "b", "a"])
    }

    @Test("oracle answers the expected value of the case whose input is in the prompt")
    func oracle() async throws {
        let suite = Suite(cases: [
            TestCase(id: "1", fields: ["input": "2+2", "expected": "4"]),
            TestCase(id: "2", fields: ["input": "2+2+2", "expected": 6]),
        ])
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(suite)))
        let six = try Self.answer(try await Self.post(server, Self.chat("Compute: 2+2+2. Answer with a number.")).1)
        let four = try Self.answer(try await Self.post(server, Self.chat("Compute: 2+2.")).1)
        let none = try Self.answer(try await Self.post(server, Self.chat("Compute: 3*3.")).1)
        await server.shutdown()
        #expect([six, four, none] == ["6", "4", ""])
    }

    @Test("counters and the request log, also served at GET /stats")
    func stats() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(serverError: 0.5), seed: 3))
        for index in 0..<20 { _ = try await Self.post(server, Self.chat("question \(index)")) }
        _ = try await Self.post(server, "{}", path: "/v1/unknown")
        let stats = server.stats
        #expect(stats.totalRequests == 21)
        #expect(stats.byStatus[404] == 1)
        #expect(stats.byStatus[500, default: 0] + stats.byStatus[200, default: 0] == 20)
        #expect(stats.byFault[.serverError] == stats.byStatus[500])
        #expect((3...17).contains(stats.byStatus[500, default: 0]))
        let first = stats.requests[0]
        #expect(first.method == "POST")
        #expect(first.uri == "/v1/chat/completions")
        #expect(first.header("Content-Type") == "application/json")
        #expect(first.body == Self.chat("question 0"))
        #expect(stats.requests.map(\.arrival) == stats.requests.map(\.arrival).sorted())

        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/stats"),
                                                           timeout: .seconds(10))
        let json = try JSONValue.parse(String(buffer: try await response.body.collect(upTo: 1 << 22))).objectValue
        await server.shutdown()
        #expect(json?["requests_total"] == 21)
        #expect(json?["by_status"]?.objectValue?["404"] == 1)
        #expect(json?["requests"]?.arrayValue?.count == 21)
        #expect(json?["requests"]?.arrayValue?.first?.objectValue?["body"] == .string(Self.chat("question 0")))
        #expect(server.stats.totalRequests == 21, "GET /stats is not counted")
    }

    @Test("faults are decided by seed and body, so the same traffic sees the same faults")
    func deterministicFaults() async throws {
        func faults(seed: Int) async throws -> [MockFault?] {
            let server = try await MockServer.start(MockServerConfiguration(
                faults: .init(rateLimited: 0.2, serverError: 0.2, malformed: 0.2), seed: seed))
            for index in 0..<30 { _ = try await Self.post(server, Self.chat("q\(index)")) }
            let stats = server.stats
            await server.shutdown()
            return stats.requests.map(\.fault)
        }
        let first = try await faults(seed: 1)
        #expect(try await faults(seed: 1) == first)
        #expect(try await faults(seed: 2) != first)
        #expect(Set(first.compactMap { $0 }) == [.rateLimited, .serverError, .malformed])
    }

    @Test("a 429 carries Retry-After, and the retry of the same body is recorded with its wait")
    func rateLimitedRetry() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(rateLimited: 0.5, retryAfterSeconds: 1)))
        var body = Self.chat("q0")
        // Find a body the server rejects first (half of them are), then retry it after the wait.
        for index in 0..<50 {
            body = Self.chat("q\(index)")
            if try await Self.post(server, body).0 == 429 { break }
        }
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/v1/chat/completions")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        try await Task.sleep(for: .milliseconds(1100))
        _ = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let stats = server.stats
        await server.shutdown()
        let rejected = try #require(stats.requests.first { $0.fault == .rateLimited })
        #expect(rejected.status == 429)
        #expect(rejected.retryAfter == .seconds(1))
        let retry = try #require(stats.rateLimitedRetries.first { $0.bodyHash == rejected.bodyHash })
        #expect(retry.retryAfter == .seconds(1))
        let waited = try #require(retry.waited)
        #expect(waited >= .seconds(1))
    }

    @Test("shutdown closes hanging connections")
    func shutdownWithHangingRequest() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(hang: 1)))
        let pending = Task { try await Self.post(server, Self.chat("never answered")) }
        while server.stats.totalRequests == 0 { try await Task.sleep(for: .milliseconds(10)) }
        await server.shutdown()
        let result = await pending.result
        #expect(throws: (any Error).self) { try result.get() }
        #expect(server.stats.requests.first?.fault == .hang)
        #expect(server.stats.requests.first?.status == nil)
    }

    @Test("latency delays every answer")
    func latency() async throws {
        let server = try await MockServer.start(MockServerConfiguration(latency: .milliseconds(200)))
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await Self.post(server, Self.chat("slow"))
        let elapsed = clock.now - start
        await server.shutdown()
        #expect(elapsed >= .milliseconds(200))
    }
}
