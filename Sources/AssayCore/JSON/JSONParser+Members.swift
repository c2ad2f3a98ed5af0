extension JSONParser {
    /// The value of member `key` of the object that starts at the parser's position, parsing that
    /// value alone and stepping over every other member; `nil` when there is no such member.
    ///
    /// A repeated key gives its last value, as ``JSONObject`` keeps it. Stepping over a value
    /// checks only what it needs to find the value's end, so the answer is the member's only for
    /// valid JSON (a loaded suite's case, or a text checked with ``isPlainDocument()``); on other
    /// text it is some value or nil, never a crash.
    ///
    /// Hand-tuned because a suite kept as its text answers `c/tags` for every case through it;
    /// building the whole object to read one member would allocate every other member's strings.
    package mutating func member(_ key: String) -> JSONValue? {
        var key = key
        return key.withUTF8 { keyBytes in member(utf8: keyBytes) }
    }

    /// The first key of the object at the parser's position, if it is an object with a member;
    /// the parser is left after that key.
    package mutating func firstKey() -> String? {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { return nil }
        index += 1
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { return nil }
        return try? parseString()
    }

    private mutating func member(utf8 key: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        skipWhitespace()
        guard peek == UInt8(ascii: "{") else { return nil }
        index += 1
        var found: JSONValue?
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { return found }
            let matches = keyMatches(key)
            skipWhitespace()
            index += 1  // ':'
            if matches {
                guard let value = try? parseValue() else { return found }
                found = value
            } else {
                skipValue()
            }
            skipWhitespace()
            guard peek == UInt8(ascii: ",") else { return found }
            index += 1
        }
    }

    /// Reads the key at the parser's position (its opening quote) and tells whether it is `key`.
    private mutating func keyMatches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            return end - start == key.count && UnsafeBufferPointer(rebasing: bytes[start..<end]).elementsEqual(key)
        }
        // An escape in the key: decode it to compare.
        guard let decoded = try? parseString() else { return false }
        return decoded.utf8.elementsEqual(key)
    }

    /// Steps over one value of a text known to be valid JSON.
    package mutating func skipValue() {
        skipWhitespace()
        guard let byte = peek else { return }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            while index < bytes.count {
                let current = bytes[index]
                if current == UInt8(ascii: "\"") { index += 1; return }
                index += current == UInt8(ascii: "\\") ? 2 : 1
            }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Brackets balance outside strings, so counting them finds the end.
            var depth = 0
            while index < bytes.count {
                let current = bytes[index]
                if current == UInt8(ascii: "\"") {
                    skipValue()
                    continue
                }
                index += 1
                if current == UInt8(ascii: "{") || current == UInt8(ascii: "[") {
                    depth += 1
                } else if current == UInt8(ascii: "}") || current == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
        default:
            // A number or a literal: up to the next separator.
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
                default: index += 1
                }
            }
        }
    }
}
