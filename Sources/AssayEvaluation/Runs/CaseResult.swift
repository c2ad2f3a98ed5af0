import AssayCore

/// The outcome of one case (one sample of it) in a run: every stage's output, error and cost.
public struct CaseResult: Sendable, Hashable {
    /// The case's id.
    public var caseID: String
    /// The sample index (0 for the first answer).
    public var sample: Int
    /// The case's position in the suite, for showing results in suite order.
    public var position: Int
    /// The rendered messages sent to the model (empty when rendering failed).
    public var prompt: [ChatMessage]
    /// The model's raw answer, when a call succeeded.
    public var output: String?
    /// The extracted value, when extraction succeeded.
    public var extracted: JSONValue?
    /// The metrics' values by metric name (only those that succeeded).
    public var metrics: JSONObject
    /// How the case ended.
    public var status: CaseStatus
    /// Why it did not end `ok`: the model, extraction, metric or template error message.
    public var error: String?
    /// How long the successful call took, in milliseconds (the original call's for a cached answer).
    public var latencyMilliseconds: Double?
    /// The tokens the successful call used, when the provider reported them.
    public var usage: TokenUsage?
    /// How many times the call was tried again before it succeeded or gave up.
    public var retries: Int
    /// Whether the answer came from the response cache.
    public var isCached: Bool
    /// A multi-turn case's turns, in order, up to the one that failed; nil for a case without
    /// `turns`. The case's usage and latency are the turns' sums, its output and extracted value the
    /// last turn's, and each metric the mean over the turns (per leaf for objects).
    public var turns: [TurnResult]? = nil
    /// The tools the answer called, in order (`[]` when it called none); nil when the run offered
    /// no tools.
    public var toolCalls: [ToolCall]? = nil
    /// For a streamed answer: the time to its first token, in milliseconds.
    public var ttftMilliseconds: Double? = nil
    /// For a streamed answer: output tokens per second after the first token.
    public var tokensPerSecond: Double? = nil

    /// Creates a result.
    public init(
        caseID: String, sample: Int, position: Int, prompt: [ChatMessage], output: String? = nil,
        extracted: JSONValue? = nil, metrics: JSONObject = JSONObject(), status: CaseStatus, error: String? = nil,
        latencyMilliseconds: Double? = nil, usage: TokenUsage? = nil, retries: Int = 0, isCached: Bool = false
    ) {
        self.caseID = caseID
        self.sample = sample
        self.position = position
        self.prompt = prompt
        self.output = output
        self.extracted = extracted
        self.metrics = metrics
        self.status = status
        self.error = error
        self.latencyMilliseconds = latencyMilliseconds
        self.usage = usage
        self.retries = retries
        self.isCached = isCached
    }

    /// The key that identifies the result within its run.
    public var key: CaseKey {
        CaseKey(caseID: caseID, sample: sample)
    }
}

/// A case id and sample index: what identifies one result of a run.
public struct CaseKey: Sendable, Hashable {
    /// The case's id.
    public var caseID: String
    /// The sample index.
    public var sample: Int

    /// Creates a key.
    public init(caseID: String, sample: Int) {
        self.caseID = caseID
        self.sample = sample
    }
}

/// How one case ended.
public enum CaseStatus: String, Sendable, Hashable, CaseIterable {
    /// Answered, extracted and scored.
    case ok
    /// The model call failed (after any retries); see ``CaseResult/error``.
    case modelError = "model_error"
    /// The answer could not be read by the extraction; the raw output is kept.
    case extractError = "extract_error"
    /// A metric failed or returned something that is not a number; the other metrics are kept.
    case metricError = "metric_error"
    /// The template could not be rendered for the case (a missing field); no call was made.
    case templateError = "template_error"
    /// An LLM judge did not answer or gave no score that could be read; the judge's raw answer is
    /// in ``CaseResult/error``. Never a low score: the judge failed, not the answer.
    case judgeError = "judge_error"

    /// Whether the case counts as an error in summaries.
    public var isError: Bool {
        self != .ok
    }
}

extension CaseResult {
    /// Records a streamed answer's time to first token and output tokens per second (the
    /// provider's output token count, else the pieces of output received).
    mutating func recordStreamTiming(_ response: ModelResponse) {
        guard let timing = response.streamTiming else { return }
        ttftMilliseconds = ConfigurationCoding.seconds(timing.firstToken) * 1000
        tokensPerSecond = timing.tokensPerSecond(response.usage?.completion ?? timing.pieces)
    }
}
