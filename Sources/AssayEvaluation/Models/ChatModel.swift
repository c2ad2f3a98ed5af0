import AssayCore

/// A model that answers chat requests: a real provider over HTTP, or a built-in mock.
///
/// The runner calls ``complete(_:)`` once per attempt; retries, backoff, timeouts and the response
/// cache live in the runner, not in the model. A model never sees or reports its API key outside the
/// request it builds.
public protocol ChatModel: Sendable {
    /// What the model is, without secrets: stored with runs and used in cache keys.
    var descriptor: ModelDescriptor { get }

    /// Makes one call.
    ///
    /// - Parameter request: The messages, parameters, sample index and (for mocks) the case.
    /// - Returns: The answer and its token usage.
    /// - Throws: ``ModelCallError``, which says whether a retry can help.
    func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse

    /// Whether ``complete(_:)`` itself ends, with a ``ModelCallError/Kind/timeout`` error, once
    /// the request's timeout has passed, so that callers need no timer of their own beside it
    /// (the runner races one against every other model). False unless a model says so.
    func endsAtTimeout(_ request: ModelRequest) -> Bool
}

extension ChatModel {
    public func endsAtTimeout(_ request: ModelRequest) -> Bool { false }
}

/// A model's identity and settings, with no secret in it.
public struct ModelDescriptor: Sendable, Hashable {
    /// The name the user calls it by (`gpt4o`, `perfect`).
    public var name: String
    /// `openai`, `azure_openai`, `anthropic`, or `mock`.
    public var provider: String
    /// The base URL or endpoint, when there is one.
    public var endpoint: String?
    /// The provider's model or deployment id.
    public var model: String?
    /// Parameters sent with every call.
    public var parameters: ModelParameters
    /// Whether answers depend on the case beyond its messages (mocks such as `perfect` read
    /// `expected`), so the cache key must include the case.
    public var answersDependOnCase: Bool
    /// Whether the response cache keeps this model's answers; false for models that only read
    /// answers already in the cases (`score(…)`), which cost nothing to ask again.
    public var cachesAnswers: Bool = true
    /// What the model charges per million tokens, when known (`"price"` in `models.json`); it is
    /// stored with runs but is not part of cache keys.
    public var price: ModelPrice?
    /// The provider's API version (Azure's `api-version`), when the entry names one.
    public var apiVersion: String?

    /// Creates a descriptor.
    public init(
        name: String, provider: String, endpoint: String? = nil, model: String? = nil,
        parameters: ModelParameters = ModelParameters(), answersDependOnCase: Bool = false, price: ModelPrice? = nil
    ) {
        self.name = name
        self.provider = provider
        self.endpoint = endpoint
        self.model = model
        self.parameters = parameters
        self.answersDependOnCase = answersDependOnCase
        self.price = price
    }
}

/// Generation parameters passed through to the provider; nil means "the provider's default".
public struct ModelParameters: Sendable, Hashable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var seed: Int?
    public var stop: [String]?
    /// An OpenAI-style `response_format` object (`{"type": "json_object"}` or a JSON schema).
    public var responseFormat: JSONValue?
    /// The tools the model may call; nil offers none.
    public var tools: [ToolDefinition]?
    /// Whether and which tool the model must call; nil is the provider's default.
    public var toolChoice: ToolChoice?
    /// Whether the answer is streamed as server-sent events (time to first token is then known).
    public var stream: Bool?

    /// Creates parameters.
    public init(
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil, seed: Int? = nil,
        stop: [String]? = nil, responseFormat: JSONValue? = nil, tools: [ToolDefinition]? = nil, toolChoice: ToolChoice? = nil,
        stream: Bool? = nil
    ) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.seed = seed
        self.stop = stop
        self.responseFormat = responseFormat
        self.tools = tools
        self.toolChoice = toolChoice
        self.stream = stream
    }

    /// These parameters with every non-nil one of `overrides` taking precedence.
    public func merging(_ overrides: ModelParameters) -> ModelParameters {
        ModelParameters(
            temperature: overrides.temperature ?? temperature, topP: overrides.topP ?? topP,
            maxTokens: overrides.maxTokens ?? maxTokens, seed: overrides.seed ?? seed,
            stop: overrides.stop ?? stop, responseFormat: overrides.responseFormat ?? responseFormat,
            tools: overrides.tools ?? tools, toolChoice: overrides.toolChoice ?? toolChoice, stream: overrides.stream ?? stream
        )
    }
}

