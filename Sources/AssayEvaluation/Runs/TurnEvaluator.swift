import AssayCore

/// Takes a multi-turn case through its turns, each with the conversation so far.
///
/// For turn k the template is rendered with ``TestCase/turn(_:)`` (the case's fields overlaid by
/// the turn's, and `turn` = k). The conversation sent is turn k's system messages, then for each
/// earlier turn its non-system messages followed by an assistant message with its answer (the
/// model's own, or the turn's `expected` with `history: "expected"`), then turn k's non-system
/// messages. A turn with `tool_results` (``ToolResult``) sends, instead of its rendered messages,
/// the results as tool messages answering the calls of the answer before it, which the history
/// shows with that answer (the model's calls, or with `history: "expected"` the turn's
/// `expected_tool_calls`, given ids `call_<turn>_<k>` when they have none). Each turn is answered
/// through the response cache, extracted and scored like a case; the first turn that fails stops
/// the case, with the turn named in its error.
struct TurnEvaluator: Sendable {
    let evaluator: CaseEvaluator

    /// Evaluates every turn of the case; nil when the task was cancelled before the case finished.
    func evaluate(_ item: Runner.WorkItem, turns: [JSONObject]) async -> CaseEvaluator.Evaluation? {
        let testCase = item.testCase
        var done: [TurnResult] = []
        var cacheEntries: [CachedAnswer] = []
        var earlier: [ChatMessage] = []
        var system: [ChatMessage] = []
        var previousCalls: [ToolCall] = []
        var failure: (status: CaseStatus, error: String)?
        turnLoop: for index in turns.indices {
            let turnCase = testCase.turn(index)
            var turn = CaseResult(caseID: testCase.id, sample: item.sample, position: item.position, prompt: [], status: .ok)
            defer { done.append(Self.turnResult(index, of: turnCase, from: turn)) }
            let own: [ChatMessage]
            do {
                if let results = try ToolResult.results(in: turns[index]) {
                    own = try ToolResult.messages(results, answering: previousCalls)
                } else {
                    let rendered = try evaluator.template.render(turnCase.fields, caseID: testCase.id)
                    system = rendered.filter { $0.role == "system" }
                    own = rendered.filter { $0.role != "system" }
                }
            } catch {
                turn.status = .templateError
                turn.error = "\(error)"
                failure = (turn.status, "\(error)")
                break turnLoop
            }
            turn.prompt = system + earlier + own
            let request = evaluator.request(turn.prompt, sample: item.sample, testCase: turnCase)
            switch await evaluator.answer(request, into: &turn) {
            case .cancelled: return nil
            case .failed: break
            case .answered(let entry): cacheEntries += entry.map { [$0] } ?? []
            }
            if turn.status == .ok { await evaluator.score(&turn, testCase: turnCase) }
            if turn.status.isError {
                if Task.isCancelled { return nil }
                failure = (turn.status, turn.error ?? "")
                break turnLoop
            }
            previousCalls = historyCalls(turn, turnCase)
            earlier += own + [ChatMessage(role: "assistant", content: historyAnswer(turn, turnCase), toolCalls: previousCalls)]
        }
        var result = Self.combine(done, item: item, turnCount: turns.count)
        if let failure {
            result.status = failure.status
            result.error = "turn \(done.count) of \(turns.count): \(failure.error)"
        }
        return CaseEvaluator.Evaluation(result: result, cacheEntries: cacheEntries)
    }

    /// What the conversation shows as a finished turn's answer.
    private func historyAnswer(_ turn: CaseResult, _ turnCase: TestCase) -> String {
        switch evaluator.history {
        case .model: turn.output ?? ""
        case .expected: turnCase.expected.map { $0.stringValue ?? $0.serialized() } ?? ""
        }
    }

    /// The calls the conversation shows with a finished turn's answer, each with an id.
    private func historyCalls(_ turn: CaseResult, _ turnCase: TestCase) -> [ToolCall] {
        let calls = switch evaluator.history {
        case .model: turn.toolCalls ?? []
        case .expected: ToolCall.calls(from: turnCase.fields[MockChatModel.expectedCallsField])
        }
        let index = turnCase.fields["turn"]?.intValue ?? 0
        return calls.enumerated().map { position, call in
            var call = call
            if call.id?.isEmpty ?? true { call.id = "call_\(index)_\(position)" }
            return call
        }
    }

    /// The case's result from its turns: usage, latency and retries summed, output, extracted value,
    /// tool calls and prompt from the last turn, each metric averaged when every turn has it.
    static func combine(_ turns: [TurnResult], item: Runner.WorkItem, turnCount: Int) -> CaseResult {
        let last = turns.last
        var result = CaseResult(
            caseID: item.testCase.id, sample: item.sample, position: item.position, prompt: last?.prompt ?? [],
            output: last?.output, extracted: last?.extracted, status: .ok
        )
        result.toolCalls = last?.toolCalls
        let usages = turns.compactMap(\.usage)
        if !usages.isEmpty {
            result.usage = TokenUsage(prompt: usages.reduce(0) { $0 + $1.prompt }, completion: usages.reduce(0) { $0 + $1.completion })
        }
        let latencies = turns.compactMap(\.latencyMilliseconds)
        if !latencies.isEmpty { result.latencyMilliseconds = latencies.reduce(0, +) }
        result.retries = turns.reduce(0) { $0 + $1.retries }
        result.isCached = !turns.isEmpty && turns.allSatisfy(\.isCached)
        if turns.count == turnCount { result.metrics = MetricAverage.mean(of: turns.map(\.metrics)) }
        result.turns = turns
        return result
    }

    private static func turnResult(_ index: Int, of turnCase: TestCase, from turn: CaseResult) -> TurnResult {
        TurnResult(
            turn: index, input: turnCase.input, expected: turnCase.expected, prompt: turn.prompt, output: turn.output,
            extracted: turn.extracted, metrics: turn.metrics, status: turn.status, error: turn.error,
            latencyMilliseconds: turn.latencyMilliseconds, usage: turn.usage, retries: turn.retries, isCached: turn.isCached,
            toolCalls: turn.toolCalls
        )
    }
}
