import Testing
@testable import AssayCore

@Suite("Writing an object's canonical text straight from its bytes")
struct JSONCanonicalWriterTests {
    /// The writer's text for `text`, or nil when it is not certain.
    static func written(_ text: String, refusing refused: Set<String> = []) -> [UInt8]? {
        var text = text
        return text.withUTF8 { buffer in
            var writer = JSONCanonicalWriter()
            let accepted = writer.writeObject(buffer, from: 0) { key in
                !refused.contains(String(decoding: key, as: UTF8.self))
            }
            return accepted ? writer.output : nil
        }
    }

    @Test("the text is exactly the canonical text of the parsed value", arguments: [
        #"{"input": "x", "expected": "y", "tags": ["p", "q"]}"#,
        #"  {"b": 1, "a": {"z": [true, false, null], "y": {}, "x": []}, "c": ""}  "#,
        #"{"s": "quotes \" backslash \\ slash \/ controls \b\f\n\r\t end"}"#,
        #"{"unicode": "é ü 漢字 🙂"}"#,
        #"{"n": [0, -0, 7, -12, 123456789012345678, -123456789012345678]}"#,
        #"{"d": [1.0, 1e3, 1E3, -0.0, 0.1, 2.50, 1e-7, 123.456e+2, 1.7976931348623157e308]}"#,
        #"{"zz": {"b": {"d": 1, "c": 2}, "a": [{"y": 1, "x": 2}]}, "aa": 0}"#,
        #"{"a": 1, "A": 2, "_": 3, "a b": 4, "ab": 5, "": 6}"#,
        #"{"tags": [], "input": "", "expected": {"k": "v"}}"#,
        "{\"lines\":\t\"a\",\r\n \"b\" : [ 1 , 2 ] }",
        #"{}"#,
    ])
    func matchesParsedValue(text: String) throws {
        let written = try #require(Self.written(text), "not accepted: \(text)")
        let value = try JSONValue.parse(text)
        #expect(String(decoding: written, as: UTF8.self) == value.canonicalSerialization())
    }

    @Test("anything uncertain or invalid is refused; whatever is refused as certain-to-fail the parser rejects", arguments: [
        #"{"a": 1,}"#, #"{"a" 1}"#, #"{"a": 01}"#, #"{"a": -}"#, #"{"a": 1.}"#, #"{"a": 1e}"#, #"{"a": .5}"#,
        #"{"a": "\x"}"#, "{\"a\": \"tab\there\"}", #"{"a": tru}"#, #"{"a": 1} x"#, #"{'a': 1}"#,
        #"{"a": [1 2]}"#, #"{"a": [1,]}"#, #"{"a": "unterminated}"#, #"{"a": 1"#, "", "  ", #"{"a": 1e400}"#,
        String(repeating: #"{"k":"#, count: 600) + "1" + String(repeating: "}", count: 600),
    ])
    func invalidRefused(text: String) {
        #expect(Self.written(text) == nil)
        #expect(throws: (any Error).self) { try JSONValue.parse(text) }
    }

    @Test("valid objects it cannot be certain of are refused: escapes in keys, non-ASCII keys, repeated keys, \\u escapes, long integers, non-objects", arguments: [
        #"{"a\"b": 1}"#, #"{"\u0061": 1}"#, #"{"é": 1}"#, #"{"k": 1, "k": 2}"#, #"{"b": 1, "a": 2, "b": 3}"#,
        #"{"a": {"x": 1, "x": 1}}"#, #"{"s": "\u00e9"}"#, #"{"n": 1234567890123456789}"#,
        #"[1, 2]"#, #""text""#, #"12"#,
    ])
    func uncertainRefused(text: String) throws {
        #expect(Self.written(text) == nil)
        _ = try JSONValue.parse(text)
    }

    @Test("a refused top-level key refuses the object; the same key deeper does not")
    func refusedKeys() throws {
        #expect(Self.written(#"{"input": "x", "id": 1}"#, refusing: ["id"]) == nil)
        let nested = #"{"meta": {"id": 1}, "input": "x"}"#
        let written = try #require(Self.written(nested, refusing: ["id"]))
        #expect(String(decoding: written, as: UTF8.self) == (try JSONValue.parse(nested)).canonicalSerialization())
    }

    @Test("the writer can be reused: each object's text replaces the last")
    func reuse() throws {
        var writer = JSONCanonicalWriter()
        for text in [#"{"b": [{"d": 1, "c": 2}], "a": 1}"#, #"{"x": 1"#, #"{"y": "z"}"#] {
            var bytes = text
            let accepted = bytes.withUTF8 { writer.writeObject($0, from: 0) { _ in true } }
            guard accepted else { continue }
            #expect(String(decoding: writer.output, as: UTF8.self) == (try JSONValue.parse(text)).canonicalSerialization())
        }
    }
}
