/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The nominal coverage, such as 0.95.
    public let level: Double

    /// Creates an interval.
    ///
    /// - Parameters:
    ///   - lower: The lower bound.
    ///   - upper: The upper bound, not below `lower`.
    ///   - level: The nominal coverage in (0, 1).
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies in the interval, bounds included.
    ///
    /// - Parameter value: A value.
    /// - Returns: `true` when `lower <= value <= upper`.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}
