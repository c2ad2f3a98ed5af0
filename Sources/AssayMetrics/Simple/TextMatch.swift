/// Exact-match and containment metrics on normalised text.
///
/// Texts are compared as Swift strings after ``TextMatchOptions/normalize(_:)``: by
/// Unicode canonical equivalence, so a precomposed `é` equals `e` followed by a combining
/// acute accent, and containment matches whole characters (grapheme clusters).
///
/// ```swift
/// TextMatch.exact("  Paris ", "paris", options: .lenient)          // true
/// TextMatch.contains("The answer is Paris.", "paris", options: .lenient) // true
/// ```
public enum TextMatch {
    /// Whether the prediction equals the expected text after normalisation.
    ///
    /// - Parameters:
    ///   - prediction: The model's output.
    ///   - expected: The expected text.
    ///   - options: The normalisations applied to both; none by default.
    /// - Returns: `true` when the normalised texts are equal.
    public static func exact(_ prediction: String, _ expected: String, options: TextMatchOptions = .none) -> Bool {
        options.normalize(prediction) == options.normalize(expected)
    }

    /// Whether the prediction contains the expected text after normalisation.
    ///
    /// - Parameters:
    ///   - prediction: The model's output.
    ///   - expected: The text that must occur in it; an empty text always occurs.
    ///   - options: The normalisations applied to both; none by default.
    /// - Returns: `true` when the normalised expected text occurs in the normalised prediction.
    public static func contains(_ prediction: String, _ expected: String, options: TextMatchOptions = .none) -> Bool {
        let needle = options.normalize(expected)
        return needle.isEmpty || options.normalize(prediction).contains(needle)
    }
}
