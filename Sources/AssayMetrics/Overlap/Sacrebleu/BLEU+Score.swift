#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension BLEU {
    /// Computes the score from sufficient statistics, as sacrebleu's `compute_bleu` does
    /// with this configuration's smoothing, effective order and maximum order.
    ///
    /// The floating-point operations follow sacrebleu's order so that results agree to the
    /// last bit.
    ///
    /// - Parameter statistics: Statistics with ``maxNGramOrder`` entries per array.
    /// - Returns: The score with its precisions and brevity penalty.
    public func score(from statistics: BLEUStatistics) -> BLEUScore {
        precondition(statistics.counts.count == maxNGramOrder, "statistics of a different n-gram order")
        let systemLength = statistics.systemLength
        let referenceLength = statistics.referenceLength
        var brevityPenalty = 1.0
        if systemLength < referenceLength {
            brevityPenalty = systemLength > 0 ? exp(1 - Double(referenceLength) / Double(systemLength)) : 0
        }
        var precisions = [Double](repeating: 0, count: maxNGramOrder)
        func result(_ score: Double) -> BLEUScore {
            BLEUScore(
                score: score, counts: statistics.counts, totals: statistics.totals, precisions: precisions,
                brevityPenalty: brevityPenalty, systemLength: systemLength, referenceLength: referenceLength)
        }
        // No match at all: sacrebleu stops early with a score of 0 (its issue #141).
        guard statistics.counts.contains(where: { $0 != 0 }) else { return result(0) }

        var mtevalSmoothing = 1.0
        var order = maxNGramOrder
        for n in 1...maxNGramOrder {
            var correct = Double(statistics.counts[n - 1])
            var total = Double(statistics.totals[n - 1])
            if case .addK(let k) = smoothing, n > 1 {
                correct += k
                total += k
            }
            if total == 0 { break }
            if effectiveOrder { order = n }
            if correct == 0 {
                switch smoothing {
                case .exponential:
                    mtevalSmoothing *= 2
                    precisions[n - 1] = 100 / (mtevalSmoothing * total)
                case .floor(let value):
                    precisions[n - 1] = 100 * value / total
                case .none, .addK:
                    break
                }
            } else {
                precisions[n - 1] = 100 * correct / total
            }
        }
        var logSum = 0.0
        for precision in precisions[0..<order] {
            // sacrebleu's my_log floors log(0) at -9999999999.
            logSum += precision == 0 ? -9_999_999_999 : log(precision)
        }
        return result(brevityPenalty * exp(logSum / Double(order)))
    }
}
