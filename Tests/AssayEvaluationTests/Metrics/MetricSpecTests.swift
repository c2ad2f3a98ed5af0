import AssayCore
import AssayEvaluation
import AssayMetrics
import Testing

/// Metric specs as a run stores them: every metric and option form survives the trip through its
/// JSON, and entries stored before specs are read where their name is enough.
struct MetricSpecTests {
    struct Form: Sendable, CustomTestStringConvertible {
        let id: String
        let spec: MetricSpec
        var testDescription: String { id }
    }

    static let judgeTemplate = try! PromptTemplate(
        system: "You grade answers.", examples: [FewShotExample(user: "2+2? 4", assistant: "Score: 10")],
        user: "Rate {{ output }} against {{ expected }}")

    static let forms: [Form] = [
        Form(id: "exact", spec: MetricSpec(.exact(.none))),
        Form(id: "exact ignoring case", spec: MetricSpec(.exact(TextMatchOptions(ignoresCase: true)))),
        Form(id: "{exact_ci: exact(ignore_case: true)}", spec: MetricSpec(name: "exact_ci", kind: .exact(TextMatchOptions(ignoresCase: true)))),
        Form(id: "exact with every option", spec: MetricSpec(.exact(.lenient))),
        Form(id: "{exact: {strict: true}}", spec: MetricSpec(.exact(.none, strict: true))),
        Form(id: "strict exact ignoring case", spec: MetricSpec(name: "exact_text", kind: .exact(TextMatchOptions(ignoresCase: true), strict: true))),
        Form(id: "contains", spec: MetricSpec(.contains(.none))),
        Form(id: "contains ignoring punctuation", spec: MetricSpec(.contains(TextMatchOptions(removesPunctuation: true)))),
        Form(id: "{regex: \"^1\"}", spec: MetricSpec(.regex(pattern: "^1", ignoresCase: false))),
        Form(id: "regex ignoring case, renamed", spec: MetricSpec(name: "yes", kind: .regex(pattern: "^y(es)?\\b", ignoresCase: true))),
        Form(id: "json_valid", spec: MetricSpec(.jsonValid)),
        Form(id: "json_match", spec: MetricSpec(.jsonMatch)),
        Form(id: "json_schema", spec: MetricSpec(.jsonSchema(JSONSchemaSettings(schema: ["type": "object", "required": ["name"]])))),
        Form(id: "json_schema from a file, renamed", spec: MetricSpec(name: "shape", kind: .jsonSchema(JSONSchemaSettings(
            schema: ["$defs": ["n": ["type": "integer"]], "items": ["$ref": "#/$defs/n"]], file: "schemas/list.json")))),
        Form(id: "tool_called", spec: MetricSpec(.toolCalled(name: "get_weather"))),
        Form(id: "tool_args subset", spec: MetricSpec(.toolArguments(name: "get_weather", arguments: ["city": "Paris"], exact: false))),
        Form(id: "tool_args exact, renamed", spec: MetricSpec(name: "args", kind: .toolArguments(name: "f", arguments: ["a": [1, 2]], exact: true))),
        Form(id: "no_tool_call", spec: MetricSpec(.noToolCall)),
        Form(id: "tool_calls_match as a set", spec: MetricSpec(.toolCallsMatch(field: "calls", ordered: false))),
        Form(id: "label_set", spec: MetricSpec(.labelSet)),
        Form(id: "rouge", spec: MetricSpec(.rouge)),
        Form(id: "bleu", spec: MetricSpec(.bleu)),
        Form(id: "chrf", spec: MetricSpec(.chrf)),
        Form(id: "meteor", spec: MetricSpec(.meteor)),
        Form(id: "edit_similarity", spec: MetricSpec(.editSimilarity)),
        Form(id: "bertscore", spec: MetricSpec(.bertscore(BERTScoreSettings()))),
        Form(id: "bertscore with model, layers and idf", spec: MetricSpec(.bertscore(BERTScoreSettings(model: "minilm", layers: 4, idf: true)))),
        Form(id: "bertscore from a folder", spec: MetricSpec(.bertscore(BERTScoreSettings(model: "models/minilm", layers: nil, idf: false)))),
        Form(id: "judge", spec: MetricSpec(.judge(JudgeSettings(
            model: ModelDescriptor(name: "echo", provider: "mock"), template: try! PromptTemplate(text: "{{ output }}"))))),
        Form(id: "{quality: judge(model with parameters and price, template with system and examples, normalised)}", spec: MetricSpec(
            name: "quality", kind: .judge(JudgeSettings(
                model: ModelDescriptor(name: "gpt", provider: "openai", endpoint: "https://example.invalid/v1", model: "gpt-4o-mini",
                                       parameters: ModelParameters(temperature: 0, seed: 7), answersDependOnCase: false,
                                       price: ModelPrice(input: 0.15, output: 0.6)),
                template: judgeTemplate, scale: 1...5, normalizes: true, timeout: .milliseconds(2500))))),
        Form(id: "lambda metric", spec: MetricSpec(name: "short", kind: .lambda(source: "c => len(c/output) < 200"))),
    ]

