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

@Suite("Checking a JSON text without building it")
struct JSONPlainDocumentTests {
    @Test("plain values are accepted, and whatever is accepted parses", arguments: [
        #"{"id": "a", "input": "x \"q\" \\ \/ \n", "n": -12, "z": 0, "ok": true, "no": false, "nothing": null}"#,
        #" {"nested": {"list": [1, [2, {"k": []}], {}]}, "e": ""} "#,
        #"[]"#, #""text""#, #"123456789012345678"#,
    ])
    func plainAccepted(text: String) throws {
        var text = text
        try text.withUTF8 { buffer in
            var checker = JSONParser(bytes: buffer)
            let isPlain = checker.isPlainDocument()
            #expect(isPlain)
            var parser = JSONParser(bytes: buffer)
            _ = try parser.parseDocument()
        }
    }

    @Test("invalid text and values left to the full parser are not accepted; looking a member up in it does not fail", arguments: [
        #"{"a": 1,}"#, #"[1, 2,]"#, #"{"a" 1}"#, #"{"a": 01}"#, #"{"a": 1.5}"#, #"{"a": 1e3}"#, #"{"a": -}"#,
        #"{"a": "\u0041"}"#, #"{"a": "\x"}"#, "{\"a\": \"tab\there\"}", #"{"a": tru}"#, #"{"a": 1} x"#,
        #"{"a": 1234567890123456789}"#, #"{'a': 1}"#, #"{"a": [1 2]}"#, #"{"a": "unterminated}"#, #"{"a": 1"#, "",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func notAccepted(text: String) {
        var text = text
        text.withUTF8 { buffer in
            var checker = JSONParser(bytes: buffer)
            let isPlain = checker.isPlainDocument()
            #expect(!isPlain)
            for key in ["a", "id"] {
                var lookup = JSONParser(bytes: buffer)
                _ = lookup.member(key)
            }
        }
    }
}

@Suite("The first key of a JSON object's text")
struct JSONFirstKeyTests {
    @Test("an object's first key, or nil for an empty object or another value", arguments: [
        (#" {"id": 1, "x": 2}"#, "id"), (#"{"a\"b": 1}"#, #"a"b"#), (#"{}"#, nil), (#"[1]"#, nil), (#""id""#, nil), (#"{"#, nil),
    ] as [(String, String?)])
    func firstKey(text: String, expected: String?) {
        var text = text
        text.withUTF8 { buffer in
            var parser = JSONParser(bytes: buffer)
            let key = parser.firstKey()
            #expect(key == expected)
        }
    }
}
