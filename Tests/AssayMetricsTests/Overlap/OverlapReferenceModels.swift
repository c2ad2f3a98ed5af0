/// Corpus-level BLEU values as the reference scripts record them.
struct ReferenceCorpusBLEU: Decodable {
    let score: Double
    let counts: [Int]
    let totals: [Int]
    let precisions: [Double]
    let bp: Double
    let sys_len: Int
    let ref_len: Int
    let signature: String?
}

/// A corpus-level chrF value as the reference scripts record it.
struct ReferenceCorpusCHRF: Decodable {
    let score: Double
    let signature: String?
    let char_order: Int?
    let word_order: Int?
    let beta: Int?
}

/// `Fixtures/generated-summaries/expected.json` (METEOR values are not decoded).
struct GeneratedSummariesReference: Decodable {
    struct Corpus: Decodable {
        let bleu: ReferenceCorpusBLEU
        let chrf: ReferenceCorpusCHRF
        let chrf_pp: ReferenceCorpusCHRF
        let sentence_bleu_mean: Double
    }

    struct Pairs: Decodable {
        let id: [String]
        /// Type name → "precision" / "recall" / "fmeasure" → one value per pair.
        let rouge_nostem: [String: [String: [Double]]]
        let rouge_stem: [String: [String: [Double]]]
        let sentence_bleu: [Double]
        let sentence_chrf: [Double]
    }

    let corpus: Corpus
    let pairs: Pairs

    static func load() throws -> (pairs: [OverlapFixture.Pair], reference: GeneratedSummariesReference) {
        (try OverlapFixture.pairs("generated-summaries/pairs.jsonl"),
         try OverlapFixture.decode(Self.self, from: "generated-summaries/expected.json"))
    }
}

/// `Fixtures/synthetic-metrics/metrics_reference_n1000_seed20240601.json` (METEOR values are
/// not decoded).
struct SyntheticMetricsReference: Decodable {
    struct Conventions: Decodable {
        struct Call: Decodable { let signature: String }
        let corpus_bleu: Call
        let corpus_chrf: Call
    }

    struct Corpus: Decodable {
        let bleu: ReferenceCorpusBLEU
        let chrf: ReferenceCorpusCHRF
        let sentence_bleu_mean: Double
        /// "rouge_nostem" / "rouge_stem" → type name → mean F-measure.
        let rouge_fmeasure_mean: [String: [String: Double]]
    }

    struct Pairs: Decodable {
        let id: [String]
        /// Keys such as `rouge1` (F-measure), `rouge1_precision` and `rouge1_recall`.
        let rouge_nostem: [String: [Double]]
        let rouge_stem: [String: [Double]]
        let sentence_bleu: [Double]
    }

    let conventions: Conventions
    let corpus: Corpus
    let pairs: Pairs

    static func load() throws -> (pairs: [OverlapFixture.Pair], reference: SyntheticMetricsReference) {
        (try OverlapFixture.pairs("synthetic-metrics/metrics_corpus_n1000_seed20240601.jsonl"),
         try OverlapFixture.decode(Self.self, from: "synthetic-metrics/metrics_reference_n1000_seed20240601.json"))
    }
}
