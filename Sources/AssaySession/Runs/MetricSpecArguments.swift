import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// The language's ways of naming a metric, read into ``MetricSpec`` values: `"rouge"`,
/// `{exact: {ignore_case: true}}`, `{regex: "^yes"}`, `{bertscore: {model:, layers:, idf:}}` and the
/// keyword options of `exact(…)` and `contains(…)`. The catalogue builds the metrics from the specs.
enum MetricSpecArguments {
    /// The text-normalisation options of `exact` and `contains`.
    static let textOptionKeys = ["ignore_case", "ignore_punctuation", "normalize_whitespace"]

    /// The spec of a metric named alone, or an error with a did-you-mean.
    static func named(_ name: String) throws(BuiltinFailure) -> MetricSpec {
        if let spec = MetricSpec(named: name) { return spec }
        if name == "regex" {
            throw BuiltinFailure(message: "the regex metric needs a pattern", hint: "write {regex: \"^yes\"} or regex(\"^yes\", ignore_case: true)",
                                 argument: "metrics", id: "name.metric")
        }
        let suggestion = Suggestion.didYouMean(name, among: MetricSpec.names).map { $0 + " " } ?? ""
        throw BuiltinFailure(
            message: "no metric is named '\(name)'", hint: suggestion + "known metrics: " + MetricSpec.names.joined(separator: ", "),
            argument: "metrics", id: "name.metric")
    }

    /// The spec of a metric configured in a record: `{exact: {ignore_case: true}}`, `{contains: {…}}`,
    /// `{regex: "pattern"}`, `{regex: {pattern: "…", ignore_case: true}}` or `{bertscore: {…}}`.
    static func configured(_ name: String, _ entry: Value, function: String) throws(BuiltinFailure) -> MetricSpec {
        switch (name, entry) {
        case ("exact", .record(var options)):
            var strict = false
            if let value = options["strict"] {
                guard case .boolean(let flag) = value else { throw BuiltinFailure.type(function, "metrics", expected: "true or false for 'strict'", found: value) }
                strict = flag
                options["strict"] = nil
            }
            return MetricSpec(.exact(try textOptions(options, function: function, argument: "metrics"), strict: strict))
        case ("contains", .record(let options)):
            return MetricSpec(.contains(try textOptions(options, function: function, argument: "metrics")))
        case ("bertscore", .record(let options)):
            return MetricSpec(.bertscore(try bertscore(options, function: function, argument: "metrics")))
        case ("json_schema", .record):
            return MetricSpec(.jsonSchema(JSONSchemaSettings(schema: try JSONBridge.json(entry))))
        case ("regex", .string(let pattern)):
            return MetricSpec(.regex(pattern: pattern, ignoresCase: false))
        case ("regex", .record(let options)):
            guard case .string(let pattern) = options["pattern"] ?? .null else {
                throw BuiltinFailure(message: "{regex: {…}} needs a pattern: {regex: {pattern: \"^yes\", ignore_case: true}}", argument: "metrics")
            }
            var flag = false
            if let value = options["ignore_case"] {
                guard case .boolean(let given) = value else { throw BuiltinFailure.type(function, "metrics", expected: "true or false for 'ignore_case'", found: value) }
                flag = given
            }
            return MetricSpec(.regex(pattern: pattern, ignoresCase: flag))
        default:
            throw BuiltinFailure.type(
                function, "metrics", expected: "a lambda, a metric value, the options of exact, contains or regex, or json_schema's schema for '\(name)'", found: entry)
        }
    }

    /// Text options from a record of flags: `{ignore_case: true, …}`.
    static func textOptions(_ record: Record, function: String, argument: String) throws(BuiltinFailure) -> TextMatchOptions {
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
                let suggestion = Suggestion.didYouMean(key, among: textOptionKeys).map { $0 + " " } ?? ""
                throw BuiltinFailure(message: "\(function) has no option '\(key)'", hint: suggestion + "options: " + textOptionKeys.joined(separator: ", "),
                                     argument: argument)
            }
        }
        return options
    }

    /// Text options from a call's keyword arguments.
    static func textOptions(_ arguments: CallArguments) throws(BuiltinFailure) -> TextMatchOptions {
        TextMatchOptions(
            ignoresCase: try arguments.boolean("ignore_case") ?? false,
            normalizesWhitespace: try arguments.boolean("normalize_whitespace") ?? false,
            removesPunctuation: try arguments.boolean("ignore_punctuation") ?? false)
    }

    /// BERTScore's settings from a record such as `{model: "minilm", layers: 6, idf: true}`.
    static func bertscore(_ record: Record, function: String, argument: String) throws(BuiltinFailure) -> BERTScoreSettings {
        var settings = BERTScoreSettings()
        for (key, value) in record.pairs {
            switch (key, value) {
            case ("model", .string(let name)): settings.model = name
            case ("model", .null), ("layers", .null): continue
            case ("layers", .integer(let layer)): settings.layers = layer
            case ("idf", .boolean(let flag)): settings.idf = flag
            case ("model", _): throw BuiltinFailure.type(function, argument, expected: "an encoder name or folder for 'model'", found: value)
            case ("layers", _): throw BuiltinFailure.type(function, argument, expected: "a whole number for 'layers'", found: value)
            case ("idf", _): throw BuiltinFailure.type(function, argument, expected: "true or false for 'idf'", found: value)
            default:
                let names = BERTScoreSettings.names
                let suggestion = Suggestion.didYouMean(key, among: names).map { $0 + " " } ?? ""
                throw BuiltinFailure(
                    message: "bertscore has no option '\(key)'", hint: suggestion + "options: " + names.joined(separator: ", "),
                    argument: argument, id: "name.option")
            }
        }
        return settings
    }
}
