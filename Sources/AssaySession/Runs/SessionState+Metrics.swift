import AssayEvaluation
import AssayLanguage

extension SessionState {
    /// The metric catalogue over this session: its models and encoders, its run store, its folder
    /// (for encoder folders),
    /// the running cell's standard error for warnings, and its builtins for stored lambdas.
    ///
    /// - Parameters:
    ///   - suite: The run's suite, for BERTScore's IDF weights.
    ///   - usesStore: Whether metrics cache in the run store (judges and BERTScore do); metric
    ///     values that only compare texts are built without opening it.
    /// - Throws: `BuiltinFailure` when the run store cannot be opened.
    func metricCatalogue(suite: Suite? = nil, usesStore: Bool = true) throws(BuiltinFailure) -> MetricCatalogue {
        let sink = self.sink
        let store = usesStore ? try runs.store() : nil
        let environment = MetricEnvironment(
            catalog: { [unowned self] () throws(MetricBuildError) -> ModelCatalog in
                do throws(BuiltinFailure) { return try self.runs.catalog() } catch {
                    throw MetricBuildError(.configuration, error.message, hint: error.hint)
                }
            },
            store: store, resolvePath: { [unowned self] path in self.resolvePath(path) },
            warn: { sink(.stream(.stderr, $0)) }, suite: suite,
            lambdas: StoredLambdaCompiler(builtins: Array(interpreter.builtins.values), pump: runs.pump, interruption: interpreter.interruption))
        return MetricCatalogue(environment: environment)
    }

    /// A metric that needs neither the run store nor a suite (one that compares texts), from the
    /// session's catalogue.
    ///
    /// - Parameters:
    ///   - spec: The metric's spec.
    ///   - argument: The argument that named it, for errors.
    func metric(_ spec: MetricSpec, argument: String) throws(BuiltinFailure) -> RunMetric {
        let catalogue = try metricCatalogue(usesStore: false)
        do throws(MetricBuildError) { return try catalogue.metric(spec) } catch {
            throw BuiltinFailure(error, argument: argument)
        }
    }
}

extension BuiltinFailure {
    /// A metric that could not be built, as the error of the builtin that asked for it.
    ///
    /// - Parameters:
    ///   - error: Why the catalogue could not build the metric.
    ///   - argument: The argument that named the metric.
    init(_ error: MetricBuildError, argument: String?) {
        let id = switch error.code {
        case .unknownEncoder: "name.encoder"
        case .unknownModel: "name.model"
        case .configuration: "io.models"
        case .unreadableEncoder: "io.encoder"
        case .invalidOption: "value.invalid"
        case .invalidPattern: "value.regex"
        case .lambda, .notStored: "value.run"
        }
        self.init(message: error.message, hint: error.hint, argument: argument, id: id)
    }
}
