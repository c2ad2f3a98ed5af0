/// One piece of a template: literal text, an `{{ expression }}`, a `{% tag %}` or a comment.
struct TemplateToken: Sendable {
    enum Kind: Sendable {
        case text, output, tag, comment
    }

    var kind: Kind
    /// The whole token, delimiters included, as byte offsets in the template.
    var range: Range<Int>
    /// The code between the delimiters and any `-`/`+` whitespace markers.
    var code: Range<Int>
    /// `{{-` / `{%-` / `{#-`: strip whitespace (line breaks included) before the token.
    var trimsBefore = false
    /// `-}}` / `-%}` / `-#}`: strip whitespace after the token.
    var trimsAfter = false
    /// The literal text of a text token, after whitespace control.
    var text = ""
}

/// Splits template text into tokens, Jinja-style.
///
/// A token starts at the first `{` followed by `{`, `%` or `#`, and ends at the first matching
/// `}}`, `%}` or `#}` (quotes inside a token are not special, as in Stencil). An unclosed token
/// is an error here, where Stencil would silently drop the rest of the text. `{% raw %}…{%
/// endraw %}` keeps its contents as literal text, and `-` beside a delimiter strips the
/// whitespace on that side, as in Jinja.
struct TemplateLexer {
    let bytes: [UInt8]

    func tokenize() throws(TemplateFailure) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var index = 0
        var textStart = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), let (kind, closer) = Self.opening(bytes[index + 1]) else {
                index += 1
                continue
            }
            guard let end = find(closer, UInt8(ascii: "}"), from: index + 2) else {
                let opener = String(decoding: bytes[index..<index + 2], as: UTF8.self)
                let expected = String(decoding: [closer, UInt8(ascii: "}")], as: UTF8.self)
                throw .syntax("unclosed '\(opener)': expected '\(expected)' to close it", at: index..<index + 2)
            }
            appendText(textStart..<index, to: &tokens)
            let token = makeToken(kind, range: index..<end + 2)
            tokens.append(token)
            index = end + 2
            textStart = index
            if kind == .tag, codeText(token.code) == "raw" {
                guard let (endraw, trims) = findEndRaw(from: index) else {
                    throw .syntax("'raw' is never closed", at: token.range, hint: "add {% endraw %} after the literal text")
                }
                tokens[tokens.count - 1].kind = .comment
                appendText(index..<endraw.lowerBound, to: &tokens)
                tokens.append(TemplateToken(kind: .comment, range: endraw, code: endraw,
                                            trimsBefore: trims.before, trimsAfter: trims.after))
                index = endraw.upperBound
                textStart = index
            }
        }
        appendText(textStart..<bytes.count, to: &tokens)
        applyWhitespaceControl(&tokens)
        return tokens
    }

    /// The source text of a byte range, trimmed of surrounding whitespace.
    func codeText(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self).trimmingWhitespace()
    }

    private static func opening(_ byte: UInt8) -> (TemplateToken.Kind, UInt8)? {
        switch byte {
        case UInt8(ascii: "{"): (.output, UInt8(ascii: "}"))
        case UInt8(ascii: "%"): (.tag, UInt8(ascii: "%"))
        case UInt8(ascii: "#"): (.comment, UInt8(ascii: "#"))
        default: nil
        }
    }

    private func find(_ first: UInt8, _ second: UInt8, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == first && bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    private func makeToken(_ kind: TemplateToken.Kind, range: Range<Int>) -> TemplateToken {
        var code = range.lowerBound + 2..<range.upperBound - 2
        var token = TemplateToken(kind: kind, range: range, code: code)
        if let first = code.first, bytes[first] == UInt8(ascii: "-") || bytes[first] == UInt8(ascii: "+") {
            token.trimsBefore = bytes[first] == UInt8(ascii: "-")
            code = code.dropFirst()
        }
        if let last = code.last, bytes[last] == UInt8(ascii: "-") || bytes[last] == UInt8(ascii: "+") {
            token.trimsAfter = bytes[last] == UInt8(ascii: "-")
            code = code.dropLast()
        }
        token.code = code
        return token
    }

    private func appendText(_ range: Range<Int>, to tokens: inout [TemplateToken]) {
        guard !range.isEmpty else { return }
        tokens.append(TemplateToken(kind: .text, range: range, code: range,
                                    text: String(decoding: bytes[range], as: UTF8.self)))
    }

    /// Finds `{% endraw %}` (with optional whitespace markers) at or after `start`.
    private func findEndRaw(from start: Int) -> (Range<Int>, (before: Bool, after: Bool))? {
        var search = start
        while let open = find(UInt8(ascii: "{"), UInt8(ascii: "%"), from: search) {
            search = open + 2
            guard let close = find(UInt8(ascii: "%"), UInt8(ascii: "}"), from: open + 2) else { return nil }
            let token = makeToken(.tag, range: open..<close + 2)
            if codeText(token.code) == "endraw" {
                return (token.range, (token.trimsBefore, token.trimsAfter))
            }
        }
        return nil
    }

    private func applyWhitespaceControl(_ tokens: inout [TemplateToken]) {
        for index in tokens.indices where tokens[index].kind == .text {
            if index > 0, tokens[index - 1].trimsAfter {
                tokens[index].text = String(tokens[index].text.drop { $0.isWhitespace })
            }
            if index + 1 < tokens.count, tokens[index + 1].trimsBefore {
                var text = tokens[index].text
                while let last = text.last, last.isWhitespace { text.removeLast() }
                tokens[index].text = text
            }
        }
    }
}
