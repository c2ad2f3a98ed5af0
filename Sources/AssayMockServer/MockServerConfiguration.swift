import AssayEvaluation

/// How a ``MockServer`` listens, answers and misbehaves.
public struct MockServerConfiguration: Sendable {
    /// What the server answers to a successful chat request.
    public enum AnswerPolicy: Sendable {
        /// The last user message, unchanged.
        case echo
        /// The `expected` value of the suite case whose `input` appears in the last user message
        /// (the longest such input when several do); an empty answer when none does. A conversation
        /// with several user messages is answered with the matching multi-turn case's current turn,
        /// and a grouped request (`group: n`) with a numbered list of its items' answers.
        case oracle(Suite)
        /// These answers in turn, starting again after the last.
        case fixed([String])
    }

    /// How often each fault is injected, each a probability from 0 to 1 (their sum at most 1).
    public struct FaultRates: Sendable, Hashable {
        /// Answer 429 with `Retry-After`.
        public var rateLimited: Double
        /// The `Retry-After` value of a 429, in whole seconds.
        public var retryAfterSeconds: Int
        /// Answer 500.
        public var serverError: Double
        /// Never answer (or answer only after ``MockServerConfiguration/hangDelay``).
        public var hang: Double
        /// Answer 200 with a body that is not valid JSON.
        public var malformed: Double
        /// Close the connection without answering.
        public var reset: Double
        /// Close the connection in the middle of the answer (after some events of a stream).
        public var dropped: Double

        /// Creates rates; all zero by default.
        public init(
            rateLimited: Double = 0, retryAfterSeconds: Int = 1, serverError: Double = 0, hang: Double = 0,
            malformed: Double = 0, reset: Double = 0, dropped: Double = 0
        ) {
            self.rateLimited = rateLimited
            self.retryAfterSeconds = retryAfterSeconds
            self.serverError = serverError
            self.hang = hang
            self.malformed = malformed
            self.reset = reset
            self.dropped = dropped
        }

        /// The sum of the rates.
        public var total: Double {
            rateLimited + serverError + hang + malformed + reset + dropped
        }
    }

    /// The address to bind; the loopback interface by default.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from ``MockServer/port``).
    public var port: Int
    /// A pause before every answer.
    public var latency: Duration
    /// What successful requests are answered.
    public var policy: AnswerPolicy
    /// How often each fault is injected.
    public var faults: FaultRates
    /// The seed of the fault decisions.
    ///
    /// Each request's fault is drawn from (seed, hash of its body, how many times that body has
    /// arrived before), so it does not depend on the order concurrent requests arrive in, and a
    /// retry of a failed request draws again.
    public var seed: Int
    /// How long a hanging request waits before it is answered after all; nil never answers it.
    public var hangDelay: Duration?
    /// When set, requests must carry this key (`Authorization: Bearer`, `api-key` or `x-api-key`);
    /// others get 401 with a message that repeats the key they sent, as OpenAI's does.
    public var requiredKey: String?

    /// Creates a configuration: an echoing server without faults on an ephemeral loopback port.
    public init(
        host: String = "127.0.0.1", port: Int = 0, latency: Duration = .zero, policy: AnswerPolicy = .echo,
        faults: FaultRates = FaultRates(), seed: Int = 0, hangDelay: Duration? = nil, requiredKey: String? = nil
    ) {
        self.host = host
        self.port = port
        self.latency = latency
        self.policy = policy
        self.faults = faults
        self.seed = seed
        self.hangDelay = hangDelay
        self.requiredKey = requiredKey
    }
}
