import AssayCore
import AssayMetrics

/// A built-in metric described by value: the name its value is stored under, which metric it is,
/// and its options.
///
/// A run stores the spec of each of its metrics (``json(description:)``), and any process rebuilds
/// the same metric from it with a ``MetricCatalogue``. A lambda metric is stored as its source text
/// and rebuilt through a ``LambdaCompiler``.
public struct MetricSpec: Sendable, Hashable {
    /// Which metric it is, with its options.
    public enum Kind: Sendable, Hashable {
        /// The extracted value equals `expected`: numbers as numbers when both sides read as numbers
        /// (`"2.0"` equals `2`), else with options their texts after those normalisations. `strict`
        /// compares the texts only (`"2.0"` differs from `"2"`).
        case exact(TextMatchOptions, strict: Bool = false)
        /// The extracted text contains `expected`'s, after the options' normalisations.
        case contains(TextMatchOptions)
        /// A regular expression matches somewhere in the extracted text.
        case regex(pattern: String, ignoresCase: Bool)
        /// The raw output is a complete JSON text.
        case jsonValid
        /// The extracted value against `expected`, field by field.
        case jsonMatch
        /// The extracted value (parsed when it is text) validates against a JSON Schema.
        case jsonSchema(JSONSchemaSettings)
        /// The answer called the named tool.
        case toolCalled(name: String)
        /// A call of the named tool has these arguments (`exact`), or at least these (subset).
        case toolArguments(name: String, arguments: JSONValue, exact: Bool)
        /// The answer called no tool.
        case noToolCall
        /// The calls equal the case's expected calls in `field`, in order or as a set.
        case toolCallsMatch(field: String, ordered: Bool)
        /// Precision, recall and F1 of the labels named against the expected ones.
        case labelSet
        /// ROUGE-1/2/L/Lsum as rouge-score 0.1.2.
        case rouge
        /// Sentence BLEU as sacrebleu 2.6.0.
        case bleu
        /// Sentence chrF as sacrebleu 2.6.0.
        case chrf
        /// METEOR as nltk 3.10.4.
        case meteor
        /// 1 − Levenshtein distance / the longer length.
        case editSimilarity
        /// BERTScore with an encoder, a layer and a weighting.
        case bertscore(BERTScoreSettings)
        /// An LLM judge: its model, template, scale and normalisation.
        case judge(JudgeSettings)
        /// A function of the case result written in the language, as its source text.
        case lambda(source: String)
    }

    /// The name the metric's value is stored under (`exact`, or a record's key such as `exact_ci`).
    public var name: String
    /// Which metric it is, with its options.
    public var kind: Kind

    /// Creates a spec.
    ///
    /// - Parameters:
    ///   - name: The name the value is stored under.
    ///   - kind: Which metric, with its options.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Creates a spec stored under the kind's own name (`exact`, `bertscore`).
    ///
    /// - Parameter kind: Which metric, with its options.
    public init(_ kind: Kind) {
        self.init(name: kind.name, kind: kind)
    }

    /// The spec of a metric that `metrics:` can name alone, with its default options; nil for
    /// another name (and for `regex` and `judge`, which need arguments).
    ///
    /// - Parameter name: A name such as `exact` or `rouge`.
    public init?(named name: String) {
        let kinds: [Kind] = [
            .exact(.none), .contains(.none), .jsonValid, .jsonMatch, .labelSet, .rouge, .bleu, .chrf, .meteor,
            .editSimilarity, .bertscore(BERTScoreSettings()),
        ]
        guard let kind = kinds.first(where: { $0.name == name }) else { return nil }
        self.init(kind)
    }

    /// The names of the metrics ``init(named:)`` knows, in the order `help` lists them, then `regex`.
    public static let names = [
        "exact", "contains", "json_valid", "json_match", "label_set", "rouge", "bleu", "chrf", "meteor", "edit_similarity",
        "regex", "bertscore",
    ]
}

