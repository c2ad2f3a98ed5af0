import AssayCore

/// The JSON metrics: `json_valid` (does the output parse?) and `json_match` (how many of the
/// expected fields does it reproduce?).
///
/// `json_match` compares objects member by member and arrays element by element, recursively.
/// Its fields are the leaves of the expected value (scalars, empty arrays and empty objects), and
/// its score is the share of them that the output reproduces at the same path. Numbers compare by
/// value, so `1`, `1.0` and `1e0` are equal; strings, Booleans and `null` compare exactly. Members
/// and elements the expected value does not have are reported as extra but do not lower the score.
///
/// ```swift
/// let report = JSONMatch.match(output: #"{"name": "Ada", "age": 36.0}"#,
///                              expected: ["name": "Ada", "age": 36, "city": "London"])
/// report.score                   // 2 of 3 fields: 0.666…
/// report.mismatches[0].path      // "city" (missing)
/// ```
public enum JSONMatch {
    /// `json_valid`: 1 when the output is a complete JSON text, else 0.
    ///
    /// - Parameter output: The model's output.
    /// - Returns: 1 or 0.
    public static func validity(of output: String) -> Double {
        isValid(output) ? 1 : 0
    }

    /// Whether the output is a complete JSON text (RFC 8259; surrounding whitespace allowed).
    ///
    /// - Parameter output: The model's output.
    /// - Returns: `true` when it parses.
    public static func isValid(_ output: String) -> Bool {
        (try? JSONValue.parse(output)) != nil
    }

    /// `json_match`: compares the output, parsed as JSON, with the expected value.
    ///
    /// - Parameters:
    ///   - output: The model's output.
    ///   - expected: The expected value.
    /// - Returns: The report; when the output does not parse, its score is 0, the root is
    ///   reported missing and ``JSONMatchReport/syntaxError`` says why.
    public static func match(output: String, expected: JSONValue) -> JSONMatchReport {
        do {
            return match(try JSONValue.parse(output), expected: expected)
        } catch {
            let root = JSONFieldComparison(
                path: "", outcome: .missing, expected: expected, actual: nil, fieldCount: leafCount(of: expected))
            return JSONMatchReport(fields: [root], syntaxError: error)
        }
    }

    /// `json_match` on an already parsed output.
    ///
    /// - Parameters:
    ///   - actual: The output's value.
    ///   - expected: The expected value.
    /// - Returns: The field-by-field report.
    public static func match(_ actual: JSONValue, expected: JSONValue) -> JSONMatchReport {
        var fields: [JSONFieldComparison] = []
        compare(actual, expected, path: [], into: &fields)
        return JSONMatchReport(fields: fields)
    }

    /// Whether two values are equal, with numbers compared by value and objects regardless of
    /// key order.
    ///
    /// - Parameters:
    ///   - lhs: A value.
    ///   - rhs: Another value.
    /// - Returns: `true` when they are equal.
    public static func isEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let left), .int(let right)):
            return left == right
        case (.int, .double), (.double, .int), (.double, .double):
            return lhs.doubleValue == rhs.doubleValue
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { isEqual($0, $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count && left.allSatisfy { key, value in
                right[key].map { isEqual(value, $0) } ?? false
            }
        default:
            return lhs == rhs
        }
    }

    private static func compare(
        _ actual: JSONValue, _ expected: JSONValue, path: [String], into fields: inout [JSONFieldComparison]
    ) {
        switch (expected, actual) {
        case (.object(let want), .object(let got)) where !want.isEmpty:
            for (key, value) in want {
                if let found = got[key] {
                    compare(found, value, path: path + [key], into: &fields)
                } else {
                    fields.append(entry(path + [key], .missing, expected: value, actual: nil))
                }
            }
            for (key, value) in got where want[key] == nil {
                fields.append(entry(path + [key], .extra, expected: nil, actual: value))
            }
        case (.array(let want), .array(let got)) where !want.isEmpty:
            for (index, value) in want.enumerated() {
                if index < got.count {
                    compare(got[index], value, path: path + [String(index)], into: &fields)
                } else {
                    fields.append(entry(path + [String(index)], .missing, expected: value, actual: nil))
                }
            }
            for index in got.indices.dropFirst(want.count) {
                fields.append(entry(path + [String(index)], .extra, expected: nil, actual: got[index]))
            }
        default:
            let outcome: JSONFieldComparison.Outcome = isEqual(actual, expected) ? .matched : .different
            fields.append(entry(path, outcome, expected: expected, actual: actual))
        }
    }

    private static func entry(
        _ path: [String], _ outcome: JSONFieldComparison.Outcome, expected: JSONValue?, actual: JSONValue?
    ) -> JSONFieldComparison {
        JSONFieldComparison(
            path: path.map(step).joined(separator: "/"), outcome: outcome, expected: expected, actual: actual,
            fieldCount: expected.map(leafCount) ?? 0)
    }

    /// The number of leaves (scalars, empty arrays, empty objects) of a value.
    static func leafCount(of value: JSONValue) -> Int {
        switch value {
        case .object(let object) where !object.isEmpty:
            object.values.reduce(0) { $0 + leafCount(of: $1) }
        case .array(let array) where !array.isEmpty:
            array.reduce(0) { $0 + leafCount(of: $1) }
        default:
            1
        }
    }

    /// A path step as the language writes it: a plain name or index as is, anything else quoted.
    private static func step(_ key: String) -> String {
        let isPlain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return isPlain ? key : JSONValue.string(key).description
    }
}
