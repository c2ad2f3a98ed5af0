import Foundation
import Testing

/// Reads the reference data copied into `Tests/Fixtures`.
enum MeteorFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Meteor
        .deletingLastPathComponent()  // AssayMetricsTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// One prediction/reference pair with NLTK's METEOR value for it.
    struct ScoredPair: Sendable, CustomTestStringConvertible {
        let id: String
        let prediction: String
        let reference: String
        let expected: Double
        var testDescription: String { id }
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func jsonLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// Pairs of a JSONL corpus joined by id with the columnar METEOR values of its
    /// reference file, plus the reference mean.
    static func scoredPairs(corpus: String, values: String, meanPath: [String]) throws -> (pairs: [ScoredPair], mean: Double) {
        let lines = try jsonLines(corpus)
        let reference = try json(values)
        let columns = reference["pairs"] as! [String: Any]
        let ids = columns["id"] as! [String]
        let meteor = (columns["meteor"] as! [NSNumber]).map(\.doubleValue)
        var mean: Any = reference["corpus"]!
        for key in meanPath {
            mean = (mean as! [String: Any])[key]!
        }
        let pairs = zip(lines, zip(ids, meteor)).map { line, value in
            precondition(line["id"] as! String == value.0, "fixture ids out of order")
            return ScoredPair(
                id: value.0,
                prediction: line["prediction"] as! String,
                reference: line["reference"] as! String,
                expected: value.1
            )
        }
        return (pairs, (mean as! NSNumber).doubleValue)
    }
}
