import AssayCore
import Foundation

/// A configuration file parsed with the positions of its entries and their fields.
///
/// `models.json` is a list of objects and `.credentials.json` one object; both need the line and
/// column of each entry and each field value for their error messages, which `JSONValue.parse`
/// does not keep, so this walks the top level with ``JSONParser`` itself.
struct ConfigurationDocument {
    /// One member of an object, with the position of its value.
    struct Member {
        var key: String
        var value: JSONValue
        var source: ConfigurationSource
    }

    /// An object with the position of its opening brace, or another value found where an
    /// object was expected.
    struct Element {
        var source: ConfigurationSource
        /// The members, when the element is an object.
        var members: [Member]?
        /// The value, for messages about non-objects.
        var value: JSONValue
    }

    /// The file's path, as given.
    let path: String

    /// Reads `path`; nil when there is no such file.
    static func read(path: String) throws(ModelConfigurationError) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelConfigurationError(.unreadableFile, path: path, message: "cannot read the file",
                                          hint: "check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelConfigurationError(.unreadableFile, path: path, message: "the file is not UTF-8 text")
        }
        return text
    }

    /// Parses a top-level array whose elements should be objects.
    func parseArray(_ text: String, hint: String) throws(ModelConfigurationError) -> [Element] {
        try withBytes(text) { (parser: inout JSONParser, cursor: inout LineCursor) throws(ModelConfigurationError) -> [Element] in
            parser.skipWhitespace()
            guard parser.peek == UInt8(ascii: "[") else {
                throw layoutError(parser: &parser, cursor: &cursor, expected: "a list of entries", hint: hint)
            }
            do throws(JSONParseFailure) {
                parser.index += 1
                var elements: [Element] = []
                parser.skipWhitespace()
                if parser.peek == UInt8(ascii: "]") {
                    parser.index += 1
                    try expectEnd(&parser)
                    return elements
                }
                while true {
                    parser.skipWhitespace()
                    elements.append(try element(&parser, cursor: &cursor))
                    parser.skipWhitespace()
                    if parser.peek == UInt8(ascii: ",") {
                        parser.index += 1
                        continue
                    }
                    try parser.expect(UInt8(ascii: "]"), "expected ',' or ']' after an entry")
                    try expectEnd(&parser)
                    return elements
                }
            } catch {
                throw syntaxError(error, &cursor)
            }
        }
    }

    /// Parses a top-level object into its members.
    func parseObject(_ text: String, hint: String) throws(ModelConfigurationError) -> [Member] {
        try withBytes(text) { (parser: inout JSONParser, cursor: inout LineCursor) throws(ModelConfigurationError) -> [Member] in
            parser.skipWhitespace()
            guard parser.peek == UInt8(ascii: "{") else {
                throw layoutError(parser: &parser, cursor: &cursor, expected: "an object", hint: hint)
            }
            do throws(JSONParseFailure) {
                let found = try element(&parser, cursor: &cursor)
                try expectEnd(&parser)
                return found.members ?? []
            } catch {
                throw syntaxError(error, &cursor)
            }
        }
    }

    private func withBytes<T>(
        _ text: String, _ body: (inout JSONParser, inout LineCursor) throws(ModelConfigurationError) -> T
    ) throws(ModelConfigurationError) -> T {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ModelConfigurationError) -> T in
                var parser = JSONParser(bytes: buffer)
                var cursor = LineCursor(bytes: buffer)
                return try body(&parser, &cursor)
            }
        }
        return try result.get()
    }

    private func syntaxError(_ failure: JSONParseFailure, _ cursor: inout LineCursor) -> ModelConfigurationError {
        let position = cursor.position(of: failure.offset)
        return ModelConfigurationError(.malformedJSON, path: path, line: position.line, column: position.column,
                                       message: failure.message)
    }

    private func layoutError(
        parser: inout JSONParser, cursor: inout LineCursor, expected: String, hint: String
    ) -> ModelConfigurationError {
        let position = cursor.position(of: parser.index)
        let found = parser.isAtEnd ? "an empty file" : ((try? parser.parseValue())?.kindDescription ?? "invalid JSON")
        return ModelConfigurationError(.malformedJSON, path: path, line: position.line, column: position.column,
                                       message: "expected \(expected), found \(found)", hint: hint)
    }

    private func expectEnd(_ parser: inout JSONParser) throws(JSONParseFailure) {
        parser.skipWhitespace()
        if !parser.isAtEnd {
            throw JSONParseFailure(message: "unexpected \(parser.describeByte(at: parser.index)) after the end of the JSON value",
                                   offset: parser.index)
        }
    }

    private func source(_ offset: Int, _ cursor: inout LineCursor) -> ConfigurationSource {
        let position = cursor.position(of: offset)
        return ConfigurationSource(path: path, line: position.line, column: position.column)
    }

    /// Reads one value; an object member by member, remembering where each value starts.
    private func element(_ parser: inout JSONParser, cursor: inout LineCursor) throws(JSONParseFailure) -> Element {
        let start = parser.index
        guard parser.peek == UInt8(ascii: "{") else {
            let value = try parser.parseValue()
            return Element(source: source(start, &cursor), members: nil, value: value)
        }
        parser.index += 1
        var members: [Member] = []
        var object = JSONObject()
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "}") {
            parser.index += 1
            return Element(source: source(start, &cursor), members: [], value: .object(object))
        }
        while true {
            parser.skipWhitespace()
            guard parser.peek == UInt8(ascii: "\"") else {
                throw JSONParseFailure(message: "expected a string key in double quotes, found \(parser.describeByte(at: parser.index))",
                                       offset: parser.index)
            }
            let key = try parser.parseString()
            try parser.expect(UInt8(ascii: ":"), "expected ':' after an object key")
            parser.skipWhitespace()
            let valueStart = parser.index
            let value = try parser.parseValue()
            members.append(Member(key: key, value: value, source: source(valueStart, &cursor)))
            object[key] = value
            parser.skipWhitespace()
            if parser.peek == UInt8(ascii: ",") {
                parser.index += 1
                continue
            }
            try parser.expect(UInt8(ascii: "}"), "expected ',' or '}' after an object member")
            return Element(source: source(start, &cursor), members: members, value: .object(object))
        }
    }
}
