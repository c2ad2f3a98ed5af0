import AssayCore
import AssayEvaluation
import AssayLanguage
import Foundation

/// `pipeline` and `pipelines`: run configurations as values, and the ones this session defined.
enum PipelineBuiltins {
    /// The settings a pipeline holds: every keyword `run` takes, except `name:`, which names the
    /// pipeline itself (a run made from it is named as any run is, unless the call gives `name:`).
    static var keywords: [String] {
        ["template", "model"] + RunBuiltins.settingKeywords.filter { $0 != "name" }
    }

    /// Keywords that answer the same question: a call giving one of them replaces all of a
    /// pipeline's (`extract: "json"` on the call drops the pipeline's `labels:`).
    static let alternatives: [Set<String>] = [["extract", "labels"]]

    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "pipeline", usage: "pipeline(name:, template:, model:, extract:, metrics:, … any keyword of run)",
                summary: "A named run configuration: run(suite, p) runs it, keywords on run override its parts. "
                    + "Defining a name again replaces that pipeline.",
                parameters: [.keyword("name")] + keywords.map { .keyword($0) }
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let pipeline = try define(arguments, state: state)
                if let index = state.runs.pipelines.firstIndex(where: { $0.name == pipeline.name }) {
                    state.runs.pipelines[index] = pipeline
                } else {
                    state.runs.pipelines.append(pipeline)
                }
                return .object(pipeline)
            },
            Builtin(
                name: "pipelines", usage: "pipelines()",
                summary: "The pipelines this session defined (assay.init's among them): name, model, template, metrics, where.",
                parameters: []
            ) { [unowned state] _, _ throws(BuiltinFailure) in
                .object(table(state))
            },
        ]
    }

    /// A pipeline from `pipeline(…)`'s arguments: the template compiled and the model name checked
    /// now, so mistakes show where they are written; the rest is checked by `run`. A model named by
    /// a string is made when the pipeline runs, so one whose key is not set can still be defined.
    static func define(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> PipelineObject {
        guard case .string(let name)? = arguments["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            if let given = arguments["name"] { throw BuiltinFailure.type("pipeline", "name", expected: "a non-empty string", found: given) }
            throw BuiltinFailure(
                message: "pipeline() needs name: — the name pipelines(), runs and history() show",
                hint: "pipeline(name: \"menu\", template: \"{{ input }}\", model: \"perfect\")", id: "argument.missing")
        }
        var settings = Record()
        for keyword in keywords {
            guard var value = arguments[keyword] else { continue }
            switch keyword {
            case "template":
                value = .object(TemplateObject(template: try TemplateBuiltins.templateValue(value, argument: "template", function: "pipeline")))
            case "model":
                try checkModel(value, state: state)
            default:
                break
            }
            settings[keyword] = value
        }
        return PipelineObject(name: name, settings: settings, definedAt: arguments.site?.lineDescription ?? "<unknown>")
    }

    private static func checkModel(_ value: Value, state: SessionState) throws(BuiltinFailure) {
        switch value {
        case .object(_ as ModelObject): return
        case .string(let name):
            let catalog = try state.runs.catalog()
            do throws(ModelConfigurationError) { _ = try catalog.entry(named: name) } catch {
                throw BuiltinFailure(message: error.message, hint: error.hint, argument: "model", id: "name.model")
            }
        default:
            throw BuiltinFailure.type("pipeline", "model", expected: "a model or a model name", found: value)
        }
    }

    /// The arguments of a `run` call with its pipeline's settings filled in under the call's own,
    /// and the pipeline; the arguments unchanged when the call gives none.
    ///
    /// Without a pipeline, `template:` and `model:` are required.
    static func merged(_ arguments: CallArguments, state: SessionState) throws(BuiltinFailure) -> (CallArguments, PipelineObject?) {
        guard let given = arguments["pipeline"] else {
            for required in ["template", "model"] where arguments[required] == nil {
                throw BuiltinFailure(
                    message: "\(arguments.functionName)() needs '\(required)'",
                    hint: "give template: and model:, or a pipeline: run(suite, p)", id: "argument.missing")
            }
            return (arguments, nil)
        }
        let pipeline = try pipelineValue(given, state: state, function: arguments.functionName)
        var merged = arguments
        merged.values["pipeline"] = nil
        let overridden = Set(arguments.values.keys)
        for (keyword, value) in pipeline.settings.pairs where !overridden.contains(keyword) {
            let replaced = alternatives.contains { $0.contains(keyword) && !$0.isDisjoint(with: overridden) }
            if !replaced { merged.values[keyword] = value }
        }
        return (merged, pipeline)
    }

    /// A pipeline value, or the pipeline this session defined under a name.
    static func pipelineValue(_ value: Value, state: SessionState, function: String) throws(BuiltinFailure) -> PipelineObject {
        switch value {
        case .object(let object as PipelineObject):
            return object
        case .string(let name):
            if let pipeline = state.runs.pipelines.first(where: { $0.name == name }) { return pipeline }
            let names = state.runs.pipelines.map(\.name)
            throw BuiltinFailure(
                message: "no pipeline is named '\(name)'",
                hint: Suggestion.didYouMean(name, among: names) ?? (names.isEmpty
                    ? "define one with pipeline(name: \"\(name)\", template: …, model: …)"
                    : "pipelines() lists them: " + names.joined(separator: ", ")),
                argument: "pipeline", id: "name.pipeline")
        default:
            throw BuiltinFailure.type(function, "pipeline", expected: "a pipeline or a pipeline's name", found: value)
        }
    }

    /// A failure about a setting the pipeline gave (not the call) says so and points at the
    /// pipeline argument, since the call does not show the setting.
    static func attributed(_ failure: BuiltinFailure, to pipeline: PipelineObject?, call: CallArguments) -> BuiltinFailure {
        guard let pipeline, let argument = failure.argument, call[argument] == nil, pipeline.settings[argument] != nil else { return failure }
        var attributed = failure
        attributed.message += " (from pipeline '\(pipeline.name)', defined at \(pipeline.definedAt))"
        attributed.argument = "pipeline"
        return attributed
    }

    /// The `pipelines()` and `:pipelines` table.
    static func table(_ state: SessionState) -> RecordTable {
        let records = state.runs.pipelines.map { pipeline in
            Record([
                ("name", .string(pipeline.name)), ("model", .string(pipeline.modelName)), ("template", .string(pipeline.templateLine)),
                ("metrics", .string(pipeline.metricsText)), ("defined", .string(pipeline.definedAt)),
            ])
        }
        return RecordTable(records: records, caption: records.isEmpty ? "no pipelines yet: p = pipeline(name: \"menu\", template: …, model: …)" : nil)
    }
}
