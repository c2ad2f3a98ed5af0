import AssayCore
import Foundation

/// The storable part of a ``RunSpec``, read back from a stored run's configuration.
///
/// To resume or rerun a stored run, decode its settings, rebuild the template with
/// ``makeTemplate()``, the extraction with ``extraction(from:)`` and the metrics with
/// ``metrics(from:)``, and pass them with the live model to
/// ``RunSpec/init(settings:suite:template:model:extraction:metrics:)``.
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
    /// The metrics as stored, in order: each its spec (``MetricSpec/json(description:)``), or for
    /// runs stored before specs only its name and description.
    public var metrics: [JSONValue]
    /// The most calls in flight.
    public var concurrency: Int
    /// Retries per call.
    public var retries: Int
    /// The per-call timeout.
    public var timeout: Duration
    /// Answers per case.
    public var samples: Int
    /// How a case's samples become its score (`mean` for runs stored before reducers).
    public var reduce: SampleReducer
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
    /// The Assay version and git state the run was made with; nil for a run stored before they
    /// were kept.
    public var provenance: RunProvenance?

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
        templateExamples = ConfigurationCoding.examples(from: template?["examples"])
        model = try require("model", object["model"])
        modelName = try require("model.name", model.objectValue?["name"]?.stringValue)
        parameters = ConfigurationCoding.parameters(from: object["parameters"])
        effectiveParameters = ConfigurationCoding.parameters(from: object["effective_parameters"])
        extraction = try require("extraction", object["extraction"])
        metrics = object["metrics"]?.arrayValue ?? []
        metricNames = metrics.compactMap { $0.objectValue?["name"]?.stringValue }
        concurrency = try require("concurrency", object["concurrency"]?.intValue)
        retries = try require("retries", object["retries"]?.intValue)
        timeout = .milliseconds(Int((try require("timeout_seconds", object["timeout_seconds"]?.doubleValue) * 1000).rounded()))
        samples = try require("samples", object["samples"]?.intValue)
        reduce = try require("reduce", RunSettings.reducer(in: configuration))
        rateLimit = object["rate_limit_per_minute"]?.doubleValue
        usesCache = object["cache"]?.boolValue ?? true
        derivedFrom = object["derived_from"]?.stringValue.flatMap(UUID.init(uuidString:))
        pipeline = object["pipeline"]?.stringValue
        let historyText = object["history"]?.stringValue ?? ConversationHistory.model.rawValue
        history = try require("history", ConversationHistory(rawValue: historyText))
        group = object["group"]?.intValue ?? 1
        maxCost = object["max_cost"]?.doubleValue
        provenance = RunProvenance(json: object["assay"])
    }

    /// The reducer a stored configuration names (`mean` when it names none); nil when its name is
    /// not one this version knows.
    public static func reducer(in configuration: JSONValue) -> SampleReducer? {
        guard let name = configuration.objectValue?["reduce"]?.stringValue else { return .mean }
        return try? SampleReducer(name: name)
    }

    /// Compiles the stored template text again.
    ///
    /// - Returns: A template whose SHA-256 is ``templateSHA256``.
    /// - Throws: ``TemplateError`` if the text no longer compiles.
    public func makeTemplate() throws(TemplateError) -> PromptTemplate {
        try PromptTemplate(system: templateSystem, examples: templateExamples, user: templateUser)
    }

    /// The stored extraction, rebuilt; nil when it was `.custom` (``extraction(from:)`` compiles it).
    public var storedExtraction: Extraction? {
        Extraction(configuration: extraction)
    }

    /// The stored extraction, rebuilt through a catalogue, which compiles a lambda's source.
    ///
    /// - Parameter catalogue: The catalogue, with the host's lambda compiler.
    /// - Throws: ``MetricBuildError`` naming what cannot be rebuilt.
    public func extraction(from catalogue: MetricCatalogue) throws(MetricBuildError) -> Extraction {
        try catalogue.extraction(extraction)
    }

    /// The stored metrics' specs, in order.
    ///
    /// - Throws: ``MetricBuildError`` for an entry that does not describe its metric well enough
    ///   (a run stored before specs, with a metric that cannot be made from its name).
    public func metricSpecs() throws(MetricBuildError) -> [MetricSpec] {
        var specs: [MetricSpec] = []
        for entry in metrics { specs.append(try MetricSpec(json: entry)) }
        return specs
    }

    /// The stored metrics, built again through a catalogue.
    ///
    /// - Parameter catalogue: The catalogue, with the host's models, store and lambda compiler.
    /// - Throws: ``MetricBuildError`` naming the metric that cannot be rebuilt and why.
    public func metrics(from catalogue: MetricCatalogue) throws(MetricBuildError) -> [RunMetric] {
        try catalogue.metrics(try metricSpecs())
    }
}
