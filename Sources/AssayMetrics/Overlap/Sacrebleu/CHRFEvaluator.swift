/// Computes chrF segment statistics, reusing its n-gram tables and buffers across segments.
struct CHRFEvaluator {
    let configuration: CHRF
    private var characterGrams = NGramInterner()
    private var wordGrams = NGramInterner()
    private var wordTable = ByteStringInterner()
    private var hypothesisCounts = CountTable()
    private var referenceCounts = CountTable()
    private var lowered: [UInt8] = []
    private var characters: [UInt32] = []
    private var words: [UInt32] = []
    /// N-gram identifiers for each character order, then each word order.
    private var hypothesisGrams: [[UInt32]]
    private var referenceGrams: [[UInt32]]
    private var candidate: [Int]

    /// Creates an evaluator for one chrF configuration.
    init(configuration: CHRF) {
        self.configuration = configuration
        let orderCount = configuration.characterOrder + configuration.wordOrder
        hypothesisGrams = Array(repeating: [], count: orderCount)
        referenceGrams = Array(repeating: [], count: orderCount)
        candidate = Array(repeating: 0, count: 3 * orderCount)
    }

    /// sacrebleu's `_compute_segment_statistics`: `[hypothesis, reference, match]` counts per
    /// order against the reference with the best segment score (the first on ties).
    mutating func statistics(hypothesis: String, references: [String]) -> [Int] {
        // N-grams are only ever compared within a segment.
        characterGrams.reset()
        wordGrams.reset()
        var hypothesisGrams = self.hypothesisGrams
        self.hypothesisGrams = []
        extractGrams(of: hypothesis, into: &hypothesisGrams)
        var best = [Int](repeating: 0, count: candidate.count)
        var bestScore = -1.0
        var referenceGrams = self.referenceGrams
        self.referenceGrams = []
        for reference in references {
            extractGrams(of: reference, into: &referenceGrams)
            for order in hypothesisGrams.indices {
                compare(hypothesisGrams[order], referenceGrams[order], order: order)
            }
            let score = configuration.fScore(candidate)
            if score > bestScore {
                bestScore = score
                best = candidate
            }
        }
        self.hypothesisGrams = hypothesisGrams
        self.referenceGrams = referenceGrams
        return best
    }

    private mutating func compare(_ hypothesis: [UInt32], _ reference: [UInt32], order: Int) {
        let limit = max(characterGrams.count, wordGrams.count)
        referenceCounts.add(reference, below: limit)
        hypothesisCounts.add(hypothesis, below: limit)
        let matches = hypothesisCounts.intersectionSize(with: referenceCounts)
        // sacrebleu does not count hypothesis n-grams of an order the reference lacks.
        candidate[3 * order] = reference.isEmpty ? 0 : hypothesis.count
        candidate[3 * order + 1] = reference.count
        candidate[3 * order + 2] = matches
        hypothesisCounts.reset()
        referenceCounts.reset()
    }

    private mutating func extractGrams(of segment: String, into grams: inout [[UInt32]]) {
        var segment = segment
        segment.withUTF8 { bytes in
            if configuration.lowercase {
                PythonUTF8.lowercase(bytes, into: &lowered)
                let lowered = self.lowered
                lowered.withUnsafeBufferPointer { extractGrams(of: $0, into: &grams) }
            } else {
                extractGrams(of: bytes, into: &grams)
            }
        }
    }

    private mutating func extractGrams(of bytes: UnsafeBufferPointer<UInt8>, into grams: inout [[UInt32]]) {
        characters.removeAll(keepingCapacity: true)
        PythonUTF8.decode(bytes, into: &characters)
        if !configuration.whitespace {
            characters.removeAll(where: PythonUTF8.isWhitespace)
        }
        for order in 0..<configuration.characterOrder {
            let previous = order > 0 ? grams[order - 1] : []
            characterGrams.extend(previous, with: characters, order: order + 1, into: &grams[order])
        }
        guard configuration.wordOrder > 0 else { return }
        splitWords(bytes)
        let offset = configuration.characterOrder
        for order in 0..<configuration.wordOrder {
            let previous = order > 0 ? grams[offset + order - 1] : []
            wordGrams.extend(previous, with: words, order: order + 1, into: &grams[offset + order])
        }
    }

    /// sacrebleu's `_remove_punctuation`: splits on whitespace, then detaches one ASCII
    /// punctuation character from the end of each word, or else from its start.
    private mutating func splitWords(_ bytes: UnsafeBufferPointer<UInt8>) {
        words.removeAll(keepingCapacity: true)
        PythonUTF8.forEachWord(in: bytes) { start, end in
            if PythonUTF8.sequenceLength(lead: bytes[start]) == end - start {
                words.append(wordTable.intern(bytes, from: start, to: end))
            } else if Self.isPunctuation(bytes[end - 1]) {
                words.append(wordTable.intern(bytes, from: start, to: end - 1))
                words.append(wordTable.intern(bytes, from: end - 1, to: end))
            } else if Self.isPunctuation(bytes[start]) {
                words.append(wordTable.intern(bytes, from: start, to: start + 1))
                words.append(wordTable.intern(bytes, from: start + 1, to: end))
            } else {
                words.append(wordTable.intern(bytes, from: start, to: end))
            }
        }
    }

    /// Python's `string.punctuation`.
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }
}
