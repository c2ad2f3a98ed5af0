import AssayCore
import AssayEvaluation
import AssayLanguage

/// Turns the language's arguments to `run`, `rerun` and friends into the evaluation engine's
/// extraction and metrics. User lambdas become functions that the run's tasks call back onto the
/// session's worker thread through the ``WorkerPump``.
struct RunArguments {
    let state: SessionState
    let context: RunContext
    let function: String

    /// The source text of a lambda, for the run's stored configuration.
    static func describe(_ value: Value) -> String {
        guard case .function(let function) = value else { return value.plainText }
        if case .lambda(let lambda) = function.body {
            let parameters = lambda.parameters.map(\.name)
            let head = parameters.count == 1 ? parameters[0] : "(" + parameters.joined(separator: ", ") + ")"
            return head + " => " + lambda.source.text(of: lambda.body.range)
        }
        return function.displayName
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
            let pump = context.pump
            let state = self.state
            let interruption = state.interpreter.interruption
            return .custom(description: Self.describe(value)) { output in
                let result = await pump.perform { () -> Result<JSONValue, BuiltinFailure> in
                    do throws(BuiltinFailure) {
                        let returned = try state.interpreter.call(value, [.string(output)])
                        return .success(try JSONBridge.json(returned))
                    } catch {
                        return .failure(error)
                    }
                }
                switch result {
                case .success(let json): return json
                case .failure(let failure):
                    await Self.awaitCancellationIfInterrupted(interruption)
                    throw ExtractionError("the extract lambda failed: \(failure.message)")
                }
            }
        default:
            throw BuiltinFailure.type(function, "extract", expected: "\"text\", \"json\", a regular expression or a lambda", found: value)
        }
    }

    /// `metrics:` — a list of metric names, metric values (`exact(ignore_case: true)`,
    /// `judge(m, t)`), lambdas (`c => len(c/output) < 200`, named `custom1` …) and records: a lambda
    /// or metric value by the name to store it under (`{short: c => …}`, `{quality: judge(…)}`), or
    /// a metric's options (`{exact: {ignore_case: true}}`, `{regex: "^yes"}`).
    /// `"bertscore"` and `{bertscore: {model:, layers:, idf:}}` load their encoder here; with
    /// `idf: true` they take IDF weights from the `expected` of `suite`'s cases.
    func metrics(_ value: Value?, suite: Suite? = nil) throws(BuiltinFailure) -> [RunMetric] {
        guard let value, value != .null else { return [] }
        let items: [Value] = if case .list(let list) = value { list } else { [value] }
        var metrics: [RunMetric] = []
        var customCount = 0
        for item in items {
            switch item {
            case .string("bertscore"):
                metrics.append(try BERTScoreMetric.make(BERTScoreOptions(), state: state, suite: suite))
            case .string(let name):
                metrics.append(try Self.namedMetric(name))
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
                    case .record(let options) where name == "bertscore":
                        let settings = try BERTScoreOptions(record: options, function: function, argument: "metrics")
                        metrics.append(try BERTScoreMetric.make(settings, state: state, suite: suite))
                    default: metrics.append(try Self.configuredMetric(name, entry, function: function))
                    }
                }
            default:
                throw BuiltinFailure.type(function, "metrics", expected: "metric names, metric values, lambdas or {name: lambda} records", found: item)
            }
        }
        return metrics
    }

    /// The metric names `metrics:` knows (`regex` needs its pattern: `{regex: "…"}` or `regex("…")`).
    static var metricNames: [String] { SimpleMetrics.names + TextMetrics.names.filter { !SimpleMetrics.names.contains($0) } + ["regex", "bertscore"] }

    /// A built-in metric by name, or an error with a did-you-mean.
    static func namedMetric(_ name: String) throws(BuiltinFailure) -> RunMetric {
        if let metric = SimpleMetrics.named(name) { return metric }
        if TextMetrics.names.contains(name) { return TextMetrics.runMetric(name) }
        if name == "regex" {
            throw BuiltinFailure(message: "the regex metric needs a pattern", hint: "write {regex: \"^yes\"} or regex(\"^yes\", ignore_case: true)",
                                 argument: "metrics", id: "name.metric")
        }
        let suggestion = Suggestion.didYouMean(name, among: metricNames).map { $0 + " " } ?? ""
        throw BuiltinFailure(
            message: "no metric is named '\(name)'", hint: suggestion + "known metrics: " + metricNames.joined(separator: ", "),
            argument: "metrics", id: "name.metric")
    }

    /// A metric configured in a record: `{exact: {ignore_case: true}}`, `{contains: {…}}`,
    /// `{regex: "pattern"}` or `{regex: {pattern: "…", ignore_case: true}}`.
    static func configuredMetric(_ name: String, _ entry: Value, function: String) throws(BuiltinFailure) -> RunMetric {
        switch (name, entry) {
        case ("exact", .record(let options)), ("contains", .record(let options)):
            return SimpleMetrics.textMetric(name, options: try SimpleMetrics.options(options, function: function, argument: "metrics"))
        case ("regex", .string(let pattern)):
            return try SimpleMetrics.regex(pattern, ignoreCase: false, argument: "metrics")
        case ("regex", .record(let options)):
            guard case .string(let pattern) = options["pattern"] ?? .null else {
                throw BuiltinFailure(message: "{regex: {…}} needs a pattern: {regex: {pattern: \"^yes\", ignore_case: true}}", argument: "metrics")
            }
            var flag = false
            if let value = options["ignore_case"] {
                guard case .boolean(let given) = value else { throw BuiltinFailure.type(function, "metrics", expected: "true or false for 'ignore_case'", found: value) }
                flag = given
            }
            return try SimpleMetrics.regex(pattern, ignoreCase: flag, argument: "metrics")
        default:
            throw BuiltinFailure.type(
                function, "metrics", expected: "a lambda, a metric value or the options of exact, contains or regex for '\(name)'", found: entry)
        }
    }

    /// A user lambda as a metric: it receives the case result and returns a number or a Boolean.
    private func lambdaMetric(name: String, _ lambda: Value) -> RunMetric {
        let pump = context.pump
        let state = self.state
        let interruption = state.interpreter.interruption
        return RunMetric(name: name, description: Self.describe(lambda)) { input in
            let caseValue = Self.caseValue(input)
            let result = await pump.perform { () -> Result<Value, BuiltinFailure> in
                do throws(BuiltinFailure) { return .success(try state.interpreter.call(lambda, [caseValue])) } catch { return .failure(error) }
            }
            switch result {
            case .failure(let failure):
                await Self.awaitCancellationIfInterrupted(interruption)
                throw MetricError("metric '\(name)' failed on case \(input.testCase.id): \(failure.message)")
            case .success(.boolean(let flag)):
                return .int(flag ? 1 : 0)
            case .success(let returned):
                if let number = returned.numberValue, case .object = returned { return .double(number) }
                if case .integer(let number) = returned { return .int(number) }
                if case .float(let number) = returned, number.isFinite { return .double(number) }
                throw MetricError("metric '\(name)' returned \(returned.typeName) for case \(input.testCase.id); a metric lambda must return a number or a boolean")
            }
        }
    }

    /// After a user function failed because the cell was interrupted, waits until the run's task is
    /// cancelled (the ``WorkerPump`` cancels it as soon as it sees the interrupt), so that the runner
    /// counts the case as unfinished rather than failed; returns at once otherwise.
    static func awaitCancellationIfInterrupted(_ interruption: InterruptionFlag) async {
        guard interruption.isRaised else { return }
        for _ in 0..<1000 where !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// What a metric lambda receives: the case's fields, with `output`, `extracted`, `expected`,
    /// `input`, `id` and `sample`.
    static func caseValue(_ input: ScoringInput) -> Value {
        var record = JSONBridge.record(input.testCase.fields)
        record["case"] = .record(JSONBridge.record(input.testCase.fields))
        record["id"] = .string(input.testCase.id)
        record["sample"] = .integer(input.sample)
        record["output"] = .string(input.output)
        record["extracted"] = JSONBridge.value(input.extracted)
        record["expected"] = input.expected.map(JSONBridge.value) ?? .null
        return .record(record)
    }
}
