/// Computes BLEU segment statistics, reusing its word table and buffers across segments.
struct BLEUEvaluator {
    let maxOrder: Int
    private var tokenizer: BLEUSegmentTokenizer
    private var ngrams = NGramInterner()
    /// For each n-gram, the most times it occurs in any one reference of the segment.
    private var referenceMaxima = CountTable()
    private var scratch = CountTable()
    private var words: [UInt32] = []
    /// N-gram identifiers by order (index 0 holds unigrams) for the current sentence.
    private var grams: [[UInt32]]
    private var referenceLengths: [Int] = []

    /// Creates an evaluator for one BLEU configuration.
    init(configuration: BLEU) {
        maxOrder = configuration.maxNGramOrder
        tokenizer = BLEUSegmentTokenizer(tokenizer: configuration.tokenizer, lowercase: configuration.lowercase)
        grams = Array(repeating: [], count: configuration.maxNGramOrder)
    }

    /// Adds the statistics of one segment to `statistics`, as sacrebleu's
    /// `_compute_segment_statistics` computes them.
    mutating func addStatistics(hypothesis: String, references: [String], to statistics: inout BLEUStatistics) {
        // N-grams are only ever compared within a segment.
        ngrams.reset()
        referenceLengths.removeAll(keepingCapacity: true)
        referenceMaxima.reset()
        for reference in references {
            extractGrams(of: reference)
            referenceLengths.append(words.count)
            for order in 0..<maxOrder { scratch.add(grams[order], below: ngrams.count) }
            for id in scratch.touched { referenceMaxima.raise(id, to: scratch[id]) }
            scratch.reset()
        }

        extractGrams(of: hypothesis)
        let hypothesisLength = words.count
        statistics.systemLength += hypothesisLength
        statistics.referenceLength += closestReferenceLength(to: hypothesisLength)
        for order in 0..<maxOrder {
            let orderGrams = grams[order]
            statistics.totals[order] += orderGrams.count
            scratch.add(orderGrams, below: ngrams.count)
            statistics.counts[order] += scratch.intersectionSize(with: referenceMaxima)
            scratch.reset()
        }
    }

    /// Tokenizes a segment into `words` and its n-grams into `grams`.
    private mutating func extractGrams(of segment: String) {
        tokenizer.words(of: segment, into: &words)
        for order in 0..<maxOrder {
            let previous = order > 0 ? grams[order - 1] : []
            ngrams.extend(previous, with: words, order: order + 1, into: &grams[order])
        }
    }

    /// sacrebleu's `_get_closest_ref_len`: the reference length nearest the hypothesis
    /// length, the shorter one on ties (0 without references).
    private func closestReferenceLength(to hypothesisLength: Int) -> Int {
        var closestDifference = -1
        var closestLength = 0
        for length in referenceLengths {
            let difference = abs(hypothesisLength - length)
            if closestDifference == -1 || difference < closestDifference {
                closestDifference = difference
                closestLength = length
            } else if difference == closestDifference, length < closestLength {
                closestLength = length
            }
        }
        return closestLength
    }
}
