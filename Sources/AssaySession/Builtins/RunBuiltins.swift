import AssayEvaluation
import AssayLanguage
import Foundation
import Synchronization

/// `run`, `rerun` and `resume`: from a suite, a template and a model to a stored run.
enum RunBuiltins {
    /// The keyword arguments `run` and `rerun` share.
    static let settingKeywords = [
        "extract", "labels", "metrics", "concurrency", "retries", "timeout", "samples", "rate_limit", "name", "tags", "cache",
        "temperature", "max_tokens", "top_p", "seed", "history", "group", "max_cost", "input", "expected", "reduce",
        "tools", "tool_choice", "response_format", "stream",
    ]

    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "run",
                usage: "run(suite, template:, model:, extract: \"text\", metrics: [], concurrency: 8, retries: 3, timeout: 60, samples: 1, reduce: \"mean\", rate_limit:, name:, tags:, cache: true, history: \"model\", group: 1, max_cost:, input: \"input\", expected: \"expected\", tools:, tool_choice:, response_format:, stream: false, queue: false, wait: true) or run(suite, pipeline, …overrides)",
                summary: "Runs a model over a suite: renders each case, calls the model, extracts and scores the answer; stores everything.",
                parameters: [.positional("suite"), .positional("pipeline", required: false), .keyword("template"), .keyword("model")]
                    + settingKeywords.map { .keyword($0) } + queueKeywords.map { .keyword($0) }
            ) { [unowned state] call, _ throws(BuiltinFailure) in
                let (arguments, pipeline) = try PipelineBuiltins.merged(call, state: state)
                do throws(BuiltinFailure) {
                    let suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
                    let template = try TemplateBuiltins.templateArgument(arguments, "template")
                    let model = try state.runs.model(try arguments.required("model"), argument: "model", function: "run")
                    var spec = RunSpec(name: defaultName(model: model.descriptor.name, suite: suite), suite: suite, template: template, model: model)
                    spec.pipeline = pipeline?.name
                    try apply(arguments, to: &spec, state: state)
                    if let wait = try queueMode(arguments) { return try executeQueued(spec, state: state, wait: wait) }
                    return try execute(spec, state: state, resuming: nil)
                } catch {
                    throw PipelineBuiltins.attributed(error, to: pipeline, call: call)
                }
            },
            Builtin(
                name: "rerun", usage: "rerun(r, model:, template:, suite:, metrics:, extract:, temperature:, …)",
                summary: "Runs a stored run again on the cases it stored, with the named changes (suite: load(…) to run on a file as it is now); the new run records the one it derives from.",
                parameters: [.positional("run"), .keyword("model"), .keyword("template"), .keyword("suite")] + settingKeywords.map { .keyword($0) }
                    + queueKeywords.map { .keyword($0) }
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let stored = try state.runs.storedRun(try arguments.required("run"), argument: "run", function: "rerun")
                let suite = arguments["suite"] == nil ? nil : try SuiteBuiltins.suiteArgument(arguments, "suite")
                var spec = try rebuild(stored, state: state, replacingModel: arguments["model"], template: arguments["template"],
                                       metrics: arguments["metrics"], extract: arguments["extract"] ?? arguments["labels"], suite: suite)
                spec.derivedFrom = stored.record.id
                let storedModel = stored.record.model.objectValue?["name"]?.stringValue ?? ""
                let wasDefault = stored.record.name == defaultName(model: storedModel, suite: spec.suite)
                spec.name = wasDefault ? defaultName(model: spec.model.descriptor.name, suite: spec.suite) : stored.record.name
                try apply(arguments, to: &spec, state: state)
                if let wait = try queueMode(arguments) { return try executeQueued(spec, state: state, wait: wait) }
                return try execute(spec, state: state, resuming: nil)
            },
            Builtin(
                name: "resume", usage: "resume(r, max_cost:)",
                summary: "Completes an interrupted, killed or budget-stopped run: runs only the cases it has no result for.",
                parameters: [.positional("run"), .keyword("metrics"), .keyword("extract"), .keyword("max_cost")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let stored = try state.runs.storedRun(try arguments.required("run"), argument: "run", function: "resume")
                var spec = try rebuild(stored, state: state, replacingModel: nil, template: nil,
                                       metrics: arguments["metrics"], extract: arguments["extract"])
                // Metrics and extraction given again replace the stored ones.
                let builder = RunArguments(state: state, context: state.runs, function: "resume")
                if let metrics = arguments["metrics"] { spec.metrics = try builder.metrics(metrics, suite: spec.suite) }
                if let extract = arguments["extract"] { spec.extraction = try builder.extraction(extract, labels: nil) }
                // Without max_cost the run keeps its stored budget; max_cost: null lifts it.
                try applyMaxCost(arguments, to: &spec)
                return try execute(spec, state: state, resuming: stored.record.id)
            },
        ]
    }

    /// `perfect on cases.jsonl`: what a run is called unless it is given a name.
    static func defaultName(model: String, suite: Suite) -> String {
        "\(model) on \(suite.source.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "\(suite.cases.count) cases")"
    }

    /// Applies the keyword settings a call gives to a spec.
    static func apply(_ arguments: CallArguments, to spec: inout RunSpec, state: SessionState) throws(BuiltinFailure) {
        let builder = RunArguments(state: state, context: state.runs, function: arguments.functionName)
        // input: and expected: name the fields that hold them (GoTaglio's `user`, `answer`).
        let input = try arguments.string("input"), expected = try arguments.string("expected")
        if input != nil || expected != nil { spec.suite = spec.suite.naming(input: input, expected: expected) }
        if arguments["extract"] != nil || arguments["labels"] != nil {
            spec.extraction = try builder.extraction(arguments["extract"], labels: arguments["labels"])
        }
        if let metrics = arguments["metrics"] { spec.metrics = try builder.metrics(metrics, suite: spec.suite) }
        if let value = try arguments.integer("concurrency") { spec.concurrency = value }
        if let value = try arguments.integer("retries") { spec.retries = value }
        if let value = try arguments.number("timeout") {
            guard value > 0 else { throw BuiltinFailure(message: "timeout must be a positive number of seconds", argument: "timeout") }
            spec.timeout = .milliseconds(Int((value * 1000).rounded()))
        }
        if let value = try arguments.integer("samples") { spec.samples = value }
        if let value = try arguments.string("reduce") {
            do throws(SampleReducerError) { spec.reduce = try SampleReducer(name: value) } catch {
                throw BuiltinFailure(message: error.message, hint: error.hint, argument: "reduce")
            }
        }
        if let value = try arguments.number("rate_limit") { spec.rateLimit = value }
        if let value = try arguments.string("name") { spec.name = value }
        if let value = arguments["tags"] {
            guard case .list(let items) = value else { throw BuiltinFailure.type(arguments.functionName, "tags", expected: "a list of strings", found: value) }
            spec.tags = items.map { if case .string(let tag) = $0 { tag } else { $0.plainText } }
        }
        if let value = try arguments.boolean("cache") { spec.usesCache = value }
        if let value = try arguments.number("temperature") { spec.parameters.temperature = value }
        if let value = try arguments.integer("max_tokens") { spec.parameters.maxTokens = value }
        if let value = try arguments.number("top_p") { spec.parameters.topP = value }
        if let value = try arguments.integer("seed") { spec.parameters.seed = value }
        try applyTools(arguments, to: &spec)
        try applyTurnsAndGroups(arguments, to: &spec)
        try applyMaxCost(arguments, to: &spec)
    }

    /// `history:` (which earlier answers a multi-turn conversation shows) and `group:` (cases per
    /// request).
    static func applyTurnsAndGroups(_ arguments: CallArguments, to spec: inout RunSpec) throws(BuiltinFailure) {
        if let value = try arguments.string("history") {
            do { spec.history = try ConversationHistory(setting: value) } catch {
                throw BuiltinFailure(message: error.message, argument: "history")
            }
        }
        if let value = try arguments.integer("group") {
            guard value >= 1 else {
                throw BuiltinFailure(message: "group must be at least 1 (the number of cases sent in one request), not \(value)",
                                     argument: "group")
            }
            spec.group = value
        }
    }

    /// `max_cost:` — the most the run may spend, in dollars; `null` for no budget.
    static func applyMaxCost(_ arguments: CallArguments, to spec: inout RunSpec) throws(BuiltinFailure) {
        guard let value = arguments["max_cost"] else { return }
        if value == .null {
            spec.maxCost = nil
            return
        }
        guard let dollars = try arguments.number("max_cost"), dollars >= 0, dollars.isFinite else {
            throw BuiltinFailure(message: "max_cost must be a number of dollars, at least 0", argument: "max_cost")
        }
        spec.maxCost = dollars
    }

    /// A spec for a stored run: its live spec when this session made it, else rebuilt from the
    /// stored record (its stored cases, template text, model by name, and the metrics and
    /// extraction from their stored specs through the metric catalogue).
    static func rebuild(
        _ stored: StoredRun, state: SessionState, replacingModel: Value?, template: Value?, metrics: Value?, extract: Value?,
        suite replacingSuite: Suite? = nil
    ) throws(BuiltinFailure) -> RunSpec {
        let context = state.runs
        let id = stored.record.id
        var spec: RunSpec
        if let live = context.liveSpecs[id] {
            spec = live
        } else {
            let settings: RunSettings
            do { settings = try RunSettings(configuration: stored.record.configuration) } catch {
                throw BuiltinFailure(message: error.message, id: "value.run")
            }
            let suite: Suite
            if let replacingSuite { suite = replacingSuite } else { suite = try storedSuite(stored, settings: settings, state: state) }
            let storedTemplate: PromptTemplate
            do { storedTemplate = try settings.makeTemplate() } catch {
                throw BuiltinFailure(message: "the stored template no longer compiles: \(error.message)", id: "value.run")
            }
            let model: any ChatModel
            do {
                model = try context.catalog().model(restoring: settings.model)
            } catch let error as ModelConfigurationError {
                throw BuiltinFailure(message: error.message, hint: error.hint, id: "name.model")
            } catch {
                throw BuiltinFailure(message: "\(error)", id: "name.model")
            }
            // Metrics and extraction given again replace the stored ones, which are then not rebuilt.
            let catalogue = try state.metricCatalogue(suite: suite)
            let run = "run \(stored.record.idText.prefix(8))"
            let rebuiltMetrics = metrics != nil ? [] : try rebuilt(run, argument: "metrics", hint: "pass the metrics again: metrics: [...]") {
                () throws(MetricBuildError) in try settings.metrics(from: catalogue)
            }
            let extraction = extract != nil ? Extraction.text : try rebuilt(run, argument: "extract", hint: "pass it again: extract: …") {
                () throws(MetricBuildError) in try settings.extraction(from: catalogue)
            }
            spec = RunSpec(settings: settings, suite: suite, template: storedTemplate, model: model, extraction: extraction, metrics: rebuiltMetrics)
        }
        if let replacingSuite { spec.suite = replacingSuite }
        if let replacingModel {
            let model = try context.model(replacingModel, argument: "model", function: "rerun")
            spec.model = model
            spec.parameters = ModelParameters()
        }
        if let template {
            spec.template = try TemplateBuiltins.templateValue(template, argument: "template", function: "rerun")
        }
        return spec
    }

    /// A stored run's metrics or extraction built again, or an error naming the run and saying how
    /// to pass them again.
    private static func rebuilt<Part>(
        _ run: String, argument: String, hint: String, _ build: () throws(MetricBuildError) -> Part
    ) throws(BuiltinFailure) -> Part {
        do throws(MetricBuildError) { return try build() } catch {
            throw BuiltinFailure(MetricBuildError(error.code, "\(run) cannot be rebuilt: \(error.message)", hint: error.hint ?? hint), argument: argument)
        }
    }

    /// The cases a stored run evaluated: the ones stored with it, or for a run stored before runs
    /// kept their cases, its suite file if that still holds the same cases.
    static func storedSuite(_ stored: StoredRun, settings: RunSettings, state: SessionState) throws(BuiltinFailure) -> Suite {
        if let suite = state.runs.suite(of: stored) { return suite }
        let prefix = stored.record.idText.prefix(8)
        guard let path = settings.suitePath else {
            throw BuiltinFailure(message: "run \(prefix) was stored before runs kept their cases, and its suite had no file",
                                 hint: "give the cases again: rerun(r, suite: …)", id: "value.run")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw BuiltinFailure(message: "run \(prefix) was stored before runs kept their cases, and its suite \(path) is gone",
                                 hint: "give the cases again: rerun(r, suite: load(…))", id: "value.run")
        }
        throw BuiltinFailure(message: "run \(prefix) was stored before runs kept their cases, and its suite \(path) has changed since",
                             hint: "rerun it on the file as it is now: rerun(r, suite: load(\"\(path)\"))", id: "value.run")
    }

    /// Runs (or resumes) a spec with a progress display, waiting on the worker thread while user
    /// lambdas are served; returns the stored run.
    static func execute(_ given: RunSpec, state: SessionState, resuming: UUID?) throws(BuiltinFailure) -> Value {
        let context = state.runs
        let runner = Runner(store: try context.store())
        let id = resuming ?? UUID()
        let sink = state.sink
        let progress = progressDisplay(state)
        var prepared = given
        if resuming == nil { prepared.provenance = context.provenance() }
        let spec = prepared
        context.liveSpecs[id] = spec
        let outcome = context.pump.run(interruption: state.interpreter.interruption) { () -> Result<RunRecord, RunError> in
            do throws(RunError) {
                if let resuming { return .success(try await runner.resume(resuming, with: spec, progress: progress)) }
                return .success(try await runner.run(spec, id: id, progress: progress))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let record):
            if record.status == .interrupted {
                // The cell stops here as any interrupted cell does; the finished cases are stored.
                let counts = record.counts
                sink(.stream(.stderr, "run \(record.idText.prefix(8)) interrupted: \(counts.finished) of \(counts.expected) results kept; resume(runs(\"\(record.idText.prefix(8))\")) runs the rest\n"))
                throw BuiltinFailure(propagating: .interrupted)
            }
            let object = try context.object(for: record)
            if record.status == .budgetExhausted { sink(.stream(.stderr, budgetMessage(object) + "\n")) }
            return .object(object)
        case .failure(let error):
            throw BuiltinFailure(message: error.message, id: error.code == .invalidSpec ? "argument.invalid" : "io.run")
        }
    }
}

