import AssayCore
import AssayMetrics

/// The JSON form of a spec, as a run's configuration stores it in `metrics`.
extension MetricSpec {
    /// The spec as stored: `{"name", "description", "kind", "options"}`; `options` is left out for
    /// the metrics that have none.
    ///
    /// ```json
    /// {"name": "exact_ci", "description": "extracted text equals expected ignoring case", "kind": "exact",
    ///  "options": {"ignore_case": true, "ignore_punctuation": false, "normalize_whitespace": false}}
    /// ```
    ///
    /// - Parameter description: The metric's one-line description, kept for readers that know only
    ///   names and descriptions.
    public func json(description: String) -> JSONValue {
        var object: JSONObject = ["name": .string(name), "description": .string(description), "kind": .string(kind.name)]
        if let options = kind.options { object["options"] = .object(options) }
        return .object(object)
    }

    /// Reads a spec written by ``json(description:)``.
    ///
    /// An entry stored before specs existed has only `name` and `description`. It is read as the
    /// metric of that name with default options when its description is that metric's (so a plain
    /// `exact` or `rouge` reruns), and as a lambda when its description is a lambda's source text
    /// (which is what was stored for lambdas).
    ///
    /// - Parameter json: A stored metric entry.
    /// - Throws: ``MetricBuildError`` (``MetricBuildError/Code/notStored``) saying what the entry lacks.
    public init(json: JSONValue) throws(MetricBuildError) {
        guard let object = json.objectValue, let name = object["name"]?.stringValue else {
            throw MetricBuildError(.notStored, "a stored metric has no name")
        }
        guard let kindName = object["kind"]?.stringValue else {
            try self.init(legacyName: name, description: object["description"]?.stringValue ?? "")
            return
        }
        let options = object["options"]?.objectValue ?? JSONObject()
        self.init(name: name, kind: try Kind(name: kindName, options: options, metric: name))
    }

    /// A spec from a name and description alone (runs stored before specs).
    private init(legacyName name: String, description: String) throws(MetricBuildError) {
        if let plain = MetricSpec(named: name), plain.description == description {
            self = plain
        } else if description.contains("=>") {
            self.init(name: name, kind: .lambda(source: description))
        } else {
            throw MetricBuildError(.notStored, "the run was stored before metric settings were kept, and the metric '\(name)' (\(description)) cannot be made from its name")
        }
    }
}

extension MetricSpec.Kind {
    /// The kind's options as stored, or nil for a kind without options.
    var options: JSONObject? {
        switch self {
        case .exact(let options, let strict):
            var stored = Self.textOptions(options)
            stored["strict"] = .bool(strict)
            return stored
        case .contains(let options):
            return Self.textOptions(options)
        case .regex(let pattern, let ignoresCase):
            return ["pattern": .string(pattern), "ignore_case": .bool(ignoresCase)]
        case .bertscore(let settings):
            return [
                "model": settings.model.map(JSONValue.string) ?? .null, "layers": settings.layers.map(JSONValue.int) ?? .null,
                "idf": .bool(settings.idf),
            ]
        case .judge(let settings):
            var template: JSONObject = ["system": settings.templateSystem.map(JSONValue.string) ?? .null, "user": .string(settings.templateUser)]
            if !settings.templateExamples.isEmpty { template["examples"] = ConfigurationCoding.json(settings.templateExamples) }
            return [
                "model": settings.model, "template": .object(template),
                "scale": .array([.double(settings.scale.lowerBound), .double(settings.scale.upperBound)]),
                "normalize": .bool(settings.normalizes), "timeout_seconds": .double(ConfigurationCoding.seconds(settings.timeout)),
            ]
        case .lambda(let source):
            return ["source": .string(source)]
        case .jsonSchema(let settings):
            return ["schema": settings.schema, "file": settings.file.map(JSONValue.string) ?? .null]
        case .toolCalled(let name):
            return ["name": .string(name)]
        case .toolArguments(let name, let arguments, let exact):
            return ["name": .string(name), "arguments": arguments, "match": exact ? "exact" : "subset"]
        case .toolCallsMatch(let field, let ordered):
            return ["field": .string(field), "ordered": .bool(ordered)]
        case .jsonValid, .noToolCall, .jsonMatch, .labelSet, .rouge, .bleu, .chrf, .meteor, .editSimilarity:
            return nil
        }
    }

