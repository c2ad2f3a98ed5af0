import AssayCore
import Foundation

/// The storable part of a ``RunSpec``, read back from a stored run's configuration.
///
/// To resume or rerun a stored run, decode its settings, rebuild the template with
/// ``makeTemplate()`` and the extraction with ``storedExtraction`` (or supply the custom one), and
/// pass them with the live model and metrics to ``RunSpec/init(settings:suite:template:model:extraction:metrics:)``.
public struct RunSettings: Sendable, Hashable {
    /// The run's name.
    public var name: String
    /// The run's labels.
    public var tags: [String]
    /// The suite's file path, if it came from a file.
    public var suitePath: String?
    /// The SHA-256 of the suite's cases.
    public var suiteHash: String
    /// The template's SHA-256.
    public var templateSHA256: String
    /// The template's system message text, if any.
    public var templateSystem: String?
    /// The template's user message text.
    public var templateUser: String
    /// The template's worked examples (few-shot turns), if any.
    public var templateExamples: [FewShotExample]
    /// The model's descriptor as stored.
    public var model: JSONValue
    /// The model's name.
    public var modelName: String
    /// The run's parameter overrides.
    public var parameters: ModelParameters
    /// The parameters calls were made with (the model's own merged with the overrides).
    public var effectiveParameters: ModelParameters
    /// The extraction as stored (see ``Extraction/configuration``).
    public var extraction: JSONValue
    /// The metrics' names, in order.
    public var metricNames: [String]
    /// The most calls in flight.
    public var concurrency: Int
    /// Retries per call.
    public var retries: Int
    /// The per-call timeout.
    public var timeout: Duration
    /// Answers per case.
    public var samples: Int
    /// Requests per minute, if limited.
    public var rateLimit: Double?
    /// Whether stored answers were reused.
    public var usesCache: Bool
    /// The run this one derives from.
    public var derivedFrom: UUID?
    /// The producing pipeline's name.
    public var pipeline: String?
    /// Which earlier answers multi-turn conversations showed (``ConversationHistory/model`` for runs
    /// stored before the setting existed).
    public var history: ConversationHistory
    /// How many cases were sent per request (1 for runs stored before the setting existed).
    public var group: Int
    /// The most the run may spend, in dollars (`max_cost`), if it has a budget.
    public var maxCost: Double?

    /// Reads settings from a configuration written by ``RunSpec/configuration``.
    ///
    /// - Parameter configuration: The stored configuration.
    /// - Throws: ``RunError`` with code `invalidConfiguration` naming the missing member.
    public init(configuration: JSONValue) throws(RunError) {
        guard let object = configuration.objectValue else {
            throw RunError(.invalidConfiguration, "the stored run configuration is not a JSON object")
        }
        func require<T>(_ path: String, _ value: T?) throws(RunError) -> T {
            guard let value else {
                throw RunError(.invalidConfiguration, "the stored run configuration has no valid '\(path)'")
            }
            return value
        }
        let suite = object["suite"]?.objectValue
        let template = object["template"]?.objectValue
        name = try require("name", object["name"]?.stringValue)
        tags = object["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        suitePath = suite?["path"]?.stringValue
        suiteHash = try require("suite.sha256", suite?["sha256"]?.stringValue)
        templateSHA256 = try require("template.sha256", template?["sha256"]?.stringValue)
        templateSystem = template?["system"]?.stringValue
        templateUser = try require("template.user", template?["user"]?.stringValue)
        templateExamples = (template?["examples"]?.arrayValue ?? []).compactMap { item in
            guard let user = item.objectValue?["user"]?.stringValue, let assistant = item.objectValue?["assistant"]?.stringValue else { return nil }
            return FewShotExample(user: user, assistant: assistant)
        }
        model = try require("model", object["model"])
        modelName = try require("model.name", model.objectValue?["name"]?.stringValue)
        parameters = ConfigurationCoding.parameters(from: object["parameters"])
        effectiveParameters = ConfigurationCoding.parameters(from: object["effective_parameters"])
        extraction = try require("extraction", object["extraction"])
        metricNames = (object["metrics"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        concurrency = try require("concurrency", object["concurrency"]?.intValue)
        retries = try require("retries", object["retries"]?.intValue)
        timeout = .milliseconds(Int((try require("timeout_seconds", object["timeout_seconds"]?.doubleValue) * 1000).rounded()))
        samples = try require("samples", object["samples"]?.intValue)
        rateLimit = object["rate_limit_per_minute"]?.doubleValue
        usesCache = object["cache"]?.boolValue ?? true
        derivedFrom = object["derived_from"]?.stringValue.flatMap(UUID.init(uuidString:))
        pipeline = object["pipeline"]?.stringValue
        let historyText = object["history"]?.stringValue ?? ConversationHistory.model.rawValue
        history = try require("history", ConversationHistory(rawValue: historyText))
        group = object["group"]?.intValue ?? 1
        maxCost = object["max_cost"]?.doubleValue
    }

    /// Compiles the stored template text again.
    ///
    /// - Returns: A template whose SHA-256 is ``templateSHA256``.
    /// - Throws: ``TemplateError`` if the text no longer compiles.
    public func makeTemplate() throws(TemplateError) -> PromptTemplate {
        try PromptTemplate(system: templateSystem, examples: templateExamples, user: templateUser)
    }

    /// The parameters the stored model descriptor carries: the entry's own merged with those of a
    /// model value (`model("gpt", temperature: 0)`), without the run's overrides. Passing them as
    /// the overrides when making the model again rebuilds the stored descriptor.
    public var modelParameters: ModelParameters {
        ConfigurationCoding.parameters(from: model.objectValue?["parameters"])
    }

    /// The price stored with the model, if it had one; passing it when making the model again
    /// keeps the run's price even if `models.json` has changed.
    public var modelPrice: ModelPrice? {
        ConfigurationCoding.price(from: model.objectValue?["price"])
    }

    /// The stored extraction, rebuilt; nil when it was `.custom` (its function must be supplied).
    public var storedExtraction: Extraction? {
        Extraction(configuration: extraction)
    }

    /// The stored metrics that are built in, rebuilt, with the names of those that must be
    /// supplied.
    public var storedMetrics: (builtIn: [RunMetric], missing: [String]) {
        var builtIn: [RunMetric] = []
        var missing: [String] = []
        for name in metricNames {
            if let metric = RunMetric.builtIn[name] { builtIn.append(metric) } else { missing.append(name) }
        }
        return (builtIn, missing)
    }
}
