import Testing
@testable import AssayCore

@Suite("Parsing JSON")
struct JSONParsingTests {
    @Test("scalars parse to the matching case", arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .int(0)),
        ("-12", .int(-12)),
        ("1.5", .double(1.5)),
        ("1e3", .double(1000)),
        ("-2.5E-2", .double(-0.025)),
        ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("  \"padded\"\n", .string("padded")),
    ])
    func scalars(text: String, expected: JSONValue) throws {
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test("string escapes decode, including surrogate pairs", arguments: [
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\uD83D\uDE00 smile""#, "😀 smile"),
        (#""raw é and 😀""#, "raw é and 😀"),
        (#""\u0000""#, "\u{0}"),
    ])
    func escapes(text: String, expected: String) throws {
        #expect(try JSONValue.parse(text) == .string(expected))
    }

    @Test("object keys keep the order they were written in")
    func keyOrder() throws {
        let value = try JSONValue.parse(#"{"zebra": 1, "apple": 2, "mango": {"b": [], "a": {}}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["zebra", "apple", "mango"])
        #expect(object["mango"]?.objectValue?.keys == ["b", "a"])
    }

    @Test("a repeated key keeps its first position and its last value")
    func repeatedKey() throws {
        let object = try #require(try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#).objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .int(3))
    }

    @Test("serializing then parsing gives the same value back")
    func roundTrip() throws {
        let value: JSONValue = [
            "id": "x1", "n": 3, "ratio": 0.1, "whole": 2.0, "tiny": .double(.leastNonzeroMagnitude), "big": 1e300,
            "flags": [true, false, nil], "text": "line\nbreak \"quoted\" \\ é 😀 \u{1F}",
            "nested": ["empty": [:], "list": []],
        ]
        #expect(try JSONValue.parse(value.serialized()) == value)
        #expect(try JSONValue.parse(value.serialized(pretty: true)) == value)
    }

    @Test("compact JSON text survives a parse and serialize unchanged", arguments: [
        #"{"b":1,"a":[1,2.5,-3.0,"x"],"c":{"d":null,"e":true}}"#,
        #"[1e-05,1e+20,0.30000000000000004,-0.0]"#,
        #""tab\there \"q\" \\ \u001f é""#,
    ])
    func textRoundTrip(text: String) throws {
        #expect(try JSONValue.parse(text).serialized() == text)
    }
}

@Suite("JSON objects of many members")
struct LargeJSONObjectTests {
    static let names = (0..<40).map { "key\($0)" }

    @Test("past the size where lookups use an index, members keep their order, values and removals")
    func indexedObject() throws {
        var object = JSONObject()
        for (position, name) in Self.names.enumerated() { object[name] = .int(position) }
        #expect(object.keys == Self.names)
        #expect(object["key33"] == .int(33))
        object["key5"] = nil
        object["key33"] = .string("changed")
        object["key5"] = .bool(true)
        #expect(object.keys == Self.names.filter { $0 != "key5" } + ["key5"])
        #expect(object["key33"] == .string("changed"))
        #expect(object["key39"] == .int(39))
        #expect(object["key5"] == .bool(true))
        for name in Self.names.dropFirst(3) { object[name] = nil }
        #expect(object.keys == ["key0", "key1", "key2"])
        #expect(object["key2"] == .int(2))
        #expect(object["key20"] == nil)
    }

    @Test("a parsed object with a repeated key keeps the first position and the last value, small or large")
    func repeatedKeys() throws {
        let small = try #require(try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#).objectValue)
        #expect(small.keys == ["a", "b"])
        #expect(small["a"] == .int(3))
        let members = Self.names.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ", ")
        let large = try #require(try JSONValue.parse("{\(members), \"key1\": \"again\"}").objectValue)
        #expect(large.keys == Self.names)
        #expect(large["key1"] == .string("again"))
        #expect(large["key39"] == .int(39))
    }

    @Test("objects with the same members in the same order are equal and hash alike; another order is not equal")
    func equality() throws {
        let forward = JSONObject(Self.names.map { ($0, JSONValue.string($0)) })
        var rebuilt = JSONObject()
        for name in Self.names { rebuilt[name] = .string(name) }
        #expect(forward == rebuilt)
        #expect(Set([forward, rebuilt]).count == 1)
        let reversed = JSONObject(Self.names.reversed().map { ($0, JSONValue.string($0)) })
        #expect(forward != reversed)
    }
}
