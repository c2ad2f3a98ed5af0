import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// `exact`, `contains`, `regex`, `json_valid` and `json_match`: with texts, their value; without,
/// a metric (with its options) for `run(…, metrics: [...])`.
extension MetricBuiltins {
    static let textOptionParameters: [BuiltinParameter] = SimpleMetrics.optionKeys.map { .keyword($0) }

    static func simpleMetrics() -> [Builtin] {
        [
            textMatchBuiltin("exact", summary: "1 if the texts are equal (trimmed; options ignore case, punctuation, whitespace runs), else 0; with no texts, the metric."),
            textMatchBuiltin("contains", summary: "1 if the prediction contains the reference (same options as exact), else 0; with no texts, the metric."),
            Builtin(
                name: "regex", usage: "regex(pattern, ignore_case: false) → metric; regex(text, pattern) → 1 or 0",
                summary: "Whether a regular expression matches somewhere in the text; with only a pattern, the metric for metrics: [...].",
                parameters: [.positional("text"), .positional("pattern", required: false), .keyword("ignore_case")]
            ) { arguments, _ throws(BuiltinFailure) in
                let ignoreCase = try arguments.boolean("ignore_case") ?? false
                guard let pattern = try arguments.string("pattern") else {
                    guard case .string(let only) = try arguments.required("text") else {
                        throw BuiltinFailure.type("regex", "pattern", expected: "a string", found: arguments["text"] ?? .null)
                    }
                    return .object(MetricObject(metric: try SimpleMetrics.regex(only, ignoreCase: ignoreCase, argument: "pattern")))
                }
                let text = try metricText(arguments, "text")
                do throws(RegexMatchError) {
                    return .integer(try RegexMatch(pattern, ignoresCase: ignoreCase).matches(text) ? 1 : 0)
                } catch {
                    throw BuiltinFailure(message: error.description, argument: "pattern", id: "value.regex")
                }
            },
            Builtin(
                name: "json_valid", usage: "json_valid(text) → 1 or 0; json_valid() → metric",
                summary: "1 if the text is a complete JSON text, else 0; with no text, the metric (it checks the raw output).",
                parameters: [.positional("text", required: false)]
            ) { arguments, _ throws(BuiltinFailure) in
                guard arguments["text"] != nil else { return .object(MetricObject(metric: SimpleMetrics.jsonValid)) }
                return .integer(JSONMatch.isValid(try metricText(arguments, "text")) ? 1 : 0)
            },
            Builtin(
                name: "json_match", usage: "json_match(output, expected) → report; json_match() → metric",
                summary: "Field-by-field JSON comparison: {score, matched, expected, missing, different, extra, fields}; with no values, the metric.",
                parameters: [.positional("output", required: false), .positional("expected", required: false)]
            ) { arguments, _ throws(BuiltinFailure) in
                guard let output = arguments["output"] else { return .object(MetricObject(metric: SimpleMetrics.jsonMatch)) }
                let expected = try JSONBridge.json(try arguments.required("expected"))
                return SimpleMetrics.reportValue(SimpleMetrics.report(try JSONBridge.json(output), expected: expected))
            },
        ]
    }

    private static func textMatchBuiltin(_ name: String, summary: String) -> Builtin {
        Builtin(
            name: name,
            usage: "\(name)(prediction, reference, ignore_case: false, ignore_punctuation: false, normalize_whitespace: false); \(name)(ignore_case: true) → metric",
            summary: summary,
            parameters: [.positional("prediction", required: false), .positional("reference", required: false)] + textOptionParameters
        ) { arguments, _ throws(BuiltinFailure) in
            let options = try SimpleMetrics.options(arguments)
            guard arguments["prediction"] != nil || arguments["reference"] != nil else {
                return .object(MetricObject(metric: SimpleMetrics.textMetric(name, options: options)))
            }
            let prediction = try metricText(arguments, "prediction")
            let reference = try metricText(arguments, "reference")
            return .integer(SimpleMetrics.textMatch(name, prediction, reference, options: options) ? 1 : 0)
        }
    }

    /// An argument as metric text: a string as itself, any other value as compact JSON.
    static func metricText(_ arguments: CallArguments, _ name: String) throws(BuiltinFailure) -> String {
        let value = try arguments.required(name)
        if case .string(let text) = value { return text }
        return TextMetrics.text(of: try JSONBridge.json(value))
    }
}
