/// `rouge-score`'s default tokenizer, producing interned token identifiers.
///
/// `rouge-score` lower-cases the text (Python `str.lower()`), turns every run of
/// characters other than `[a-z0-9]` into a space, splits, and with the stemmer on replaces
/// each token longer than three characters by its Porter stem. Only two non-ASCII
/// characters lower-case to ASCII letters: `İ` (to `i` plus a combining dot, which then
/// separates tokens) and the Kelvin sign `K` (to `k`); every other non-ASCII character
/// separates tokens. The tokenizer remembers the stem of every distinct token it has seen.
struct RougeTokenizer {
    /// Whether tokens longer than three characters are replaced by their Porter stems.
    let usesStemmer: Bool

    private var interner = ByteStringInterner()
    /// The identifier of the final token for each raw token identifier, or
    /// ``unknownStem`` when not yet computed, or ``droppedToken`` when it stems to nothing.
    private var finalIDs: [UInt32] = []
    private var tokenBytes: [UInt8] = []
    private let stemmer = ASCIIPorterStemmer()

    private static let unknownStem = UInt32.max
    private static let droppedToken = UInt32.max - 1

    /// Creates a tokenizer.
    init(usesStemmer: Bool) {
        self.usesStemmer = usesStemmer
    }

    /// Replaces `tokens` with the token identifiers of `text` and `lineEnds` with the
    /// index in `tokens` where each `"\n"`-separated line ends.
    mutating func tokenize(_ text: String, into tokens: inout [UInt32], lineEnds: inout [Int]) {
        tokens.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    tokenBytes.append(byte)
                    index += 1
                } else if byte >= 0x41 && byte <= 0x5A {
                    tokenBytes.append(byte | 0x20)
                    index += 1
                } else if byte == 0xC4, index + 1 < count, bytes[index + 1] == 0xB0 {
                    // U+0130 lower-cases to "i" followed by U+0307, which ends the token.
                    tokenBytes.append(UInt8(ascii: "i"))
                    finishToken(into: &tokens)
                    index += 2
                } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x84, bytes[index + 2] == 0xAA {
                    // U+212A KELVIN SIGN lower-cases to "k".
                    tokenBytes.append(UInt8(ascii: "k"))
                    index += 3
                } else {
                    finishToken(into: &tokens)
                    if byte == 0x0A { lineEnds.append(tokens.count) }
                    index += 1
                }
            }
        }
        finishToken(into: &tokens)
        lineEnds.append(tokens.count)
    }

    /// The tokens of `text` as strings, as `rouge-score`'s `tokenize` returns them.
    mutating func tokenStrings(of text: String) -> [String] {
        var tokens: [UInt32] = []
        var lineEnds: [Int] = []
        tokenize(text, into: &tokens, lineEnds: &lineEnds)
        return tokens.map { String(decoding: interner.bytes(of: $0), as: UTF8.self) }
    }

    /// Interns the token being built, if any, applying the stemmer.
    private mutating func finishToken(into tokens: inout [UInt32]) {
        guard !tokenBytes.isEmpty else { return }
        let rawID = tokenBytes.withUnsafeBufferPointer { interner.intern($0, from: 0, to: $0.count) }
        let length = tokenBytes.count
        tokenBytes.removeAll(keepingCapacity: true)
        guard usesStemmer, length > 3 else {
            tokens.append(rawID)
            return
        }
        let finalID = stemmedID(of: rawID)
        if finalID != Self.droppedToken { tokens.append(finalID) }
    }

    private mutating func stemmedID(of rawID: UInt32) -> UInt32 {
        let index = Int(rawID)
        if index >= finalIDs.count {
            finalIDs.append(contentsOf: repeatElement(Self.unknownStem, count: index + 1 - finalIDs.count))
        }
        if finalIDs[index] != Self.unknownStem { return finalIDs[index] }
        let stem = stemmer.stem(Array(interner.bytes(of: rawID)))
        let finalID = stem.isEmpty ? Self.droppedToken : interner.intern(stem)
        finalIDs[index] = finalID
        return finalID
    }
}
