extension JSONValue {
    /// Parses a complete JSON text (RFC 8259).
    ///
    /// The whole grammar is accepted, including every escape and UTF-16 surrogate pairs written
    /// as `\uD83D\uDE00`. Integers that fit in `Int` become ``int(_:)``; other numbers become
    /// ``double(_:)``. Object keys keep their order; a repeated key keeps its first position and
    /// its last value. `NaN`, `Infinity`, comments and trailing commas are errors.
    ///
    /// - Parameter text: The JSON text.
    /// - Returns: The parsed value.
    /// - Throws: ``JSONSyntaxError`` with the byte offset, line and column of the first problem.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(utf8: buffer) }
        }
        return try result.get()
    }

    /// Parses a complete JSON text from valid UTF-8 bytes.
    static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: buffer)
        do {
            return try parser.parseDocument()
        } catch {
            throw JSONSyntaxError(failure: error, in: buffer)
        }
    }
}

extension JSONSyntaxError {
    /// Places a parser failure in the text it came from.
    init(failure: JSONParseFailure, in buffer: UnsafeBufferPointer<UInt8>) {
        let position = SourcePosition(offset: failure.offset, in: buffer)
        self.init(message: failure.message, offset: failure.offset, line: position.line, column: position.column)
    }
}
