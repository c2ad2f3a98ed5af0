import AssayCore
import AssayMetrics
import Foundation

/// An LLM judge as a run metric: renders a template with the case's fields plus `output`,
/// `extracted` and `expected`, asks the judge model, and reads the score from its answer.
///
/// The case stores `{score, raw, prompt_tokens, completion_tokens}`: the score (on the scale, or
/// 0–1 with `normalize`), the judge's raw answer, and the judge's own tokens (kept apart from the
/// subject model's `tokens`). A judge that fails to answer, or whose answer holds no readable
/// score, throws ``JudgeError`` and the case gets status `judge_error` with the raw answer — never
/// a silent 0. Judge answers go through the run store's response cache, keyed like run calls by
/// (judge model, prompt), so rerunning a judged run does not call the judge again.
package struct JudgeMetric: Sendable {
    let model: any ChatModel
    let template: PromptTemplate
    let parser: JudgeScoreParser
    let store: RunStore?
    let timeout: Duration
    /// Extra attempts after a failure that a retry can fix (rate limits, server errors, timeouts).
    var retries = 2

    /// A judge with its model, template, score parser, cache and per-judgement timeout.
    package init(model: any ChatModel, template: PromptTemplate, parser: JudgeScoreParser, store: RunStore?, timeout: Duration) {
        self.model = model
        self.template = template
        self.parser = parser
        self.store = store
        self.timeout = timeout
    }

    /// The judge of stored settings with a live model.
    ///
    /// - Throws: ``MetricBuildError`` when the template no longer compiles.
    init(_ settings: JudgeSettings, model: any ChatModel, store: RunStore?) throws(MetricBuildError) {
        let template: PromptTemplate
        do { template = try settings.makeTemplate() } catch {
            throw MetricBuildError(.invalidOption, "the judge's template does not compile: \(error.description)")
        }
        self.init(model: model, template: template, parser: JudgeScoreParser(scale: settings.scale, normalizes: settings.normalizes),
                  store: store, timeout: settings.timeout)
    }

    /// The judge of stored settings, its model made again from the catalog from the stored
    /// descriptor (``ModelCatalog/model(restoring:)``).
    ///
    /// - Throws: ``MetricBuildError`` when the model is not in the catalog or the template no
    ///   longer compiles.
    init(_ settings: JudgeSettings, environment: MetricEnvironment) throws(MetricBuildError) {
        guard settings.modelName != nil else { throw MetricBuildError(.notStored, "the judge's model was not stored") }
        let catalog = try environment.catalog()
        let model: any ChatModel
        do throws(ModelConfigurationError) {
            model = try catalog.model(restoring: settings.model)
        } catch {
            throw MetricBuildError(.unknownModel, "the judge model: \(error.message)", hint: error.hint)
        }
        try self.init(settings, model: model, store: environment.store)
    }

    /// Judges one case.
    package func evaluate(_ input: ScoringInput) async throws -> JSONValue {
        var fields = input.testCase.fields
        fields["output"] = .string(input.output)
        fields["extracted"] = input.extracted
        if let expected = input.expected { fields["expected"] = expected }
        let messages: [ChatMessage]
        do throws(TemplateError) {
            messages = try template.render(fields, caseID: input.testCase.id)
        } catch {
            throw MetricError("the judge template cannot be rendered: \(error.description)")
        }
        let request = ModelRequest(messages: messages, parameters: model.descriptor.parameters, timeout: timeout)
        let response = try await answer(request)
        let score: JudgeScore
        do throws(JudgeScoreFailure) {
            score = try parser.score(response.text)
        } catch {
            throw JudgeError("the judge's answer gives no usable score (\(error.kind): \(error.message))", rawAnswer: response.text)
        }
        var value: JSONObject = ["score": .double(score.value), "raw": .string(response.text)]
        if let usage = response.usage {
            value["prompt_tokens"] = .int(usage.prompt)
            value["completion_tokens"] = .int(usage.completion)
        }
        return .object(value)
    }

    /// The judge's answer: from the response cache, else from the model (kept in the cache).
    private func answer(_ request: ModelRequest) async throws -> ModelResponse {
        let descriptor = model.descriptor
        if let store, let cached = await store.cachedResponse(to: request, from: descriptor) { return cached }
        var attempt = 0
        while true {
            var call = request
            call.attempt = attempt
            let clock = ContinuousClock()
            let start = clock.now
            do throws(ModelCallError) {
                let response = try await model.complete(call)
                let elapsed = (clock.now - start).components
                let milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
                try? await store?.keep(response, answering: request, from: descriptor, latencyMilliseconds: milliseconds)
                return response
            } catch {
                if error.kind == .cancelled { throw CancellationError() }
                guard error.isRetryable, attempt < retries else {
                    throw JudgeError("the judge model '\(descriptor.name)' did not answer: \(error.message)")
                }
                try await Task.sleep(for: error.retryAfter ?? .milliseconds(500 << attempt))
                attempt += 1
            }
        }
    }
}
