@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// A run through a real provider, over HTTP, against a server that rate-limits, fails and garbles
/// a third of its answers.
@Suite("Runs against a faulty server")
struct FaultyServerRunTests {
    static let caseCount = 200

    @Test("every case ends ok or with its error, exactly once, and every Retry-After is respected")
    func faultyServer() async throws {
        let faults = MockServerConfiguration.FaultRates(rateLimited: 0.2, retryAfterSeconds: 1, serverError: 0.1, malformed: 0.05)
        let server = try await MockServer.start(MockServerConfiguration(latency: .milliseconds(5), policy: .echo, faults: faults, seed: 7))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.write(#"[{"name": "local", "type": "OPENAI", "model": "mock-model", "base_url": "\#(server.baseURL)"}]"#,
                             to: "models.json")
        let catalog = try ModelCatalog.load(
            locations: ConfigurationLocations(projectFolder: folder.url.path, userFolder: folder.path("no-user-config")), environment: [:]
        )
        let model = try catalog.model("local")
        #expect(model is OpenAIChatModel)
        let store = try RunStore(path: folder.path("runs.sqlite"))
        let suite = RunTestKit.suite(count: Self.caseCount)
        let spec = RunSpec(name: "faulty", suite: suite, template: RunTestKit.template, model: model,
                           concurrency: 32, retries: 4, timeout: .seconds(20))

        let stored = try await Runner(store: store).runLoaded(spec)
        let stats = server.stats
        await server.shutdown()

        #expect(stored.record.status == .completed)
        #expect(stored.results.count == Self.caseCount, "none missing")
        #expect(Set(stored.results.map(\.caseID)) == Set(suite.cases.map(\.id)))
        #expect(Set(stored.results.map(\.caseID)).count == stored.results.count, "none duplicated")
        #expect(stored.record.counts.finished == Self.caseCount)
        for result in stored.results {
            switch result.status {
            case .ok:
                #expect(result.output == "Q: question \(result.caseID.dropFirst())" && result.error == nil)
            case .modelError:
                #expect(result.retries == 4 && result.error?.isEmpty == false, "case \(result.caseID) gave up only after every retry")
            default:
                Issue.record("case \(result.caseID) ended \(result.status.rawValue): \(result.error ?? "")")
            }
        }
        #expect(stored.results.filter { $0.status == .ok }.count >= Self.caseCount - 5)

        // Every request the server saw is one attempt of one case.
        #expect(stats.totalRequests == stored.results.reduce(0) { $0 + $1.retries + 1 })
        #expect(stats.byFault[.rateLimited, default: 0] >= 20)
        #expect(stats.byFault[.serverError, default: 0] >= 5)
        #expect(stats.byFault[.malformed, default: 0] >= 2)
        let retried = stats.rateLimitedRetries.filter { $0.retriedAt != nil }
        #expect(retried.count >= 20)
        for retry in retried {
            let waited = try #require(retry.waited)
            #expect(waited >= .seconds(1), "a 429'd body came back after \(waited), before its Retry-After of 1 s")
        }
    }
}
