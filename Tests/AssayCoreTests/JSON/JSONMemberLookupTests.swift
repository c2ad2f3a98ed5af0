import Testing
@testable import AssayCore

@Suite("Reading one member of a JSON object's text")
struct JSONMemberLookupTests {
    static let objects = [
        #"{"id": "a", "input": "x", "tags": ["p", "q"]}"#,
        #"  {"s": "br}ack]ets, \"quotes\" and \\", "n": -1.5e3, "t": true, "z": null, "o": {"k": [1, {"d": "}"}]}, "e": {}, "l": []}  "#,
        #"{"k": 1, "k": 2, "other": "v"}"#,
        #"{"a\"b": 1, "\u0061": "escaped key", "é": "ünïcode", "": "empty key"}"#,
        #"{}"#,
    ]

    @Test("each member reads as in the parsed object, a repeated key as its last value", arguments: objects)
    func membersMatchTheParsedObject(text: String) throws {
        let object = try #require(JSONValue.parse(text).objectValue)
        var text = text
        text.withUTF8 { buffer in
            for key in object.keys + ["missing", "k2", "a"] {
                var parser = JSONParser(bytes: buffer)
                #expect(parser.member(key) == object[key], "\(key) in \(String(decoding: buffer, as: UTF8.self))")
            }
        }
    }

    @Test("skipping a value stops right after it")
    func skipValue() {
        var text = #"["x\"]", {"a": [1, "]"]}, -12.5e1, null, true] rest"#
        text.withUTF8 { buffer in
            var parser = JSONParser(bytes: buffer)
            parser.skipValue()
            #expect(String(decoding: buffer[parser.index...], as: UTF8.self) == " rest")
        }
    }
}
