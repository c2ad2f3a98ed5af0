import Foundation

/// `Tests/Fixtures/bertscore`: bert-score 0.3.13's `[P, R, F1]` for 200 pairs in three
/// configurations, and the pairs' texts.
struct BERTScoreReference: Sendable {
    struct Pair: Decodable, Sendable {
        let id: String
        /// `num_layers=6, idf=False`.
        let layer6: [Double]
        /// `num_layers=6, idf=True` over all 200 references.
        let layer6IDF: [Double]
        /// `num_layers=4, idf=False`.
        let layer4: [Double]

        enum CodingKeys: String, CodingKey {
            case id, layer6 = "a_L6_noidf", layer6IDF = "b_L6_idf", layer4 = "c_L4_noidf"
        }
    }

    struct Texts: Decodable, Sendable {
        let id: String
        let prediction: String
        let reference: String
    }

    private struct File: Decodable {
        let pairs: [Pair]
    }

    let pairs: [Pair]
    let texts: [Texts]

    /// The one pair whose reference score depends on bert-score's batch zero-padding (see the
    /// fixture's `quirks`): scored alone it differs by about 1.5e-3.
    static let paddingSensitivePair = "sum-134"

    static func load(from directory: URL) throws -> BERTScoreReference {
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
        let lines = try String(contentsOf: directory.appendingPathComponent("pairs.jsonl"), encoding: .utf8).split(separator: "\n")
        let texts = try lines.map { try JSONDecoder().decode(Texts.self, from: Data($0.utf8)) }
        return BERTScoreReference(pairs: file.pairs, texts: texts)
    }
}
