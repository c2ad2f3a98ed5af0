import AssayCore

/// `label_set`: how well the labels a multi-label answer names match the expected ones.
///
/// The extracted value and `expected` are each a list of labels or one text of labels separated by
/// commas or semicolons; labels are compared as answers are matched to labels
/// (``Extraction/labelKey(_:)``). The value is
/// `{precision, recall, f1, exact}`: precision is the share of the named labels that are expected,
/// recall the share of the expected labels that are named, F1 their harmonic mean (each 1 when both
/// sets are empty), and exact is 1 when the sets are equal.
enum LabelSetMetric {
    static let evaluate: @Sendable (ScoringInput) async throws -> JSONValue = { input in
        guard let expected = input.testCase.expected else {
            throw LabelSetError(message: "case '\(input.testCase.id)' has no 'expected' labels")
        }
        return score(named: labels(in: input.extracted), expected: labels(in: expected))
    }

    /// The labels a value holds, normalised: a list's items, or a text split at commas and semicolons.
    static func labels(in value: JSONValue) -> Set<String> {
        let parts: [String]
        switch value {
        case .array(let items): parts = items.map { $0.stringValue ?? $0.serialized() }
        case .string(let text): parts = Extraction.labelParts(text)
        case .null: parts = []
        default: parts = [value.serialized()]
        }
        return Set(parts.map(Extraction.labelKey).filter { !$0.isEmpty })
    }

    /// Precision, recall, F1 and exact match of two label sets.
    static func score(named: Set<String>, expected: Set<String>) -> JSONValue {
        let common = Double(named.intersection(expected).count)
        let precision = named.isEmpty ? (expected.isEmpty ? 1 : 0) : common / Double(named.count)
        let recall = expected.isEmpty ? (named.isEmpty ? 1 : 0) : common / Double(expected.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return .object(JSONObject([
            ("precision", .double(precision)), ("recall", .double(recall)), ("f1", .double(f1)),
            ("exact", .double(named == expected ? 1 : 0)),
        ]))
    }
}

/// Why `label_set` could not score a case.
struct LabelSetError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
