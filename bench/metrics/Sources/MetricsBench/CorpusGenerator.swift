/// One benchmark pair: a reference text and a prediction derived from it.
struct CorpusPair: Codable {
    /// `bench-000000`, `bench-000001`, …
    var id: String
    /// How the prediction was made (see ``CorpusGenerator``).
    var kind: String
    /// The text being scored.
    var prediction: String
    /// The reference text.
    var reference: String
}

/// Generates the benchmark corpus: English-like references of 15–60 words and predictions
/// derived from them by word edits. The same seed gives the same corpus on every platform.
///
/// For each pair, in order:
/// 1. A reference of `n` words, `n` uniform in 15…60, in 1–3 sentences (uniform) that share the
///    words as evenly as possible. Words are drawn from ``Vocabulary`` with Zipf weights; after
///    each word but the last of a sentence a comma follows with probability 0.06. Sentences start
///    with a capital letter, end with "." (or "?" with probability 0.1) and are joined by "\n".
/// 2. A kind, by one uniform draw `u`: `u < 0.004` both texts empty (`empty-pair`), `< 0.01` an
///    empty prediction (`empty`), `< 0.04` an exact copy (`copy`), `< 0.05` an unrelated text
///    made like a reference (`unrelated`), `< 0.06` an edited copy lower-cased (`lowercase`),
///    `< 0.07` an edited copy with odd whitespace (`whitespace`: a space doubled or turned into a
///    tab, with probability 0.2 each, and a leading and a trailing space), else `edited`.
/// 3. Editing splits the reference on spaces (keeping "\n" inside tokens) and makes `k` edits,
///    `k` uniform in 1…max(1, 0.4·words). Each edit picks a position uniformly and, by one draw,
///    substitutes a Zipf-drawn word (0.35), deletes the token (0.25, never the last one),
///    inserts a Zipf-drawn word before it (0.15), swaps it with its neighbour (0.15) or inflects
///    it by appending "s", "ed" or "ing" (0.10, uniform).
struct CorpusGenerator {
    private var random: SplitMix64

    /// Creates a generator.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The first `count` pairs of the corpus for this seed.
    mutating func pairs(count: Int) -> [CorpusPair] {
        (0..<count).map { index in
            let reference = text()
            let (kind, prediction) = derive(from: reference)
            let id = "bench-" + String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index)
            return kind == "empty-pair"
                ? CorpusPair(id: id, kind: kind, prediction: "", reference: "")
                : CorpusPair(id: id, kind: kind, prediction: prediction, reference: reference)
        }
    }

    /// A reference-like text: 15–60 words in 1–3 sentences joined by "\n".
    private mutating func text() -> String {
        let wordCount = random.int(in: 15...60)
        let sentenceCount = random.int(in: 1...3)
        var sentences: [String] = []
        for sentence in 0..<sentenceCount {
            let size = wordCount / sentenceCount + (sentence < wordCount % sentenceCount ? 1 : 0)
            var words: [String] = []
            for position in 0..<size {
                var word = Vocabulary.word(using: &random)
                if position == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                if position < size - 1, random.unit() < 0.06 { word += "," }
                words.append(word)
            }
            sentences.append(words.joined(separator: " ") + (random.unit() < 0.1 ? "?" : "."))
        }
        return sentences.joined(separator: "\n")
    }

    /// The kind of prediction and the prediction itself.
    private mutating func derive(from reference: String) -> (String, String) {
        let draw = random.unit()
        switch draw {
        case ..<0.004: return ("empty-pair", "")
        case ..<0.01: return ("empty", "")
        case ..<0.04: return ("copy", reference)
        case ..<0.05: return ("unrelated", text())
        case ..<0.06: return ("lowercase", edited(reference).lowercased())
        case ..<0.07: return ("whitespace", oddWhitespace(edited(reference)))
        default: return ("edited", edited(reference))
        }
    }

    /// The text after 1…max(1, 0.4·words) random word edits.
    private mutating func edited(_ text: String) -> String {
        var tokens = text.split(separator: " ").map(String.init)
        let edits = random.int(in: 1...max(1, tokens.count * 2 / 5))
        for _ in 0..<edits {
            let position = random.int(in: 0...(tokens.count - 1))
            let action = random.unit()
            switch action {
            case ..<0.35: tokens[position] = Vocabulary.word(using: &random)
            case ..<0.60: if tokens.count > 1 { tokens.remove(at: position) }
            case ..<0.75: tokens.insert(Vocabulary.word(using: &random), at: position)
            case ..<0.90: if position + 1 < tokens.count { tokens.swapAt(position, position + 1) }
            default: tokens[position] += ["s", "ed", "ing"][random.int(in: 0...2)]
            }
        }
        return tokens.joined(separator: " ")
    }

    /// The text with some spaces doubled or made tabs, and a leading and trailing space.
    private mutating func oddWhitespace(_ text: String) -> String {
        var result = " "
        for character in text {
            if character == " " {
                let draw = random.unit()
                result += draw < 0.2 ? "  " : draw < 0.4 ? "\t" : " "
            } else {
                result.append(character)
            }
        }
        return result + " "
    }
}
