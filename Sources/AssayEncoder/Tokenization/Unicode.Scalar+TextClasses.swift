extension Unicode.Scalar {
    /// The Unicode version of the reference tokenizer's character database (Python 3.11's
    /// `unicodedata`). Scalars assigned later are unassigned (Cn) there, so cleaning drops them;
    /// treating them the same keeps, for example, newer emoji from becoming `[UNK]` here only.
    static let referenceUnicodeVersion = (major: 14, minor: 0)

    /// Whether the reference character database knows this scalar as assigned.
    var isAssignedInReferenceVersion: Bool {
        guard let age = properties.age else { return false }
        let reference = Self.referenceUnicodeVersion
        return age.major < reference.major || (age.major == reference.major && age.minor <= reference.minor)
    }

    /// Whether BERT's text cleaning turns this scalar into a plain space: space, tab, line
    /// feed, carriage return and the space separators (category Zs).
    var isBERTWhitespace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D: true
        case 0..<0x80: false
        default: properties.generalCategory == .spaceSeparator
        }
    }

    /// Whether BERT's text cleaning drops this scalar: any "other" category (Cc, Cf, Cs, Co, Cn)
    /// except tab, line feed and carriage return, which count as whitespace. Scalars assigned
    /// after the reference Unicode version count as unassigned.
    var isBERTControl: Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20..<0x7F:
            return false
        case 0..<0x20, 0x7F:
            return true
        default:
            guard isAssignedInReferenceVersion else { return true }
            switch properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// Whether BERT splits words at this scalar: every non-alphanumeric printable ASCII
    /// character (so `$`, `^` and `` ` `` count) and every Unicode punctuation category.
    var isBERTPunctuation: Bool {
        switch value {
        case 33...47, 58...64, 91...96, 123...126:
            return true
        case 0..<0x80:
            return false
        default:
            switch properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }
    }

    /// Whether this scalar is in the CJK Unified Ideographs blocks that BERT treats as words of
    /// their own. Hangul, kana and CJK punctuation are not included.
    var isCJKIdeograph: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
            0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }

    /// Whether a whitespace split treats this scalar as a separator: the Unicode White_Space
    /// property plus the information separators U+001C–U+001F, as Python's `str.split()` does.
    var isSplitWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20: true
        case 0..<0x80: false
        default: properties.isWhitespace
        }
    }
}