    @Test("a spec reads back from its JSON unchanged", arguments: forms)
    func roundTrip(_ form: Form) throws {
        let json = form.spec.json(description: form.spec.description)
        #expect(try MetricSpec(json: json) == form.spec)
        #expect(try MetricSpec(json: try JSONValue.parse(json.serialized())) == form.spec, "through the text too")
        #expect(json.objectValue?["name"] == .string(form.spec.name), "old readers find the name")
        #expect(json.objectValue?["description"] == .string(form.spec.description), "old readers find the description")
    }

    /// The forms the catalogue builds with nothing but the built-in mock models: no encoder, no
    /// configured judge model, no lambda compiler.
    static let offlineForms = forms.filter { form in
        switch form.spec.kind {
        case .bertscore, .lambda: false
        case .judge(let settings): settings.modelName == "echo"
        default: true
        }
    }

    @Test("a metric built from a spec carries it, and stores it as its configuration", arguments: offlineForms)
    func builtMetricCarriesItsSpec(_ form: Form) throws {
        var spec = form.spec
        let metric = try MetricCatalogue(environment: MetricEnvironment()).metric(spec)
        #expect(metric.spec == spec)
        #expect(metric.name == spec.name)
        #expect(try MetricSpec(json: metric.configuration) == spec)
        spec.name = "renamed"
        var renamed = metric
        renamed.name = "renamed"
        #expect(renamed.spec == spec, "renaming a metric renames its spec")
    }

    struct Legacy: Sendable, CustomTestStringConvertible {
        let id: String
        let name: String
        let description: String
        let spec: MetricSpec?
        var testDescription: String { id }
    }

    @Test("an entry stored before specs is read when its name is enough, and refused otherwise", arguments: [
        Legacy(id: "plain exact", name: "exact", description: "extracted value equals expected (strings trimmed; JSON structurally)",
               spec: MetricSpec(.exact(.none))),
        Legacy(id: "plain rouge", name: "rouge", description: "rouge of the extracted text against expected", spec: MetricSpec(.rouge)),
        Legacy(id: "lambda, whose description was its source", name: "short", description: "c => len(c/output) < 200",
               spec: MetricSpec(name: "short", kind: .lambda(source: "c => len(c/output) < 200"))),
        Legacy(id: "exact(ignore_case: true) stored under exact", name: "exact", description: "extracted text equals expected ignoring case",
               spec: nil),
        Legacy(id: "{exact_ci: exact(ignore_case: true)}", name: "exact_ci", description: "extracted text equals expected ignoring case", spec: nil),
        Legacy(id: "a judge", name: "judge", description: "echo judges on 1–10", spec: nil),
        Legacy(id: "bertscore with layers", name: "bertscore",
               description: "BERTScore precision/recall/f1 of the extracted text against expected (model: minilm, layers: 4, idf: true)", spec: nil),
    ])
    func legacyEntries(_ legacy: Legacy) throws {
        let entry: JSONValue = ["name": .string(legacy.name), "description": .string(legacy.description)]
        if let spec = legacy.spec {
            #expect(try MetricSpec(json: entry) == spec)
        } else {
            let error = #expect(throws: MetricBuildError.self) { try MetricSpec(json: entry) }
            #expect(error?.message.contains("'\(legacy.name)' (\(legacy.description))") == true, "\(error?.message ?? "")")
        }
    }

    @Test("a stored kind this version does not know is named in the error")
    func unknownKind() {
        let error = #expect(throws: MetricBuildError.self) { try MetricSpec(json: ["name": "x", "kind": "telepathy"]) }
        #expect(error?.message.contains("'telepathy'") == true)
    }

    @Test("exact and exact with options score hello against HELLO differently, as their specs say")
    func optionsChangeTheScore() async throws {
        let catalogue = MetricCatalogue(environment: MetricEnvironment())
        let input = ScoringInput(testCase: TestCase(id: "c", fields: ["expected": "HELLO"]), output: "hello", extracted: "hello")
        let plain = try catalogue.metric(MetricSpec(.exact(.none)))
        let ignoringCase = try catalogue.metric(MetricSpec(name: "exact_ci", kind: .exact(TextMatchOptions(ignoresCase: true))))
        #expect(try await plain.evaluate(input) == 0)
        #expect(try await ignoringCase.evaluate(input) == 1)
        let rebuilt = try catalogue.metric(try MetricSpec(json: ignoringCase.configuration))
        #expect(try await rebuilt.evaluate(input) == 1)
    }

    @Test("a lambda spec without a compiler is refused, naming the metric")
    func lambdaNeedsACompiler() {
        let spec = MetricSpec(name: "short", kind: .lambda(source: "c => 1"))
        let error = #expect(throws: MetricBuildError.self) { try MetricCatalogue(environment: MetricEnvironment()).metric(spec) }
        #expect(error?.code == .lambda)
        #expect(error?.message.contains("'short'") == true)
    }
}
