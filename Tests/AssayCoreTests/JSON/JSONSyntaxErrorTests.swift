import Testing
@testable import AssayCore

@Suite("JSON syntax errors")
struct JSONSyntaxErrorTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let id: String
        let text: String
        let message: String
        let offset: Int
        let line: Int
        let column: Int
        var testDescription: String { id }
    }

    @Test("errors give the message, byte offset, line and column of the problem", arguments: [
        Example(id: "missing colon", text: #"{"a" 1}"#, message: "expected ':' after an object key, found '1'",
                offset: 5, line: 1, column: 6),
        Example(id: "trailing comma in array", text: "[1,2,]", message: "trailing comma before ']'",
                offset: 5, line: 1, column: 6),
        Example(id: "bad literal on line 2", text: "{\"a\":1,\n \"b\":tru}", message: "expected a JSON value, found 't'",
                offset: 13, line: 2, column: 6),
        Example(id: "unterminated string", text: #"["abc"#, message: "unterminated string",
                offset: 1, line: 1, column: 2),
        Example(id: "leading zero", text: "[01]", message: "numbers cannot have leading zeros",
                offset: 1, line: 1, column: 2),
        Example(id: "text after the value", text: "[1] x", message: "unexpected 'x' after the end of the JSON value",
                offset: 4, line: 1, column: 5),
        Example(id: "lone high surrogate", text: #""\uD83D""#,
                message: "unpaired surrogate \\uD83D (expected a low surrogate \\uDC00-\\uDFFF next)",
                offset: 1, line: 1, column: 2),
        Example(id: "columns count scalars, offsets count bytes", text: #""é\q""#,
                message: "invalid escape sequence \\q", offset: 3, line: 1, column: 3),
        Example(id: "empty input", text: "  ", message: "expected a JSON value, found the end of the input",
                offset: 2, line: 1, column: 3),
        Example(id: "single quotes", text: "{'a': 1}", message: "expected a string key in double quotes, found '''",
                offset: 1, line: 1, column: 2),
        Example(id: "NaN", text: "[NaN]", message: "NaN and Infinity are not valid JSON numbers",
                offset: 1, line: 1, column: 2),
        Example(id: "raw line break in a string", text: "\"a\nb\"",
                message: "unterminated string (a line break cannot appear inside a string; write \\n)",
                offset: 0, line: 1, column: 1),
        Example(id: "control character", text: "\"a\u{01}\"", message: "control character U+0001 must be escaped in a string",
                offset: 2, line: 1, column: 3),
    ])
    func positions(example: Example) {
        #expect(throws: JSONSyntaxError(message: example.message, offset: example.offset,
                                        line: example.line, column: example.column)) {
            try JSONValue.parse(example.text)
        }
    }

    @Test("the description reads LINE:COLUMN: error: MESSAGE")
    func description() {
        let error = JSONSyntaxError(message: "trailing comma before ']'", offset: 9, line: 2, column: 4)
        #expect(error.description == "2:4: error: trailing comma before ']'")
    }

    @Test("nesting deeper than the limit is an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.message == "arrays and objects nest deeper than 512 levels"
        }
        #expect(throws: Never.self) { try JSONValue.parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)) }
    }
}
