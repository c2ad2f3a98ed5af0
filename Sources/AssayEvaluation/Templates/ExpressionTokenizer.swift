/// A lexical token of the expression language inside `{{ }}` and `{% %}`.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case name(String)
        case string(String)
        case integer(Int)
        case number(Double)
        /// Punctuation and operators: `. | ( ) [ ] , : == != < <= > >= -`.
        case symbol(String)
        case end
    }

    var kind: Kind
    /// Byte offsets in the template.
    var range: Range<Int>

    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol(symbol)
    }

    func isName(_ name: String) -> Bool {
        kind == .name(name)
    }
}

/// Splits the code of one tag into expression tokens (Jinja's lexical rules).
///
/// Strings take single or double quotes and the usual backslash escapes (`\n`, `\t`, `\\`,
/// `\"`, `\'`, `\uXXXX`); an unknown escape keeps its backslash, as in Python. After a `.`,
/// digits form an integer index, so `items.0.1` is two steps rather than a number.
struct ExpressionTokenizer {
    let bytes: [UInt8]
    let range: Range<Int>

    func tokenize() throws(TemplateFailure) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            let start = index
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            if Self.isNameStart(byte) {
                while index < range.upperBound, Self.isNameStart(bytes[index]) || Self.isDigit(bytes[index]) { index += 1 }
                tokens.append(ExpressionToken(kind: .name(text(start..<index)), range: start..<index))
            } else if Self.isDigit(byte) {
                let afterDot = tokens.last?.isSymbol(".") ?? false
                tokens.append(try number(from: &index, integerOnly: afterDot))
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                tokens.append(try string(from: &index))
            } else if let symbol = symbol(at: index) {
                index += symbol.utf8.count
                tokens.append(ExpressionToken(kind: .symbol(symbol), range: start..<index))
            } else {
                throw unexpectedCharacter(at: index)
            }
        }
        tokens.append(ExpressionToken(kind: .end, range: range.upperBound..<range.upperBound))
        return tokens
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func symbol(at index: Int) -> String? {
        if index + 1 < range.upperBound {
            let pair = text(index..<index + 2)
            if ["==", "!=", "<=", ">="].contains(pair) { return pair }
        }
        let single = Character(Unicode.Scalar(bytes[index]))
        return ".|()[],:<>-".contains(single) ? String(single) : nil
    }

    private func unexpectedCharacter(at index: Int) -> TemplateFailure {
        var end = index + 1
        while end < range.upperBound, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = text(index..<end)
        let hint: String? = switch character {
        case "=": "compare with '=='; assignments are not supported"
        case "{", "}": "a '}' or '{' inside an expression usually means a missing or extra brace around it"
        case "~", "+", "*", "/", "%": "arithmetic and '~' are not supported in templates; prepare the value in the suite"
        default: nil
        }
        return .syntax("unexpected character '\(character)' in an expression", at: index..<end, hint: hint)
    }

    private func number(from index: inout Int, integerOnly: Bool) throws(TemplateFailure) -> ExpressionToken {
        let start = index
        while index < range.upperBound, Self.isDigit(bytes[index]) { index += 1 }
        var isInteger = true
        if !integerOnly, index + 1 < range.upperBound, bytes[index] == UInt8(ascii: "."), Self.isDigit(bytes[index + 1]) {
            index += 1
            while index < range.upperBound, Self.isDigit(bytes[index]) { index += 1 }
            isInteger = false
        }
        if !integerOnly, index < range.upperBound, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var probe = index + 1
            if probe < range.upperBound, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < range.upperBound, Self.isDigit(bytes[probe]) {
                index = probe
                while index < range.upperBound, Self.isDigit(bytes[index]) { index += 1 }
                isInteger = false
            }
        }
        let literal = text(start..<index)
        if isInteger, let value = Int(literal) {
            return ExpressionToken(kind: .integer(value), range: start..<index)
        }
        guard let value = Double(literal), value.isFinite else {
            throw .syntax("number \(literal) is out of range", at: start..<index)
        }
        return ExpressionToken(kind: .number(value), range: start..<index)
    }

    private func string(from index: inout Int) throws(TemplateFailure) -> ExpressionToken {
        let start = index
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                return ExpressionToken(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<index)
            }
            if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound {
                index += 1
                try appendEscape(into: &value, at: &index, escapeStart: index - 1)
                continue
            }
            value.append(byte)
            index += 1
        }
        throw .syntax("unterminated string literal", at: start..<start + 1,
                      hint: "close the string with \(quote == UInt8(ascii: "'") ? "'" : "\"") before the end of the tag")
    }

    private func appendEscape(into value: inout [UInt8], at index: inout Int, escapeStart: Int) throws(TemplateFailure) {
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "n"): value.append(0x0A)
        case UInt8(ascii: "t"): value.append(0x09)
        case UInt8(ascii: "r"): value.append(0x0D)
        case UInt8(ascii: "0"): value.append(0x00)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(byte)
        case UInt8(ascii: "u"):
            guard index + 4 <= range.upperBound, let code = UInt32(text(index..<index + 4), radix: 16),
                  let scalar = Unicode.Scalar(code) else {
                throw .syntax("\\u must be followed by four hexadecimal digits of a Unicode scalar", at: escapeStart..<index)
            }
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
            index += 4
        default:
            value.append(UInt8(ascii: "\\"))
            value.append(byte)
        }
    }
}
