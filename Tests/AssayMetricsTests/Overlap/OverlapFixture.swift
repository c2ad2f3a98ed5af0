import Foundation

/// Locates and reads the reference data the overlap-metric tests compare against.
enum OverlapFixture {
    /// The `Tests/Fixtures` folder, found relative to this file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Overlap
        .deletingLastPathComponent()  // AssayMetricsTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// The URL of a fixture file, such as `rouge/expected.json`.
    static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// The text of a fixture file.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// A fixture JSON file decoded as `T`.
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(path)))
    }

    /// A fixture JSON file as untyped objects.
    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url(path)))
        return object as? [String: Any] ?? [:]
    }

    /// One prediction/reference pair of a JSONL corpus.
    struct Pair: Decodable {
        let id: String
        let prediction: String
        let reference: String
    }

    /// The pairs of a JSONL corpus, in file order.
    static func pairs(_ path: String) throws -> [Pair] {
        let decoder = JSONDecoder()
        return try text(path).split(separator: "\n").map { line in
            try decoder.decode(Pair.self, from: Data(line.utf8))
        }
    }

    /// Whether `actual` is within `tolerance` of `expected`.
    static func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        abs(actual - expected) <= tolerance
    }
}

/// Collects disagreements with reference values so that a test reports them together.
struct ReferenceComparison {
    /// Descriptions of the values that disagreed.
    private(set) var failures: [String] = []
    /// How many values were compared.
    private(set) var checked = 0

    /// Compares one value within `tolerance`.
    mutating func check(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9, _ label: @autoclosure () -> String) {
        checked += 1
        if !OverlapFixture.isClose(actual, expected, tolerance: tolerance) {
            failures.append("\(label()): got \(actual), expected \(expected)")
        }
    }

    /// Compares two values exactly.
    mutating func check<T: Equatable>(_ actual: T, equals expected: T, _ label: @autoclosure () -> String) {
        checked += 1
        if actual != expected {
            failures.append("\(label()): got \(actual), expected \(expected)")
        }
    }

    /// The first few failures, for a test's failure message.
    var summary: String {
        "\(failures.count) of \(checked) values differ: " + failures.prefix(10).joined(separator: "; ")
    }
}
