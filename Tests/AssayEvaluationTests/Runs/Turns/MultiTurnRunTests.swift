@testable import AssayEvaluation
import Foundation
import Testing

/// Cases with `turns`: conversations answered turn by turn.
@Suite("Multi-turn runs")
struct MultiTurnRunTests {
    static let order = TestCase(fields: [
        "id": "o1", "turns": [
            ["input": "a cheeseburger", "expected": "1 cheeseburger"],
            ["input": "make it two", "expected": "2 cheeseburger"],
            ["input": "and a coke", "expected": "2 cheeseburger, 1 coke"],
        ],
    ])
    static let template = try! PromptTemplate(system: "Take the order.", user: "Turn {{ turn }}: {{ input }}")

    static func spec(_ cases: [TestCase], model: any ChatModel, metrics: [RunMetric] = [.exact],
                     template: PromptTemplate = template) -> RunSpec {
        RunSpec(name: "turns", suite: Suite(cases: cases), template: template, model: model, metrics: metrics)
    }

    @Test("each turn is sent with the system message, the earlier turns and their answers, then its own message")
    func conversation() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel.answering { request in "answer to " + (request.testCase?.input?.stringValue ?? "?") }
        let run = try await Runner(store: store).runLoaded(Self.spec([Self.order], model: model))
        let requests = model.requests
        #expect(requests.count == 3)
        #expect(requests[2].messages == [
            ChatMessage(role: "system", content: "Take the order."),
            ChatMessage(role: "user", content: "Turn 0: a cheeseburger"),
            ChatMessage(role: "assistant", content: "answer to a cheeseburger"),
            ChatMessage(role: "user", content: "Turn 1: make it two"),
            ChatMessage(role: "assistant", content: "answer to make it two"),
            ChatMessage(role: "user", content: "Turn 2: and a coke"),
        ])
        #expect(requests.map { $0.testCase?.expected } == ["1 cheeseburger", "2 cheeseburger", "2 cheeseburger, 1 coke"],
                "the model sees the case overlaid by the turn")
        let result = try #require(run.results.first)
        #expect(result.turns?.map(\.output) == ["answer to a cheeseburger", "answer to make it two", "answer to and a coke"])
        #expect(result.output == "answer to and a coke" && result.extracted == "answer to and a coke")
        #expect(result.prompt == requests[2].messages)
        #expect(result.usage == TokenUsage(prompt: 30, completion: 6), "the turns' usage summed")
    }

    @Test("history: expected shows the earlier turns' expected values instead of the model's answers")
    func expectedHistory() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel.answering { _ in "wrong" }
        var spec = Self.spec([Self.order], model: model)
        spec.history = .expected
        _ = try await Runner(store: store).runLoaded(spec)
        let assistant = model.requests[2].messages.filter { $0.role == "assistant" }.map(\.content)
        #expect(assistant == ["1 cheeseburger", "2 cheeseburger"])
    }

    @Test("perfect answers every turn; metrics are scored per turn and averaged over the case")
    func perfectAndMeans() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let secondWrong = ScriptedModel.answering { request in
            request.testCase?.fields["turn"] == .int(1) ? "3 cheeseburger" : request.testCase!.expected!.stringValue!
        }
        let run = try await Runner(store: store).runLoaded(Self.spec([Self.order], model: secondWrong, metrics: [.exact, .contains]))
        let result = try #require(run.results.first)
        #expect(result.status == .ok)
        #expect(result.turns?.map { $0.metrics["exact"] } == [.int(1), .int(0), .int(1)])
        #expect(result.metrics["exact"]?.doubleValue == 2.0 / 3.0)
        #expect(result.turns?.map(\.expected) == ["1 cheeseburger", "2 cheeseburger", "2 cheeseburger, 1 coke"])

        let perfect = try await Runner(store: store).runLoaded(Self.spec([Self.order], model: MockChatModel(.perfect)))
        #expect(perfect.results.first?.metrics["exact"] == .int(1))
        #expect(perfect.results.first?.turns?.map(\.output) == ["1 cheeseburger", "2 cheeseburger", "2 cheeseburger, 1 coke"])
    }

    @Test("object metrics are averaged leaf by leaf")
    func objectMeans() {
        let mean = MetricAverage.mean(of: [
            ["rouge": ["f1": 1, "precision": 0.5]], ["rouge": ["f1": 0, "precision": 1.0]],
        ])
        #expect(mean == ["rouge": ["f1": 0.5, "precision": 0.75]])
    }

    @Test("a failing turn stops the case with its status, names the turn, and keeps the turns before it")
    func failureStops() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel(name: "second-fails") { request, _ throws(ModelCallError) in
            if request.testCase?.fields["turn"] == .int(1) { throw ModelCallError(.client(status: 400), "no such item") }
            return ModelResponse(text: "fine")
        }
        let run = try await Runner(store: store).runLoaded(Self.spec([Self.order], model: model))
        let result = try #require(run.results.first)
        #expect(model.calls == 2, "the third turn is never sent")
        #expect(result.status == .modelError)
        #expect(result.error == "turn 2 of 3: no such item")
        #expect(result.turns?.map(\.status) == [.ok, .modelError])
        #expect(result.metrics.isEmpty, "a case that stopped early has no mean")
    }

    @Test("turns are stored and read back; a rerun with only the metrics changed makes no request")
    func storedAndCached() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = CountingModel(MockChatModel(.perfect))
        let plain = TestCase(id: "p1", fields: ["input": "a coke", "expected": "1 coke"])
        let first = try await Runner(store: store).runLoaded(Self.spec([Self.order, plain], model: model, template: RunTestKit.template))
        #expect(model.calls == 4)
        #expect(first.results.map(\.status) == [.ok, .ok])
        let loaded = try await store.load(first.record.id)
        #expect(loaded.results == first.results)
        #expect(loaded.results.first { $0.caseID == "o1" }?.turns?.count == 3)
        #expect(loaded.results.first { $0.caseID == "p1" }?.turns == nil)

        let rescored = try await Runner(store: store).runLoaded(
            Self.spec([Self.order, plain], model: model, metrics: [.contains], template: RunTestKit.template))
        #expect(model.calls == 4, "every turn came from the cache")
        #expect(rescored.results.allSatisfy { $0.isCached })
        #expect(rescored.results.first?.turns?.allSatisfy { $0.isCached } == true)
    }

    @Test("turns that are not a list of records, and history: expected without expected values, are refused")
    func validation() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let bad = TestCase(id: "b1", fields: ["turns": "hello"])
        await #expect(throws: RunError(.invalidSpec, #"case 'b1': 'turns' must be a non-empty list of records such as {"input": …, "expected": …}, not a string"#)) {
            try await Runner(store: store).runLoaded(Self.spec([bad], model: MockChatModel(.perfect)))
        }
        var spec = Self.spec([TestCase(id: "n1", fields: ["turns": [["input": "a"], ["input": "b"]]])], model: MockChatModel(.perfect))
        spec.history = .expected
        await #expect(throws: RunError(.invalidSpec, #"history: "expected" shows each earlier turn's expected value, but turn 1 of case 'n1' has none: add it, or use history: "model""#)) {
            try await Runner(store: store).runLoaded(spec)
        }
        #expect(throws: RunError(.invalidSpec, #"history must be "model" or "expected", not "gold""#)) { try ConversationHistory(setting: "gold") }
    }
}
