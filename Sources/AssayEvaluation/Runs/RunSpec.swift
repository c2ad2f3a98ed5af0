import AssayCore
import Foundation

/// Everything a run needs: the suite, the template, the model, how answers are read and scored,
/// and how calls are made.
///
/// A spec holds live objects (the model, extraction and metric closures) and renders what they are
/// as ``configuration``, which the run store keeps with the run: the model's descriptor, each
/// metric's ``MetricSpec`` and the extraction (a lambda's as its source text). To resume a stored
/// run, rebuild a spec with ``init(settings:suite:template:model:extraction:metrics:)`` from the
/// stored ``RunSettings``, the live model, and the metrics and extraction a ``MetricCatalogue``
/// builds from the stored ones.
public struct RunSpec: Sendable {
    /// The run's name, shown in listings.
    public var name: String
    /// Free-form labels for finding the run later.
    public var tags: [String]
    /// The cases to run, in order.
    public var suite: Suite
    /// The prompt template rendered for each case.
    public var template: PromptTemplate
    /// The model that answers.
    public var model: any ChatModel
    /// Parameters that override the model's own for this run (nil members keep the model's).
    public var parameters: ModelParameters
    /// How the answer text becomes the value the metrics score.
    public var extraction: Extraction
    /// The metrics computed for every case whose answer was extracted.
    public var metrics: [RunMetric]
    /// The most calls in flight at once (at least 1).
    public var concurrency: Int
    /// How many times a failed call that can succeed later is tried again.
    public var retries: Int
    /// The retries per call a run makes unless told otherwise (and `ask()` always).
    public static let defaultRetries = 3
    /// The longest one call may take.
    public var timeout: Duration
    /// How many answers to ask for per case (sample indices 0 to `samples - 1`).
    public var samples: Int
    /// How a case's samples become its score in the run's summary; `mean` by default.
    public var reduce: SampleReducer = .mean
    /// The most requests started per minute, or nil for no limit.
    public var rateLimit: Double?
    /// Whether stored answers are reused; when false, every call goes to the model (answers are still
    /// stored).
    public var usesCache: Bool
    /// The run this one was derived from (a rerun with something changed), if any.
    public var derivedFrom: UUID?
    /// The name of the pipeline that produced this run, if any.
    public var pipeline: String?
    /// Which earlier answers the conversation of a multi-turn case shows; ``ConversationHistory/model``
    /// by default.
    public var history: ConversationHistory = .model
    /// How many cases are sent in one request (at least 1; 1 by default): the cases of each sample
    /// are taken n at a time in suite order, their prompts become numbered items of one user message,
    /// and the numbered answer is split back into one output per case. A group left with one case
    /// (the last of a sample, or on resume) is sent as an ordinary request. Multi-turn cases cannot
    /// be grouped.
    public var group: Int = 1
    /// The most the run may spend, in US dollars at the model's price, or nil for no budget.
    ///
    /// When the next request could take the money spent plus the estimate for the requests in
    /// flight over it, no more requests are started, those in flight finish, and the run ends
    /// ``RunStatus/budgetExhausted`` (``Runner`` describes the estimate). Needs a priced model.
    public var maxCost: Double?
    /// The Assay version and the project's git state the run is made with; this build's version
    /// and no git information unless the caller detects it (``RunProvenance/detect(directory:)``).
    public var provenance = RunProvenance()

    /// Creates a spec.
    ///
    /// - Parameters:
    ///   - name: The run's name.
    ///   - suite: The cases to run.
    ///   - template: The prompt template.
    ///   - model: The model that answers.
    ///   - parameters: Overrides of the model's parameters.
    ///   - extraction: How answers are read; `.text` by default.
    ///   - metrics: The metrics to compute.
    ///   - tags: Labels for the run.
    ///   - concurrency: The most calls in flight; 8 by default.
    ///   - retries: Retries per call after the first attempt; 3 by default.
    ///   - timeout: The per-call timeout; 60 seconds by default.
    ///   - samples: Answers per case; 1 by default.
    ///   - rateLimit: Requests per minute, or nil for no limit.
    ///   - usesCache: Whether stored answers are reused; true by default.
    ///   - derivedFrom: The run this one derives from.
    ///   - pipeline: The producing pipeline's name.
    ///   - maxCost: The most the run may spend, in dollars; nil for no budget.
    public init(
        name: String, suite: Suite, template: PromptTemplate, model: any ChatModel,
        parameters: ModelParameters = ModelParameters(), extraction: Extraction = .text,
        metrics: [RunMetric] = [], tags: [String] = [], concurrency: Int = 8, retries: Int = defaultRetries,
        timeout: Duration = .seconds(60), samples: Int = 1, rateLimit: Double? = nil,
        usesCache: Bool = true, derivedFrom: UUID? = nil, pipeline: String? = nil, maxCost: Double? = nil
    ) {
        self.name = name
        self.suite = suite
        self.template = template
        self.model = model
        self.parameters = parameters
        self.extraction = extraction
        self.metrics = metrics
        self.tags = tags
        self.concurrency = concurrency
        self.retries = retries
        self.timeout = timeout
        self.samples = samples
        self.rateLimit = rateLimit
        self.usesCache = usesCache
        self.derivedFrom = derivedFrom
        self.pipeline = pipeline
        self.maxCost = maxCost
    }

    /// Rebuilds a spec from stored settings and the live objects that cannot be stored.
    ///
    /// - Parameters:
    ///   - settings: The settings decoded from a stored run's configuration.
    ///   - suite: The suite (its ``suiteHash`` must match the stored one to resume).
    ///   - template: The template; ``RunSettings/makeTemplate()`` rebuilds the stored one.
    ///   - model: The live model (its descriptor must match the stored one to resume).
    ///   - extraction: The extraction; ``RunSettings/extraction(from:)`` rebuilds the stored one.
    ///   - metrics: The metrics; ``RunSettings/metrics(from:)`` rebuilds the stored ones.
    public init(
        settings: RunSettings, suite: Suite, template: PromptTemplate, model: any ChatModel,
        extraction: Extraction, metrics: [RunMetric]
    ) {
        self.init(
            name: settings.name, suite: suite, template: template, model: model,
            parameters: settings.parameters, extraction: extraction, metrics: metrics, tags: settings.tags,
            concurrency: settings.concurrency, retries: settings.retries, timeout: settings.timeout,
            samples: settings.samples, rateLimit: settings.rateLimit, usesCache: settings.usesCache,
            derivedFrom: settings.derivedFrom, pipeline: settings.pipeline, maxCost: settings.maxCost
        )
        history = settings.history
        group = settings.group
        reduce = settings.reduce
    }

    /// The parameters each call is made with: the model's own, overridden by ``parameters``.
    public var effectiveParameters: ModelParameters {
        model.descriptor.parameters.merging(parameters)
    }

    /// The SHA-256 of the suite's cases (their fields as canonical JSON, in order), whatever file
    /// they came from; a filtered suite has a different hash from the whole one.
    public var suiteHash: String {
        Self.contentHash(of: suite.cases)
    }

    /// The number of case results a complete run holds: cases × samples.
    public var expectedResultCount: Int {
        suite.cases.count * max(samples, 0)
    }

    /// The SHA-256 of the cases' fields as a canonical JSON array.
    public static func contentHash(of cases: [TestCase]) -> String {
        let array = JSONValue.array(cases.map { .object($0.fields) })
        return sha256Hex(Array(array.canonicalSerialization().utf8))
    }
}
