/// Python 3 `str` semantics that the reference implementations rely on.
///
/// Swift's `String` compares and hashes by canonical equivalence and lower-cases without
/// the Greek final-sigma rule; Python works on raw code points. METEOR must reproduce
/// NLTK's numbers, so its text handling works on arrays of Unicode scalars with these
/// helpers instead.
enum PythonString {
    /// Python's `str.lower()`: full lower-case mappings, with the final-sigma rule.
    static func lowercased(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        if scalars.allSatisfy({ $0.value < 0x80 }) {
            return scalars.map { scalar in
                (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
            }
        }
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar.value == 0x03A3 {
                result.append(isFinalSigma(scalars, at: index) ? "\u{03C2}" : "\u{03C3}")
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return result
    }

    /// Whether `\w` matches the scalar in a Python `str` pattern.
    ///
    /// CPython's `sre` treats a character as a word character when it is alphanumeric
    /// (`str.isalnum()`: a letter of category Lu, Ll, Lt, Lm or Lo, or any character with
    /// a Unicode numeric type) or the underscore. Combining marks are not word characters.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                || (0x61...0x7A).contains(value) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// Whether `\s` matches the scalar in a Python `str` pattern (`str.isspace()`).
    ///
    /// CPython derives this set from the Unicode database: bidirectional class WS, B or S,
    /// or general category Zs. It includes the information separators U+001C–U+001F and
    /// excludes U+180E and U+200B.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// CPython's Final_Sigma test: a cased letter (skipping case-ignorable ones) before the
    /// sigma, and no cased letter (skipping case-ignorable ones) after it.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable {
            before -= 1
        }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable {
            after += 1
        }
        return after == scalars.count || !scalars[after].properties.isCased
    }
}
