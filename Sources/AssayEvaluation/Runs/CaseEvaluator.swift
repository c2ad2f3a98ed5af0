/// Takes one case and sample through prepare, infer, extract and evaluate.
struct CaseEvaluator: Sendable {
    /// A finished case and, when the model was called, the answer to cache.
    struct Evaluation: Sendable {
        let result: CaseResult
        let cacheEntry: CachedAnswer?
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
    }

    /// Evaluates one item; nil when the task was cancelled before the case finished.
    func evaluate(_ item: Runner.WorkItem) async -> Evaluation? {
        let testCase = item.testCase
        var result = CaseResult(caseID: testCase.id, sample: item.sample, position: item.position, prompt: [], status: .ok)
        do {
            result.prompt = try template.render(testCase.fields, caseID: testCase.id)
        } catch {
            result.status = .templateError
            result.error = error.description
            return Evaluation(result: result, cacheEntry: nil)
        }
        let request = ModelRequest(
            messages: result.prompt, parameters: parameters, sampleIndex: item.sample, testCase: testCase, timeout: timeout
        )
        let key = ResponseCacheKey.make(for: request, descriptor: descriptor)
        var cacheEntry: CachedAnswer?
        if usesCache, let hit = await cachedAnswer(key) {
            result.isCached = true
            result.output = hit.response.text
            result.usage = hit.response.usage
            result.latencyMilliseconds = hit.latencyMilliseconds
        } else {
            if Task.isCancelled { return nil }
            switch await caller.call(request) {
            case .cancelled, .heldBack:
                return nil
            case .failed(let error, let retries):
                result.status = .modelError
                result.error = error.message
                result.retries = retries
                return Evaluation(result: result, cacheEntry: nil)
            case .answered(let response, let latency, let retries):
                let milliseconds = ConfigurationCoding.seconds(latency) * 1000
                result.output = response.text
                result.usage = response.usage
                result.latencyMilliseconds = milliseconds
                result.retries = retries
                if writesCache { cacheEntry = CachedAnswer(key: key, response: response, latencyMilliseconds: milliseconds) }
            }
        }
        await score(&result, testCase: testCase)
        // An extraction or metric cut short by the run's cancellation (a user function that saw the
        // interrupt) did not fail: the case is unfinished, and resuming runs it again.
        if result.status.isError, Task.isCancelled { return nil }
        return Evaluation(result: result, cacheEntry: cacheEntry)
    }

    /// Extracts the value and computes the metrics, setting the status on failure.
    private func score(_ result: inout CaseResult, testCase: TestCase) async {
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
        let input = ScoringInput(testCase: testCase, sample: result.sample, output: output, extracted: extracted)
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