    /// The text options as stored.
    private static func textOptions(_ options: TextMatchOptions) -> JSONObject {
        [
            "ignore_case": .bool(options.ignoresCase), "ignore_punctuation": .bool(options.removesPunctuation),
            "normalize_whitespace": .bool(options.normalizesWhitespace),
        ]
    }

    /// Reads a kind and its stored options.
    init(name kind: String, options: JSONObject, metric: String) throws(MetricBuildError) {
        func flag(_ key: String) -> Bool { options[key]?.boolValue ?? false }
        func missing(_ key: String) -> MetricBuildError {
            MetricBuildError(.notStored, "the stored metric '\(metric)' (\(kind)) has no valid '\(key)'")
        }
        switch kind {
        case "exact", "contains":
            let text = TextMatchOptions(ignoresCase: flag("ignore_case"), normalizesWhitespace: flag("normalize_whitespace"),
                                        removesPunctuation: flag("ignore_punctuation"))
            // Runs stored before `strict` existed compared as `strict: false` does now, except for
            // numbers written differently.
            self = kind == "exact" ? .exact(text, strict: flag("strict")) : .contains(text)
        case "regex":
            guard let pattern = options["pattern"]?.stringValue else { throw missing("pattern") }
            self = .regex(pattern: pattern, ignoresCase: flag("ignore_case"))
        case "bertscore":
            self = .bertscore(BERTScoreSettings(model: options["model"]?.stringValue, layers: options["layers"]?.intValue, idf: flag("idf")))
        case "judge":
            self = .judge(try JudgeSettings(options: options, missing: missing))
        case "json_schema":
            guard let schema = options["schema"] else { throw missing("schema") }
            self = .jsonSchema(JSONSchemaSettings(schema: schema, file: options["file"]?.stringValue))
        case "tool_called":
            guard let name = options["name"]?.stringValue else { throw missing("name") }
            self = .toolCalled(name: name)
        case "tool_args":
            guard let name = options["name"]?.stringValue else { throw missing("name") }
            guard let arguments = options["arguments"] else { throw missing("arguments") }
            self = .toolArguments(name: name, arguments: arguments, exact: options["match"]?.stringValue == "exact")
        case "tool_calls_match":
            guard let field = options["field"]?.stringValue else { throw missing("field") }
            self = .toolCallsMatch(field: field, ordered: options["ordered"]?.boolValue ?? true)
        case "lambda":
            guard let source = options["source"]?.stringValue else { throw missing("source") }
            self = .lambda(source: source)
        default:
            let plain: [MetricSpec.Kind] = [.jsonValid, .jsonMatch, .labelSet, .rouge, .bleu, .chrf, .meteor, .editSimilarity, .noToolCall]
            guard let found = plain.first(where: { $0.name == kind }) else {
                throw MetricBuildError(.notStored, "the stored metric '\(metric)' is of a kind this version does not know: '\(kind)'")
            }
            self = found
        }
    }
}

extension JudgeSettings {
    /// Reads the options written by ``MetricSpec/json(description:)``.
    init(options: JSONObject, missing: (String) -> MetricBuildError) throws(MetricBuildError) {
        guard let model = options["model"], model.objectValue?["name"]?.stringValue != nil else { throw missing("model") }
        guard let template = options["template"]?.objectValue, let user = template["user"]?.stringValue else { throw missing("template") }
        guard let bounds = options["scale"]?.arrayValue?.compactMap(\.doubleValue), bounds.count == 2, bounds[0] < bounds[1] else {
            throw missing("scale")
        }
        self.model = model
        templateSystem = template["system"]?.stringValue
        templateUser = user
        templateExamples = ConfigurationCoding.examples(from: template["examples"])
        scale = bounds[0]...bounds[1]
        normalizes = options["normalize"]?.boolValue ?? false
        timeout = .milliseconds(Int(((options["timeout_seconds"]?.doubleValue ?? 60) * 1000).rounded()))
    }
}
