/// Writes the canonical text of a JSON document (``JSONValue/canonicalBytes()``: compact, object
/// keys sorted by their UTF-8 bytes at every level) straight from the document's bytes, without
/// building its values.
///
/// Hand-tuned because a suite without ids hashes the canonical text of every case: parsing a
/// million lines into values only to write them out again was most of such a suite's load.
/// Whatever it is not certain of gives `false`, and the caller parses the document instead
/// (which gives the value or the exact error): a key with an escape or a non-ASCII byte (Swift
/// compares such keys by canonical equivalence, so two different spellings may be one key), a
/// repeated key, a `\u` escape, an integer of more than 18 digits, and any invalid text. What it
/// accepts, ``JSONParser/parseDocument()`` accepts, and the bytes written are exactly the
/// `canonicalBytes()` of the value it gives.
package struct JSONCanonicalWriter {
    /// The canonical text of the last document written.
    package private(set) var output: [UInt8] = []
    /// The members of the objects being written, innermost last.
    private var members: [Member] = []
    /// Room to reorder an object's members.
    private var scratch: [UInt8] = []
    /// Where the keys of the document's own object are in the input.
    private var topLevelKeys: [Range<Int>] = []

    /// One member of an object being written: its key in the input (without quotes) and its
    /// `"key":value` text in ``output``.
    private struct Member {
        var keyStart: Int
        var keyEnd: Int
        var outputStart: Int
        var outputEnd: Int
    }

    package init() {}

    /// Writes the canonical text of the JSON object that fills `bytes` from `start` (apart from
    /// whitespace) into ``output``; `false` when not certain (see the type's description) or
    /// when `acceptsTopLevelKey` refuses one of the object's own keys (given as its bytes).
    package mutating func writeObject(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
        acceptsTopLevelKey: (UnsafeBufferPointer<UInt8>) -> Bool
    ) -> Bool {
        output.removeAll(keepingCapacity: true)
        members.removeAll(keepingCapacity: true)
        topLevelKeys.removeAll(keepingCapacity: true)
        var parser = JSONParser(bytes: bytes, start: start)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "{"), writeValue(&parser, depth: 0) else { return false }
        parser.skipWhitespace()
        guard parser.isAtEnd else { return false }
        return topLevelKeys.allSatisfy { acceptsTopLevelKey(UnsafeBufferPointer(rebasing: bytes[$0])) }
    }

    private mutating func writeValue(_ parser: inout JSONParser, depth: Int) -> Bool {
        parser.skipWhitespace()
        guard let byte = parser.peek else { return false }
        switch byte {
        case UInt8(ascii: "{"): return writeObject(&parser, depth: depth)
        case UInt8(ascii: "["): return writeArray(&parser, depth: depth)
        case UInt8(ascii: "\""): return writeString(&parser)
        case UInt8(ascii: "t"): return writeWord("true", &parser)
        case UInt8(ascii: "f"): return writeWord("false", &parser)
        case UInt8(ascii: "n"): return writeWord("null", &parser)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return writeNumber(&parser)
        default: return false
        }
    }

    private mutating func writeObject(_ parser: inout JSONParser, depth: Int) -> Bool {
        guard depth < JSONParser.maximumDepth else { return false }
        parser.index += 1
        output.append(UInt8(ascii: "{"))
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "}") {
            parser.index += 1
            output.append(UInt8(ascii: "}"))
            return true
        }
        let base = members.count
        defer { members.removeSubrange(base...) }
        let bytes = parser.bytes
        var isSorted = true
        while true {
            parser.skipWhitespace()
            guard parser.peek == UInt8(ascii: "\"") else { return false }
            let keyStart = parser.index + 1
            var keyEnd = keyStart
            while keyEnd < bytes.count, bytes[keyEnd] != UInt8(ascii: "\"") {
                // No escapes, control characters or non-ASCII bytes: the key's bytes are its text.
                guard bytes[keyEnd] >= 0x20, bytes[keyEnd] < 0x80, bytes[keyEnd] != UInt8(ascii: "\\") else { return false }
                keyEnd += 1
            }
            guard keyEnd < bytes.count else { return false }
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd])
            if depth == 0 { topLevelKeys.append(keyStart..<keyEnd) }
            if members.count > base {
                let previous = members[members.count - 1]
                let order = Self.compare(UnsafeBufferPointer(rebasing: bytes[previous.keyStart..<previous.keyEnd]), key)
                if order == 0 { return false }
                if order > 0 { isSorted = false }
                output.append(UInt8(ascii: ","))
            }
            let outputStart = output.count
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(keyStart - 1)...keyEnd]))
            parser.index = keyEnd + 1
            parser.skipWhitespace()
            guard parser.peek == UInt8(ascii: ":") else { return false }
            parser.index += 1
            output.append(UInt8(ascii: ":"))
            guard writeValue(&parser, depth: depth + 1) else { return false }
            members.append(Member(keyStart: keyStart, keyEnd: keyEnd, outputStart: outputStart, outputEnd: output.count))
            parser.skipWhitespace()
            guard let next = parser.peek else { return false }
            parser.index += 1
            if next == UInt8(ascii: "}") { break }
            guard next == UInt8(ascii: ",") else { return false }
        }
        if !isSorted, !reorder(bytes, from: base) { return false }
        output.append(UInt8(ascii: "}"))
        return true
    }

    /// Rewrites the members from `base` (their text is the end of ``output``) in the order of
    /// their keys; `false` when two keys are the same.
    private mutating func reorder(_ bytes: UnsafeBufferPointer<UInt8>, from base: Int) -> Bool {
        // Insertion sort: an object of a case has a handful of members.
        for position in (base + 1)..<members.count {
            let member = members[position]
            let key = UnsafeBufferPointer(rebasing: bytes[member.keyStart..<member.keyEnd])
            var slot = position
            while slot > base {
                let before = members[slot - 1]
                let order = Self.compare(UnsafeBufferPointer(rebasing: bytes[before.keyStart..<before.keyEnd]), key)
                if order == 0 { return false }
                if order < 0 { break }
                members[slot] = before
                slot -= 1
            }
            members[slot] = member
        }
        let textStart = members[base...].lazy.map(\.outputStart).min()!
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: output[textStart...])
        output.removeSubrange(textStart...)
        for position in base..<members.count {
            if position > base { output.append(UInt8(ascii: ",")) }
            let member = members[position]
            output.append(contentsOf: scratch[(member.outputStart - textStart)..<(member.outputEnd - textStart)])
        }
        return true
    }

    /// Compares two keys by their bytes: negative, zero or positive.
    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        for (leftByte, rightByte) in zip(left, right) where leftByte != rightByte {
            return Int(leftByte) - Int(rightByte)
        }
        return left.count - right.count
    }

    private mutating func writeArray(_ parser: inout JSONParser, depth: Int) -> Bool {
        guard depth < JSONParser.maximumDepth else { return false }
        parser.index += 1
        output.append(UInt8(ascii: "["))
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "]") {
            parser.index += 1
            output.append(UInt8(ascii: "]"))
            return true
        }
        while true {
            guard writeValue(&parser, depth: depth + 1) else { return false }
            parser.skipWhitespace()
            guard let next = parser.peek else { return false }
            parser.index += 1
            if next == UInt8(ascii: "]") { break }
            guard next == UInt8(ascii: ",") else { return false }
            output.append(UInt8(ascii: ","))
        }
        output.append(UInt8(ascii: "]"))
        return true
    }

    /// A string from its opening quote. The writer escapes only `"`, `\` and control characters,
    /// with the short escapes where JSON has them: every escape but `\/` (written as `/`) and
    /// `\u` (left to the parser) is written as it was read.
    private mutating func writeString(_ parser: inout JSONParser) -> Bool {
        let bytes = parser.bytes
        var index = parser.index + 1
        var runStart = parser.index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
                parser.index = index + 1
                return true
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return false }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "/"):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    output.append(UInt8(ascii: "/"))
                    index += 2
                    runStart = index
                default:
                    return false
                }
                continue
            }
            index += 1
        }
        return false
    }

    /// An integer as the parser reads it (`-0` is the integer 0); a number with a fraction or an
    /// exponent as the double it reads as, in the writer's shortest form.
    private mutating func writeNumber(_ parser: inout JSONParser) -> Bool {
        let bytes = parser.bytes
        let start = parser.index
        var index = start
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits <= 18, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return false }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > fractionStart else { return false }
            isInteger = false
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > exponentStart else { return false }
            isInteger = false
        }
        parser.index = index
        if isInteger {
            if digits == 1, bytes[digitsStart] == UInt8(ascii: "0") {
                output.append(UInt8(ascii: "0"))
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
            return true
        }
        // As the parser and the writer do it: the double the text reads as, in its description.
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)),
              value.isFinite else { return false }
        output.append(contentsOf: value.description.utf8)
        return true
    }

    private mutating func writeWord(_ word: StaticString, _ parser: inout JSONParser) -> Bool {
        let count = word.utf8CodeUnitCount
        let bytes = parser.bytes
        guard parser.index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[parser.index + offset] != word.utf8Start[offset] { return false }
        parser.index += count
        output.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: count))
        return true
    }
}
