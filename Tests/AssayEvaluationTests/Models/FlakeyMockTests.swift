import AssayCore
import Testing
@testable import AssayEvaluation

/// `flakey` shows the three outcomes a run can have — the expected answer, a wrong answer and a
/// failure retries do not cure — on the same cases every time.
@Suite("The flakey mock")
struct FlakeyMockTests {
    enum Outcome: Hashable { case expected, wrong, failed }

    static func outcomes(_ model: MockChatModel, attempt: Int = 0) async -> [Outcome] {
        var outcomes: [Outcome] = []
        for testCase in MockChatModelTests.cases {
            do {
                let response = try await model.complete(MockChatModelTests.request(testCase, attempt: attempt))
                if response.text == testCase.expected?.stringValue {
                    outcomes.append(.expected)
                } else {
                    #expect(response.text == "hello world")
                    outcomes.append(.wrong)
                }
            } catch {
                #expect(!error.isRetryable, "a retry must not cure flakey's failure")
                outcomes.append(.failed)
            }
        }
        return outcomes
    }

    @Test("about a third of the cases each: expected, \"hello world\", a failure")
    func threeOutcomes() async {
        let outcomes = await Self.outcomes(MockChatModel(.flakey))
        for outcome in [Outcome.expected, .wrong, .failed] {
            let count = outcomes.filter { $0 == outcome }.count
            #expect((45...90).contains(count), "\(outcome): \(count) of 200")
        }
    }

    @Test("the same cases get the same outcome on every call and every attempt")
    func deterministic() async {
        let first = await Self.outcomes(MockChatModel(.flakey))
        #expect(await Self.outcomes(MockChatModel(.flakey)) == first)
        #expect(await Self.outcomes(MockChatModel(.flakey), attempt: 2) == first)
        #expect(await Self.outcomes(MockChatModel(.flakey, seed: 1)) != first)
    }

    @Test("a run on flakey with the default retries has ok, wrong and failed cases, and its rerun the same")
    func run() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let spec = RunSpec(name: "flakey", suite: RunTestKit.suite(count: 30), template: RunTestKit.template,
                           model: MockChatModel(.flakey), metrics: [.exact])
        let run = try await Runner(store: store, environment: RecordingSleeper().environment()).runLoaded(spec)
        let scores = run.results.compactMap { $0.metrics["exact"]?.intValue }
        #expect(scores.contains(1) && scores.contains(0))
        #expect(run.results.contains { $0.status == .modelError && $0.retries == 0 })
        let again = try await Runner(store: store, environment: RecordingSleeper().environment()).runLoaded(spec)
        #expect(again.results.map(\.status) == run.results.map(\.status))
    }
}
