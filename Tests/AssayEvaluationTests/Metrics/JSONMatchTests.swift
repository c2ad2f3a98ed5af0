import AssayCore
import Testing
import AssayEvaluation

@Suite("json_valid is 1 exactly when the output parses as JSON")
struct JSONValidityTests {
    @Test("valid JSON texts", arguments: [
        "{}", "[]", "null", "0", "-1.5e3", #""text""#, #"{"a": [1, {"b": null}], "c": true}"#, "  [1, 2]\n",
    ])
    func valid(output: String) {
        #expect(JSONMatch.validity(of: output) == 1)
        #expect(JSONMatch.isValid(output))
    }

    @Test("invalid JSON texts", arguments: [
        "", "   ", "{", #"{"a": 1,}"#, "{'a': 1}", "NaN", "[1 2]", #"{"a": 1} trailing"#,
        "```json\n{\"a\": 1}\n```", "Sure! Here it is: {\"a\": 1}", "// comment\n1",
    ])
    func invalid(output: String) {
        #expect(JSONMatch.validity(of: output) == 0)
        #expect(!JSONMatch.isValid(output))
    }
}

@Suite("json_match scores matched expected fields over expected fields")
struct JSONMatchTests {
    private static let person: JSONValue = ["name": "Ada", "age": 36, "address": ["city": "London", "zip": "N1"]]

    @Test("scores of whole outputs", arguments: [
        (#"{"name": "Ada", "age": 36, "address": {"city": "London", "zip": "N1"}}"#, 1.0),
        (#"{"address": {"zip": "N1", "city": "London"}, "age": 36.0, "name": "Ada"}"#, 1.0),
        (#"{"name": "Ada", "age": 36, "address": {"city": "Paris", "zip": "N1"}}"#, 0.75),
        (#"{"name": "Ada", "address": {"city": "London"}}"#, 0.5),
        (#"{"name": "Ada", "age": "36", "address": "London", "extra": 1}"#, 0.25),
        (#"{"nickname": "Ada"}"#, 0.0),
        (#"["Ada", 36]"#, 0.0),
        ("not JSON", 0.0),
    ] as [(String, Double)])
    func scores(output: String, score: Double) {
        #expect(JSONMatch.match(output: output, expected: Self.person).score == score)
    }

    @Test("the report names every field with its outcome")
    func report() {
        let output = #"{"name": "Ada", "age": 37, "address": {"city": "London"}, "email": "ada@example.org"}"#
        let report = JSONMatch.match(output: output, expected: Self.person)
        #expect(report.fields.map(\.path) == ["name", "age", "address/city", "address/zip", "email"])
        #expect(report.fields.map(\.outcome) == [.matched, .different, .matched, .missing, .extra])
        #expect(report.fields[1].expected == 36)
        #expect(report.fields[1].actual == 37)
        #expect(report.fields[3].actual == nil)
        #expect(report.fields[4].expected == nil)
        #expect(report.matchedCount == 2)
        #expect(report.expectedCount == 4)
        #expect(report.count(.extra) == 1)
        #expect(report.score == 0.5)
        #expect(!report.isExactMatch)
        #expect(report.mismatches.map(\.description) == [
            "different age: expected 36, got 37", "missing address/zip: expected \"N1\"",
            "extra email: got \"ada@example.org\"",
        ])
    }

    @Test("a subtree of the wrong kind is reported once and counts all its fields")
    func wrongKindSubtree() {
        let report = JSONMatch.match(output: #"{"name": "Ada", "age": 36, "address": "London"}"#, expected: Self.person)
        #expect(report.fields.count == 3)
        #expect(report.fields[2].path == "address")
        #expect(report.fields[2].outcome == .different)
        #expect(report.fields[2].fieldCount == 2)
        #expect(report.expectedCount == 4)
        #expect(report.score == 0.5)
    }

    @Test("arrays compare element by element, reporting missing and extra elements")
    func arrays() {
        let expected: JSONValue = ["items": [["sku": "a", "qty": 1], ["sku": "b", "qty": 2], ["sku": "c", "qty": 3]]]
        let shorter = JSONMatch.match(output: #"{"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 5}]}"#,
                                      expected: expected)
        #expect(shorter.expectedCount == 6)
        #expect(shorter.matchedCount == 3)
        #expect(shorter.mismatches.map(\.path) == ["items/1/qty", "items/2"])
        #expect(shorter.mismatches.map(\.outcome) == [.different, .missing])
        #expect(shorter.mismatches[1].fieldCount == 2)
        let longer = JSONMatch.match(output: "[1, 2, 3, 4]", expected: [1, 2, 3])
        #expect(longer.score == 1)
        #expect(longer.mismatches.map(\.path) == ["3"])
        #expect(longer.mismatches.map(\.outcome) == [.extra])
        #expect(!longer.isExactMatch)
    }

    @Test("scalars compare by equality, numbers by value", arguments: [
        ("1", JSONValue.double(1.0), true), ("1e0", 1, true), ("0.5", 0.5, true), ("2", 2.5, false),
        (#""1""#, 1, false), ("true", true, true), ("1", true, false), ("null", nil, true),
        (#""Ada""#, "Ada", true), (#""ada""#, "Ada", false), ("{}", [:], true), ("[]", [], true),
        ("[]", [:], false), (#"{"a": 1}"#, [:], false),
    ] as [(String, JSONValue, Bool)])
    func scalars(output: String, expected: JSONValue, matches: Bool) {
        let report = JSONMatch.match(output: output, expected: expected)
        #expect(report.expectedCount == 1)
        #expect(report.score == (matches ? 1 : 0))
        #expect(report.fields.map(\.path) == [""])
    }

    @Test("output that is not JSON scores 0, reports the root missing and keeps the syntax error")
    func unparseable() throws {
        let report = JSONMatch.match(output: #"{"name": "Ada""#, expected: Self.person)
        #expect(report.score == 0)
        #expect(report.expectedCount == 4)
        #expect(report.fields.map(\.outcome) == [.missing])
        let error = try #require(report.syntaxError)
        #expect(error.offset == 14)
    }

    @Test("keys that are not plain names are quoted in paths")
    func quotedPaths() {
        let report = JSONMatch.match(output: #"{"first name": 1, "ok_key-2": 2}"#, expected: ["first name": 2, "ok_key-2": 2])
        #expect(report.fields.map(\.path) == [#""first name""#, "ok_key-2"])
    }

    @Test("equality ignores key order and compares nested numbers by value")
    func equality() {
        #expect(JSONMatch.isEqual(["a": 1, "b": [1.0, 2]], ["b": [1, 2.0], "a": 1.0]))
        #expect(!JSONMatch.isEqual(["a": 1], ["a": 1, "b": 2]))
        #expect(!JSONMatch.isEqual([1, 2], [2, 1]))
        #expect(JSONMatch.isEqual(.int(Int.max), .int(Int.max)))
        #expect(!JSONMatch.isEqual(.int(Int.max), .int(Int.max - 1)))
    }

    @Test("the documentation example works")
    func documentationExample() {
        let report = JSONMatch.match(output: #"{"name": "Ada", "age": 36.0}"#,
                                     expected: ["name": "Ada", "age": 36, "city": "London"])
        #expect(abs(report.score - 2.0 / 3) < 1e-15)
        #expect(report.mismatches[0].path == "city")
        #expect(report.mismatches[0].outcome == .missing)
    }
}
