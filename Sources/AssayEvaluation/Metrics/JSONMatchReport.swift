import AssayCore

/// The field-by-field comparison of a model's JSON output with the expected JSON value.
public struct JSONMatchReport: Sendable, Hashable {
    /// Matched expected fields divided by expected fields, from 0 to 1; 0 when the output is not JSON.
    public let score: Double
    /// One entry per expected field (or subtree reported whole) and per extra field, in the order
    /// of the expected value with extra fields after the expected ones of the same object.
    public let fields: [JSONFieldComparison]
    /// Why the output could not be parsed, or `nil` when it is JSON.
    public let syntaxError: JSONSyntaxError?

    /// Creates a report from its entries; the score is computed from them.
    ///
    /// - Parameters:
    ///   - fields: The comparison entries.
    ///   - syntaxError: Why the output could not be parsed, if it could not.
    public init(fields: [JSONFieldComparison], syntaxError: JSONSyntaxError? = nil) {
        self.fields = fields
        self.syntaxError = syntaxError
        let expected = fields.reduce(0) { $0 + $1.fieldCount }
        let matched = fields.reduce(0) { $0 + ($1.outcome == .matched ? $1.fieldCount : 0) }
        score = syntaxError != nil || expected == 0 ? 0 : Double(matched) / Double(expected)
    }

    /// How many expected fields the output matched.
    public var matchedCount: Int {
        count(.matched)
    }

    /// How many fields the expected value has.
    public var expectedCount: Int {
        fields.reduce(0) { $0 + $1.fieldCount }
    }

    /// Whether the output equals the expected value, with no extra fields either.
    public var isExactMatch: Bool {
        syntaxError == nil && fields.allSatisfy { $0.outcome == .matched }
    }

    /// The entries that are not matches.
    public var mismatches: [JSONFieldComparison] {
        fields.filter { $0.outcome != .matched }
    }

    /// The number of expected fields with the given outcome (for `extra`, the number of entries).
    ///
    /// - Parameter outcome: The outcome to count.
    /// - Returns: The count.
    public func count(_ outcome: JSONFieldComparison.Outcome) -> Int {
        let entries = fields.filter { $0.outcome == outcome }
        return outcome == .extra ? entries.count : entries.reduce(0) { $0 + $1.fieldCount }
    }
}
