/// A ROUGE variant, named as Google's `rouge-score` names them.
///
/// ```swift
/// RougeType(name: "rouge2")     // .rougeN(2)
/// RougeType.rougeLsum.name      // "rougeLsum"
/// ```
public enum RougeType: Hashable, Sendable, CustomStringConvertible {
    /// ROUGE-N: overlap of n-grams of `n` tokens (`rouge1`, `rouge2`, …); `n` must be positive.
    case rougeN(Int)
    /// ROUGE-L: the longest common subsequence of the two token sequences.
    case rougeL
    /// ROUGE-Lsum: summary-level LCS, treating each line (split on `"\n"`) as a sentence.
    case rougeLsum

    /// ROUGE-1 (unigram overlap).
    public static let rouge1 = RougeType.rougeN(1)
    /// ROUGE-2 (bigram overlap).
    public static let rouge2 = RougeType.rougeN(2)

    /// Parses a `rouge-score` type name: `rouge1` … `rouge9`, `rougeL` or `rougeLsum`.
    ///
    /// - Parameter name: The name, as `rouge-score` spells it.
    /// - Returns: `nil` for anything `rouge-score` rejects (including `rouge0`).
    public init?(name: String) {
        switch name {
        case "rougeL":
            self = .rougeL
        case "rougeLsum":
            self = .rougeLsum
        default:
            let bytes = Array(name.utf8)
            guard bytes.count == 6, name.hasPrefix("rouge"), let digit = bytes.last,
                digit >= UInt8(ascii: "1"), digit <= UInt8(ascii: "9")
            else { return nil }
            self = .rougeN(Int(digit - UInt8(ascii: "0")))
        }
    }

    /// The `rouge-score` name of the type, such as `rouge1` or `rougeLsum`.
    public var name: String {
        switch self {
        case .rougeN(let n): "rouge\(n)"
        case .rougeL: "rougeL"
        case .rougeLsum: "rougeLsum"
        }
    }

    /// The `rouge-score` name of the type.
    public var description: String { name }
}
