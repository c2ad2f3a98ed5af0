import AssayCore
import AssayLanguage
import AssayMetrics

/// The options `bleu(…)` and `chrf(…)` take, named as sacrebleu names them:
/// `bleu(p, r, tokenize: "intl", smooth: "floor", smooth_value: 0.1, lowercase: true)` and
/// `chrf(p, r, word_order: 2)` (chrF++), `char_order`, `beta`, `lowercase`.
enum SacrebleuOptions {
    static let bleuKeywords = ["tokenize", "smooth", "smooth_value", "lowercase"]
    static let chrfKeywords = ["char_order", "word_order", "beta", "lowercase"]

    /// A BLEU configuration; `sentence` chooses sacrebleu's `sentence_bleu` defaults (effective order).
    static func bleu(_ arguments: CallArguments, sentence: Bool) throws(BuiltinFailure) -> BLEU {
        let tokenizerName = try arguments.string("tokenize") ?? "13a"
        guard let tokenizer = BLEU.Tokenizer(rawValue: tokenizerName) else {
            let names = BLEU.Tokenizer.allCases.map(\.rawValue)
            throw BuiltinFailure(message: "unknown BLEU tokenizer '\(tokenizerName)'",
                                 hint: Suggestion.didYouMean(tokenizerName, among: names) ?? "use one of: " + names.joined(separator: ", "),
                                 argument: "tokenize")
        }
        let value = try arguments.number("smooth_value")
        let smoothing: BLEU.Smoothing
        switch try arguments.string("smooth") ?? "exp" {
        case "exp": smoothing = .exponential
        case "none": smoothing = .none
        case "floor": smoothing = .floor(value ?? 0.1)
        case "add-k": smoothing = .addK(value ?? 1)
        case let other:
            let names = ["exp", "floor", "add-k", "none"]
            throw BuiltinFailure(message: "unknown BLEU smoothing '\(other)'",
                                 hint: Suggestion.didYouMean(other, among: names) ?? "use one of: " + names.joined(separator: ", "),
                                 argument: "smooth")
        }
        return BLEU(lowercase: try arguments.boolean("lowercase") ?? false, tokenizer: tokenizer, smoothing: smoothing,
                    effectiveOrder: sentence)
    }

    /// A chrF configuration (chrF++ with `word_order: 2`).
    static func chrf(_ arguments: CallArguments) throws(BuiltinFailure) -> CHRF {
        let characterOrder = try arguments.integer("char_order") ?? 6
        let wordOrder = try arguments.integer("word_order") ?? 0
        guard characterOrder >= 1, wordOrder >= 0 else {
            throw BuiltinFailure(message: "char_order must be at least 1 and word_order at least 0", argument: characterOrder < 1 ? "char_order" : "word_order")
        }
        return CHRF(characterOrder: characterOrder, wordOrder: wordOrder, beta: try arguments.integer("beta") ?? 2,
                    lowercase: try arguments.boolean("lowercase") ?? false)
    }
}
