extension JSONParser {
    /// Whether the text from the parser's position is one JSON value (then only whitespace) that
    /// ``parseDocument()`` certainly accepts, checked without building anything.
    ///
    /// `false` means "not certain": besides invalid text, a value with a `\u` escape, a fraction,
    /// an exponent or an integer of more than 18 digits is left to ``parseDocument()``, which
    /// then gives the value or the exact error. Hand-tuned because loading a large JSONL suite
    /// checks every line this way: its cases keep their text, so building each line's values
    /// (a string per field) only to drop them was most of the load.
    package mutating func isPlainDocument() -> Bool {
        skipWhitespace()
        guard scanPlainValue(depth: 0) else { return false }
        skipWhitespace()
        return isAtEnd
    }

    private mutating func scanPlainValue(depth: Int) -> Bool {
        skipWhitespace()
        guard let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\""), scanPlainString() else { return false }
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return false }
                index += 1
                guard scanPlainValue(depth: depth + 1) else { return false }
                guard let next = nextSeparator() else { return false }
                if next == UInt8(ascii: "}") { return true }
                guard next == UInt8(ascii: ",") else { return false }
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return true
            }
            while true {
                guard scanPlainValue(depth: depth + 1) else { return false }
                guard let next = nextSeparator() else { return false }
                if next == UInt8(ascii: "]") { return true }
                guard next == UInt8(ascii: ",") else { return false }
            }
        case UInt8(ascii: "\""): return scanPlainString()
        case UInt8(ascii: "t"): return scanWord("true")
        case UInt8(ascii: "f"): return scanWord("false")
        case UInt8(ascii: "n"): return scanWord("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return scanPlainInteger()
        default: return false
        }
    }

    /// The byte after whitespace, consumed; nil at the end.
    private mutating func nextSeparator() -> UInt8? {
        skipWhitespace()
        guard let byte = peek else { return nil }
        index += 1
        return byte
    }

    /// A string without `\u` escapes or control characters, from its opening quote.
    private mutating func scanPlainString() -> Bool {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return true
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return false }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                    continue
                default: return false
                }
            }
            index += 1
        }
        return false
    }

    /// An integer of at most 18 digits (so it fits in `Int`), without a leading zero.
    private mutating func scanPlainInteger() -> Bool {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        let digits = index - start
        guard digits > 0, digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return false }
        return true
    }

    private mutating func scanWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }
}
