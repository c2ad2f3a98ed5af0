/// BLEU's sufficient statistics for a segment or a corpus: lengths and n-gram matches.
///
/// Corpus BLEU adds the statistics of all segments and then computes one score, so these
/// can be summed with `+`.
public struct BLEUStatistics: Hashable, Sendable {
    /// The number of hypothesis words.
    public var systemLength: Int
    /// The length of the reference closest in length to each hypothesis (the shorter one
    /// on ties), summed.
    public var referenceLength: Int
    /// Matched n-grams for each order 1…N, each clipped by the most times the n-gram occurs
    /// in any one reference.
    public var counts: [Int]
    /// Hypothesis n-grams for each order 1…N.
    public var totals: [Int]

    /// Creates statistics from their parts; `counts` and `totals` must be equally long.
    public init(systemLength: Int, referenceLength: Int, counts: [Int], totals: [Int]) {
        precondition(counts.count == totals.count, "counts and totals need one entry per n-gram order")
        self.systemLength = systemLength
        self.referenceLength = referenceLength
        self.counts = counts
        self.totals = totals
    }

    /// Empty statistics for n-grams up to `order`.
    init(order: Int) {
        self.init(systemLength: 0, referenceLength: 0, counts: Array(repeating: 0, count: order),
                  totals: Array(repeating: 0, count: order))
    }

    /// The element-wise sum of two sets of statistics of the same order.
    public static func + (lhs: BLEUStatistics, rhs: BLEUStatistics) -> BLEUStatistics {
        var sum = lhs
        sum += rhs
        return sum
    }

    /// Adds `rhs` element-wise to `lhs`.
    public static func += (lhs: inout BLEUStatistics, rhs: BLEUStatistics) {
        precondition(lhs.counts.count == rhs.counts.count, "statistics of different n-gram orders")
        lhs.systemLength += rhs.systemLength
        lhs.referenceLength += rhs.referenceLength
        for order in lhs.counts.indices {
            lhs.counts[order] += rhs.counts[order]
            lhs.totals[order] += rhs.totals[order]
        }
    }
}
