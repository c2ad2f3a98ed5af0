import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Foundation

/// `judge` (an LLM judge as a metric) and `score` (metrics over outputs already in a suite).
enum ScoringBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "judge", usage: "judge(model, template, scale: [1, 10], normalize: false, name: \"judge\", timeout: 60)",
                summary: "An LLM judge metric for metrics: [...]: renders the template with the case, output and expected, asks the model, reads its score.",
                parameters: [.positional("model"), .positional("template"), .keyword("scale"), .keyword("normalize"), .keyword("name"),
                             .keyword("timeout")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let model = try state.runs.model(try arguments.required("model"), argument: "model", function: "judge")
                let template = try TemplateBuiltins.templateArgument(arguments, "template")
                let scale = try scaleArgument(arguments["scale"])
                let seconds = try arguments.number("timeout") ?? 60
                guard seconds > 0 else { throw BuiltinFailure(message: "timeout must be a positive number of seconds", argument: "timeout") }
                let settings = JudgeSettings(
                    model: model.descriptor, template: template, scale: scale, normalizes: try arguments.boolean("normalize") ?? false,
                    timeout: .milliseconds(Int((seconds * 1000).rounded())))
                let name = try arguments.string("name") ?? "judge"
                let catalogue = try state.metricCatalogue()
                do throws(MetricBuildError) {
                    // The live model judges in this session; a rerun elsewhere makes it again from its descriptor.
                    return .object(MetricObject(metric: try catalogue.judge(name: name, settings: settings, model: model)))
                } catch {
                    throw BuiltinFailure(error, argument: "template")
                }
            },
            Builtin(
                name: "score", usage: "score(suite, output: \"prediction\", expected: \"reference\", metrics: [...], extract: \"text\", name:, tags:)",
                summary: "Scores outputs already in the cases (no model calls): a stored run whose answers are the output field.",
                parameters: [.positional("suite"), .keyword("output"), .keyword("expected"), .keyword("metrics", required: true), .keyword("extract"),
                             .keyword("labels"), .keyword("name"), .keyword("tags"), .keyword("concurrency")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let field = try arguments.string("output") ?? "output"
                var suite = try SuiteBuiltins.suiteArgument(arguments, "suite")
                if let expected = try arguments.string("expected"), expected != "expected" {
                    suite = try renamingExpected(suite, from: expected)
                }
                let isIdentifier = field.first.map { $0.isLetter || $0 == "_" } == true && field.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                let template: PromptTemplate
                do throws(TemplateError) { template = try PromptTemplate(text: isIdentifier ? "{{ \(field) }}" : "(the case's '\(field)' field)") } catch {
                    throw BuiltinFailure(message: error.oneLine, argument: "output")
                }
                let source = suite.source.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "\(suite.cases.count) cases"
                var spec = RunSpec(name: "\(field) of \(source)", suite: suite, template: template, model: FieldModel(field: field))
                spec.retries = 0
                spec.usesCache = false
                try RunBuiltins.apply(arguments, to: &spec, state: state)
                return try RunBuiltins.execute(spec, state: state, resuming: nil)
            },
        ]
    }

    /// `scale: [1, 10]`; 1–10 when not given.
    static func scaleArgument(_ value: Value?) throws(BuiltinFailure) -> ClosedRange<Double> {
        guard let value, value != .null else { return 1...10 }
        guard case .list(let items) = value, items.count == 2, let lower = items[0].plainNumber, let upper = items[1].plainNumber,
              lower.isFinite, upper.isFinite, lower < upper else {
            throw BuiltinFailure.type("judge", "scale", expected: "[lowest, highest], such as [1, 10]", found: value)
        }
        return lower...upper
    }

    /// The suite with each case's `expected` taken from another field.
    static func renamingExpected(_ suite: Suite, from field: String) throws(BuiltinFailure) -> Suite {
        var cases: [TestCase] = []
        for testCase in suite.cases {
            guard let value = testCase.fields[field] else {
                throw BuiltinFailure(message: "case \(testCase.id) has no '\(field)' field to use as expected", argument: "expected")
            }
            var fields = testCase.fields
            fields["expected"] = value
            cases.append(TestCase(id: testCase.id, fields: fields))
        }
        return Suite(cases: cases, source: suite.source, skipped: suite.skipped)
    }
}
