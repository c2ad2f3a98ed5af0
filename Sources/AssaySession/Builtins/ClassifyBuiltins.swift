import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// `classify` and `labels_from`: classification tasks built from a list of labels.
enum ClassifyBuiltins {
    /// The run settings `classify` passes on (everything `run` takes but the template and extraction).
    static var settingKeywords: [String] {
        RunBuiltins.settingKeywords.filter { $0 != "extract" && $0 != "labels" }
    }

    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "classify",
                usage: "classify(suite, labels: […], model:, instructions:, examples: {text: label, …}, examples_as: \"messages\", multi_label: false, field: \"input\", metrics: [\"exact\"], …)",
                summary: "Classifies each case's text into the labels (prompt built for you, answers held to the labels) and shows the classification report.",
                parameters: [.positional("suite"), .keyword("labels", required: true), .keyword("model", required: true), .keyword("instructions"),
                             .keyword("examples"), .keyword("examples_as"), .keyword("multi_label"), .keyword("field")]
                    + settingKeywords.map { .keyword($0) }
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                try classify(arguments, state: state)
            },
            Builtin(
                name: "labels_from", usage: "labels_from(suite, field: \"expected\")",
                summary: "The distinct labels a suite's field holds, in order of first appearance (list values count each item).",
                parameters: [.positional("suite"), .positional("field", required: false)]
            ) { arguments, _ throws(BuiltinFailure) in
                let suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
                let field = try arguments.string("field") ?? "expected"
                let labels = try labelsFrom(suite, field: field)
                return .list(labels.map(Value.string))
            },
        ]
    }

    static func classify(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> Value {
        let function = arguments.functionName
        let suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
        let labels = try labelList(try arguments.required("labels"), function: function)
        let multiLabel = try arguments.boolean("multi_label") ?? false
        let styleName = try arguments.string("examples_as") ?? ClassificationPrompt.ExampleStyle.messages.rawValue
        guard let style = ClassificationPrompt.ExampleStyle(rawValue: styleName) else {
            throw BuiltinFailure(message: "examples_as must be \"messages\" or \"prompt\", not \(Value.quoted(styleName))",
                                 hint: "\"messages\" sends examples as earlier turns; \"prompt\" writes them into the instructions",
                                 argument: "examples_as")
        }
        let field = try arguments.string("field") ?? "input"
        if let missing = suite.cases.first(where: { $0.fields[field] == nil }) {
            throw BuiltinFailure(message: "case \(missing.id) has no '\(field)' field to classify", hint: "name the text's field with field: \"…\"",
                                 argument: "field", id: "value.suite")
        }
        let instructions = try arguments.string("instructions")
        let examples = try examples(arguments["examples"], multiLabel: multiLabel, function: function)
        let prompt: ClassificationPrompt
        let template: PromptTemplate
        do throws(ClassificationPromptError) {
            prompt = try ClassificationPrompt(labels: labels, instructions: instructions, examples: examples, style: style,
                                              multiLabel: multiLabel, field: field)
            template = try prompt.template()
        } catch {
            throw BuiltinFailure(message: error.message, hint: error.hint, argument: error.argument,
                                 id: error.argument == "instructions" ? "value.template" : "value.invalid")
        }
        let model = try state.runs.model(try arguments.required("model"), argument: "model", function: function)
        var spec = RunSpec(
            name: "classify with \(RunBuiltins.defaultName(model: model.descriptor.name, suite: suite))", suite: suite,
            template: template, model: model, extraction: prompt.extraction,
            metrics: [try state.metric(multiLabel ? MetricSpec(.labelSet) : labelMatch, argument: "metrics")])
        try RunBuiltins.apply(arguments, to: &spec, state: state)
        spec.extraction = prompt.extraction
        return try RunBuiltins.execute(spec, state: state, resuming: nil)
    }

    /// Worked examples from `{text: label, …}` or a list of `{text:, label:}` (or `{input:,
    /// expected:}`) records; a multi-label example's labels as a list or comma-separated.
    static func examples(_ value: Value?, multiLabel: Bool, function: String) throws(BuiltinFailure) -> [ClassificationPrompt.Example] {
        guard let value, value != .null else { return [] }
        var pairs: [(String, Value)] = []
        switch value {
        case .record(let record):
            pairs = record.pairs
        case .list(let items):
            for item in items {
                guard case .record(let record) = item,
                      let text = record["text"] ?? record["input"], let label = record["label"] ?? record["expected"] else {
                    throw BuiltinFailure.type(function, "examples", expected: "records with 'text' and 'label'", found: item)
                }
                guard case .string(let string) = text else {
                    throw BuiltinFailure.type(function, "examples", expected: "a text for each example", found: text)
                }
                pairs.append((string, label))
            }
        default:
            throw BuiltinFailure.type(function, "examples", expected: "a record {text: label, …} or a list of {text:, label:} records", found: value)
        }
        return try pairs.map { (text, label) throws(BuiltinFailure) in
            let named: [String]
            switch label {
            case .string(let one): named = (multiLabel ? Extraction.labelParts(one) : [one]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            case .list(let many) where multiLabel: named = many.map { if case .string(let s) = $0 { s.trimmingCharacters(in: .whitespacesAndNewlines) } else { $0.plainText } }
            default:
                throw BuiltinFailure.type(function, "examples", expected: multiLabel ? "a label or a list of labels" : "a label", found: label)
            }
            return ClassificationPrompt.Example(text: text, labels: named)
        }
    }

    /// `exact` as labels are compared: ignoring case and runs of whitespace.
    static let labelMatch = MetricSpec(.exact(TextMatchOptions(ignoresCase: true, normalizesWhitespace: true)))

    /// `labels:` as a non-empty list of distinct strings.
    static func labelList(_ value: Value, function: String) throws(BuiltinFailure) -> [String] {
        guard case .list(let items) = value, !items.isEmpty else {
            throw BuiltinFailure.type(function, "labels", expected: "a non-empty list of labels (labels_from(suite) builds one)", found: value)
        }
        var labels: [String] = []
        var seen = Set<String>()
        for item in items {
            guard case .string(let label) = item, !label.isEmpty else {
                throw BuiltinFailure.type(function, "labels", expected: "a list of non-empty strings", found: item)
            }
            guard seen.insert(Extraction.labelKey(label)).inserted else {
                throw BuiltinFailure(message: "the label '\(label)' is listed twice (labels are compared ignoring case)", argument: "labels")
            }
            labels.append(label)
        }
        return labels
    }

    /// The distinct values of `field` over the cases, in order of first appearance; list values
    /// contribute each item. Cases without the field are passed over.
    static func labelsFrom(_ suite: Suite, field: String) throws(BuiltinFailure) -> [String] {
        var labels: [String] = []
        var seen = Set<String>()
        func add(_ value: JSONValue) {
            let label: String
            switch value {
            case .string(let text): label = text
            case .null: return
            default: label = value.serialized()
            }
            if !label.isEmpty, seen.insert(label).inserted { labels.append(label) }
        }
        for testCase in suite.cases {
            guard let value = testCase.fields[field] else { continue }
            if case .array(let items) = value { items.forEach(add) } else { add(value) }
        }
        guard !labels.isEmpty else {
            throw BuiltinFailure(message: "no case has a value in '\(field)'", hint: "name the field that holds the labels: labels_from(suite, \"label\")",
                                 argument: "field", id: "value.suite")
        }
        return labels
    }
}
