import Foundation

/// `Tests/Fixtures/bertscore/expected.json` and `pairs.jsonl`: bert-score's outputs for 200 pairs.
struct ReferenceData: Decodable, Sendable {
    let pairs: [Pair]
    let encoderProbe: EncoderProbe
    let matchingProbe: MatchingProbe
    /// The texts of each pair, from `pairs.jsonl`, in the same order.
    private(set) var texts: [Texts] = []

    struct Pair: Decodable, Sendable {
        let id: String
        let candidateIDs: [Int]
        let referenceIDs: [Int]
        let layer6: [Double]
        let layer6IDF: [Double]
        let layer4: [Double]

        enum CodingKeys: String, CodingKey {
            case id, candidateIDs = "cand_ids", referenceIDs = "ref_ids"
            case layer6 = "a_L6_noidf", layer6IDF = "b_L6_idf", layer4 = "c_L4_noidf"
        }
    }

    struct EncoderProbe: Decodable, Sendable {
        let text: String
        let ids: [Int]
        let tokens: [String]
        let layers: [Layer]
    }

    struct Layer: Decodable, Sendable {
        let layer: Int
        let first8: [[Double]]
        let l2norm: [Double]
        let sum: [Double]
    }

    struct MatchingProbe: Decodable, Sendable {
        let pair: String
        let candidateTokens: [String]
        let referenceTokens: [String]
        let candidateBestCosine: [Double]
        let referenceBestCosine: [Double]
        let candidateBestReferenceIndex: [Int]
        let candidateIDF: [Double]
        let referenceIDF: [Double]
        let unseenTokenIDF: Double

        enum CodingKeys: String, CodingKey {
            case pair, candidateTokens = "cand_tokens", referenceTokens = "ref_tokens"
            case candidateBestCosine = "cand_best_cosine", referenceBestCosine = "ref_best_cosine"
            case candidateBestReferenceIndex = "cand_best_ref_index"
            case candidateIDF = "idf_b_cand", referenceIDF = "idf_b_ref"
            case unseenTokenIDF = "idf_b_default_for_unseen_token"
        }
    }

    struct Texts: Decodable, Sendable {
        let id: String
        let prediction: String
        let reference: String
    }

    enum CodingKeys: String, CodingKey {
        case pairs, encoderProbe = "encoder_probe", matchingProbe = "matching_probe"
    }

    static func load(from directory: URL) throws -> ReferenceData {
        var data = try JSONDecoder().decode(
            ReferenceData.self, from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
        let lines = try String(contentsOf: directory.appendingPathComponent("pairs.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        data.texts = try lines.map { try JSONDecoder().decode(Texts.self, from: Data($0.utf8)) }
        return data
    }

    var candidates: [String] { texts.map(\.prediction) }
    var references: [String] { texts.map(\.reference) }

    func index(of id: String) -> Int? {
        pairs.firstIndex { $0.id == id }
    }
}
