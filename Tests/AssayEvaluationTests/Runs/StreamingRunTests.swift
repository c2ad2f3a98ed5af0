import AssayCore
import AssayMockServer
import Foundation
import Testing
@testable import AssayEvaluation

/// `stream: true` over real HTTP against the mock server: each provider reads its API's server-sent
/// events, each case records its time to first token and tokens per second, and a stream cut off
/// after three events is retried, never scored as a whole answer.
@Suite struct StreamingRunTests {
    /// Two-word answers: OpenAI streams 6 events for them (role, two pieces, finish, usage, [DONE])
    /// and Anthropic 7, so a dropped stream stops after 3.
    static let suite = Suite(cases: (0..<6).map { index in
        TestCase(id: "c\(index)", fields: ["input": .string("question number \(index)"), "expected": .string("answer \(index)")])
    })

    static func entries(_ base: String) -> [ModelEntry] {
        [
            ModelEntry(name: "openai", provider: .openAI, endpoint: base + "/v1", model: "m", parameters: ModelParameters(stream: true)),
            ModelEntry(name: "azure", provider: .azureOpenAI, endpoint: base, model: "gpt-4o", apiVersion: "2024-10-21", parameters: ModelParameters(stream: true)),
            ModelEntry(name: "anthropic", provider: .anthropic, endpoint: base, model: "claude", parameters: ModelParameters(stream: true)),
        ]
    }

    static func run(_ name: String, faults: MockServerConfiguration.FaultRates = .init(), retries: Int = 3)
        async throws -> (StoredRun, MockServerStats) {
        let server = try await MockServer.start(MockServerConfiguration(policy: .oracle(suite), faults: faults, seed: 11))
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let entries = Self.entries("http://127.0.0.1:\(server.port)")
        let model = try ModelCatalog(entries: entries, keys: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, "k") })).model(name)
        let spec = RunSpec(name: name, suite: suite, template: RunTestKit.template, model: model, metrics: [.exact], retries: retries)
        let run = try await Runner(store: store, environment: RecordingSleeper().environment()).runLoaded(spec)
        let stats = server.stats
        await server.shutdown()
        return (try await store.load(run.record.id), stats)
    }

    @Test("each provider streams, and each case records its time to first token and tokens per second", arguments: ["openai", "azure", "anthropic"])
    func streams(_ name: String) async throws {
        let (run, stats) = try await Self.run(name)
        #expect(run.results.map(\.status) == Array(repeating: .ok, count: 6))
        #expect(run.results.map(\.output) == (0..<6).map { "answer \($0)" })
        #expect(stats.requests.allSatisfy { (try? JSONValue.parse($0.body))?.objectValue?["stream"] == true })
        for result in run.results {
            let ttft = try #require(result.ttftMilliseconds)
            let latency = try #require(result.latencyMilliseconds)
            let rate = try #require(result.tokensPerSecond)
            #expect(ttft > 0 && ttft <= latency)
            #expect(rate > 0)
            #expect(result.usage?.completion == 2)
        }
        let csv = RunExport.csv(run.results, cases: [:], price: nil)
        #expect(csv.hasPrefix("id,sample,status,input,expected,output,extracted,error,latency_ms,prompt_tokens,completion_tokens,retries,cached,cost,ttft_ms,tokens_per_s,exact\r\n"))
        #expect(RunExport.caseJSON(run.results[0], testCase: nil, cost: nil).objectValue?["ttft_ms"]?.doubleValue == run.results[0].ttftMilliseconds)
        let summary = RunStatistics(results: run.results)
        #expect(summary.entry(named: "ttft_ms")?.summary.count == 6)
        #expect(summary.entry(named: "tokens_per_s")?.summary.count == 6)
    }

    @Test("a stream dropped after three events is retried, and the case ends ok with the whole answer", arguments: ["openai", "anthropic"])
    func droppedThenRetried(_ name: String) async throws {
        let (run, stats) = try await Self.run(name, faults: .init(dropped: 0.5), retries: 8)
        #expect(run.results.map(\.status) == Array(repeating: .ok, count: 6))
        #expect(run.results.map(\.output) == (0..<6).map { "answer \($0)" })
        #expect(run.results.contains { $0.retries > 0 }, "the seed drops some streams")
        #expect(stats.requests.contains { $0.fault == .dropped })
    }

    @Test("when every stream is dropped, the case ends model_error once the retries are spent", arguments: ["openai", "anthropic"])
    func droppedForGood(_ name: String) async throws {
        let (run, stats) = try await Self.run(name, faults: .init(dropped: 1), retries: 2)
        #expect(run.results.map(\.status) == Array(repeating: .modelError, count: 6))
        #expect(run.results.allSatisfy { $0.output == nil && $0.retries == 2 })
        // The server drops each stream after its third event; how many of them the client has read
        // when the connection's end reaches it depends on how the last bytes and the close arrive
        // together, so the message names a count of at most three, never a whole answer.
        for result in run.results {
            let error = try #require(result.error)
            let seen = try #require(error.firstMatch(of: /after (\d+) events/).flatMap { Int($0.1) }, "\(error)")
            #expect(seen <= 3, "\(error)")
        }
        #expect(stats.requests.count == 18)
    }

    @Test("server-sent events split anywhere in the byte stream are read whole")
    func eventsAcrossChunks() {
        let text = "event: a\ndata: {\"x\":\r\ndata: 1}\n\n: comment\n\ndata: [DONE]\n\n"
        for cut in 1..<text.utf8.count {
            var parser = ServerSentEvents()
            let bytes = Array(text.utf8)
            let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(events == [.init(name: "a", data: "{\"x\":\n1}"), .init(name: nil, data: "[DONE]")], "cut at \(cut)")
        }
    }
}
