import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// The metrics as plain functions, for exploring before a run: `rouge("the cat sat", "a cat sat")`,
/// `exact("Paris.", "paris", ignore_case: true, ignore_punctuation: true)`. Called without the texts,
/// `exact`, `contains`, `regex`, `json_valid` and `json_match` return a metric for `metrics: [...]`.
enum MetricBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        textMetrics() + simpleMetrics(state) + toolMetrics(state)
    }

    /// rouge, bleu, chrf, meteor and edit_similarity.
    static func textMetrics() -> [Builtin] {
        let summaries = [
            "rouge": "ROUGE-1/2/L/Lsum precision, recall and f1 of a prediction against a reference, as rouge-score 0.1.2.",
            "bleu": "BLEU (0–100) as sacrebleu 2.6.0: sentence BLEU for two strings, corpus BLEU for two lists.",
            "chrf": "chrF (0–100) as sacrebleu 2.6.0: sentence chrF for two strings, corpus chrF for two lists.",
            "meteor": "METEOR as nltk 3.10.4 (exact, stem and WordNet synonym matches).",
            "edit_similarity": "1 − Levenshtein distance / the longer length, from 0 to 1.",
        ]
        let options = ["bleu": SacrebleuOptions.bleuKeywords, "chrf": SacrebleuOptions.chrfKeywords]
        let usages = [
            "bleu": "bleu(prediction, reference, tokenize: \"13a\", smooth: \"exp\", smooth_value:, lowercase: false)",
            "chrf": "chrf(prediction, reference, char_order: 6, word_order: 0, beta: 2, lowercase: false)",
        ]
        return TextMetrics.names.map { name in
            Builtin(
                name: name, usage: usages[name] ?? "\(name)(prediction, reference)", summary: summaries[name] ?? "",
                parameters: [.positional("prediction"), .positional("reference")] + (options[name] ?? []).map { .keyword($0) }
            ) { arguments, _ throws(BuiltinFailure) in
                let prediction = try arguments.required("prediction")
                let reference = try arguments.required("reference")
                if case .list(let predictions) = prediction, case .list(let references) = reference, name == "bleu" || name == "chrf" {
                    return try corpus(name, predictions, references, arguments)
                }
                if name == "bleu" || name == "chrf", case .string(let predicted) = prediction, case .string(let expected) = reference {
                    if name == "bleu" {
                        return .float(try SacrebleuOptions.bleu(arguments, sentence: true).sentenceScore(hypothesis: predicted, references: [expected]).score)
                    }
                    return .float(try SacrebleuOptions.chrf(arguments).sentenceScore(hypothesis: predicted, references: [expected]).score)
                }
                guard case .string(let predicted) = prediction else {
                    throw BuiltinFailure.type(name, "prediction", expected: "a string", found: prediction)
                }
                guard case .string(let expected) = reference else {
                    throw BuiltinFailure.type(name, "reference", expected: "a string", found: reference)
                }
                do {
                    return JSONBridge.value(try TextMetrics.score(name, prediction: predicted, reference: expected))
                } catch {
                    let hint = name == "meteor" ? "install WordNet with: apt-get install wordnet-base" : nil
                    throw BuiltinFailure(message: "\(error)", hint: hint, id: "value.metric")
                }
            }
        }
    }

    /// Corpus BLEU or chrF over parallel lists of strings.
    private static func corpus(_ name: String, _ predictions: [Value], _ references: [Value], _ arguments: CallArguments) throws(BuiltinFailure) -> Value {
        guard predictions.count == references.count else {
            throw BuiltinFailure(
                message: "\(name) needs as many references as predictions (\(predictions.count) predictions, \(references.count) references)",
                argument: "reference")
        }
        var hypotheses: [String] = []
        var stream: [String] = []
        for (prediction, reference) in zip(predictions, references) {
            guard case .string(let hypothesis) = prediction, case .string(let text) = reference else {
                throw BuiltinFailure(message: "\(name) of lists needs lists of strings", argument: "prediction")
            }
            hypotheses.append(hypothesis)
            stream.append(text)
        }
        if name == "bleu" {
            let bleu = try SacrebleuOptions.bleu(arguments, sentence: false)
            let score = bleu.corpusScore(hypotheses: hypotheses, references: [stream])
            return .record(Record([
                ("score", .float(score.score)), ("precisions", .list(score.precisions.map(Value.float))),
                ("brevity_penalty", .float(score.brevityPenalty)), ("system_length", .integer(score.systemLength)),
                ("reference_length", .integer(score.referenceLength)), ("signature", .string(bleu.signature(referenceCount: 1))),
            ]))
        }
        let chrf = try SacrebleuOptions.chrf(arguments)
        let score = chrf.corpusScore(hypotheses: hypotheses, references: [stream])
        return .record(Record([("score", .float(score.score)), ("signature", .string(chrf.signature(referenceCount: 1)))]))
    }
}
