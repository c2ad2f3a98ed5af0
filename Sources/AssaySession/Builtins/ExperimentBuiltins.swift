import AssayCore
import AssayEvaluation
import AssayLanguage

/// `experiment` (models × templates in one table) and `label` (ground truth from a model).
enum ExperimentBuiltins {
    /// The run settings both pass on to each run.
    static var settingKeywords: [String] {
        RunBuiltins.settingKeywords.filter { $0 != "name" }
    }

    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "experiment",
                usage: "experiment(suite, models: […], templates: […], metrics: […], extract:, concurrency:, max_cost:, …)",
                summary: "Runs every model with every template over a suite (through the response cache) and tabulates the metric means, best marked.",
                parameters: [.positional("suite"), .keyword("models", required: true), .keyword("templates", required: true)]
                    + settingKeywords.map { .keyword($0) }
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                try experiment(arguments, state: state)
            },
            Builtin(
                name: "label",
                usage: "label(suite, model:, template:, field: \"expected\", extract: \"text\", …)",
                summary: "Runs a model over a suite and returns a new suite with its answers in a field: ground truth to evaluate other models against.",
                parameters: [.positional("suite"), .keyword("model", required: true), .keyword("template", required: true), .keyword("field")]
                    + settingKeywords.map { .keyword($0) }
            ) { [unowned state] arguments, invoker throws(BuiltinFailure) in
                try label(arguments, state: state, invoker: invoker)
            },
        ]
    }

    static func experiment(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> Value {
        let function = arguments.functionName
        let suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
        let models = try namedModels(try arguments.required("models"), state: state, function: function)
        let templates = try namedTemplates(try arguments.required("templates"), function: function)
        var rows: [ExperimentObject.Row] = []
        // max_cost is the whole experiment's budget: each run gets what the earlier ones left.
        var budget = try arguments["max_cost"] == .null ? nil : arguments.number("max_cost")
        for (modelName, model) in models {
            for (templateName, template) in templates {
                var spec = RunSpec(name: "experiment: " + RunBuiltins.defaultName(model: "\(modelName) × \(templateName)", suite: suite),
                                   suite: suite, template: template, model: model)
                try RunBuiltins.apply(arguments, to: &spec, state: state)
                if let remaining = budget { spec.maxCost = max(remaining, 0) }
                guard case .object(let object) = try RunBuiltins.execute(spec, state: state, resuming: nil),
                      let run = object as? RunObject else {
                    throw BuiltinFailure(message: "the run of \(modelName) with \(templateName) returned no run", id: "io.run")
                }
                rows.append(ExperimentObject.Row(model: modelName, template: templateName, run: run))
                if let remaining = budget { budget = remaining - (run.cost.total ?? 0) }
                if run.record.status == .budgetExhausted {
                    let total = models.count * templates.count
                    var experiment = ExperimentObject(rows: rows)
                    experiment.stoppedEarly = "stopped at its budget after \(rows.count) of \(total) runs"
                    state.sink(.stream(.stderr, "experiment stopped at its budget: \(rows.count) of \(total) runs made, the last one unfinished\n"))
                    return .object(experiment)
                }
            }
        }
        return .object(ExperimentObject(rows: rows))
    }

    /// `models:` as (label, model) pairs: a list of names or model values, or a record by label.
    /// Two models with the same name are told apart by what they are configured to be.
    static func namedModels(_ value: Value, state: SessionState, function: String) throws(BuiltinFailure) -> [(String, any ChatModel)] {
        var pairs: [(String, any ChatModel)] = []
        switch value {
        case .record(let record):
            for (name, item) in record.pairs { pairs.append((name, try state.runs.model(item, argument: "models", function: function))) }
        case .list(let items):
            let models = try items.map { (item) throws(BuiltinFailure) in try state.runs.model(item, argument: "models", function: function) }
            for (index, model) in models.enumerated() {
                let name = model.descriptor.name
                let clashes = models.indices.contains { $0 != index && models[$0].descriptor.name == name }
                pairs.append((clashes ? model.descriptor.model ?? "\(name) \(index + 1)" : name, model))
            }
        default:
            throw BuiltinFailure.type(function, "models", expected: "a list of models (names or model values) or a record of them by label", found: value)
        }
        guard !pairs.isEmpty else { throw BuiltinFailure(message: "\(function)() needs at least one model", argument: "models") }
        return pairs
    }

    /// `templates:` as (label, template) pairs: a list (labelled `t1`, `t2` …) or a record by label.
    static func namedTemplates(_ value: Value, function: String) throws(BuiltinFailure) -> [(String, PromptTemplate)] {
        var pairs: [(String, PromptTemplate)] = []
        switch value {
        case .record(let record):
            for (name, item) in record.pairs {
                pairs.append((name, try TemplateBuiltins.templateValue(item, argument: "templates", function: function)))
            }
        case .list(let items):
            for (index, item) in items.enumerated() {
                pairs.append(("t\(index + 1)", try TemplateBuiltins.templateValue(item, argument: "templates", function: function)))
            }
        case .object(let object) where object is TemplateObject:
            pairs.append(("t1", try TemplateBuiltins.templateValue(value, argument: "templates", function: function)))
        default:
            throw BuiltinFailure.type(function, "templates", expected: "a list of templates or a record of them by label", found: value)
        }
        guard !pairs.isEmpty else { throw BuiltinFailure(message: "\(function)() needs at least one template", argument: "templates") }
        return pairs
    }

    static func label(_ arguments: CallArguments, state: SessionState, invoker: any Invoker) throws(BuiltinFailure) -> Value {
        let function = arguments.functionName
        let suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
        let field = try arguments.string("field") ?? "expected"
        guard !field.isEmpty, field != "id" else {
            throw BuiltinFailure(message: "field: must name a field other than 'id'", argument: "field")
        }
        let model = try state.runs.model(try arguments.required("model"), argument: "model", function: function)
        let template = try TemplateBuiltins.templateArgument(arguments, "template")
        var spec = RunSpec(name: "label \(field) with \(RunBuiltins.defaultName(model: model.descriptor.name, suite: suite))",
                           suite: suite, template: template, model: model)
        try RunBuiltins.apply(arguments, to: &spec, state: state)
        spec.tags.append("ground-truth")
        guard case .object(let object) = try RunBuiltins.execute(spec, state: state, resuming: nil), let run = object as? RunObject else {
            throw BuiltinFailure(message: "the labelling run returned no run", id: "io.run")
        }
        var answers: [String: JSONValue] = [:]
        var failures: [String] = []
        for result in run.run.results where result.sample == 0 {
            if result.status == .ok || result.status == .metricError || result.status == .judgeError, let extracted = result.extracted {
                answers[result.caseID] = extracted
            } else {
                failures.append("\(result.caseID) (\(result.status.rawValue))")
            }
        }
        var cases: [TestCase] = []
        for testCase in suite.cases {
            guard let answer = answers[testCase.id] else { continue }
            var fields = testCase.fields
            fields[field] = answer
            cases.append(TestCase(id: testCase.id, fields: fields))
        }
        let runID = run.record.idText
        if !failures.isEmpty {
            let shown = failures.prefix(5).joined(separator: ", ") + (failures.count > 5 ? ", …" : "")
            state.sink(.stream(.stderr, "label: \(failures.count) case\(failures.count == 1 ? "" : "s") got no answer and \(failures.count == 1 ? "is" : "are") left out: \(shown); run \(runID.prefix(8)) has the errors\n"))
        }
        let provenance = Record([
            ("run", .string(runID)), ("model", .string(model.descriptor.name)), ("field", .string(field)),
            ("template_sha256", .string(template.sha256)), ("labelled", .integer(cases.count)), ("left_out", .integer(failures.count)),
        ])
        return .object(SuiteObject(Suite(cases: cases, source: nil), provenance: provenance))
    }
}
