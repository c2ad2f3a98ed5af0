extension JSONParser {
    /// Parses a string starting at its opening quote and returns its decoded contents.
    package mutating func parseString() throws(JSONParseFailure) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: most strings have no escapes and decode straight from the buffer.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterFailure(at: index, open: open) }
            index += 1
        }
        guard index < bytes.count else {
            throw JSONParseFailure(message: "unterminated string", offset: open)
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw controlCharacterFailure(at: index, open: open) }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &buffer)
            } else {
                buffer.append(byte)
                index += 1
            }
        }
        throw JSONParseFailure(message: "unterminated string", offset: open)
    }

    private func controlCharacterFailure(at offset: Int, open: Int) -> JSONParseFailure {
        let byte = bytes[offset]
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            return JSONParseFailure(message: "unterminated string (a line break cannot appear inside a string; write \\n)", offset: open)
        }
        return JSONParseFailure(
            message: "control character U+\(hex4(UInt32(byte))) must be escaped in a string",
            offset: offset
        )
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONParseFailure) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else {
            throw JSONParseFailure(message: "unterminated escape sequence", offset: escapeStart)
        }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(escapeStart: escapeStart)
            buffer.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw JSONParseFailure(message: "invalid escape sequence \\\(describeEscaped(byte))", offset: escapeStart)
        }
    }

    private func describeEscaped(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "U+\(hex4(UInt32(byte)))"
    }

    /// Parses the four hex digits after `\u`, joining a surrogate pair when one follows.
    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONParseFailure) -> Unicode.Scalar {
        let first = try parseHex4(escapeStart: escapeStart)
        switch first {
        case 0xD800...0xDBFF:
            let lowStart = index
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONParseFailure(message: "unpaired surrogate \\u\(hex4(first)) (expected a low surrogate \\uDC00-\\uDFFF next)", offset: escapeStart)
            }
            index += 2
            let second = try parseHex4(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONParseFailure(message: "unpaired surrogate \\u\(hex4(first)) (followed by \\u\(hex4(second)))", offset: escapeStart)
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw JSONParseFailure(message: "unpaired low surrogate \\u\(hex4(first))", offset: escapeStart)
        default:
            return Unicode.Scalar(first)!
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexDigitValue(bytes[index]) else {
                throw JSONParseFailure(message: "\\u must be followed by four hexadecimal digits", offset: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func isDigit(at offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while isDigit(at: index) { index += 1 }
    }

    /// Parses a number; integers that fit in `Int` stay integers.
    package mutating func parseNumber() throws(JSONParseFailure) -> JSONValue {
        let start = index
        let isNegative = bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        guard isDigit(at: index) else {
            throw JSONParseFailure(message: "expected a digit after '-'", offset: index)
        }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(at: index) {
                throw JSONParseFailure(message: "numbers cannot have leading zeros", offset: integerStart)
            }
        } else {
            skipDigits()
        }
        let integerEnd = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(at: index) else {
                throw JSONParseFailure(message: "expected a digit after the decimal point", offset: index)
            }
            skipDigits()
            isInteger = false
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(at: index) else {
                throw JSONParseFailure(message: "expected a digit in the exponent", offset: index)
            }
            skipDigits()
            isInteger = false
        }
        if isInteger, let value = integerValue(from: integerStart, to: integerEnd, negative: isNegative) {
            return .int(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseFailure(message: "number \(text) is out of the range of a double", offset: start)
        }
        return .double(value)
    }

    /// Accumulates decimal digits as a negative number (so `Int.min` fits); `nil` on overflow.
    private func integerValue(from start: Int, to end: Int, negative: Bool) -> Int? {
        var value = 0
        if end - start <= 18 {
            for offset in start..<end { value = value &* 10 &- Int(bytes[offset] &- UInt8(ascii: "0")) }
        } else {
            for offset in start..<end {
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = shifted.subtractingReportingOverflow(Int(bytes[offset] &- UInt8(ascii: "0")))
                if overflow1 || overflow2 { return nil }
                value = next
            }
        }
        if negative { return value }
        return value == Int.min ? nil : -value
    }
}
