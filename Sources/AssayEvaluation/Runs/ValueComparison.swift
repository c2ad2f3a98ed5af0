import AssayCore
import AssayMetrics

/// How the built-in metrics compare an extracted value with an expected one.
enum ValueComparison {
    /// Strings by `TextMatch.exact` after trimming; numbers by value; a string against a number or
    /// Boolean by reading the string as one; lists element by element; objects member by member
    /// whatever their key order.
    static func equal(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        switch (actual, expected) {
        case (.string(let left), .string(let right)):
            return TextMatch.exact(left.trimmingWhitespace(), right.trimmingWhitespace())
        case (.string(let text), .int), (.string(let text), .double):
            return Double(text.trimmingWhitespace()).map { $0 == expected.doubleValue } ?? false
        case (.int, .string(let text)), (.double, .string(let text)):
            return Double(text.trimmingWhitespace()).map { $0 == actual.doubleValue } ?? false
        case (.string(let text), .bool(let flag)), (.bool(let flag), .string(let text)):
            return text.trimmingWhitespace().lowercased() == (flag ? "true" : "false")
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            return actual.doubleValue == expected.doubleValue
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count && left.allSatisfy { key, value in
                right[key].map { equal(value, $0) } ?? false
            }
        default:
            return actual == expected
        }
    }

    /// Whether the text of `actual` contains the text of `expected` (strings as they are, other
    /// values as compact JSON; both trimmed).
    static func contains(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        TextMatch.contains(text(of: actual), text(of: expected))
    }

    private static func text(of value: JSONValue) -> String {
        value.text.trimmingWhitespace()
    }
}

/// Checks what a metric returned.
enum MetricValue {
    /// The value as stored: numbers as they are, Booleans as 0 or 1, objects with every member
    /// checked the same way; nil for anything else (a string, a list, null, a non-finite number or
    /// an empty object).
    ///
    /// One exception makes reports possible: an object with a numeric `score` member may also hold
    /// text members (a judge's raw answer, a list of mismatched fields). Summaries skip text.
    static func normalized(_ value: JSONValue) -> JSONValue? {
        if case .object(let object) = value, let score = object["score"], score.doubleValue != nil, normalized(score) != nil {
            var result = JSONObject()
            for (key, member) in object {
                if case .string = member {
                    result[key] = member
                } else {
                    guard let checked = normalized(member) else { return nil }
                    result[key] = checked
                }
            }
            return .object(result)
        }
        switch value {
        case .int: return value
        case .double(let number):
            guard number.isFinite else { return nil }
            return value
        case .bool(let flag): return .int(flag ? 1 : 0)
        case .object(let object):
            guard !object.isEmpty else { return nil }
            var result = JSONObject()
            for (key, member) in object {
                guard let checked = normalized(member) else { return nil }
                result[key] = checked
            }
            return .object(result)
        default: return nil
        }
    }
}
