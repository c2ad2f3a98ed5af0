import Testing
@testable import AssayCore

@Suite("Serializing JSON")
struct JSONSerializationTests {
    @Test("values serialize to strict, compact JSON", arguments: [
        (JSONValue.double(3), "3.0"),
        (.double(1e16), "1e+16"),
        (.double(-2), "-2.0"),
        (.double(0.1), "0.1"),
        (.double(1e-5), "1e-05"),
        (.double(-0.0), "-0.0"),
        (.double(.nan), "null"),
        (.double(.infinity), "null"),
        (.double(-.infinity), "null"),
        (.int(-5), "-5"),
        (.string("quote\" back\\ nl\n tab\t ctl\u{01} é / 😀"), #""quote\" back\\ nl\n tab\t ctl\u0001 é / 😀""#),
        (JSONValue.object(["b": 1, "a": [true, nil]]), #"{"b":1,"a":[true,null]}"#),
        (.array([]), "[]"),
        (.object([:]), "{}"),
    ])
    func compact(value: JSONValue, expected: String) {
        #expect(value.serialized() == expected)
    }

    @Test("pretty output indents by two spaces, one member per line")
    func pretty() {
        let value: JSONValue = ["id": "a", "tags": ["x", "y"], "meta": [:], "list": []]
        #expect(value.serialized(pretty: true) == """
            {
              "id": "a",
              "tags": [
                "x",
                "y"
              ],
              "meta": {},
              "list": []
            }
            """)
    }

    @Test("doubles read back exactly", arguments: [
        0.1 + 0.2, 1.0 / 3.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -123.456, 1e16, 2.5e-8,
    ])
    func doubleRoundTrip(number: Double) throws {
        #expect(try JSONValue.parse(JSONValue.double(number).serialized()) == .double(number))
    }

    @Test("canonical serialization sorts keys at every level")
    func canonical() {
        let value: JSONValue = ["b": ["y": 1, "x": 2], "a": 0, "é": 1, "Z": 2]
        #expect(value.canonicalSerialization() == #"{"Z":2,"a":0,"b":{"x":2,"y":1},"é":1}"#)
    }
}

@Suite("JSON objects")
struct JSONObjectTests {
    @Test("assigning to an existing key keeps its position; assigning nil removes it")
    func assignment() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        object["d"] = 4
        object["a"] = nil
        #expect(object.keys == ["b", "c", "d"])
        #expect(object["b"] == "two")
        #expect(object["a"] == nil)
        #expect(object.count == 3)
    }

    @Test("iteration yields key-value pairs in order")
    func iteration() {
        let object = JSONObject([("z", 1), ("y", 2)])
        #expect(object.map(\.key) == ["z", "y"])
        #expect(object.map(\.value) == [1, 2])
        #expect(object.values == [1, 2])
    }

    @Test("equality depends on key order, like the serialized text")
    func orderedEquality() {
        let first: JSONObject = ["a": 1, "b": 2]
        let second: JSONObject = ["b": 2, "a": 1]
        #expect(first != second)
        #expect(first == JSONObject([("a", 1), ("b", 2)]))
        #expect(Set([first, second, first]).count == 2)
    }

    @Test("placingFirst moves a key to the front")
    func placingFirst() {
        let object: JSONObject = ["input": "q", "id": 7, "tags": []]
        #expect(object.placingFirst("id", value: "x").keys == ["id", "input", "tags"])
        #expect(object.placingFirst("new", value: 1).keys == ["new", "input", "id", "tags"])
    }

    @Test("merging adds new keys in order and replaces the values of existing ones in place")
    func merging() {
        let base: JSONObject = ["status": "error", "count": 1]
        let merged = base.merging(["count": 2, "ename": "E"])
        #expect(merged.keys == ["status", "count", "ename"])
        #expect(merged == ["status": "error", "count": 2, "ename": "E"])
        #expect(base.keys == ["status", "count"])
    }
}
