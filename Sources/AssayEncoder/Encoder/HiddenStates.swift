/// The hidden states of one sequence at one layer: a vector per token, in token order.
public struct HiddenStates: Equatable, Sendable {
    /// The number of tokens (rows).
    public let tokenCount: Int
    /// The width of each vector (the model's hidden size).
    public let width: Int
    /// All vectors, row-major: token `t` occupies `values[t * width ..< (t + 1) * width]`.
    public let values: [Float]

    /// Wraps row-major values.
    ///
    /// - Parameters:
    ///   - tokenCount: The number of rows.
    ///   - width: The number of columns.
    ///   - values: `tokenCount * width` values, row-major.
    public init(tokenCount: Int, width: Int, values: [Float]) {
        precondition(values.count == tokenCount * width, "expected \(tokenCount) × \(width) values")
        self.tokenCount = tokenCount
        self.width = width
        self.values = values
    }

    /// The vector of one token.
    ///
    /// - Parameter token: A token position, from 0.
    public subscript(token: Int) -> ArraySlice<Float> {
        values[token * width ..< (token + 1) * width]
    }
}
