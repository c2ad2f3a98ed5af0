/// Cuts text at verbatim occurrences of special tokens such as `[SEP]`, which are never split.
struct SpecialTokenSplitter {
    /// A piece of the input: either a special token or the text between them.
    enum Segment: Equatable {
        case special(String)
        case text(String)
    }

    private let tokens: [[Unicode.Scalar]]

    init(specialTokens: [String]) {
        // Longest first, so that the longest token starting at a position wins.
        tokens = Set(specialTokens).filter { !$0.isEmpty }
            .map { Array($0.unicodeScalars) }
            .sorted { $0.count > $1.count }
    }

    /// The input split into special tokens and the text around them, in order.
    func segments(of text: String) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index < scalars.count {
            guard let token = tokens.first(where: { matches($0, in: scalars, at: index) }) else {
                index += 1
                continue
            }
            if textStart < index {
                segments.append(.text(String(String.UnicodeScalarView(scalars[textStart..<index]))))
            }
            segments.append(.special(String(String.UnicodeScalarView(token))))
            index += token.count
            textStart = index
        }
        if textStart < scalars.count {
            segments.append(.text(String(String.UnicodeScalarView(scalars[textStart...]))))
        }
        return segments
    }

    private func matches(_ token: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + token.count <= scalars.count else { return false }
        for offset in token.indices where scalars[index + offset] != token[offset] {
            return false
        }
        return true
    }
}
