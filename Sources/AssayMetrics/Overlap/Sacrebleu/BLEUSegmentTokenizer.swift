/// Turns BLEU segments into interned word identifiers as sacrebleu does: optional
/// lower-casing, `rstrip()`, the chosen tokenizer, then `split()`.
///
/// Words are identified by their bytes, so two words are the same exactly when Python
/// would call the strings equal. Buffers are reused from one segment to the next.
struct BLEUSegmentTokenizer {
    let tokenizer: BLEU.Tokenizer
    let lowercase: Bool

    private var interner = ByteStringInterner()
    private var lowered: [UInt8] = []
    private var thirteenA = Tokenizer13a()
    private var first: [UInt8] = []
    private var scalars: [UInt32] = []
    private var otherScalars: [UInt32] = []

    /// Creates a tokenizer for one BLEU configuration.
    init(tokenizer: BLEU.Tokenizer, lowercase: Bool) {
        self.tokenizer = tokenizer
        self.lowercase = lowercase
    }

    /// Replaces `words` with the word identifiers of `segment`.
    mutating func words(of segment: String, into words: inout [UInt32]) {
        words.removeAll(keepingCapacity: true)
        var segment = segment
        segment.withUTF8 { bytes in
            if lowercase {
                PythonUTF8.lowercase(bytes, into: &lowered)
                let lowered = self.lowered
                lowered.withUnsafeBufferPointer { tokenize($0, into: &words) }
            } else {
                tokenize(bytes, into: &words)
            }
        }
    }

    private mutating func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into words: inout [UInt32]) {
        let line = UnsafeBufferPointer(rebasing: bytes[0..<PythonUTF8.rstrippedLength(bytes)])
        switch tokenizer {
        case .none:
            split(line, into: &words)
        case .character:
            var index = 0
            while index < line.count {
                let length = PythonUTF8.sequenceLength(lead: line[index])
                if PythonUTF8.whitespaceLength(line, at: index) == 0 {
                    words.append(interner.intern(line, from: index, to: index + length))
                }
                index += length
            }
        case .thirteenA:
            // Move the tokenizer out of `self` while `split` mutates the word table.
            var thirteenA = Tokenizer13a()
            swap(&thirteenA, &self.thirteenA)
            thirteenA.tokenize(line) { split($0, into: &words) }
            swap(&thirteenA, &self.thirteenA)
        case .international:
            scalars.removeAll(keepingCapacity: true)
            PythonUTF8.decode(line, into: &scalars)
            InternationalTokenizer.tokenize(&scalars, scratch: &otherScalars)
            first.removeAll(keepingCapacity: true)
            for value in scalars { PythonUTF8.encode(value, into: &first) }
            let output = first
            output.withUnsafeBufferPointer { split($0, into: &words) }
        }
    }

    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, into words: inout [UInt32]) {
        PythonUTF8.forEachWord(in: bytes) { start, end in
            words.append(interner.intern(bytes, from: start, to: end))
        }
    }
}

extension BLEUSegmentTokenizer {
    /// The words of `segment` as strings, as sacrebleu's tokenizer and `split()` give them.
    mutating func wordStrings(of segment: String) -> [String] {
        var ids: [UInt32] = []
        words(of: segment, into: &ids)
        return ids.map { String(decoding: interner.bytes(of: $0), as: UTF8.self) }
    }
}
