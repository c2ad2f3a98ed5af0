@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// Grouped and multi-turn runs through a real provider, over HTTP, against the mock server.
@Suite("Grouped and multi-turn runs against the mock server")
struct GroupedServerRunTests {
    /// A server, a store and the OpenAI-compatible model `local` pointing at the server.
    struct Setup {
        let server: MockServer
        let folder: TemporaryDirectory
        let store: RunStore
        let model: any ChatModel

        init(policy: MockServerConfiguration.AnswerPolicy) async throws {
            server = try await MockServer.start(MockServerConfiguration(policy: policy))
            folder = try TemporaryDirectory()
            _ = try folder.write(#"[{"name": "local", "type": "OPENAI", "model": "mock-model", "base_url": "\#(server.baseURL)"}]"#,
                                 to: "models.json")
            let catalog = try ModelCatalog.load(
                locations: ConfigurationLocations(projectFolder: folder.url.path, userFolder: folder.path("no-user-config")), environment: [:]
            )
            model = try catalog.model("local")
            store = try RunStore(path: folder.path("runs.sqlite"))
        }

        func finish() async {
            await server.shutdown()
            folder.remove()
        }
    }

    @Test("a hundred cases in groups of ten make ten requests and read the same answers as one case per request")
    func groupedOracle() async throws {
        let suite = RunTestKit.suite(count: 100)
        let setup = try await Setup(policy: .oracle(suite))
        var spec = RunSpec(name: "grouped", suite: suite, template: RunTestKit.template, model: setup.model, metrics: [.exact])
        spec.group = 10
        let grouped = try await Runner(store: setup.store).runLoaded(spec)
        #expect(setup.server.stats.totalRequests == 10)

        spec.group = 1
        let single = try await Runner(store: setup.store).runLoaded(spec)
        #expect(setup.server.stats.totalRequests == 110)
        await setup.finish()

        #expect(grouped.results.count == 100)
        #expect(grouped.results.allSatisfy { $0.status == .ok }, "\(grouped.results.filter { $0.status != .ok }.map(\.error))")
        #expect(grouped.results.map(\.extracted) == single.results.map(\.extracted))
        #expect(grouped.results.map(\.extracted) == suite.cases.map(\.expected))
        #expect(grouped.record.counts.ok == 100)
        #expect(grouped.results.allSatisfy { $0.usage != nil }, "every case gets its share of its request's tokens")
    }

    @Test("a fixed answer with items 1 to 7 of 10 marks exactly cases 8 to 10 extract_error")
    func partialFixedAnswer() async throws {
        let suite = RunTestKit.suite(count: 10)
        let answer = (0..<7).map { "\($0 + 1). answer \($0)" }.joined(separator: "\n")
        let setup = try await Setup(policy: .fixed([answer]))
        var spec = RunSpec(name: "partial", suite: suite, template: RunTestKit.template, model: setup.model, metrics: [.exact])
        spec.group = 10
        let run = try await Runner(store: setup.store).runLoaded(spec)
        let requests = setup.server.stats.totalRequests
        await setup.finish()
        #expect(requests == 1)
        #expect(run.results.filter { $0.status == .extractError }.map(\.caseID) == ["c7", "c8", "c9"])
        #expect(run.results.filter { $0.status == .ok }.allSatisfy { $0.metrics["exact"] == .int(1) })
        let usages = run.results.compactMap(\.usage)
        #expect(usages.count == 10)
        #expect(usages.reduce(0) { $0 + $1.completion } == 21, "the server counted 21 words in the answer")
    }

    @Test("the oracle answers each turn of a conversation from the earlier user messages")
    func multiTurnOracle() async throws {
        let orders = Suite(cases: [
            TestCase(fields: ["id": "o1", "turns": [
                ["input": "a cheeseburger", "expected": "1 cheeseburger"], ["input": "make it two", "expected": "2 cheeseburger"],
            ]]),
            TestCase(fields: ["id": "o2", "turns": [
                ["input": "a coke", "expected": "1 coke"], ["input": "make it two", "expected": "2 coke"],
                ["input": "that's all", "expected": "2 coke"],
            ]]),
        ])
        let setup = try await Setup(policy: .oracle(orders))
        let template = try PromptTemplate(system: "Take the order.", user: "Customer: {{ input }}")
        let run = try await Runner(store: setup.store).runLoaded(RunSpec(name: "orders", suite: orders, template: template,
                                                                   model: setup.model, metrics: [.exact]))
        let requests = setup.server.stats.totalRequests
        await setup.finish()
        #expect(requests == 5)
        #expect(run.results.map(\.status) == [.ok, .ok])
        #expect(run.results.map { $0.turns?.map(\.output) } == [["1 cheeseburger", "2 cheeseburger"], ["1 coke", "2 coke", "2 coke"]])
        #expect(run.results.map { $0.metrics["exact"] } == [.int(1), .int(1)])
    }
}
