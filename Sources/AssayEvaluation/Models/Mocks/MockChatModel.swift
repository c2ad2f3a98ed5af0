import AssayCore

/// A built-in model that answers without a network: for trying suites, metrics and the runner.
///
/// - `perfect` answers the case's `expected` (a string as it is, any other value as compact JSON).
/// - `echo` answers the last user message.
/// - `flakey` shows the three outcomes of a run, about a third of the cases each: the expected
///   answer (as `perfect`), a wrong answer (`hello world`), or a failure retries do not cure
///   (``ModelCallError/Kind/injectedPermanent``). Which one is decided from (seed, case id, sample
///   index), so every run and rerun gets the same outcome for the same case, whatever its retries.
/// - `transient` fails with ``ModelCallError/Kind/injected`` at a rate, otherwise answers as
///   `perfect`. Whether a call fails is decided from (seed, case id, sample index, attempt), so the
///   same run fails the same calls, and a retry (the next attempt) can succeed.
/// - `noisy` answers a deterministic corruption of `expected` at a rate, decided from (seed, case
///   id, sample index), otherwise answers as `perfect`.
///
/// A grouped request (``ModelRequest/groupedCases``) is answered as a numbered list, each item as
/// its case alone would be. Without a case, or a case without `expected`, the mocks other than `echo` answer as
/// `echo`. Token usage counts whitespace-separated words, so it is never zero for real text.
///
/// When the request offers tools and the case lists `expected_tool_calls` (`[{name, arguments}]`),
/// the mocks other than `echo` call those tools, beside the expected text if there is one; `flakey`
/// and `transient` fail such calls as they fail others.
public struct MockChatModel: ChatModel {
    /// Which mock.
    public enum Behavior: String, Sendable, Hashable, CaseIterable {
        /// Answers the expected value.
        case perfect
        /// Answers the expected value, a wrong answer, or fails for good, a third of the cases each.
        case flakey
        /// Answers the last user message.
        case echo
        /// Answers wrongly at a rate, otherwise answers the expected value.
        case noisy
        /// Fails at a rate, transiently (a retry may succeed), otherwise answers the expected value.
        case transient

        /// The rate used when none is given: 0.3 for `transient` and `noisy`.
        public var defaultRate: Double {
            switch self {
            case .transient, .noisy: 0.3
            case .perfect, .echo, .flakey: 0
            }
        }
    }

    /// What the model is; `answersDependOnCase` is true and `model` spells out rate and seed, so
    /// that cache keys tell differently configured mocks apart.
    public let descriptor: ModelDescriptor
    /// Which mock.
    public let behavior: Behavior
    /// The failure or corruption rate, from 0 to 1.
    public let rate: Double
    /// The seed of the mock's decisions.
    public let seed: Int
    /// A pause before each answer, if any.
    public let latency: Duration?

    /// Creates a mock.
    ///
    /// - Parameters:
    ///   - behavior: Which mock.
    ///   - name: The name it is called by; the behaviour's name by default.
    ///   - rate: The failure (`transient`) or corruption (`noisy`) rate; the behaviour's default if nil.
    ///   - seed: The seed of its decisions.
    ///   - latency: A pause before each answer.
    ///   - parameters: Parameters recorded in the descriptor (mocks ignore them).
    ///   - price: A price recorded in the descriptor, so that runs of the mock have a cost.
    public init(
        _ behavior: Behavior, name: String? = nil, rate: Double? = nil, seed: Int = 0, latency: Duration? = nil,
        parameters: ModelParameters = ModelParameters(), price: ModelPrice? = nil
    ) {
        self.behavior = behavior
        self.rate = min(1, max(0, rate ?? behavior.defaultRate))
        self.seed = seed
        self.latency = latency
        let model: String
        switch behavior {
        case .perfect, .echo: model = behavior.rawValue
        case .flakey: model = "flakey(seed: \(seed))"
        case .transient, .noisy: model = "\(behavior.rawValue)(rate: \(self.rate), seed: \(seed))"
        }
        descriptor = ModelDescriptor(name: name ?? behavior.rawValue, provider: "mock", model: model,
                                     parameters: parameters, answersDependOnCase: true, price: price)
    }

