import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Foundation

/// The simple metrics by name, with their options: `exact`, `contains`, `regex`, `json_valid` and
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
/// - `label_set` compares the set of labels extracted with the expected ones (see ``LabelSetMetric``).
enum SimpleMetrics {
    /// The metrics that need no argument, as `metrics:` names them.
    static let names = ["exact", "contains", "json_valid", "json_match", "label_set"]
    /// The text-normalisation options of `exact` and `contains`.
    static let optionKeys = ["ignore_case", "ignore_punctuation", "normalize_whitespace"]

    /// A metric that needs no argument, by name.
    static func named(_ name: String) -> RunMetric? {
        switch name {
        case "exact": .exact
        case "contains": .contains
        case "json_valid": jsonValid
        case "json_match": jsonMatch
        case "label_set": LabelSetMetric.metric
        default: nil
        }
    }

    /// Text options from a record of flags: `{ignore_case: true, …}`.
    static func options(_ record: Record, function: String, argument: String) throws(BuiltinFailure) -> TextMatchOptions {
        var options = TextMatchOptions()
        for (key, value) in record.pairs {
            guard case .boolean(let flag) = value else {
                throw BuiltinFailure.type(function, argument, expected: "true or false for '\(key)'", found: value)
            }
            switch key {
            case "ignore_case": options.ignoresCase = flag
            case "ignore_punctuation": options.removesPunctuation = flag
            case "normalize_whitespace": options.normalizesWhitespace = flag
            default:
                let suggestion = Suggestion.didYouMean(key, among: optionKeys).map { $0 + " " } ?? ""
                throw BuiltinFailure(message: "\(function) has no option '\(key)'", hint: suggestion + "options: " + optionKeys.joined(separator: ", "),
                                     argument: argument)
            }
        }
        return options
    }

    /// Text options from a call's keyword arguments.
    static func options(_ arguments: CallArguments) throws(BuiltinFailure) -> TextMatchOptions {
        TextMatchOptions(
            ignoresCase: try arguments.boolean("ignore_case") ?? false,
            normalizesWhitespace: try arguments.boolean("normalize_whitespace") ?? false,
            removesPunctuation: try arguments.boolean("ignore_punctuation") ?? false)
    }

    /// `ignoring case, punctuation` — for descriptions.
    static func describe(_ options: TextMatchOptions) -> String {
        var parts: [String] = []
        if options.ignoresCase { parts.append("case") }
        if options.removesPunctuation { parts.append("punctuation") }
        if options.normalizesWhitespace { parts.append("whitespace runs") }
        return parts.isEmpty ? "" : " ignoring " + parts.joined(separator: ", ")
    }

    /// Whether two texts are equal (or the first contains the second) after trimming and the options.
    static func textMatch(_ name: String, _ prediction: String, _ reference: String, options: TextMatchOptions) -> Bool {
        let predicted = prediction.trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        return name == "exact" ? TextMatch.exact(predicted, expected, options: options) : TextMatch.contains(predicted, expected, options: options)
    }

    /// `exact` or `contains` with options; without any, the built-in metric of that name.
    static func textMetric(_ name: String, options: TextMatchOptions) -> RunMetric {
        if options == .none, let plain = named(name) { return plain }
        let description = (name == "exact" ? "extracted text equals expected" : "extracted text contains expected") + describe(options)
        return RunMetric(name: name, description: description) { input in
            let expected = try input.requireExpected(for: name)
            return .int(textMatch(name, TextMetrics.text(of: input.extracted), TextMetrics.text(of: expected), options: options) ? 1 : 0)
        }
    }

    /// `regex`: 1 when the pattern matches somewhere in the extracted text.
    static func regex(_ pattern: String, ignoreCase: Bool, argument: String) throws(BuiltinFailure) -> RunMetric {
        let expression: RegexMatch
        do throws(RegexMatchError) { expression = try RegexMatch(pattern, ignoresCase: ignoreCase) } catch {
            throw BuiltinFailure(message: error.description, argument: argument, id: "value.regex")
        }
        return RunMetric(name: "regex", description: "extracted text matches /\(pattern)/" + (ignoreCase ? " ignoring case" : "")) { input in
            .int(expression.matches(TextMetrics.text(of: input.extracted)) ? 1 : 0)
        }
    }

    /// `json_valid`: 1 when the raw output is a complete JSON text.
    static let jsonValid = RunMetric(name: "json_valid", description: "the output is valid JSON") { input in
        .double(JSONMatch.validity(of: input.output))
    }

    /// `json_match`: the field-by-field report of the extracted value against `expected`.
    static let jsonMatch = RunMetric(name: "json_match", description: "share of expected JSON fields the answer reproduces") { input in
        let expected = try input.requireExpected(for: "json_match")
        return caseValue(report(input.extracted, expected: expected))
    }

    /// The report of a value (parsed when it is text) against an expected value (parsed when it is
    /// text holding JSON).
    static func report(_ actual: JSONValue, expected: JSONValue) -> JSONMatchReport {
        var wanted = expected
        if case .string(let text) = expected, let parsed = try? JSONValue.parse(text) { wanted = parsed }
        if case .string(let text) = actual { return JSONMatch.match(output: text, expected: wanted) }
        return JSONMatch.match(actual, expected: wanted)
    }

    /// What a case stores: counts, the score and, when something differs, the mismatches as text.
    static func caseValue(_ report: JSONMatchReport) -> JSONValue {
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

    /// The full report as a language record, for `json_match(output, expected)`.
    static func reportValue(_ report: JSONMatchReport) -> Value {
        var record = JSONBridge.record(caseValue(report).objectValue ?? [:])
        record["mismatches"] = nil
        record["fields"] = .list(report.fields.map { field in
            .record(Record([
                ("path", .string(field.path)), ("outcome", .string(field.outcome.rawValue)),
                ("expected", field.expected.map(JSONBridge.value) ?? .null), ("actual", field.actual.map(JSONBridge.value) ?? .null),
            ]))
        })
        if let error = report.syntaxError { record["syntax_error"] = .string("\(error)") }
        return .record(record)
    }
}