/// One call's input.
public struct ModelRequest: Sendable, Hashable {
    /// The conversation to answer.
    public var messages: [ChatMessage]
    /// The parameters for this call (the model's own, already merged with the run's).
    public var parameters: ModelParameters
    /// 0 for the first sample of a case, then 1, 2, … (`samples: n`).
    public var sampleIndex: Int
    /// The case being evaluated, for mocks that answer from it; nil for `ask`.
    public var testCase: TestCase?
    /// The longest a single call may take.
    public var timeout: Duration
    /// 0 for the first try of this sample, then 1, 2, … for each retry.
    ///
    /// Real providers ignore it; the `transient` mock mixes it into its seeded decision so that a
    /// retry of a failed call can succeed. It is not part of what a call asks for, so response
    /// caches should leave it out of their keys.
    public var attempt: Int
    /// The cases of a grouped request (`group: n`), in the order of its numbered items; empty for a
    /// request about one case. Real providers ignore it; mocks answer each item from its case.
    public var groupedCases: [TestCase] = []

    /// Creates a request.
    public init(
        messages: [ChatMessage], parameters: ModelParameters = ModelParameters(), sampleIndex: Int = 0,
        testCase: TestCase? = nil, timeout: Duration = .seconds(60), attempt: Int = 0
    ) {
        self.messages = messages
        self.parameters = parameters
        self.sampleIndex = sampleIndex
        self.testCase = testCase
        self.timeout = timeout
        self.attempt = attempt
    }
}

/// One call's answer.
public struct ModelResponse: Sendable, Hashable {
    /// The answer text.
    public var text: String
    /// Tokens the provider counted, when it reports them.
    public var usage: TokenUsage?
    /// The tools the model asked to call, in order; empty when it answered in text only.
    public var toolCalls: [ToolCall]
    /// For a streamed answer: when its first token arrived and when it ended, from the request.
    public var streamTiming: StreamTiming?

    /// Creates a response.
    public init(text: String, usage: TokenUsage? = nil, toolCalls: [ToolCall] = [], streamTiming: StreamTiming? = nil) {
        self.text = text
        self.usage = usage
        self.toolCalls = toolCalls
        self.streamTiming = streamTiming
    }
}

/// When a streamed answer's first token arrived and when its stream ended, both from the moment the
/// request was sent, and how many pieces of output it carried.
public struct StreamTiming: Sendable, Hashable {
    /// Time to the first piece of output (text or a tool call).
    public var firstToken: Duration
    /// Time to the end of the stream.
    public var total: Duration
    /// The pieces of output received (a stand-in for tokens when the provider reports no usage).
    public var pieces: Int

    public init(firstToken: Duration, total: Duration, pieces: Int) {
        self.firstToken = firstToken
        self.total = total
        self.pieces = pieces
    }

    /// Output tokens per second after the first: `tokens` over the time from the first token to the
    /// end; nil when that time is zero.
    public func tokensPerSecond(_ tokens: Int) -> Double? {
        let seconds = Double((total - firstToken).components.attoseconds) / 1e18 + Double((total - firstToken).components.seconds)
        guard seconds > 0 else { return nil }
        return Double(tokens) / seconds
    }
}

/// Token counts of one call.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var prompt: Int
    public var completion: Int
    public var total: Int { prompt + completion }

    /// Creates a count.
    public init(prompt: Int, completion: Int) {
        self.prompt = prompt
        self.completion = completion
    }
}

/// Why a call failed, and whether trying again can help.
public struct ModelCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// HTTP 429; `retryAfter` from the `Retry-After` header when present.
        case rateLimited(retryAfter: Duration?)
        /// HTTP 5xx (also 408, 409): the provider may recover.
        case server(status: Int)
        /// The call took longer than its timeout.
        case timeout
        /// The connection failed or was reset.
        case transport
        /// The provider answered something that is not a valid response.
        case malformedResponse
        /// HTTP 4xx other than the above (bad key, bad request): retrying cannot help.
        case client(status: Int)
        /// The mock model failed on purpose, transiently (`transient`).
        case injected
        /// The mock model failed on purpose in a way retries do not cure (`flakey`).
        case injectedPermanent
        /// The call was cancelled (interrupt).
        case cancelled
    }

    /// What kind of failure.
    public var kind: Kind
    /// A message for the user; never contains a key.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether the runner should try again (with backoff).
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .server, .timeout, .transport, .malformedResponse, .injected: true
        case .client, .cancelled, .injectedPermanent: false
        }
    }

    /// The wait the provider asked for, if any.
    public var retryAfter: Duration? {
        if case .rateLimited(let wait) = kind { return wait }
        return nil
    }

    public var description: String { message }
}
