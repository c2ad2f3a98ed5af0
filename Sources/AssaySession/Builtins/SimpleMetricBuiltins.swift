import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// `exact`, `contains`, `regex`, `json_valid`, `json_match` and `json_schema`: with texts, their value; without,
/// a metric (with its options) for `run(…, metrics: [...])`.
extension MetricBuiltins {
    static let textOptionParameters: [BuiltinParameter] = MetricSpecArguments.textOptionKeys.map { .keyword($0) }

    static func simpleMetrics(_ state: SessionState) -> [Builtin] {
        [
            textMatchBuiltin("exact", state: state,
                             summary: "1 if the values are equal (numbers as numbers unless strict: true; texts trimmed; options ignore case, punctuation, whitespace runs), else 0; with no values, the metric."),
            textMatchBuiltin("contains", state: state,
                             summary: "1 if the prediction contains the reference (same options as exact), else 0; with no texts, the metric."),
            Builtin(
                name: "regex", usage: "regex(pattern, ignore_case: false) → metric; regex(text, pattern) → 1 or 0",
                summary: "Whether a regular expression matches somewhere in the text; with only a pattern, the metric for metrics: [...].",
                parameters: [.positional("text"), .positional("pattern", required: false), .keyword("ignore_case")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let ignoreCase = try arguments.boolean("ignore_case") ?? false
                guard let pattern = try arguments.string("pattern") else {
                    guard case .string(let only) = try arguments.required("text") else {
                        throw BuiltinFailure.type("regex", "pattern", expected: "a string", found: arguments["text"] ?? .null)
                    }
                    return .object(MetricObject(metric: try state.metric(MetricSpec(.regex(pattern: only, ignoresCase: ignoreCase)), argument: "pattern")))
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
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                guard arguments["text"] != nil else { return .object(MetricObject(metric: try state.metric(MetricSpec(.jsonValid), argument: "text"))) }
                return .integer(JSONMatch.isValid(try metricText(arguments, "text")) ? 1 : 0)
            },
            Builtin(
                name: "json_match", usage: "json_match(output, expected) → report; json_match() → metric",
                summary: "Field-by-field JSON comparison: {score, matched, expected, missing, different, extra, fields}; with no values, the metric.",
                parameters: [.positional("output", required: false), .positional("expected", required: false)]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                guard let output = arguments["output"] else { return .object(MetricObject(metric: try state.metric(MetricSpec(.jsonMatch), argument: "output"))) }
                let expected = try JSONBridge.json(try arguments.required("expected"))
                return reportValue(SimpleMetrics.report(try JSONBridge.json(output), expected: expected))
            },
            jsonSchemaBuiltin(state),
        ]
    }

    private static func textMatchBuiltin(_ name: String, state: SessionState, summary: String) -> Builtin {
        let isExact = name == "exact"
        return Builtin(
            name: name,
            usage: "\(name)(prediction, reference, ignore_case: false, ignore_punctuation: false, normalize_whitespace: false\(isExact ? ", strict: false" : "")); \(name)(ignore_case: true) → metric",
            summary: summary,
            parameters: [.positional("prediction", required: false), .positional("reference", required: false)] + textOptionParameters
                + (isExact ? [.keyword("strict")] : [])
        ) { [unowned state] arguments, _ throws(BuiltinFailure) in
            let options = try MetricSpecArguments.textOptions(arguments)
            let strict = try isExact ? arguments.boolean("strict") ?? false : false
            guard arguments["prediction"] != nil || arguments["reference"] != nil else {
                let spec = MetricSpec(isExact ? .exact(options, strict: strict) : .contains(options))
                return .object(MetricObject(metric: try state.metric(spec, argument: "prediction")))
            }
            if isExact {
                let prediction = try JSONBridge.json(try arguments.required("prediction"))
                let reference = try JSONBridge.json(try arguments.required("reference"))
                return .integer(SimpleMetrics.exactMatch(prediction, reference, options: options, strict: strict) ? 1 : 0)
            }
            let prediction = try metricText(arguments, "prediction")
            let reference = try metricText(arguments, "reference")
            return .integer(SimpleMetrics.textMatch(exact: false, prediction, reference, options: options) ? 1 : 0)
        }
    }

    /// The full report as a language record, for `json_match(output, expected)`.
    static func reportValue(_ report: JSONMatchReport) -> Value {
        var record = JSONBridge.record(SimpleMetrics.caseValue(report).objectValue ?? [:])
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

    /// An argument as metric text: a string as itself, any other value as compact JSON.
    static func metricText(_ arguments: CallArguments, _ name: String) throws(BuiltinFailure) -> String {
        let value = try arguments.required(name)
        if case .string(let text) = value { return text }
        return TextMetrics.text(of: try JSONBridge.json(value))
    }
}