extension RunBuiltins {
    /// `run ab12cd34 stopped at its budget: $0.0123 of $0.0125 spent, 48 of 100 results kept; …`.
    static func budgetMessage(_ run: RunObject) -> String {
        let record = run.record
        let prefix = record.idText.prefix(8)
        let spent = run.cost.total.map(RunCost.dollars) ?? "?"
        let limit = record.maxCost.map(RunCost.dollars) ?? "?"
        return "run \(prefix) stopped at its budget: \(spent) of \(limit) spent, \(record.counts.finished) of \(record.counts.expected) "
            + "results kept; resume(runs(\"\(prefix)\"), max_cost: …) with a higher budget runs the rest"
    }
}

extension RunBuiltins {
    /// A run's progress shown as one display that each report updates.
    static func progressDisplay(_ state: SessionState) -> @Sendable (RunProgress) -> Void {
        let sink = state.sink
        let displayID = state.makeDisplayID()
        let shown = ShownOnce()
        return { report in
            let bundle = ProgressView.bundle(report)
            if shown.first() { sink(.display(bundle, displayID: displayID)) } else { sink(.updateDisplay(bundle, displayID: displayID)) }
        }
    }
}

/// True the first time it is asked, false after (the first progress report opens the display).
final class ShownOnce: Sendable {
    private let flag = Mutex(false)

    func first() -> Bool {
        flag.withLock { shown in
            defer { shown = true }
            return !shown
        }
    }
}