    /// Answers, fails or corrupts as the behaviour says, after the latency if there is one.
    ///
    /// - Parameter request: The messages, the case, the sample index and the attempt.
    /// - Returns: The answer and word counts as usage.
    /// - Throws: ``ModelCallError`` `.injected` (`transient`), `.injectedPermanent` (`flakey`) or
    ///   `.cancelled` during the latency.
    public func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        if let latency {
            do {
                try await Task.sleep(for: latency)
            } catch {
                throw ModelCallError(.cancelled, "the call to '\(descriptor.name)' was cancelled")
            }
        }
        if Task.isCancelled { throw ModelCallError(.cancelled, "the call to '\(descriptor.name)' was cancelled") }
        let promptWords = request.messages.reduce(0) { $0 + Self.wordCount($1.content) }
        if let (testCase, calls) = expectedCalls(request) {
            try failIfDrawn(testCase, request)
            let text = answer(for: testCase, request) ?? ""
            return ModelResponse(text: text, usage: TokenUsage(prompt: promptWords, completion: Self.wordCount(text)), toolCalls: calls)
        }
        let text = try answer(to: request)
        return ModelResponse(text: text, usage: TokenUsage(prompt: promptWords, completion: Self.wordCount(text)))
    }

    /// The calls a request that offers tools is answered with: its case's `expected_tool_calls`
    /// (`[{name, arguments}]`); nil when the request offers no tools, the case expects no calls, or
    /// the mock is `echo`.
    private func expectedCalls(_ request: ModelRequest) -> (TestCase, [ToolCall])? {
        guard behavior != .echo, !(descriptor.parameters.merging(request.parameters).tools ?? []).isEmpty,
              let testCase = request.testCase else { return nil }
        let calls = ToolCall.calls(from: testCase.fields[Self.expectedCallsField])
        return calls.isEmpty ? nil : (testCase, calls)
    }

    /// The case field holding the calls a case expects, which the mocks answer with.
    public static let expectedCallsField = "expected_tool_calls"

    /// The answer text, or the injected failure.
    func answer(to request: ModelRequest) throws(ModelCallError) -> String {
        let echo = request.messages.last(where: { $0.role == "user" })?.content ?? request.messages.last?.content ?? ""
        guard behavior != .echo else { return echo }
        if !request.groupedCases.isEmpty { return try groupedAnswer(to: request) }
        guard let testCase = request.testCase, testCase.expected != nil else { return echo }
        try failIfDrawn(testCase, request)
        return answer(for: testCase, request) ?? echo
    }

    /// A grouped request's answer: a numbered list with each item answered as its case alone would
    /// be (an item without `expected` answers the case's input). The call fails or succeeds as a
    /// whole, so `flakey` and `transient` decide with the first case.
    private func groupedAnswer(to request: ModelRequest) throws(ModelCallError) -> String {
        let cases = request.groupedCases
        if let first = cases.first { try failIfDrawn(first, request) }
        return cases.enumerated().map { index, testCase in
            "\(index + 1). " + (answer(for: testCase, request) ?? testCase.input.map(\.text) ?? "")
        }.joined(separator: "\n")
    }

    /// The answer `flakey` gives where it answers wrongly.
    static let wrongAnswer = "hello world"

    /// `flakey`'s outcome for a case: 0 the expected answer, 1 the wrong answer, 2 a failure.
    private func flakeyOutcome(_ testCase: TestCase, _ request: ModelRequest) -> Int {
        var draw = decisionDraw(testCase, request, attempt: nil)
        return Int(draw.next() % 3)
    }

    /// Throws the injected failure when `transient` draws one for the case, or `flakey`'s for good.
    private func failIfDrawn(_ testCase: TestCase, _ request: ModelRequest) throws(ModelCallError) {
        if behavior == .flakey, flakeyOutcome(testCase, request) == 2 {
            throw ModelCallError(.injectedPermanent, "'\(descriptor.name)' failed on purpose, for good (case \(testCase.id), sample \(request.sampleIndex))")
        }
        guard behavior == .transient else { return }
        var draw = decisionDraw(testCase, request, attempt: request.attempt)
        if draw.unit() < rate {
            throw ModelCallError(.injected, "'\(descriptor.name)' failed on purpose (case \(testCase.id), "
                                 + "sample \(request.sampleIndex), attempt \(request.attempt))")
        }
    }

    /// The case's expected value as text (`noisy` corrupts it at its rate); nil without `expected`.
    private func answer(for testCase: TestCase, _ request: ModelRequest) -> String? {
        guard let expected = testCase.expected else { return nil }
        if behavior == .flakey, flakeyOutcome(testCase, request) == 1 { return Self.wrongAnswer }
        if behavior == .noisy {
            var draw = decisionDraw(testCase, request, attempt: nil)
            if draw.unit() < rate { return AnswerCorruption.corrupt(expected, draw: &draw) }
        }
        return expected.text
    }

    private func decisionDraw(_ testCase: TestCase, _ request: ModelRequest, attempt: Int?) -> SeededDraw {
        var draw = SeededDraw(seed: seed)
        draw.mix(testCase.id)
        draw.mix(request.sampleIndex)
        // Each turn of a multi-turn case draws on its own.
        if testCase.isMultiTurn, let turn = testCase.fields["turn"]?.intValue { draw.mix(turn) }
        if let attempt { draw.mix(attempt) }
        return draw
    }

    /// The number of whitespace-separated words.
    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
