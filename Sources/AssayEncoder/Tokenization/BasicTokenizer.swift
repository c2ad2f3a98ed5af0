import Foundation

/// BERT's first pass: cleans text and splits it into words and punctuation marks.
///
/// In order: lower-case as configured; drop NUL, U+FFFD and control characters and turn
/// whitespace into spaces; surround CJK ideographs with spaces; compose to NFC; split at
/// whitespace; strip accents (NFD, then drop non-spacing marks) as configured; split off every
/// punctuation mark. Words listed in `neverSplit` skip the last two steps.
struct BasicTokenizer: Sendable {
    let lowercases: Bool
    let stripsAccents: Bool
    let splitsCJKIdeographs: Bool
    let neverSplit: Set<String>

    init(configuration: TokenizerConfiguration) {
        lowercases = configuration.lowercases
        stripsAccents = configuration.stripsAccents ?? configuration.lowercases
        splitsCJKIdeographs = configuration.splitsCJKIdeographs
        neverSplit = Set(configuration.neverSplit + configuration.specialTokens)
    }

    /// Splits text into words and punctuation marks.
    func words(in text: String) -> [String] {
        // The reference lower-cases the whole text before anything else, so `neverSplit` words
        // are compared in lower case too.
        let text = lowercases ? Self.lowercased(text) : text
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || scalar.isBERTControl {
                continue
            }
            if scalar.isBERTWhitespace {
                cleaned.append(" ")
            } else if splitsCJKIdeographs && scalar.isCJKIdeograph {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        // NFC first, so that one character written two ways becomes one word. ASCII text is its
        // own NFC (and NFD), so it skips the normalisation.
        let cleanedText = String(cleaned)
        let isASCII = Self.isASCII(cleanedText)
        let composed = isASCII ? cleanedText : cleanedText.precomposedStringWithCanonicalMapping
        var words: [String] = []
        for word in Self.splitAtWhitespace(composed) {
            if neverSplit.contains(word) {
                words.append(word)
                continue
            }
            let normalized = stripsAccents && !isASCII ? Self.strippingAccents(word) : word
            words.append(contentsOf: Self.splitAtPunctuation(normalized))
        }
        return words
    }

    /// Splits at runs of whitespace, dropping empty pieces.
    static func splitAtWhitespace(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isSplitWhitespace {
                if !current.isEmpty {
                    pieces.append(String(current))
                    current = String.UnicodeScalarView()
                }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty {
            pieces.append(String(current))
        }
        return pieces
    }

    /// Lower-cases scalar by scalar with the full Unicode mapping and no context rules (so a
    /// final capital sigma becomes σ), as the reference tokenizer does character by character.
    static func lowercased(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A:
                result.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            case 0..<0x80:
                result.append(scalar)
            default:
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(result)
    }

    /// Whether text is all ASCII, which NFC and NFD leave as it is and which has no accents.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Decomposes to NFD and removes the non-spacing marks (category Mn).
    static func strippingAccents(_ word: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            result.append(scalar)
        }
        return String(result)
    }

    /// Makes every punctuation scalar a word of its own, keeping the runs between them.
    static func splitAtPunctuation(_ word: String) -> [String] {
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if scalar.isBERTPunctuation {
                if !current.isEmpty {
                    pieces.append(String(current))
                    current = String.UnicodeScalarView()
                }
                pieces.append(String(scalar))
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty {
            pieces.append(String(current))
        }
        return pieces
    }
}
