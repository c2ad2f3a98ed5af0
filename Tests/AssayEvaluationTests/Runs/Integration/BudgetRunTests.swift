import AssayCore
@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// `max_cost` against a real provider over HTTP: the mock server reports every call's token usage
/// (words of the prompt and of the answer), and the model's price turns it into dollars.
@Suite("Runs with a budget")
struct BudgetRunTests {
    static let caseCount = 40
    static let concurrency = 4
    /// $1,000 per million input tokens and $3,000 per million output tokens: a few cents a call.
    static let price = ModelPrice(input: 1000, output: 3000)

    /// A catalog whose model `local` speaks to the server at `price`.
    static func catalog(_ server: MockServer, in folder: TemporaryDirectory) throws -> ModelCatalog {
        _ = try folder.write(#"""
            [{"name": "local", "type": "OPENAI", "model": "mock-model", "base_url": "\#(server.baseURL)",
              "price": {"input": 1000, "output": 3000}}]
            """#, to: "models.json")
        return try ModelCatalog.load(
            locations: ConfigurationLocations(projectFolder: folder.url.path, userFolder: folder.path("no-user-config")), environment: [:])
    }

    static func spec(_ model: any ChatModel, maxCost: Double? = nil) -> RunSpec {
        RunSpec(name: "budget", suite: RunTestKit.suite(count: caseCount), template: RunTestKit.template, model: model,
                metrics: [.exact], concurrency: concurrency, retries: 0, maxCost: maxCost)
    }

    /// What identifies a result's content: its case, output, status and scores.
    static func contents(_ results: [CaseResult]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: results.map {
            ("\($0.caseID)#\($0.sample)", "\($0.status.rawValue) \($0.output ?? "-") \(JSONValue.object($0.metrics).serialized())")
        })
    }

    @Test("a run stops at half its full cost, keeps every finished case, and resume with a higher budget completes it")
    func stopsAtTheBudgetAndResumes() async throws {
        let server = try await MockServer.start(MockServerConfiguration(latency: .milliseconds(20), policy: .echo, seed: 3))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let model = try Self.catalog(server, in: folder).model("local")
        #expect(model.descriptor.price == Self.price)

        // The full cost, from a complete run in a store of its own (its cache must not serve the budget run).
        let fullStore = try RunStore(path: folder.path("full.sqlite"))
        let full = try await Runner(store: fullStore).runLoaded(Self.spec(model))
        #expect(full.record.status == .completed)
        let fullCost = try #require(full.cost.total)
        #expect(full.cost.requests == Self.caseCount && full.cost.unmetered == 0)
        let perRequest = fullCost / Double(Self.caseCount)
        #expect(full.results.allSatisfy { abs((RunCost.cost(of: $0, price: Self.price) ?? 0) - perRequest) < 1e-12 },
                "every echo costs the same")
        #expect(full.record.price == Self.price, "the price is stored with the run's model")

        let maxCost = fullCost / 2
        let store = try RunStore(path: folder.path("runs.sqlite"))
        let requestsBefore = server.stats.totalRequests
        let stopped = try await Runner(store: store).runLoaded(Self.spec(model, maxCost: maxCost))
        let requestsMade = server.stats.totalRequests - requestsBefore

        #expect(stopped.record.status == .budgetExhausted)
        #expect(stopped.record.maxCost == maxCost)
        let spent = try #require(stopped.cost.total)
        #expect(spent <= maxCost + Double(Self.concurrency) * perRequest + 1e-12,
                "spent \(spent) of \(maxCost); at most the requests in flight may go over")
        #expect(stopped.results.count > 0 && stopped.results.count < Self.caseCount)
        #expect(requestsMade == stopped.results.count, "every request made, those in flight at the stop included, is kept")
        #expect(stopped.record.counts.finished == stopped.results.count)
        #expect(stopped.results.allSatisfy { $0.status == .ok })
        let fullContents = Self.contents(full.results)
        for (key, content) in Self.contents(stopped.results) { #expect(fullContents[key] == content) }

        // Resume with a higher budget, from the stored settings and the live model.
        let settings = try RunSettings(configuration: stopped.record.configuration)
        #expect(settings.maxCost == maxCost)
        var rebuilt = RunSpec(settings: settings, suite: RunTestKit.suite(count: Self.caseCount), template: try settings.makeTemplate(),
                              model: model, extraction: try #require(settings.storedExtraction), metrics: try settings.metrics(from: MetricCatalogue(environment: MetricEnvironment())))
        rebuilt.maxCost = fullCost * 2
        let resumed = try await Runner(store: store).resumeLoaded(stopped.record.id, with: rebuilt)
        await server.shutdown()

        #expect(resumed.record.status == .completed)
        #expect(resumed.record.maxCost == fullCost * 2, "the new budget replaces the stored one")
        #expect(Self.contents(resumed.results) == fullContents, "the union of both parts is the full run")
        #expect(abs(try #require(resumed.cost.total) - fullCost) < 1e-9)
    }

    @Test("answers from the cache cost nothing and are never held back, even at a budget of zero")
    func cachedAnswersAreFree() async throws {
        let server = try await MockServer.start(MockServerConfiguration(policy: .echo))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let model = try Self.catalog(server, in: folder).model("local")
        let store = try RunStore(path: folder.path("runs.sqlite"))
        _ = try await Runner(store: store).runLoaded(Self.spec(model))
        let requestsBefore = server.stats.totalRequests

        let again = try await Runner(store: store).runLoaded(Self.spec(model, maxCost: 0))
        #expect(server.stats.totalRequests == requestsBefore)
        await server.shutdown()
        #expect(again.record.status == .completed)
        #expect(again.cost.total == 0)
        #expect(again.cost.cached == Self.caseCount && again.cost.requests == 0)
        #expect(try #require(again.cost.withoutCache) > 0)
    }

    @Test("a budget needs a priced model")
    func budgetWithoutPrice() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        do {
            _ = try await Runner(store: store).runLoaded(Self.spec(MockChatModel(.perfect), maxCost: 1))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidSpec)
            #expect(error.message.hasPrefix("max_cost needs the price of model 'perfect', which has none"))
        }
    }

    @Test("a run stored without a price resumes with a model that now has one, and records the price")
    func oldRunResumesWithAPrice() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 6)
        let unpriced = RunSpec(name: "old", suite: suite, template: RunTestKit.template, model: MockChatModel(.perfect), metrics: [.exact])
        // What an interrupted run of an unpriced model leaves behind: two results, still running.
        let id = UUID()
        try await store.createRun(id: id, spec: unpriced, configuration: unpriced.configuration)
        let (otherStore, otherFolder) = try RunTestKit.store()
        defer { otherFolder.remove() }
        let done = try await Runner(store: otherStore).runLoaded(unpriced)
        try await store.write(results: Array(done.results.prefix(2)), answers: [], runID: id)
        #expect(try await store.load(id).record.price == nil)

        var priced = unpriced
        priced.model = MockChatModel(.perfect, price: ModelPrice(input: 1, output: 1))
        let resumed = try await Runner(store: store).resumeLoaded(id, with: priced)
        #expect(resumed.record.status == .completed)
        #expect(resumed.results.count == 6)
        #expect(resumed.record.price == ModelPrice(input: 1, output: 1))
        #expect(resumed.cost.total != nil)
    }
}
