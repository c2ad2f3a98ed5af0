import AssayMetrics
import Foundation
import Testing

/// METEOR reproduces NLTK 3.10.4 (with WordNet 3.0) on every reference value we hold.
@Suite("METEOR against NLTK reference values")
struct MeteorReferenceTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let source: String
        let references: [[String]]
        let hypothesis: [String]
        let expected: Double
        let roundedDigits: Int?
        /// Whether upstream compares with `==` rather than within a tolerance.
        let isExact: Bool
        var testDescription: String { source }
    }

    static let vectors: [Vector] = {
        let file = try! MeteorFixtures.json("nltk-meteor/meteor-vectors.json")
        return (file["cases"] as! [[String: Any]]).map { item in
            Vector(
                source: item["source"] as! String,
                references: item["references"] as! [[String]],
                hypothesis: item["hypothesis"] as! [String],
                expected: (item["expected"] as! NSNumber).doubleValue,
                roundedDigits: item["round"] as? Int,
                isExact: item["exact"] as? Bool ?? false
            )
        }
    }()

    @Test("NLTK's doctest and unit-test vectors", arguments: vectors)
    func nltkVector(_ vector: Vector) throws {
        let score = try Meteor().score(hypothesis: vector.hypothesis, references: vector.references)
        if let digits = vector.roundedDigits {
            // The upstream value is rounded: ours must round to it.
            let scale = pow(10, Double(digits))
            #expect((score * scale).rounded() / scale == vector.expected, "score \(score)")
        } else if vector.isExact {
            #expect(score == vector.expected, "score \(score)")
        } else {
            #expect(abs(score - vector.expected) <= 1e-9, "score \(score)")
        }
    }

    @Test("the 200 generated summary pairs and their mean match to 1e-9")
    func generatedSummaries() throws {
        let (pairs, mean) = try MeteorFixtures.scoredPairs(
            corpus: "generated-summaries/pairs.jsonl",
            values: "generated-summaries/expected.json",
            meanPath: ["meteor_mean"]
        )
        #expect(pairs.count == 200)
        try expectScores(pairs, mean: mean)
    }

    @Test("the 1000 synthetic pairs and their mean match to 1e-9")
    func syntheticCorpus() throws {
        let (pairs, mean) = try MeteorFixtures.scoredPairs(
            corpus: "synthetic-metrics/metrics_corpus_n1000_seed20240601.jsonl",
            values: "synthetic-metrics/metrics_reference_n1000_seed20240601.json",
            meanPath: ["meteor", "mean"]
        )
        #expect(pairs.count == 1000)
        try expectScores(pairs, mean: mean)
    }

    private func expectScores(_ pairs: [MeteorFixtures.ScoredPair], mean: Double) throws {
        let meteor = Meteor()
        var scores: [Double] = []
        var mismatches: [String] = []
        for pair in pairs {
            let score = try meteor.score(hypothesis: pair.prediction, references: [pair.reference])
            scores.append(score)
            if abs(score - pair.expected) > 1e-9 {
                mismatches.append("\(pair.id): \(score) != \(pair.expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
        #expect(abs(scores.reduce(0, +) / Double(scores.count) - mean) <= 1e-9)
    }
}
