/// How a mock entry behaves.
public struct MockOptions: Sendable, Hashable {
    /// Which mock answers.
    public var behavior: MockChatModel.Behavior
    /// The failure (`transient`) or corruption (`noisy`) rate, from 0 to 1.
    public var rate: Double
    /// The seed of the mock's decisions.
    public var seed: Int
    /// A pause before each answer, if any.
    public var latency: Duration?

    /// Creates mock options.
    public init(behavior: MockChatModel.Behavior, rate: Double = 0.3, seed: Int = 0, latency: Duration? = nil) {
        self.behavior = behavior
        self.rate = rate
        self.seed = seed
        self.latency = latency
    }
}
