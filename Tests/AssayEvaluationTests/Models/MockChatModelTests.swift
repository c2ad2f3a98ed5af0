import AssayCore
import Testing
@testable import AssayEvaluation

@Suite("Built-in mock models")
struct MockChatModelTests {
    static let cases = (0..<200).map { index in
        TestCase(id: "case-\(index)", fields: ["input": .string("question \(index)"),
                                               "expected": .string("the answer is \(index) apples")])
    }

    static func request(_ testCase: TestCase?, sample: Int = 0, attempt: Int = 0, user: String = "say hi to me") -> ModelRequest {
        ModelRequest(messages: [ChatMessage(role: "system", content: "be nice"), ChatMessage(role: "user", content: user)],
                     sampleIndex: sample, testCase: testCase, attempt: attempt)
    }

    @Test("perfect answers expected: strings as they are, other values as compact JSON")
    func perfect() async throws {
        let model = MockChatModel(.perfect)
        let text = try await model.complete(Self.request(Self.cases[0]))
        #expect(text == ModelResponse(text: "the answer is 0 apples", usage: TokenUsage(prompt: 6, completion: 5)))
        let structured = TestCase(id: "s", fields: ["expected": ["a": 1, "b": [true, nil]]])
        #expect(try await model.complete(Self.request(structured)).text == #"{"a":1,"b":[true,null]}"#)
        #expect(model.descriptor == ModelDescriptor(name: "perfect", provider: "mock", model: "perfect",
                                                    answersDependOnCase: true))
    }

    @Test("echo answers the last user message")
    func echo() async throws {
        let response = try await MockChatModel(.echo).complete(Self.request(Self.cases[0], user: "repeat  after me"))
        #expect(response.text == "repeat  after me")
        #expect(response.usage == TokenUsage(prompt: 5, completion: 3))
    }

    /// The cases `model` fails on, attempt by attempt.
    static func failures(_ model: MockChatModel, attempt: Int = 0, sample: Int = 0) async -> [String] {
        var failed: [String] = []
        for testCase in cases {
            do {
                let response = try await model.complete(request(testCase, sample: sample, attempt: attempt))
                #expect(response.text == testCase.expected?.stringValue)
            } catch {
                #expect(error.kind == .injected)
                #expect(error.isRetryable)
                failed.append(testCase.id)
            }
        }
        return failed
    }

    @Test("flakey fails at its rate, the same calls for the same seed, and retries can succeed")
    func flakey() async {
        let first = await Self.failures(MockChatModel(.flakey, seed: 0))
        let again = await Self.failures(MockChatModel(.flakey, seed: 0))
        #expect(first == again)
        #expect((40...80).contains(first.count), "about 30% of 200, found \(first.count)")
        #expect(await Self.failures(MockChatModel(.flakey, seed: 1)) != first)
        let retried = await Self.failures(MockChatModel(.flakey, seed: 0), attempt: 1)
        #expect(!Set(first).subtracting(retried).isEmpty, "some failed calls succeed on the next attempt")
        #expect(await Self.failures(MockChatModel(.flakey, seed: 0), sample: 1) != first)
        #expect(await Self.failures(MockChatModel(.flakey, rate: 0)).isEmpty)
        #expect(await Self.failures(MockChatModel(.flakey, rate: 1)).count == Self.cases.count)
    }

    /// The answers of `model` to every case.
    static func answers(_ model: MockChatModel, sample: Int = 0) async throws -> [String] {
        var texts: [String] = []
        for testCase in cases { texts.append(try await model.complete(request(testCase, sample: sample)).text) }
        return texts
    }

    @Test("noisy corrupts answers at its rate, deterministically by seed")
    func noisy() async throws {
        let expected = Self.cases.map { $0.expected!.stringValue! }
        let first = try await Self.answers(MockChatModel(.noisy, rate: 0.4, seed: 5))
        #expect(try await Self.answers(MockChatModel(.noisy, rate: 0.4, seed: 5)) == first)
        #expect(try await Self.answers(MockChatModel(.noisy, rate: 0.4, seed: 6)) != first)
        let wrong = zip(first, expected).filter { $0 != $1 }.count
        #expect((55...105).contains(wrong), "about 40% of 200, found \(wrong)")
        #expect(try await Self.answers(MockChatModel(.noisy, rate: 1)).allSatisfy { !expected.contains($0) })
        #expect(try await Self.answers(MockChatModel(.noisy, rate: 0)) == expected)
    }

    @Test("a corruption never equals the value it corrupts", arguments: [
        JSONValue.string("yes"), "a a a", "", "   ", "two words", 41, true, ["k": "v"], 2.5,
    ])
    func corruptionDiffers(value: JSONValue) {
        for seed in 0..<50 {
            var draw = SeededDraw(seed: seed)
            #expect(AnswerCorruption.corrupt(value, draw: &draw) != value.text)
        }
    }

    @Test("without a case, mocks answer as echo")
    func withoutCase() async throws {
        for behavior in MockChatModel.Behavior.allCases {
            #expect(try await MockChatModel(behavior, rate: 1).complete(Self.request(nil)).text == "say hi to me")
        }
    }

    @Test("latency delays the answer and cancellation interrupts it")
    func latencyAndCancellation() async {
        let model = MockChatModel(.perfect, latency: .seconds(30))
        let task = Task { () async throws(ModelCallError) -> ModelResponse in
            try await model.complete(Self.request(Self.cases[0]))
        }
        task.cancel()
        let result = await task.result
        #expect(throws: ModelCallError.self) { try result.get() }
        if case .failure(let error) = result { #expect((error as? ModelCallError)?.kind == .cancelled) }
    }
}
