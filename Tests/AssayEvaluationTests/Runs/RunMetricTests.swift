import AssayCore
@testable import AssayEvaluation
import Testing

/// The built-in metrics and the rules for what a metric may return.
struct RunMetricTests {
    struct Pair: Sendable, CustomTestStringConvertible {
        let id: String
        let extracted: JSONValue
        let expected: JSONValue
        let equal: Bool
        var testDescription: String { id }
    }

    static func input(_ extracted: JSONValue, expected: JSONValue?) -> ScoringInput {
        var fields: JSONObject = ["input": "q"]
        fields["expected"] = expected
        return ScoringInput(testCase: TestCase(id: "case-1", fields: fields), output: extracted.serialized(), extracted: extracted)
    }

    @Test(arguments: [
        Pair(id: "same string", extracted: "Paris", expected: "Paris", equal: true),
        Pair(id: "strings trimmed", extracted: " Paris\n", expected: "Paris ", equal: true),
        Pair(id: "case matters", extracted: "paris", expected: "Paris", equal: false),
        Pair(id: "int equals double", extracted: 1, expected: 1.0, equal: true),
        Pair(id: "numeric string equals number", extracted: "42", expected: 42, equal: true),
        Pair(id: "non-numeric string is not a number", extracted: "forty-two", expected: 42, equal: false),
        Pair(id: "string true equals Boolean", extracted: "True", expected: true, equal: true),
        Pair(id: "objects ignore key order", extracted: ["a": 1, "b": [1, 2]], expected: ["b": [1, 2], "a": 1], equal: true),
        Pair(id: "objects with another value differ", extracted: ["a": 1], expected: ["a": 2], equal: false),
        Pair(id: "objects with an extra key differ", extracted: ["a": 1, "b": 2], expected: ["a": 1], equal: false),
        Pair(id: "list order matters", extracted: [1, 2], expected: [2, 1], equal: false),
        Pair(id: "null equals null", extracted: nil, expected: nil, equal: true),
    ])
    func exactMetric(_ pair: Pair) async throws {
        let value = try await RunMetric.exact.evaluate(Self.input(pair.extracted, expected: pair.expected))
        #expect(value == .int(pair.equal ? 1 : 0))
    }

    @Test func containsMetric() async throws {
        #expect(try await RunMetric.contains.evaluate(Self.input("The capital is Paris.", expected: "Paris")) == 1)
        #expect(try await RunMetric.contains.evaluate(Self.input("The capital is Lyon.", expected: "Paris")) == 0)
        #expect(try await RunMetric.contains.evaluate(Self.input(["ids": [4, 2]], expected: 42)) == 0)
        #expect(try await RunMetric.contains.evaluate(Self.input("ids 42 and 7", expected: 42)) == 1)
    }

    @Test func exactNeedsAnExpectedValue() async {
        await #expect(throws: MetricError("the case has no 'expected' field, which 'exact' needs")) {
            try await RunMetric.exact.evaluate(Self.input("x", expected: nil))
        }
    }

    struct Returned: Sendable, CustomTestStringConvertible {
        let value: JSONValue
        let stored: JSONValue?
        init(_ value: JSONValue, _ stored: JSONValue?) {
            self.value = value
            self.stored = stored
        }
        var testDescription: String { "\(value) → \(stored.map(\.description) ?? "error")" }
    }

    @Test(arguments: [
        Returned(.int(3), .int(3)),
        Returned(.double(0.25), .double(0.25)),
        Returned(.bool(true), .int(1)),
        Returned(.bool(false), .int(0)),
        Returned(["rouge1": ["precision": 0.5, "recall": 1, "f1": 0.667]], ["rouge1": ["precision": 0.5, "recall": 1, "f1": 0.667]]),
        Returned(["valid": true], ["valid": 1]),
        Returned(.string("0.5"), nil),
        Returned(.array([1, 2]), nil),
        Returned(.null, nil),
        Returned(.double(.nan), nil),
        Returned(.object([:]), nil),
        Returned(["a": ["b": "text"]], nil),
    ])
    func metricValuesAreNumbersBooleansOrObjectsOfThem(_ returned: Returned) {
        #expect(MetricValue.normalized(returned.value) == returned.stored)
    }
}
