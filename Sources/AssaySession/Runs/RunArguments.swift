import AssayCore
import AssayEvaluation
import AssayLanguage

/// Turns the language's arguments to `run`, `rerun` and friends into the evaluation engine's
/// extraction and metrics: names, options and metric values become ``MetricSpec`` values that the
/// session's ``MetricCatalogue`` builds. User lambdas keep their live function in this session (see
/// ``LambdaCaller``) and are stored as their source text.
struct RunArguments {
    let state: SessionState
    let context: RunContext
    let function: String

    /// The source text of a function, as a run stores it: a lambda's own text, or a builtin's name.
    static func source(of value: Value) -> String {
        guard case .function(let function) = value else { return value.plainText }
        switch function.body {
        case .lambda(let lambda):
            let parameters = lambda.parameters.map(\.name)
            let head = parameters.count == 1 ? parameters[0] : "(" + parameters.joined(separator: ", ") + ")"
            return head + " => " + lambda.source.text(of: lambda.body.range)
        case .builtin(let builtin):
            return builtin.name
        }
    }

    /// `extract:` — `"text"`, `"json"`, a regular expression with one group, or a lambda; with
    /// `labels: [...]` the answer must be one of the labels.
    func extraction(_ value: Value?, labels: Value?) throws(BuiltinFailure) -> Extraction {
        if let labels, labels != .null {
            guard case .list(let items) = labels, !items.isEmpty else {
                throw BuiltinFailure.type(function, "labels", expected: "a non-empty list of strings", found: labels)
            }
            var names: [String] = []
            for item in items {
                guard case .string(let name) = item else {
                    throw BuiltinFailure.type(function, "labels", expected: "a list of strings", found: item)
                }
                names.append(name)
            }
            return .labels(names)
        }
        guard let value, value != .null else { return .text }
        switch value {
        case .string("text"): return .text
        case .string("json"): return .json
        case .string(let pattern):
            let extraction = Extraction.regex(pattern)
            do {
                try extraction.validate()
            } catch {
                throw BuiltinFailure(message: error.message, hint: "extract: takes \"text\", \"json\", a regular expression with one group, or a lambda", argument: "extract")
            }
            return extraction
        case .function:
            return .custom(source: Self.source(of: value), caller.extractor(value))
        default:
            throw BuiltinFailure.type(function, "extract", expected: "\"text\", \"json\", a regular expression or a lambda", found: value)
        }
    }

    /// `metrics:` — a list of metric names, metric values (`exact(ignore_case: true)`,
    /// `judge(m, t)`), lambdas (`c => len(c/output) < 200`, named `custom1` …) and records: a lambda
    /// or metric value by the name to store it under (`{short: c => …}`, `{quality: judge(…)}`), or
    /// a metric's options (`{exact: {ignore_case: true}}`, `{regex: "^yes"}`, `{bertscore: {…}}`).
    /// BERTScore loads its encoder here; with `idf: true` it takes IDF weights from the `expected`
    /// of `suite`'s cases.
    func metrics(_ value: Value?, suite: Suite? = nil) throws(BuiltinFailure) -> [RunMetric] {
        guard let value, value != .null else { return [] }
        let items: [Value] = if case .list(let list) = value { list } else { [value] }
        let catalogue = try state.metricCatalogue(suite: suite)
        func build(_ spec: MetricSpec) throws(BuiltinFailure) -> RunMetric {
            do throws(MetricBuildError) { return try catalogue.metric(spec) } catch { throw BuiltinFailure(error, argument: "metrics") }
        }
        var metrics: [RunMetric] = []
        var customCount = 0
        for item in items {
            switch item {
            case .string(let name):
                metrics.append(try build(try MetricSpecArguments.named(name)))
            case .object(let object as MetricObject):
                metrics.append(object.metric)
            case .function:
                customCount += 1
                metrics.append(lambdaMetric(name: "custom\(customCount)", item))
            case .record(let record):
                for (name, entry) in record.pairs {
                    switch entry {
                    case .function: metrics.append(lambdaMetric(name: name, entry))
                    case .object(let object as MetricObject): metrics.append(object.named(name))
                    default: metrics.append(try build(try MetricSpecArguments.configured(name, entry, function: function)))
                    }
                }
            default:
                throw BuiltinFailure.type(function, "metrics", expected: "metric names, metric values, lambdas or {name: lambda} records", found: item)
            }
        }
        return metrics
    }

    /// Calls this session's functions from a run's tasks.
    private var caller: LambdaCaller {
        LambdaCaller(interpreter: state.interpreter, pump: context.pump)
    }

    /// A user lambda as a metric, stored as its source text and called live in this session.
    private func lambdaMetric(name: String, _ lambda: Value) -> RunMetric {
        RunMetric(spec: MetricSpec(name: name, kind: .lambda(source: Self.source(of: lambda))), evaluate: caller.metric(name: name, lambda))
    }
}
