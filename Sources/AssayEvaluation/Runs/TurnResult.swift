import AssayCore

/// One turn of a multi-turn case's result: what was sent, answered, extracted and scored.
///
/// A multi-turn case's ``CaseResult`` sums the turns' usage and latency, takes its output and
/// extracted value (and its tool calls) from the last turn done, and averages each metric over the turns (see
/// ``CaseResult/turns``).
public struct TurnResult: Sendable, Hashable {
    /// The turn's 0-based index.
    public var turn: Int
    /// The turn's `input` (the case's when the turn has none), if any.
    public var input: JSONValue?
    /// The turn's `expected` (the case's when the turn has none), if any.
    public var expected: JSONValue?
    /// The whole conversation sent for this turn (empty when rendering failed).
    public var prompt: [ChatMessage]
    /// The model's raw answer, when the call succeeded.
    public var output: String?
    /// The extracted value, when extraction succeeded.
    public var extracted: JSONValue?
    /// The metrics' values for this turn, by metric name.
    public var metrics: JSONObject
    /// How the turn ended.
    public var status: CaseStatus
    /// Why it did not end `ok`.
    public var error: String?
    /// How long the successful call took, in milliseconds.
    public var latencyMilliseconds: Double?
    /// The tokens the call used, when reported.
    public var usage: TokenUsage?
    /// How many times the call was tried again.
    public var retries: Int
    /// Whether the answer came from the response cache.
    public var isCached: Bool
    /// The tools the turn's answer called, when the run offered tools (nil otherwise).
    public var toolCalls: [ToolCall]?

    /// Creates a turn result.
    public init(
        turn: Int, input: JSONValue? = nil, expected: JSONValue? = nil, prompt: [ChatMessage] = [], output: String? = nil,
        extracted: JSONValue? = nil, metrics: JSONObject = JSONObject(), status: CaseStatus, error: String? = nil,
        latencyMilliseconds: Double? = nil, usage: TokenUsage? = nil, retries: Int = 0, isCached: Bool = false,
        toolCalls: [ToolCall]? = nil
    ) {
        self.turn = turn
        self.input = input
        self.expected = expected
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
        self.toolCalls = toolCalls
    }
}
