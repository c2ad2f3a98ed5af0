import AssayCore
import AssayMetrics
import Foundation

/// How the simple metrics score a case: `exact`, `contains`, `regex`, `json_valid` and
/// `json_match`.
///
/// - `exact` and `contains` compare the extracted value's text with `expected`'s (both trimmed). With
///   no options `exact` is the structural ``RunMetric/exact`` (JSON values equal regardless of key
///   order); the options `ignore_case`, `ignore_punctuation` and `normalize_whitespace` apply
///   ``TextMatchOptions`` to both texts. 1 or 0.
/// - `regex` is 1 when its pattern matches somewhere in the extracted text (`ignore_case` too).
/// - `json_valid` is 1 when the raw output is a complete JSON text.
/// - `json_match` compares the extracted value (parsed when it is text) with `expected` field by
///   field: `{score, matched, expected, missing, different, extra}` with `mismatches` text when some
///   fields differ; `score` (matched / expected fields) is the number to summarise.
package enum SimpleMetrics {
    /// Whether two texts are equal (or the first contains the second) after trimming and the options.
    package static func textMatch(exact: Bool, _ prediction: String, _ reference: String, options: TextMatchOptions) -> Bool {
        let predicted = prediction.trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        return exact ? TextMatch.exact(predicted, expected, options: options) : TextMatch.contains(predicted, expected, options: options)
    }

    /// `exact` or `contains` with text options: the extracted text against `expected`'s.
    static func textMatch(exact: Bool, options: TextMatchOptions, name: String) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            let expected = try input.requireExpected(for: name)
            return .int(textMatch(exact: exact, TextMetrics.text(of: input.extracted), TextMetrics.text(of: expected), options: options) ? 1 : 0)
        }
    }

    /// `regex`: 1 when the pattern matches somewhere in the extracted text.
    ///
    /// - Throws: ``MetricBuildError`` when the pattern does not compile.
    static func regex(_ pattern: String, ignoresCase: Bool) throws(MetricBuildError) -> @Sendable (ScoringInput) async throws -> JSONValue {
        let expression: RegexMatch
        do throws(RegexMatchError) { expression = try RegexMatch(pattern, ignoresCase: ignoresCase) } catch {
            throw MetricBuildError(.invalidPattern, error.description)
        }
        return { input in .int(expression.matches(TextMetrics.text(of: input.extracted)) ? 1 : 0) }
    }

    /// `json_valid`: 1 when the raw output is a complete JSON text.
    static let jsonValid: @Sendable (ScoringInput) async throws -> JSONValue = { input in
        .double(JSONMatch.validity(of: input.output))
    }

    /// `json_match`: the field-by-field report of the extracted value against `expected`.
    static func jsonMatch(name: String) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            let expected = try input.requireExpected(for: name)
            return caseValue(report(input.extracted, expected: expected))
        }
    }

    /// The report of a value (parsed when it is text) against an expected value (parsed when it is
    /// text holding JSON).
    package static func report(_ actual: JSONValue, expected: JSONValue) -> JSONMatchReport {
        var wanted = expected
        if case .string(let text) = expected, let parsed = try? JSONValue.parse(text) { wanted = parsed }
        if case .string(let text) = actual { return JSONMatch.match(output: text, expected: wanted) }
        return JSONMatch.match(actual, expected: wanted)
    }

    /// What a case stores: counts, the score and, when something differs, the mismatches as text.
    package static func caseValue(_ report: JSONMatchReport) -> JSONValue {
        var object: JSONObject = [
            "score": .double(report.score), "matched": .int(report.matchedCount), "expected": .int(report.expectedCount),
            "missing": .int(report.count(.missing)), "different": .int(report.count(.different)), "extra": .int(report.count(.extra)),
        ]
        if let error = report.syntaxError {
            object["mismatches"] = .string("not JSON: \(error)")
        } else if !report.mismatches.isEmpty {
            object["mismatches"] = .string(report.mismatches.map(\.description).joined(separator: "; "))
        }
        return .object(object)
    }
}
