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
    func redact(_ text: String) -> String {
        guard !secret.isEmpty else { return text }
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
}
