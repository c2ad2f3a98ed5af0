import AssayCore
import AssayMetrics

/// The text metrics by name, as run metrics and as plain functions of a prediction and a
/// reference, each giving the record it stores per case.
///
/// - `rouge`: `{rouge1, rouge2, rougeL, rougeLsum}`, each `{precision, recall, f1}`, as Google's
///   `rouge-score` 0.1.2 with its default tokenizer and no stemmer.
/// - `bleu`: sentence BLEU (0–100) as sacrebleu 2.6.0's `sentence_bleu`.
/// - `chrf`: sentence chrF (0–100) as sacrebleu's `sentence_chrf`.
/// - `meteor`: METEOR as nltk 3.10.4's `meteor_score` (WordNet from Debian's `wordnet-base`).
/// - `edit_similarity`: 1 − Levenshtein distance / the longer length.
package enum TextMetrics {
    static let rougeScorer = RougeScorer(types: [.rouge1, .rouge2, .rougeL, .rougeLsum])
    static let meteor = Meteor()

    /// The names, in the order `help` lists them.
    package static let names = ["rouge", "bleu", "chrf", "meteor", "edit_similarity"]

    /// A text metric's value for a prediction and a reference.
    package static func score(_ name: String, prediction: String, reference: String) throws -> JSONValue {
        switch name {
        case "rouge":
            return rouge(prediction: prediction, reference: reference)
        case "bleu":
            return .double(BLEU.sentenceLevel.sentenceScore(hypothesis: prediction, references: [reference]).score)
        case "chrf":
            return .double(CHRF().sentenceScore(hypothesis: prediction, references: [reference]).score)
        case "meteor":
            do {
                return .double(try meteor.score(hypothesis: prediction, references: [reference]))
            } catch {
                throw MetricError(error.description)
            }
        case "edit_similarity":
            return .double(EditSimilarity.similarity(prediction, reference))
        default:
            throw MetricError("no text metric is named '\(name)'")
        }
    }

    static func rouge(prediction: String, reference: String) -> JSONValue {
        let scores = rougeScorer.score(target: reference, prediction: prediction)
        var object = JSONObject()
        for type in [RougeType.rouge1, .rouge2, .rougeL, .rougeLsum] {
            guard let score = scores[type] else { continue }
            object[type.description] = .object([
                "precision": .double(score.precision), "recall": .double(score.recall), "f1": .double(score.fmeasure),
            ])
        }
        return .object(object)
    }

    /// The metric for a run: the extracted value against the case's `expected`, both as text.
    ///
    /// - Parameters:
    ///   - metric: The text metric (`rouge`, `bleu` …).
    ///   - name: The name the value is stored under, for messages.
    static func evaluate(_ metric: String, name: String) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            let expected = try input.requireExpected(for: name)
            return try score(metric, prediction: text(of: input.extracted), reference: text(of: expected))
        }
    }

    /// A value as metric text: a string as itself, anything else as compact JSON.
    package static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.serialized(pretty: false)
    }
}
