/// Similarity of two texts from their Levenshtein edit distance.
///
/// Texts are compared as sequences of Unicode scalars (code points), as Python's
/// `Levenshtein` and `editdistance` packages compare `str`; a character built from several
/// scalars (an emoji with a skin tone, `e` plus a combining accent) counts as several.
/// Compare normalised forms (for example NFC) if that matters.
///
/// ```swift
/// EditSimilarity.distance("kitten", "sitting")   // 3
/// EditSimilarity.similarity("kitten", "sitting") // 1 - 3/7
/// ```
public enum EditSimilarity {
    /// The Levenshtein distance: the fewest single-scalar insertions, deletions and
    /// substitutions that turn one text into the other.
    ///
    /// - Parameters:
    ///   - first: One text.
    ///   - second: The other text.
    /// - Returns: The distance, between 0 and the longer length.
    public static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(first.unicodeScalars)
        let b = Array(second.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Two rows of the dynamic-programming table suffice.
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// 1 − distance / length of the longer text, in [0, 1]; 1 for two empty texts.
    ///
    /// - Parameters:
    ///   - first: One text.
    ///   - second: The other text.
    /// - Returns: 1 for identical texts, 0 when no scalar can be kept.
    public static func similarity(_ first: String, _ second: String) -> Double {
        let longer = max(first.unicodeScalars.count, second.unicodeScalars.count)
        guard longer > 0 else { return 1 }
        return 1 - Double(distance(first, second)) / Double(longer)
    }
}
