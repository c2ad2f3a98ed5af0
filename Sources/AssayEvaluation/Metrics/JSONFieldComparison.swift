import AssayCore

/// How one field of an expected JSON value compares with the output's.
///
/// A field is a leaf of the expected value: a scalar, an empty array or an empty object, named by
/// its path of object keys and array indices. When the output has something of another kind where
/// the expected value has an object or array (a string where an object was expected), the whole
/// subtree is reported once, at its path, as ``Outcome-swift.enum/different``, and counts as all
/// the fields it holds.
public struct JSONFieldComparison: Sendable, Hashable, CustomStringConvertible {
    /// What the comparison found.
    public enum Outcome: String, Sendable, Hashable {
        /// The output has an equal value at this path.
        case matched
        /// The output has nothing at this path.
        case missing
        /// The output has a value at this path that the expected value does not.
        case extra
        /// The output has an unequal value at this path.
        case different
    }

    /// The path from the root, such as `items/0/name`; empty for the root itself.
    public let path: String
    /// What the comparison found.
    public let outcome: Outcome
    /// The expected value at the path (`nil` for an extra field).
    public let expected: JSONValue?
    /// The output's value at the path (`nil` for a missing field).
    public let actual: JSONValue?
    /// How many expected fields this entry stands for: 1 for a leaf, the number of leaves of a
    /// subtree reported whole, and 0 for an extra field.
    public let fieldCount: Int

    /// Creates a comparison entry.
    ///
    /// - Parameters:
    ///   - path: The path from the root.
    ///   - outcome: What the comparison found.
    ///   - expected: The expected value at the path.
    ///   - actual: The output's value at the path.
    ///   - fieldCount: How many expected fields the entry stands for.
    public init(path: String, outcome: Outcome, expected: JSONValue?, actual: JSONValue?, fieldCount: Int) {
        self.path = path
        self.outcome = outcome
        self.expected = expected
        self.actual = actual
        self.fieldCount = fieldCount
    }

    /// One line such as `different items/0/price: expected 3, got "3"`.
    public var description: String {
        let place = path.isEmpty ? "(root)" : path
        switch outcome {
        case .matched: return "matched \(place)"
        case .missing: return "missing \(place): expected \(expected?.description ?? "null")"
        case .extra: return "extra \(place): got \(actual?.description ?? "null")"
        case .different:
            return "different \(place): expected \(expected?.description ?? "null"), got \(actual?.description ?? "null")"
        }
    }
}
