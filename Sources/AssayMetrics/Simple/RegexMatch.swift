import Foundation

/// A metric that checks whether a text matches a regular expression.
///
/// Patterns use ICU syntax (`NSRegularExpression`), which for common patterns reads like
/// Python's `re`. The match is a search anywhere in the text, as Python's `re.search`;
/// anchor with `^…$` to require the whole text.
///
/// ```swift
/// let answer = try RegexMatch(#"\b(yes|no)\b"#, ignoresCase: true)
/// answer.matches("Yes, it is.")  // true
/// ```
public struct RegexMatch: Sendable, Hashable {
    /// The pattern as given.
    public let pattern: String
    /// Whether letters match regardless of case.
    public let ignoresCase: Bool
    /// Whether `.` also matches line breaks and `^`/`$` match at every line.
    public let isMultiline: Bool
    private let expression: NSRegularExpression

    /// Compiles a pattern.
    ///
    /// - Parameters:
    ///   - pattern: An ICU regular expression.
    ///   - ignoresCase: Match letters regardless of case.
    ///   - isMultiline: Let `.` match line breaks and `^`/`$` match at line boundaries.
    /// - Throws: ``RegexMatchError`` when the pattern does not compile.
    public init(_ pattern: String, ignoresCase: Bool = false, isMultiline: Bool = false) throws(RegexMatchError) {
        var options: NSRegularExpression.Options = []
        if ignoresCase { options.insert(.caseInsensitive) }
        if isMultiline { options.formUnion([.dotMatchesLineSeparators, .anchorsMatchLines]) }
        do {
            expression = try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw RegexMatchError(pattern: pattern)
        }
        self.pattern = pattern
        self.ignoresCase = ignoresCase
        self.isMultiline = isMultiline
    }

    /// Whether the pattern matches somewhere in `text`.
    ///
    /// - Parameter text: The text to search.
    /// - Returns: `true` when there is at least one match.
    public func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The text of the first match, or of its first capture group when the pattern has one.
    ///
    /// - Parameter text: The text to search.
    /// - Returns: The matched text, or `nil` when nothing matches or the group did not take part.
    public func firstMatch(in text: String) -> String? {
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        let range = match.range(at: match.numberOfRanges > 1 ? 1 : 0)
        return Range(range, in: text).map { String(text[$0]) }
    }

    /// Two metrics are equal when they were compiled from the same pattern and options.
    public static func == (lhs: RegexMatch, rhs: RegexMatch) -> Bool {
        lhs.pattern == rhs.pattern && lhs.ignoresCase == rhs.ignoresCase && lhs.isMultiline == rhs.isMultiline
    }

    /// Hashes the pattern and options.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(ignoresCase)
        hasher.combine(isMultiline)
    }
}

/// A regular expression that does not compile.
public struct RegexMatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern that was rejected.
    public let pattern: String

    /// A message naming the pattern.
    public var description: String {
        "invalid regular expression: \(pattern)"
    }
}
