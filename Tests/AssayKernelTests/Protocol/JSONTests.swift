import AssayKernel
import Foundation
import Testing

@Suite("Strict JSON for messages")
struct JSONTests {
    @Test("non-finite numbers are written as null, never as NaN or Infinity")
    func strictNumbers() {
        let value: JSON = ["nan": .double(.nan), "inf": .double(.infinity), "minus": .double(-.infinity), "half": 0.5]
        #expect(value.text == #"{"half":0.5,"inf":null,"minus":null,"nan":null}"#)
    }

    @Test("integers stay integers, and strings escape quotes, backslashes and control characters")
    func serialisation() {
        let value: JSON = ["count": 3, "text": .string("a\"b\\c\nd\u{1}é"), "list": [true, nil]]
        #expect(value.text == #"{"count":3,"list":[true,null],"text":"a\"b\\c\nd\u0001é"}"#)
    }

    @Test("parsing keeps integers, doubles, booleans and nesting", arguments: [
        (#"{"a": 1, "b": 1.5, "c": true, "d": [null, "x"]}"#, JSON.object(["a": 1, "b": 1.5, "c": true, "d": [nil, "x"]])),
        (#""\u00e9\ud83d\ude00""#, JSON.string("é😀")),
        ("-12", JSON.int(-12)),
    ])
    func parsing(text: String, expected: JSON) throws {
        #expect(try JSON(parsing: Data(text.utf8)) == expected)
    }

    @Test("NaN, Infinity and trailing text are not JSON", arguments: ["NaN", #"{"a": Infinity}"#, "{} x", "{'a': 1}"])
    func rejectsNonJSON(text: String) {
        #expect(throws: (any Error).self) { try JSON(parsing: Data(text.utf8)) }
    }
}
