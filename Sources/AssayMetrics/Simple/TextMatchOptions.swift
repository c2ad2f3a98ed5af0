/// How texts are normalised before ``TextMatch`` compares them.
///
/// The steps run in a fixed order: punctuation removal, then case folding, then whitespace
/// normalisation, so `"Paris , France"` with all three options becomes `"paris france"`.
public struct TextMatchOptions: Sendable, Hashable {
    /// Compare lower-cased text (Unicode full lower-case mapping).
    public var ignoresCase: Bool
    /// Trim leading and trailing whitespace and collapse every run of whitespace
    /// (any Unicode White_Space character, line breaks included) to one space.
    public var normalizesWhitespace: Bool
    /// Delete punctuation: every character of Unicode category P (connector, dash, open,
    /// close, initial, final and other punctuation) and the ASCII symbols
    /// `` $ + < = > ^ ` | ~ ``, so that on ASCII text exactly Python's
    /// `string.punctuation` is removed. Other symbols (such as `€` or `©`) stay.
    public var removesPunctuation: Bool

    /// No normalisation: texts must be equal as they are.
    public static let none = TextMatchOptions()

    /// Every normalisation: case, whitespace and punctuation are all ignored.
    public static let lenient = TextMatchOptions(ignoresCase: true, normalizesWhitespace: true, removesPunctuation: true)

    /// Creates a set of options; each defaults to off.
    ///
    /// - Parameters:
    ///   - ignoresCase: Compare lower-cased text.
    ///   - normalizesWhitespace: Trim and collapse whitespace.
    ///   - removesPunctuation: Delete punctuation.
    public init(ignoresCase: Bool = false, normalizesWhitespace: Bool = false, removesPunctuation: Bool = false) {
        self.ignoresCase = ignoresCase
        self.normalizesWhitespace = normalizesWhitespace
        self.removesPunctuation = removesPunctuation
    }

    /// Applies the enabled normalisations to `text`.
    ///
    /// - Parameter text: The text to normalise.
    /// - Returns: The normalised text.
    public func normalize(_ text: String) -> String {
        var result = text
        if removesPunctuation {
            result = String(String.UnicodeScalarView(result.unicodeScalars.filter { !Self.isPunctuation($0) }))
        }
        if ignoresCase {
            result = result.lowercased()
        }
        if normalizesWhitespace {
            result = result.unicodeScalars
                .split(whereSeparator: \.properties.isWhitespace)
                .map { String($0) }
                .joined(separator: " ")
        }
        return result
    }

    private static let asciiSymbols: Set<Unicode.Scalar> = ["$", "+", "<", "=", ">", "^", "`", "|", "~"]

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return asciiSymbols.contains(scalar)
        }
    }
}
