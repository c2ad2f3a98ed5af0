/// What a model charges, in US dollars per million tokens, as written in `models.json`
/// (`"price": {"input": 0.15, "output": 0.60}`).
///
/// The price is part of a model's ``ModelDescriptor``, so it is recorded with every run of the
/// model; it never changes what is asked, so the response cache leaves it out of its keys.
public struct ModelPrice: Sendable, Hashable {
    /// Dollars per million prompt (input) tokens.
    public var input: Double
    /// Dollars per million completion (output) tokens.
    public var output: Double

    /// Creates a price.
    ///
    /// - Parameters:
    ///   - input: Dollars per million input tokens.
    ///   - output: Dollars per million output tokens.
    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    /// The dollars a call costs: input tokens × the input price plus output tokens × the output
    /// price, per million.
    ///
    /// - Parameter usage: The tokens the provider counted.
    /// - Returns: The cost in dollars.
    public func cost(of usage: TokenUsage) -> Double {
        cost(inputTokens: Double(usage.prompt), outputTokens: Double(usage.completion))
    }

    /// The dollars for (possibly estimated, fractional) token counts.
    ///
    /// - Parameters:
    ///   - inputTokens: Input tokens.
    ///   - outputTokens: Output tokens.
    /// - Returns: The cost in dollars.
    public func cost(inputTokens: Double, outputTokens: Double) -> Double {
        (inputTokens * input + outputTokens * output) / 1_000_000
    }
}
