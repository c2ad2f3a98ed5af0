import AssayCore

extension SuiteLoader {
    private static let jsonLayoutHint = "write an array of case objects, [{\"input\": ...}, ...], "
        + "or an object with a \"cases\" array, {\"cases\": [...]}"

    /// Reads a top-level array of cases, or an object whose `cases` member is that array.
    static func readJSON(_ bytes: UnsafeBufferPointer<UInt8>, into collector: inout CaseCollector) throws(SuiteLoadError) {
        var parser = JSONParser(bytes: bytes)
        var cursor = LineCursor(bytes: bytes)
        do {
            parser.skipWhitespace()
            switch parser.peek {
            case UInt8(ascii: "[")?:
                try readCaseArray(&parser, cursor: &cursor, into: &collector)
            case UInt8(ascii: "{")?:
                try readWrapper(&parser, cursor: &cursor, into: &collector)
            default:
                let start = parser.index
                let found = parser.isAtEnd ? "an empty file" : try parser.parseValue().kindDescription
                throw layoutError("expected an array of cases or an object with a \"cases\" array, found \(found)",
                                  at: start, cursor: &cursor, path: collector.path)
            }
            parser.skipWhitespace()
            if !parser.isAtEnd {
                throw JSONParseFailure(message: "unexpected \(parser.describeByte(at: parser.index)) after the end of the JSON value",
                                       offset: parser.index)
            }
        } catch let failure as JSONParseFailure {
            let position = cursor.position(of: failure.offset)
            throw SuiteLoadError(.malformedRecord, path: collector.path, line: position.line,
                                 column: position.column, message: failure.message)
        } catch let error as SuiteLoadError {
            throw error
        } catch {
            throw SuiteLoadError(.malformedRecord, path: collector.path, message: "\(error)")
        }
    }

    private static func layoutError(_ message: String, at offset: Int, cursor: inout LineCursor, path: String) -> SuiteLoadError {
        let position = cursor.position(of: offset)
        return SuiteLoadError(.invalidLayout, path: path, line: position.line, column: position.column,
                              message: message, hint: jsonLayoutHint)
    }

    private static func readWrapper(
        _ parser: inout JSONParser, cursor: inout LineCursor, into collector: inout CaseCollector
    ) throws(any Error) {
        let objectStart = parser.index
        parser.index += 1
        var sawCases = false
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                parser.skipWhitespace()
                guard parser.peek == UInt8(ascii: "\"") else {
                    throw JSONParseFailure(message: "expected a string key in double quotes, found \(parser.describeByte(at: parser.index))",
                                           offset: parser.index)
                }
                let key = try parser.parseString()
                try parser.expect(UInt8(ascii: ":"), "expected ':' after an object key")
                parser.skipWhitespace()
                if key == "cases" {
                    guard parser.peek == UInt8(ascii: "[") else {
                        let start = parser.index
                        let found = try parser.parseValue().kindDescription
                        throw layoutError("\"cases\" must be an array of case objects, found \(found)",
                                          at: start, cursor: &cursor, path: collector.path)
                    }
                    try readCaseArray(&parser, cursor: &cursor, into: &collector)
                    sawCases = true
                } else {
                    _ = try parser.parseValue()
                }
                parser.skipWhitespace()
                if parser.peek == UInt8(ascii: ",") {
                    parser.index += 1
                } else {
                    try parser.expect(UInt8(ascii: "}"), "expected ',' or '}' after an object member")
                    break
                }
            }
        }
        if !sawCases {
            throw layoutError("the top-level object has no \"cases\" array", at: objectStart,
                              cursor: &cursor, path: collector.path)
        }
    }

    private static func readCaseArray(
        _ parser: inout JSONParser, cursor: inout LineCursor, into collector: inout CaseCollector
    ) throws(any Error) {
        parser.index += 1
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "]") {
            parser.index += 1
            return
        }
        while true {
            parser.skipWhitespace()
            if parser.peek == UInt8(ascii: "]") {
                throw JSONParseFailure(message: "trailing comma before ']'", offset: parser.index)
            }
            let start = cursor.position(of: parser.index)
            let record = try parser.parseValue()
            try collector.add(record, line: start.line, column: start.column,
                              hintForNonObject: "each element of the cases array is one case object, {\"input\": ...}")
            parser.skipWhitespace()
            if parser.peek == UInt8(ascii: ",") {
                parser.index += 1
            } else {
                try parser.expect(UInt8(ascii: "]"), "expected ',' or ']' after an array element")
                return
            }
        }
    }
}
