/// sacrebleu's `intl` tokenizer (after `mteval-v14.pl`), on Unicode scalar values.
///
/// Three passes of the `regex` module, each non-overlapping and left to right:
/// `(\P{N})(\p{P})` → `\1 \2 `, `(\p{P})(\P{N})` → ` \1 \2` and `(\p{S})` → ` \1 `.
/// The general categories come from Swift's Unicode tables; they agree with the `regex`
/// module except for characters assigned in Unicode versions one of them lacks.
enum InternationalTokenizer {
    private static let punctuation: UInt8 = 1
    private static let symbol: UInt8 = 2
    private static let number: UInt8 = 4

    /// The category flags of the ASCII characters, computed once.
    private static let asciiClasses: [UInt8] = (0..<128).map { classify(UInt32($0)) }

    /// Rewrites `scalars` in place into the tokenized text (words separated by spaces).
    static func tokenize(_ scalars: inout [UInt32], scratch: inout [UInt32]) {
        let space: UInt32 = 0x20
        // (\P{N})(\p{P}) -> "\1 \2 "
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < scalars.count {
            if index + 1 < scalars.count, !has(scalars[index], number), has(scalars[index + 1], punctuation) {
                scratch.append(scalars[index])
                scratch.append(space)
                scratch.append(scalars[index + 1])
                scratch.append(space)
                index += 2
            } else {
                scratch.append(scalars[index])
                index += 1
            }
        }
        // (\p{P})(\P{N}) -> " \1 \2"
        scalars.removeAll(keepingCapacity: true)
        index = 0
        while index < scratch.count {
            if index + 1 < scratch.count, has(scratch[index], punctuation), !has(scratch[index + 1], number) {
                scalars.append(space)
                scalars.append(scratch[index])
                scalars.append(space)
                scalars.append(scratch[index + 1])
                index += 2
            } else {
                scalars.append(scratch[index])
                index += 1
            }
        }
        // (\p{S}) -> " \1 "
        guard scalars.contains(where: { has($0, symbol) }) else { return }
        scratch.removeAll(keepingCapacity: true)
        for value in scalars {
            if has(value, symbol) {
                scratch.append(space)
                scratch.append(value)
                scratch.append(space)
            } else {
                scratch.append(value)
            }
        }
        swap(&scalars, &scratch)
    }

    @inline(__always)
    private static func has(_ value: UInt32, _ flag: UInt8) -> Bool {
        (value < 128 ? asciiClasses[Int(value)] : classify(value)) & flag != 0
    }

    private static func classify(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return symbol
        case .decimalNumber, .letterNumber, .otherNumber:
            return number
        default:
            return 0
        }
    }
}