extension MetricSpec.Kind {
    /// The kind's name as stored (`exact`, `json_match`, `edit_similarity`, `lambda` …), which is also
    /// the name a metric of this kind is stored under by default (`custom` for a lambda).
    public var name: String {
        switch self {
        case .exact: "exact"
        case .contains: "contains"
        case .regex: "regex"
        case .jsonValid: "json_valid"
        case .jsonMatch: "json_match"
        case .jsonSchema: "json_schema"
        case .toolCalled: "tool_called"
        case .toolArguments: "tool_args"
        case .noToolCall: "no_tool_call"
        case .toolCallsMatch: "tool_calls_match"
        case .labelSet: "label_set"
        case .rouge: "rouge"
        case .bleu: "bleu"
        case .chrf: "chrf"
        case .meteor: "meteor"
        case .editSimilarity: "edit_similarity"
        case .bertscore: "bertscore"
        case .judge: "judge"
        case .lambda: "lambda"
        }
    }
}

/// Which encoder, layer and weighting BERTScore uses.
///
/// - `model`: an encoder named in `models.json` (`"type": "ENCODER"`), or a model folder (a value
///   containing `/`). Without it, the encoder named `bertscore`, else the first encoder entry.
/// - `layers`: the layer whose hidden states are compared; by default the model's last layer.
/// - `idf`: weight tokens by inverse document frequency over the references (default false).
public struct BERTScoreSettings: Sendable, Hashable {
    /// An encoder name or a folder; nil picks the default encoder.
    public var model: String?
    /// The layer; nil is the model's last.
    public var layers: Int?
    /// Whether tokens are weighted by IDF over the run's references.
    public var idf: Bool

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - model: An encoder name or folder; nil for the default encoder.
    ///   - layers: The layer; nil for the model's last.
    ///   - idf: Whether tokens are weighted by IDF.
    public init(model: String? = nil, layers: Int? = nil, idf: Bool = false) {
        self.model = model
        self.layers = layers
        self.idf = idf
    }
}

/// An LLM judge's settings as stored: its model's descriptor (no secrets), its template's text, the
/// scale and normalisation of its scores, and the time one judgement may take.
public struct JudgeSettings: Sendable, Hashable {
    /// The judge model's descriptor as a run stores its model's; the model is made again by its
    /// `name` with the stored parameters and price.
    public var model: JSONValue
    /// The template's system message, if any.
    public var templateSystem: String?
    /// The template's worked examples, if any.
    public var templateExamples: [FewShotExample]
    /// The template's user message.
    public var templateUser: String
    /// The range of valid scores.
    public var scale: ClosedRange<Double>
    /// Whether scores are mapped from the scale to 0–1.
    public var normalizes: Bool
    /// The longest one judgement may take.
    public var timeout: Duration

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - model: The judge model's descriptor, stored as a run stores its model's.
    ///   - template: The judge's prompt template.
    ///   - scale: The range of valid scores; 1–10 by default.
    ///   - normalizes: Whether scores are mapped to 0–1.
    ///   - timeout: The longest one judgement may take; 60 seconds by default.
    public init(model: ModelDescriptor, template: PromptTemplate, scale: ClosedRange<Double> = 1...10, normalizes: Bool = false,
                timeout: Duration = .seconds(60)) {
        self.model = ConfigurationCoding.json(model)
        templateSystem = template.system
        templateExamples = template.examples
        templateUser = template.user
        self.scale = scale
        self.normalizes = normalizes
        self.timeout = timeout
    }

    /// The judge model's name, from its descriptor.
    public var modelName: String? {
        model.objectValue?["name"]?.stringValue
    }

    /// Compiles the template text again.
    ///
    /// - Throws: ``TemplateError`` if the text does not compile.
    public func makeTemplate() throws(TemplateError) -> PromptTemplate {
        try PromptTemplate(system: templateSystem, examples: templateExamples, user: templateUser)
    }
}

/// The schema a `json_schema` metric checks, stored whole so that a rerun needs no file, and the
/// file it was read from, if any (for its description).
public struct JSONSchemaSettings: Sendable, Hashable {
    /// The schema document.
    public var schema: JSONValue
    /// The file the schema was read from, as the user named it; nil for a schema written inline.
    public var file: String?

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - schema: The schema document.
    ///   - file: The file it was read from, if any.
    public init(schema: JSONValue, file: String? = nil) {
        self.schema = schema
        self.file = file
    }
}
