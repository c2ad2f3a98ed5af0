import AssayMockServer
import Foundation
import Testing

/// `ask()` makes its call as a run makes each of its own: with retries and backoff.
@Suite struct AskRetryTests {
    @Test("ask() retries a failing server as runs do, then names the endpoint and the attempts")
    func retries() async throws {
        let server = try await MockServer.start(MockServerConfiguration(faults: .init(serverError: 1)))
        let fixture = SessionFixture()
        try fixture.write("models.json", #"[{"name": "local", "type": "OPENAI", "model": "m", "base_url": "\#(server.baseURL)"}]"#)
        let (outcome, recorder) = await fixture.run(#"ask("local", "hello")"#)
        let requests = server.stats.totalRequests
        await server.shutdown()
        guard case .failure = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(requests == 4, "the first attempt and three retries")
        let message = recorder.errorLines.first ?? ""
        #expect(message.contains("answered HTTP 500 (Internal Server Error)"), "\(message)")
        #expect(message.contains("(after 4 attempts)"), "\(message)")
    }

    @Test("ask() answers through the mock server")
    func answers() async throws {
        let server = try await MockServer.start(MockServerConfiguration())
        let fixture = SessionFixture()
        try fixture.write("models.json", #"[{"name": "local", "type": "OPENAI", "model": "m", "base_url": "\#(server.baseURL)"}]"#)
        let (outcome, recorder) = await fixture.run(#"ask("local", "hello there")"#)
        await server.shutdown()
        #expect(outcome == .success)
        #expect(recorder.standardOutputLines == ["\"hello there\""] || recorder.standardOutputLines == ["hello there"])
    }
}
