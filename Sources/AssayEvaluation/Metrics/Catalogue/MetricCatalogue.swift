import AssayCore
import AssayMetrics

/// Every built-in metric, built from its ``MetricSpec``: the one place that knows how each metric
/// scores a case.
///
/// A session turns what the user wrote into specs and asks the catalogue for the metrics; a rerun
/// in any process decodes the stored specs and asks it again, and gets the same metrics.
///
/// ```swift
/// let catalogue = MetricCatalogue(environment: MetricEnvironment(store: store))
/// let metric = try catalogue.metric(MetricSpec(name: "exact_ci", kind: .exact(TextMatchOptions(ignoresCase: true))))
/// ```
public struct MetricCatalogue: Sendable {
    /// What building metrics needs from the host.
    public var environment: MetricEnvironment

    /// Creates a catalogue.
    ///
    /// - Parameter environment: The models, store, folders, warnings, suite and lambda compiler.
    public init(environment: MetricEnvironment) {
        self.environment = environment
    }

    /// The metric a spec describes.
    ///
    /// BERTScore loads its encoder here and judges make their model here, so a missing encoder or
    /// model is reported before a run calls any model.
    ///
    /// - Parameter spec: The metric's spec.
    /// - Returns: The metric, carrying the spec.
    /// - Throws: ``MetricBuildError``: an unknown encoder or model, an invalid option, or lambda
    ///   source that cannot be compiled.
    public func metric(_ spec: MetricSpec) throws(MetricBuildError) -> RunMetric {
        let evaluate: @Sendable (ScoringInput) async throws -> JSONValue
        switch spec.kind {
        case .exact(let options, let strict):
            if strict {
                evaluate = SimpleMetrics.textMatch(exact: true, options: options, name: spec.kind.name)
            } else if options == .none {
                evaluate = RunMetric.exact.evaluate
            } else {
                evaluate = SimpleMetrics.exactMatch(options: options, name: spec.kind.name)
            }
        case .contains(let options):
            evaluate = options == .none ? RunMetric.contains.evaluate : SimpleMetrics.textMatch(exact: false, options: options, name: spec.kind.name)
        case .regex(let pattern, let ignoresCase):
            evaluate = try SimpleMetrics.regex(pattern, ignoresCase: ignoresCase)
        case .jsonValid:
            evaluate = SimpleMetrics.jsonValid
        case .jsonMatch:
            evaluate = SimpleMetrics.jsonMatch(name: spec.kind.name)
        case .jsonSchema(let settings):
            evaluate = try JSONSchemaMetric.evaluate(settings, metric: spec.name)
        case .toolCalled(let name):
            evaluate = ToolCallMetrics.called(name)
        case .toolArguments(let name, let arguments, let exact):
            evaluate = ToolCallMetrics.arguments(name, arguments, exact: exact)
        case .noToolCall:
            evaluate = ToolCallMetrics.none
        case .toolCallsMatch(let field, let ordered):
            evaluate = ToolCallMetrics.match(field: field, ordered: ordered, metric: spec.name)
        case .labelSet:
            evaluate = LabelSetMetric.evaluate
        case .rouge, .bleu, .chrf, .meteor, .editSimilarity:
            evaluate = TextMetrics.evaluate(spec.kind.name, name: spec.kind.name)
        case .bertscore(let settings):
            evaluate = try BERTScoreMetric.evaluate(settings, environment: environment)
        case .judge(let settings):
            let judge = try JudgeMetric(settings, environment: environment)
            evaluate = { input in try await judge.evaluate(input) }
        case .lambda(let source):
            guard let compiler = environment.lambdas else {
                throw MetricBuildError(.lambda, "the lambda metric '\(spec.name)' (\(source)) needs the language to be compiled again")
            }
            evaluate = try compiler.metric(source: source, name: spec.name)
        }
        return RunMetric(spec: spec, evaluate: evaluate)
    }

    /// The metrics of several specs, in order.
    ///
    /// - Parameter specs: The specs.
    /// - Throws: The first spec's ``MetricBuildError``.
    public func metrics(_ specs: [MetricSpec]) throws(MetricBuildError) -> [RunMetric] {
        var metrics: [RunMetric] = []
        for spec in specs { metrics.append(try metric(spec)) }
        return metrics
    }

    /// A judge whose model is already made (the live model of the session that names it), instead
    /// of being made again from the descriptor in `settings`.
    ///
    /// - Parameters:
    ///   - name: The name the value is stored under.
    ///   - settings: The judge's settings; `model` should be the live model's descriptor.
    ///   - model: The live judge model.
    /// - Throws: ``MetricBuildError`` when the template does not compile.
    public func judge(name: String, settings: JudgeSettings, model: any ChatModel) throws(MetricBuildError) -> RunMetric {
        let judge = try JudgeMetric(settings, model: model, store: environment.store)
        return RunMetric(spec: MetricSpec(name: name, kind: .judge(settings))) { input in try await judge.evaluate(input) }
    }

    /// An extraction rebuilt from its stored configuration (``Extraction/configuration``); a lambda
    /// extractor is compiled again from its source.
    ///
    /// - Parameter configuration: The stored extraction.
    /// - Throws: ``MetricBuildError`` for an unknown kind, or a lambda that cannot be compiled.
    public func extraction(_ configuration: JSONValue) throws(MetricBuildError) -> Extraction {
        if let extraction = Extraction(configuration: configuration) { return extraction }
        let object = configuration.objectValue
        guard object?["kind"]?.stringValue == "custom" else {
            throw MetricBuildError(.notStored, "the stored extraction is of a kind this version does not know: \(configuration.serialized())")
        }
        // Runs stored before the source member kept the lambda's source text as its description.
        guard let source = object?["source"]?.stringValue ?? object?["description"]?.stringValue.flatMap({ $0.contains("=>") ? $0 : nil }) else {
            throw MetricBuildError(.notStored, "the run's extraction function was not stored as source text")
        }
        guard let compiler = environment.lambdas else {
            throw MetricBuildError(.lambda, "the lambda extractor (\(source)) needs the language to be compiled again")
        }
        return .custom(source: source, try compiler.extractor(source: source))
    }
}
