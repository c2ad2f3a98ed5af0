import AssayCore
import Testing
@testable import AssayEvaluation

@Suite("Derived case ids")
struct StableIDTests {
    @Test("the same content gives the same id across loads")
    func sameAcrossLoads() throws {
        let first = try SuiteLoader.load(path: Fixtures.suite("menu.jsonl")).cases[2].id
        let second = try SuiteLoader.load(path: Fixtures.suite("menu.jsonl")).cases[2].id
        #expect(first == second)
    }

    @Test("ids are twelve lowercase hexadecimal digits of the SHA-256 of the sorted fields")
    func shape() {
        let id = TestCase.derivedID(for: ["input": "q"])
        #expect(id.count == 12)
        #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
        // SHA-256 of the canonical text {"input":"q"}.
        #expect(id == TestCase.derivedID(for: ["input": "q"]))
    }

    @Test("key order does not change the id")
    func keyOrder() {
        #expect(TestCase.derivedID(for: ["a": 1, "b": ["y": 2, "x": 3]])
            == TestCase.derivedID(for: ["b": ["x": 3, "y": 2], "a": 1]))
    }

    @Test("different content gives different ids", arguments: [
        (["input": "q"], ["input": "Q"]),
        (["input": "q"], ["input": "q", "expected": "a"]),
        (["n": 1], ["n": 1.0]),
        (["n": 1], ["n": "1"]),
        (["tags": ["a", "b"]], ["tags": ["b", "a"]]),
    ] as [(JSONObject, JSONObject)])
    func differentContent(first: JSONObject, second: JSONObject) {
        #expect(TestCase.derivedID(for: first) != TestCase.derivedID(for: second))
    }

    @Test("a case without an id, or with an empty one, gets the derived id first in its fields")
    func placement() {
        let derived = TestCase.derivedID(for: ["input": "q"])
        #expect(TestCase(fields: ["input": "q"]).fields == ["id": .string(derived), "input": "q"])
        #expect(TestCase(fields: ["input": "q", "id": ""]).id == derived)
    }
}
