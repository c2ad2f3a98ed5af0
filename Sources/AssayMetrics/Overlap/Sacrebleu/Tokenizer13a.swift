/// sacrebleu's `13a` tokenizer (after `mteval-v13a.pl`), on UTF-8 bytes.
///
/// Every rule involves only ASCII characters or "anything but an ASCII digit", and a
/// multi-byte UTF-8 sequence never contains ASCII bytes, so applying the regular
/// expressions byte by byte gives exactly the output Python's `re` gives on code points.
/// Each rule is a separate pass with `re.sub`'s non-overlapping, left-to-right matching;
/// a pass is skipped when the characters it needs are absent. Buffers are reused.
struct Tokenizer13a {
    private var text: [UInt8] = []
    private var scratch: [UInt8] = []
    private var length = 0

    /// Tokenizes `line`, then calls `body` with the result (words separated by whitespace).
    mutating func tokenize<Result>(
        _ line: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var hasLessThan = false
        var hasNewline = false
        var hasAmpersand = false
        for byte in line {
            if byte == UInt8(ascii: "<") { hasLessThan = true }
            if byte == UInt8(ascii: "\n") { hasNewline = true }
            if byte == UInt8(ascii: "&") { hasAmpersand = true }
        }
        Self.ensureCapacity(&text, line.count)
        text.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: line) }
        length = line.count
        if hasLessThan { replace("<skipped>", with: "") }
        if hasNewline {
            replace("-\n", with: "")
            replace("\n", with: " ")
        }
        if hasAmpersand {
            replace("&quot;", with: "\"")
            replace("&amp;", with: "&")
            replace("&lt;", with: "<")
            replace("&gt;", with: ">")
        }
        // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 ", on the line padded with spaces.
        rewrite(capacity: 3 * length + 2) { source, target in
            var written = 0
            target[written] = 0x20
            written += 1
            for byte in source {
                if Self.isSeparatedSymbol(byte) {
                    target[written] = 0x20
                    target[written + 1] = byte
                    target[written + 2] = 0x20
                    written += 3
                } else {
                    target[written] = byte
                    written += 1
                }
            }
            target[written] = 0x20
            return written + 1
        }
        if text[0..<length].contains(where: Self.isPeriodOrComma) {
            // ([^0-9])([\.,]) -> "\1 \2 "
            rewritePairs { !Self.isDigit($0) && Self.isPeriodOrComma($1) } emit: { first, second, target in
                target[0] = first
                target[1] = 0x20
                target[2] = second
                target[3] = 0x20
            }
            // ([\.,])([^0-9]) -> " \1 \2"
            rewritePairs { Self.isPeriodOrComma($0) && !Self.isDigit($1) } emit: { first, second, target in
                target[0] = 0x20
                target[1] = first
                target[2] = 0x20
                target[3] = second
            }
        }
        if text[0..<length].contains(UInt8(ascii: "-")) {
            // ([0-9])(-) -> "\1 \2 "
            rewritePairs { Self.isDigit($0) && $1 == UInt8(ascii: "-") } emit: { first, second, target in
                target[0] = first
                target[1] = 0x20
                target[2] = second
                target[3] = 0x20
            }
        }
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<length])) }
    }

    /// `str.replace`: every non-overlapping occurrence, left to right.
    private mutating func replace(_ pattern: StaticString, with replacement: StaticString) {
        let pattern = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        let replacement = UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
        rewrite(capacity: length) { source, target in
            var written = 0
            var index = 0
            while index < source.count {
                if source[index] == pattern[0], index + pattern.count <= source.count,
                    (1..<pattern.count).allSatisfy({ source[index + $0] == pattern[$0] })
                {
                    for byte in replacement {
                        target[written] = byte
                        written += 1
                    }
                    index += pattern.count
                } else {
                    target[written] = source[index]
                    written += 1
                    index += 1
                }
            }
            return written
        }
    }

    /// A pass of a two-character rule: where `matches(a, b)` holds for adjacent characters,
    /// `emit` writes four bytes in their place and scanning resumes after `b`.
    @inline(__always)
    private mutating func rewritePairs(
        _ matches: (UInt8, UInt8) -> Bool,
        emit: (UInt8, UInt8, UnsafeMutablePointer<UInt8>) -> Void
    ) {
        rewrite(capacity: 2 * length) { source, target in
            var written = 0
            var index = 0
            let last = source.count - 1
            while index < source.count {
                if index < last, matches(source[index], source[index + 1]) {
                    emit(source[index], source[index + 1], target.baseAddress! + written)
                    written += 4
                    index += 2
                } else {
                    target[written] = source[index]
                    written += 1
                    index += 1
                }
            }
            return written
        }
    }

    /// Runs one pass from `text` into `scratch` (which must hold at most `capacity` bytes),
    /// then makes the result the current text.
    @inline(__always)
    private mutating func rewrite(
        capacity: Int, _ pass: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>) -> Int
    ) {
        // Move both buffers out of `self` so that reading one while writing the other does
        // not overlap accesses to `self`.
        var source: [UInt8] = []
        var target: [UInt8] = []
        swap(&source, &text)
        swap(&target, &scratch)
        Self.ensureCapacity(&target, capacity)
        let length = length
        self.length = source.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                pass(UnsafeBufferPointer(rebasing: source[0..<length]), target)
            }
        }
        text = target
        scratch = source
    }

    private static func ensureCapacity(_ buffer: inout [UInt8], _ capacity: Int) {
        if buffer.count < capacity {
            buffer.append(contentsOf: repeatElement(0, count: max(capacity, 2 * buffer.count) - buffer.count))
        }
    }

    /// The characters `{|}~`, `[\]^_` and the backtick, space to `&`, `(` to `+`,
    /// `:` to `@`, and `/`.
    @inline(__always)
    private static func isSeparatedSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x7B...0x7E, 0x5B...0x60, 0x20...0x26, 0x28...0x2B, 0x3A...0x40, 0x2F: true
        default: false
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    private static func isPeriodOrComma(_ byte: UInt8) -> Bool { byte == 0x2E || byte == 0x2C }
}
