/// Turns source text into tokens.
///
/// New lines inside brackets are dropped, so an expression may span lines while a bracket is open.
/// Errors are returned as diagnostics; a diagnostic whose id starts with `syntax.incomplete` means
/// the input stopped too early (an open bracket or string), which the shell answers with a
/// continuation prompt rather than an error.
public struct Lexer {
    private let source: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var brackets: [(byte: UInt8, offset: Int)] = []

    /// Creates a lexer over a source file.
    public init(source: SourceFile) {
        self.source = source
        self.bytes = Array(source.text.utf8)
    }

    /// All tokens of the source, ending with `.endOfInput`.
    public mutating func tokenize() throws(Diagnostic) -> [Token] {
        var tokens: [Token] = []
        var sawSpace = true
        while true {
            let skipped = skipSpaceAndComments()
            sawSpace = sawSpace || skipped
            guard position < bytes.count else { break }
            let start = position
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                position += 1
                if brackets.isEmpty, let last = tokens.last, last.kind != .newline {
                    tokens.append(Token(kind: .newline, range: SourceRange(start: start, end: start + 1), isPrecededBySpace: sawSpace))
                }
                sawSpace = true
                continue
            }
            let kind = try lexToken(startingWith: byte)
            tokens.append(Token(kind: kind, range: SourceRange(start: start, end: position), isPrecededBySpace: sawSpace))
            sawSpace = false
        }
        if let open = brackets.last {
            let closing = open.byte == UInt8(ascii: "(") ? ")" : open.byte == UInt8(ascii: "[") ? "]" : "}"
            throw Diagnostic(
                id: "syntax.incomplete.unclosed-bracket",
                message: "'\(Character(Unicode.Scalar(open.byte)))' is never closed",
                range: SourceRange(start: open.offset, end: open.offset + 1),
                source: source,
                hint: "add '\(closing)' to close it"
            )
        }
        tokens.append(Token(kind: .endOfInput, range: SourceRange(start: bytes.count, end: bytes.count), isPrecededBySpace: sawSpace))
        return tokens
    }

    /// Skips blanks and `#` comments; returns whether anything was skipped.
    private mutating func skipSpaceAndComments() -> Bool {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                position += 1
            } else if byte == UInt8(ascii: "\n"), !brackets.isEmpty {
                position += 1
            } else if byte == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else {
                break
            }
        }
        return position > start
    }

    private mutating func lexToken(startingWith byte: UInt8) throws(Diagnostic) -> TokenKind {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try lexNumber()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try lexString(quote: byte)
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            brackets.append((byte, position))
            position += 1
            return byte == UInt8(ascii: "(") ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return try closeBracket(byte)
        case UInt8(ascii: ","): position += 1; return .comma
        case UInt8(ascii: ":"): position += 1; return .colon
        case UInt8(ascii: ";"): position += 1; return .semicolon
        case UInt8(ascii: "+"): position += 1; return .plus
        case UInt8(ascii: "-"): position += 1; return .minus
        case UInt8(ascii: "*"): position += 1; return .star
        case UInt8(ascii: "/"): position += 1; return .slash
        case UInt8(ascii: "%"): position += 1; return .percent
        case UInt8(ascii: "?"): position += 1; return .question
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { position += 2; return .equal }
            if peek(1) == UInt8(ascii: ">") { position += 2; return .arrow }
            position += 1
            return .assign
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") { position += 2; return .notEqual }
            throw unexpected("'!' is not an operator", hint: "use 'not' for negation or '!=' for inequality")
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") { position += 2; return .lessEqual }
            position += 1
            return .less
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") { position += 2; return .greaterEqual }
            position += 1
            return .greater
        case UInt8(ascii: "&"):
            throw unexpected("'&' is not an operator", hint: "use 'and'")
        case UInt8(ascii: "|"):
            throw unexpected("'|' is not an operator", hint: "use 'or'")
        default:
            if isIdentifierStart(byte) { return lexIdentifier() }
            return try lexUnexpected()
        }
    }

    private mutating func closeBracket(_ byte: UInt8) throws(Diagnostic) -> TokenKind {
        let expectedOpen: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
        guard let open = brackets.last else {
            throw unexpected("'\(Character(Unicode.Scalar(byte)))' has no matching opening bracket")
        }
        guard open.byte == expectedOpen else {
            let closing = open.byte == UInt8(ascii: "(") ? ")" : open.byte == UInt8(ascii: "[") ? "]" : "}"
            let openLocation = source.location(of: open.offset)
            throw unexpected(
                "'\(Character(Unicode.Scalar(byte)))' does not match '\(Character(Unicode.Scalar(open.byte)))' opened at line \(openLocation.line), column \(openLocation.column)",
                hint: "close it with '\(closing)' first"
            )
        }
        brackets.removeLast()
        position += 1
        return byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace
    }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private mutating func lexIdentifier() -> TokenKind {
        let start = position
        while position < bytes.count, isIdentifierPart(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        if let keyword = Keyword(rawValue: name) { return .keyword(keyword) }
        return .identifier(name)
    }

    private mutating func lexNumber() throws(Diagnostic) -> TokenKind {
        let start = position
        var isFloat = false
        func digits() { while position < bytes.count, (bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9")) || bytes[position] == UInt8(ascii: "_") { position += 1 } }
        digits()
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), bytes[position + 1] >= UInt8(ascii: "0"), bytes[position + 1] <= UInt8(ascii: "9") {
            isFloat = true
            position += 1
            digits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            var look = position + 1
            if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") { look += 1 }
            if look < bytes.count, bytes[look] >= UInt8(ascii: "0"), bytes[look] <= UInt8(ascii: "9") {
                isFloat = true
                position = look
                digits()
            }
        }
        let text = String(String(decoding: bytes[start..<position], as: UTF8.self).filter { $0 != "_" })
        if position < bytes.count, isIdentifierStart(bytes[position]) {
            let end = position
            while position < bytes.count, isIdentifierPart(bytes[position]) { position += 1 }
            throw Diagnostic(
                id: "syntax.bad-number", message: "a name cannot start with a digit",
                range: SourceRange(start: start, end: position), source: source,
                hint: end > start ? "put an operator or a space after the number" : nil
            )
        }
        if !isFloat, let value = Int(text) { return .integer(value) }
        if let value = Double(text) { return .float(value) }
        throw Diagnostic(id: "syntax.bad-number", message: "'\(text)' is not a number", range: SourceRange(start: start, end: position), source: source)
    }

    private mutating func lexUnexpected() throws(Diagnostic) -> TokenKind {
        let start = position
        let scalarText = source.slice(from: start, to: min(bytes.count, start + 4))
        let character = scalarText.first.map(String.init) ?? "?"
        position += max(1, character.utf8.count)
        throw Diagnostic(
            id: "syntax.unexpected-character", message: "unexpected character '\(character)'",
            range: SourceRange(start: start, end: position), source: source
        )
    }

    private func unexpected(_ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(id: "syntax.unexpected-character", message: message, range: SourceRange(start: position, end: position + 1), source: source, hint: hint)
    }

    private mutating func lexString(quote: UInt8) throws(Diagnostic) -> TokenKind {
        if quote == UInt8(ascii: "\""), peek(1) == quote, peek(2) == quote {
            return try lexTripleQuotedString()
        }
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var segmentStart = position
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                throw Diagnostic(
                    id: "syntax.unterminated-string", message: "string is never closed",
                    range: SourceRange(start: start, end: position), source: source,
                    hint: "add \(Character(Unicode.Scalar(quote))) at the end, or use \"\"\"…\"\"\" for text over several lines"
                )
            }
            let byte = bytes[position]
            if byte == quote {
                scalars.append(contentsOf: String(decoding: bytes[segmentStart..<position], as: UTF8.self).unicodeScalars)
                position += 1
                return .string(String(scalars))
            }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: String(decoding: bytes[segmentStart..<position], as: UTF8.self).unicodeScalars)
                scalars.append(contentsOf: try lexEscape())
                segmentStart = position
                continue
            }
            position += 1
        }
    }

    private mutating func lexTripleQuotedString() throws(Diagnostic) -> TokenKind {
        let start = position
        position += 3
        var raw = String.UnicodeScalarView()
        var segmentStart = position
        while true {
            guard position < bytes.count else {
                throw Diagnostic(
                    id: "syntax.incomplete.unterminated-string", message: "triple-quoted string is never closed",
                    range: SourceRange(start: start, end: start + 3), source: source, hint: "add \"\"\" to close it"
                )
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                raw.append(contentsOf: String(decoding: bytes[segmentStart..<position], as: UTF8.self).unicodeScalars)
                position += 3
                return .string(Self.removingCommonIndentation(String(raw)))
            }
            if byte == UInt8(ascii: "\\") {
                raw.append(contentsOf: String(decoding: bytes[segmentStart..<position], as: UTF8.self).unicodeScalars)
                raw.append(contentsOf: try lexEscape())
                segmentStart = position
                continue
            }
            position += 1
        }
    }

    /// Lexes one escape sequence starting at a backslash.
    private mutating func lexEscape() throws(Diagnostic) -> String.UnicodeScalarView {
        let start = position
        position += 1
        guard position < bytes.count else {
            throw Diagnostic(id: "syntax.bad-escape", message: "a backslash ends the input", range: SourceRange(start: start, end: position), source: source)
        }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "n"): return "\n".unicodeScalars
        case UInt8(ascii: "t"): return "\t".unicodeScalars
        case UInt8(ascii: "r"): return "\r".unicodeScalars
        case UInt8(ascii: "0"): return "\0".unicodeScalars
        case UInt8(ascii: "\\"): return "\\".unicodeScalars
        case UInt8(ascii: "\""): return "\"".unicodeScalars
        case UInt8(ascii: "'"): return "'".unicodeScalars
        case UInt8(ascii: "\n"): return String.UnicodeScalarView()
        case UInt8(ascii: "u"):
            var hex = ""
            if position < bytes.count, bytes[position] == UInt8(ascii: "{") {
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "}"), hex.count < 8 {
                    hex.append(Character(Unicode.Scalar(bytes[position])))
                    position += 1
                }
                position += 1
            } else {
                while position < bytes.count, hex.count < 4 {
                    hex.append(Character(Unicode.Scalar(bytes[position])))
                    position += 1
                }
            }
            if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                return String(scalar).unicodeScalars
            }
            throw Diagnostic(
                id: "syntax.bad-escape", message: "'\\u\(hex)' is not a Unicode scalar",
                range: SourceRange(start: start, end: position), source: source, hint: "write \\u{1F600} or \\u00e9"
            )
        default:
            throw Diagnostic(
                id: "syntax.bad-escape", message: "unknown escape '\\\(Character(Unicode.Scalar(byte)))'",
                range: SourceRange(start: start, end: position), source: source,
                hint: "escapes are \\n \\t \\r \\0 \\\\ \\\" \\' and \\u{…}; write \\\\ for a backslash"
            )
        }
    }

    /// Drops a leading new line and a trailing blank line, then the indentation all lines share.
    static func removingCommonIndentation(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.first?.allSatisfy({ $0 == " " || $0 == "\t" }) == true { lines.removeFirst() }
        if lines.count > 1, lines.last?.allSatisfy({ $0 == " " || $0 == "\t" }) == true { lines.removeLast() }
        let indents = lines.filter { !$0.allSatisfy({ $0 == " " || $0 == "\t" }) }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        return lines.map { line in
            line.allSatisfy({ $0 == " " || $0 == "\t" }) ? "" : String(line.dropFirst(common))
        }.joined(separator: "\n")
    }
}
