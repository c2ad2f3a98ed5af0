import AssayCore
import AssayKernel
import Foundation
import Testing

@Suite("JSON as messages carry it")
struct WireJSONTests {
    private func wireText(_ value: JSONValue) -> String {
        String(decoding: value.wireBytes, as: UTF8.self)
    }

    @Test("non-finite numbers are written as null, never as NaN or Infinity")
    func strictNumbers() {
        let value: JSONValue = ["nan": .double(.nan), "inf": .double(.infinity), "minus": .double(-.infinity), "half": 0.5]
        #expect(wireText(value) == #"{"nan":null,"inf":null,"minus":null,"half":0.5}"#)
    }

    @Test("keys keep their order, integers stay integers, and strings escape quotes, backslashes and control characters")
    func serialisation() {
        let value: JSONValue = ["count": 3, "text": .string("a\"b\\c\nd\u{1}é"), "list": [true, nil, ["z": 1, "a": 2]]]
        #expect(wireText(value) == #"{"count":3,"text":"a\"b\\c\nd\u0001é","list":[true,null,{"z":1,"a":2}]}"#)
    }

    @Test("parsing keeps integers, doubles, booleans and nesting", arguments: [
        (#"{"a": 1, "b": 1.5, "c": true, "d": [null, "x"]}"#, JSONValue.object(["a": 1, "b": 1.5, "c": true, "d": [nil, "x"]])),
        (#""\u00e9\ud83d\ude00""#, JSONValue.string("é😀")),
        ("-12", JSONValue.int(-12)),
    ])
    func parsing(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: Data(text.utf8)) == expected)
    }

    @Test("NaN, Infinity, trailing text and bytes that are not UTF-8 are not JSON",
          arguments: [Data("NaN".utf8), Data(#"{"a": Infinity}"#.utf8), Data("{} x".utf8), Data("{'a': 1}".utf8), Data([0x22, 0xFF, 0x22])])
    func rejectsNonJSON(bytes: Data) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: bytes) }
    }

    @Test("integer fields accept a double without a fraction, as some clients send them")
    func protocolIntegers() {
        #expect(JSONValue.int(3).protocolInt == 3)
        #expect(JSONValue.double(3).protocolInt == 3)
        #expect(JSONValue.double(3.5).protocolInt == nil)
        #expect(JSONValue.string("3").protocolInt == nil)
    }
}
