/// Python 3 `str` operations reproduced on UTF-8 bytes and Unicode scalar values.
///
/// The reference implementations of ROUGE, BLEU and chrF are Python programs: they split
/// on `str.isspace()` characters, lower-case with `str.lower()` and compare strings code
/// point by code point. Swift's `String` compares by canonical equivalence and has a
/// different idea of whitespace, so the overlap metrics work on raw bytes and scalars
/// with these helpers instead.
enum PythonUTF8 {
    /// Whether `str.isspace()` is true for the scalar.
    ///
    /// CPython takes this set from the Unicode database (bidirectional class WS, B or S, or
    /// general category Zs): it includes U+001C–U+001F and excludes U+180E and U+200B.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// The byte length of the whitespace character starting at `index`, or 0 if the
    /// character there is not whitespace.
    @inline(__always)
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let first = bytes[index]
        if first < 0x80 {
            return (first >= 0x09 && first <= 0x0D) || (first >= 0x1C && first <= 0x20) ? 1 : 0
        }
        let remaining = bytes.count - index
        switch first {
        case 0xC2:
            guard remaining >= 2 else { return 0 }
            let second = bytes[index + 1]
            return second == 0x85 || second == 0xA0 ? 2 : 0
        case 0xE1:
            guard remaining >= 3 else { return 0 }
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80 {
                return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            guard remaining >= 3 else { return 0 }
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// The number of bytes in the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    static func sequenceLength(lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// The length of `bytes` once trailing whitespace is removed, as `str.rstrip()` does.
    static func rstrippedLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while end > 0 {
            let last = bytes[end - 1]
            if last < 0x80 {
                guard (last >= 0x09 && last <= 0x0D) || (last >= 0x1C && last <= 0x20) else { break }
                end -= 1
                continue
            }
            // A multi-byte whitespace character is two or three bytes long; its lead byte
            // can never be a continuation byte, so checking both candidates is safe.
            if end >= 2, whitespaceLength(bytes, at: end - 2) == 2 {
                end -= 2
            } else if end >= 3, whitespaceLength(bytes, at: end - 3) == 3 {
                end -= 3
            } else {
                break
            }
        }
        return end
    }

    /// Calls `body` with the byte range of each whitespace-separated word, as `str.split()`
    /// finds them.
    @inline(__always)
    static func forEachWord(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int) -> Void
    ) {
        var index = 0
        var start = -1
        let count = bytes.count
        while index < count {
            let length = whitespaceLength(bytes, at: index)
            if length > 0 {
                if start >= 0 {
                    body(start, index)
                    start = -1
                }
                index += length
            } else {
                if start < 0 { start = index }
                index += 1
            }
        }
        if start >= 0 { body(start, count) }
    }

    /// Decodes UTF-8 into scalar values, appending them to `scalars`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [UInt32]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = UInt32(bytes[index])
            if lead < 0x80 {
                scalars.append(lead)
                index += 1
            } else if lead < 0xE0 {
                scalars.append((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F))
                index += 2
            } else if lead < 0xF0 {
                scalars.append(
                    (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F))
                index += 3
            } else {
                scalars.append(
                    (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F))
                index += 4
            }
        }
    }

    /// Appends the UTF-8 encoding of a scalar value to `bytes`.
    @inline(__always)
    static func encode(_ value: UInt32, into bytes: inout [UInt8]) {
        if value < 0x80 {
            bytes.append(UInt8(value))
        } else if value < 0x800 {
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x10000 {
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        } else {
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
