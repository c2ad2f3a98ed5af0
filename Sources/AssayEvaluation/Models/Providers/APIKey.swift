/// An API key that never prints: its description, debug description and mirror are redacted.
///
/// Keys travel from the credentials files to the request headers inside this wrapper, so that
/// no `print`, string interpolation or error message can show one by accident.
struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself; read only to build a request header.
    let secret: String

    init(_ secret: String) {
        self.secret = secret
    }

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: []) }

    /// `text` with the key, and any word that carries a visible part of it, replaced by `<redacted>`.
    ///
    /// Some providers echo a masked key in their error messages (`Incorrect API key provided:
    /// sk-abc***…wxyz`): a word that shares the key's first or last six characters goes too.
    ///
    /// A key shorter than eight characters (a placeholder such as `x` or `EMPTY`, which local
    /// OpenAI-compatible servers accept) is replaced where it stands as a word of its own, not
    /// inside other words, so that `Check` survives the key `k`.
    func redact(_ text: String) -> String {
        guard !secret.isEmpty else { return text }
        guard secret.count >= 8 else { return Self.replacingWord(secret, in: text) }
        var result = text.replacingOccurrences(of: secret, with: "<redacted>")
        guard secret.count >= 12 else { return result }
        let head = String(secret.prefix(6))
        let tail = String(secret.suffix(6))
        let words = result.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            word.contains(head) || word.contains(tail) ? "<redacted>" : word
        }
        result = words.joined(separator: " ")
        return result
    }

    /// `text` with each occurrence of `word` that no letter or digit touches replaced by `<redacted>`.
    private static func replacingWord(_ word: String, in text: String) -> String {
        var result = ""
        var rest = text[...]
        while let range = rest.range(of: word) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let touches = [before, after].contains { $0?.isLetter == true || $0?.isNumber == true }
            result += rest[..<range.lowerBound]
            result += touches ? String(rest[range]) : "<redacted>"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
