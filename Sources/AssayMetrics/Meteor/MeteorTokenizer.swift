/// Splits text into words and single punctuation marks, as METEOR's reference data does.
///
/// The result equals Python's `re.findall(r"\w+|[^\w\s]", text)` on a `str`: maximal
/// runs of word characters (letters, characters with a numeric value, and `_`), and every
/// other character that is not whitespace as a token of its own. Word and whitespace
/// characters follow CPython's Unicode definitions, so combining marks and curly quotes
/// become separate tokens. Tokens keep their Unicode scalars exactly (no normalisation).
///
/// ```swift
/// MeteorTokenizer.tokenize("Profit rose 5% to $943M.")
/// // ["Profit", "rose", "5", "%", "to", "$", "943M", "."]
/// ```
public enum MeteorTokenizer {
    /// Splits `text` into tokens.
    ///
    /// - Parameter text: Any text; line breaks count as whitespace.
    /// - Returns: The tokens in order of appearance.
    public static func tokenize(_ text: String) -> [String] {
        let scalars = text.unicodeScalars
        var tokens: [String] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if PythonString.isWordCharacter(scalar) {
                var end = next
                while end < scalars.endIndex, PythonString.isWordCharacter(scalars[end]) {
                    end = scalars.index(after: end)
                }
                tokens.append(String(scalars[index..<end]))
                index = end
            } else {
                if !PythonString.isWhitespace(scalar) {
                    tokens.append(String(scalars[index..<next]))
                }
                index = next
            }
        }
        return tokens
    }
}
