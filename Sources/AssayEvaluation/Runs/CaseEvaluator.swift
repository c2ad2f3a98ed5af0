import AssayCore

/// Takes one case and sample through prepare, infer, extract and evaluate.
///
/// Multi-turn cases go through ``TurnEvaluator`` and groups of cases (`group: n`) through
/// ``GroupEvaluator``, which use this type's steps.
struct CaseEvaluator: Sendable {
    /// A finished case and, when the model was called, the answers to cache.
    struct Evaluation: Sendable {
        let result: CaseResult
        let cacheEntries: [CachedAnswer]
    }

    let template: PromptTemplate
    let descriptor: ModelDescriptor
    let parameters: ModelParameters
    let timeout: Duration
    let extraction: Extraction
    let metrics: [RunMetric]
    let usesCache: Bool
    /// Whether answers are stored in the cache (even when `cache: false` stops reading it).
    let writesCache: Bool
    let store: RunStore
    let caller: ModelCaller
    let history: ConversationHistory

    init(spec: RunSpec, store: RunStore, caller: ModelCaller) {
        template = spec.template
        descriptor = spec.model.descriptor
        parameters = spec.effectiveParameters
        timeout = spec.timeout
        extraction = spec.extraction
        metrics = spec.metrics
        usesCache = spec.usesCache && spec.model.descriptor.cachesAnswers
        writesCache = spec.model.descriptor.cachesAnswers
        self.store = store
        self.caller = caller
        history = spec.history
    }

    /// Evaluates one unit of work: a group of cases sent in one request, a multi-turn case, or one
    /// case. Nil when the task was cancelled before any of them finished.
    func evaluate(_ unit: [Runner.WorkItem]) async -> [Evaluation]? {
        if unit.count > 1 { return await GroupEvaluator(evaluator: self).evaluate(unit) }
        guard let item = unit.first else { return [] }
        if let turns = item.testCase.turns {
            return await TurnEvaluator(evaluator: self).evaluate(item, turns: turns).map { [$0] }
        }
        return await evaluate(item).map { [$0] }
    }

    /// Evaluates one case; nil when the task was cancelled before the case finished.
    func evaluate(_ item: Runner.WorkItem) async -> Evaluation? {
        let testCase = item.testCase
        var result = CaseResult(caseID: testCase.id, sample: item.sample, position: item.position, prompt: [], status: .ok)
        do {
            result.prompt = try template.render(testCase.fields, caseID: testCase.id)
        } catch {
            result.status = .templateError
            result.error = error.description
            return Evaluation(result: result, cacheEntries: [])
        }
        let request = self.request(result.prompt, sample: item.sample, testCase: testCase)
        var cacheEntries: [CachedAnswer] = []
        switch await answer(request, into: &result) {
        case .cancelled: return nil
        case .failed: return Evaluation(result: result, cacheEntries: [])
        case .answered(let entry): cacheEntries = entry.map { [$0] } ?? []
        }
        await score(&result, testCase: testCase)
        // An extraction or metric cut short by the run's cancellation (a user function that saw the
        // interrupt) did not fail: the case is unfinished, and resuming runs it again.
        if result.status.isError, Task.isCancelled { return nil }
        return Evaluation(result: result, cacheEntries: cacheEntries)
    }

    /// Whether the run offers the model tools, so that results record the calls (none included).
    var offersTools: Bool {
        !(descriptor.parameters.merging(parameters).tools ?? []).isEmpty
    }

    /// A request for the run's parameters and timeout.
    func request(_ messages: [ChatMessage], sample: Int, testCase: TestCase?) -> ModelRequest {
        ModelRequest(messages: messages, parameters: parameters, sampleIndex: sample, testCase: testCase, timeout: timeout)
    }

    /// How asking the model ended.
    enum AnswerOutcome {
        /// The task was cancelled; nothing is recorded.
        case cancelled
        /// The call failed; the result holds `model_error`, the message and the retries.
        case failed
        /// The result holds the answer; the entry is what to cache when the model was called.
        case answered(CachedAnswer?)
    }

    /// Answers a request from the cache or the model, recording the output, usage, latency, retries
    /// and whether it was cached in `result` (or the model error).
    func answer(_ request: ModelRequest, into result: inout CaseResult) async -> AnswerOutcome {
        let key = ResponseCacheKey.make(for: request, descriptor: descriptor)
        if usesCache, let hit = await cachedAnswer(key) {
            result.isCached = true
            result.output = hit.response.text
            if offersTools { result.toolCalls = hit.response.toolCalls }
            result.recordStreamTiming(hit.response)
            result.usage = hit.response.usage
            result.latencyMilliseconds = hit.latencyMilliseconds
            result.retries = hit.retries
            return .answered(nil)
        }
        if Task.isCancelled { return .cancelled }
        switch await caller.call(request) {
        case .cancelled, .heldBack:
            // Held back by the budget: the case is unfinished, as if interrupted, and resume runs it.
            return .cancelled
        case .failed(let error, let retries):
            result.status = .modelError
            result.error = error.message
            result.retries = retries
            return .failed
        case .answered(let response, let latency, let retries):
            let milliseconds = ConfigurationCoding.seconds(latency) * 1000
            result.output = response.text
            if offersTools { result.toolCalls = response.toolCalls }
            result.usage = response.usage
            result.recordStreamTiming(response)
            result.latencyMilliseconds = milliseconds
            result.retries = retries
            return .answered(writesCache ? CachedAnswer(key: key, response: response, latencyMilliseconds: milliseconds, retries: retries) : nil)
        }
    }

    /// Extracts the value and computes the metrics, setting the status on failure.
    func score(_ result: inout CaseResult, testCase: TestCase) async {
        let output = result.output ?? ""
        let extracted: JSONValue
        do {
            extracted = try await extraction.extract(from: output)
        } catch {
            result.status = .extractError
            result.error = error.message
            return
        }
        result.extracted = extracted
        var input = ScoringInput(testCase: testCase, sample: result.sample, output: output, extracted: extracted)
        input.toolCalls = result.toolCalls ?? []
        var failures: [String] = []
        var judgeFailures: [String] = []
        for metric in metrics {
            do {
                let value = try await metric.evaluate(input)
                if let checked = MetricValue.normalized(value) {
                    result.metrics[metric.name] = checked
                } else {
                    failures.append("metric '\(metric.name)' returned \(value.kindDescription) (\(Self.shortJSON(value))) for case '\(testCase.id)'; a metric must return a number, a boolean, or an object of numbers")
                }
            } catch let error as JudgeError {
                judgeFailures.append("metric '\(metric.name)' for case '\(testCase.id)': \(error)")
            } catch {
                failures.append("metric '\(metric.name)' failed for case '\(testCase.id)': \(error)")
            }
        }
        if !failures.isEmpty {
            result.status = .metricError
            result.error = (failures + judgeFailures).joined(separator: "\n")
        } else if !judgeFailures.isEmpty {
            result.status = .judgeError
            result.error = judgeFailures.joined(separator: "\n")
        }
    }

    /// Compact JSON, cut at 100 characters.
    private static func shortJSON(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.count > 100 ? String(text.prefix(100)) + "…" : text
    }

    /// The cached answer for a key; a failed read counts as a miss.
    private func cachedAnswer(_ key: String) async -> CachedAnswer? {
        try? await store.cachedAnswer(forKey: key)
    }
}
