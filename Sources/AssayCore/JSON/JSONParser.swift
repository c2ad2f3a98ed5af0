/// A failure inside ``JSONParser``: a message and the byte offset it refers to.
package struct JSONParseFailure: Error, Sendable {
    /// What is wrong.
    package var message: String
    /// The byte offset of the problem.
    package var offset: Int

    /// Creates a failure.
    package init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

/// A recursive-descent JSON parser over UTF-8 bytes (RFC 8259).
///
/// It works on an unsafe buffer the caller keeps alive, and exposes its steps (`skipWhitespace`,
/// `parseValue`, `parseString`) so suite loaders can walk a document's top level themselves and
/// remember where each case starts. The bytes must be valid UTF-8.
package struct JSONParser {
    /// Deeper nesting is refused rather than risking the stack.
    package static let maximumDepth = 512

    package private(set) var bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next unread byte.
    package var index: Int
    private var depth = 0
    /// The members and elements of the objects and arrays being parsed, innermost last. Each
    /// object or array is made from its part when it closes, so its storage is allocated once at
    /// its exact size instead of growing (and being copied) member by member.
    private var pendingMembers: [(key: String, value: JSONValue)] = []
    private var pendingElements: [JSONValue] = []

    /// Creates a parser reading `bytes` from `start`.
    package init(bytes: UnsafeBufferPointer<UInt8>, start: Int = 0) {
        self.bytes = bytes
        self.index = start
    }

    /// Starts over on other bytes, keeping the parser's working storage (for reading many small
    /// documents, such as the lines of a JSONL file).
    package mutating func restart(on bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = 0
        depth = 0
        pendingMembers.removeAll(keepingCapacity: true)
        pendingElements.removeAll(keepingCapacity: true)
    }

    /// Parses one value that must fill the buffer, apart from surrounding whitespace.
    package mutating func parseDocument() throws(JSONParseFailure) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw JSONParseFailure(message: "expected a JSON value, found the end of the input", offset: index)
        }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw JSONParseFailure(
                message: "unexpected \(describeByte(at: index)) after the end of the JSON value",
                offset: index
            )
        }
        return value
    }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { index >= bytes.count }

    /// The next unread byte, or nil at the end.
    package var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Skips JSON whitespace.
    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` after optional whitespace, or fails with `expectation`, found what.
    package mutating func expect(_ byte: UInt8, _ expectation: String) throws(JSONParseFailure) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else {
            throw JSONParseFailure(message: "\(expectation), found \(describeByte(at: index))", offset: index)
        }
        index += 1
    }

    /// Parses one value after optional whitespace.
    package mutating func parseValue() throws(JSONParseFailure) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else {
            throw JSONParseFailure(message: "expected a JSON value, found the end of the input", offset: index)
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "'"):
            throw JSONParseFailure(message: "JSON strings use double quotes, not single quotes", offset: index)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw JSONParseFailure(message: "NaN and Infinity are not valid JSON numbers", offset: index)
        default:
            throw JSONParseFailure(message: "expected a JSON value, found \(describeByte(at: index))", offset: index)
        }
    }

    private mutating func enter() throws(JSONParseFailure) {
        depth += 1
        if depth > Self.maximumDepth {
            throw JSONParseFailure(message: "arrays and objects nest deeper than \(Self.maximumDepth) levels", offset: index)
        }
    }

    private mutating func parseObject() throws(JSONParseFailure) -> JSONObject {
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return JSONObject()
        }
        let base = pendingMembers.count
        defer { pendingMembers.removeSubrange(base...) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                let message = peek == UInt8(ascii: "}")
                    ? "trailing comma before '}'"
                    : "expected a string key in double quotes, found \(describeByte(at: index))"
                throw JSONParseFailure(message: message, offset: index)
            }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "expected ':' after an object key")
            let value = try parseValue()
            pendingMembers.append((key, value))
            skipWhitespace()
            guard index < bytes.count else {
                throw JSONParseFailure(message: "unterminated object: expected ',' or '}'", offset: index)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return JSONObject(parsedMembers: pendingMembers[base...])
            } else {
                throw JSONParseFailure(
                    message: "expected ',' or '}' after an object member, found \(describeByte(at: index))",
                    offset: index
                )
            }
        }
    }

    private mutating func parseArray() throws(JSONParseFailure) -> [JSONValue] {
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return []
        }
        let base = pendingElements.count
        defer { pendingElements.removeSubrange(base...) }
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                throw JSONParseFailure(message: "trailing comma before ']'", offset: index)
            }
            let element = try parseValue()
            pendingElements.append(element)
            skipWhitespace()
            guard index < bytes.count else {
                throw JSONParseFailure(message: "unterminated array: expected ',' or ']'", offset: index)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return Array(pendingElements[base...])
            } else {
                throw JSONParseFailure(
                    message: "expected ',' or ']' after an array element, found \(describeByte(at: index))",
                    offset: index
                )
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONParseFailure) {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard index + count <= bytes.count else {
            throw JSONParseFailure(message: "expected a JSON value, found \(describeByte(at: index))", offset: index)
        }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw JSONParseFailure(message: "expected a JSON value, found \(describeByte(at: index))", offset: index)
        }
        index += count
    }

    /// Describes the byte at `offset` for a message: `'x'`, `a line break`, `the end of the input`.
    package func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        let byte = bytes[offset]
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "a line break"
        case 0..<0x20: return "control character U+\(hex4(UInt32(byte)))"
        case 0x80...:
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self))'"
        default: return "'\(Character(Unicode.Scalar(byte)))'"
        }
    }
}

/// Four uppercase hexadecimal digits, zero-padded.
func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
