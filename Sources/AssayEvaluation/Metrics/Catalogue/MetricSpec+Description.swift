import AssayMetrics

extension MetricSpec {
    /// A one-line description of the metric, stored with it (`extracted text equals expected
    /// ignoring case`, `echo judges on 1–10`); a lambda's is its source text.
    public var description: String {
        switch kind {
        case .exact(let options, let strict):
            // Runs stored before specs are recognised by these texts: they stay as they were.
            strict ? "extracted text equals expected's as written" + Self.describe(options)
                : options == .none ? "extracted value equals expected (strings trimmed; JSON structurally)"
                : "extracted text equals expected" + Self.describe(options)
        case .contains(let options):
            options == .none ? "extracted text contains expected text" : "extracted text contains expected" + Self.describe(options)
        case .regex(let pattern, let ignoresCase):
            "extracted text matches /\(pattern)/" + (ignoresCase ? " ignoring case" : "")
        case .jsonValid:
            "the output is valid JSON"
        case .jsonMatch:
            "share of expected JSON fields the answer reproduces"
        case .jsonSchema(let settings):
            "the extracted JSON validates against " + (settings.file.map { "the schema in \($0)" } ?? "a JSON Schema")
        case .toolCalled(let name):
            "the answer called the tool \(name)"
        case .toolArguments(let name, let arguments, let exact):
            "a call of \(name) has \(exact ? "exactly" : "at least") the arguments \(arguments.serialized())"
        case .noToolCall:
            "the answer called no tool"
        case .toolCallsMatch(let field, let ordered):
            "the tool calls equal the case's \(field)" + (ordered ? " in order" : " in any order")
        case .labelSet:
            "label_set: precision, recall and F1 of the labels named against the expected ones"
        case .rouge, .bleu, .chrf, .meteor, .editSimilarity:
            "\(kind.name) of the extracted text against expected"
        case .bertscore(let settings):
            "BERTScore precision/recall/f1 of the extracted text against expected (model: \(settings.model ?? "default"), "
                + "layers: \(settings.layers.map(String.init) ?? "last"), idf: \(settings.idf))"
        case .judge(let settings):
            "\(settings.modelName ?? "a model") judges on \(Self.number(settings.scale.lowerBound))–\(Self.number(settings.scale.upperBound))"
                + (settings.normalizes ? " (normalised to 0–1)" : "")
        case .lambda(let source):
            source
        }
    }

    /// ` ignoring case, punctuation`, or nothing without options.
    static func describe(_ options: TextMatchOptions) -> String {
        var parts: [String] = []
        if options.ignoresCase { parts.append("case") }
        if options.removesPunctuation { parts.append("punctuation") }
        if options.normalizesWhitespace { parts.append("whitespace runs") }
        return parts.isEmpty ? "" : " ignoring " + parts.joined(separator: ", ")
    }

    /// `10`, or `2.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
