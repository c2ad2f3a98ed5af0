import AssayCore

/// A run's results ranked by one metric: what `best` and `worst` show.
public struct RunRanking: Sendable {
    /// One ranked result.
    public struct Entry: Sendable {
        /// The result.
        public let result: CaseResult
        /// Its value at the metric path.
        public let score: Double
    }

    /// The ranked results, best (or worst) first; ties keep suite order.
    public let entries: [Entry]
    /// How many results had a value at the metric path.
    public let scoredCount: Int

    /// Ranks the results of a run by the value at a metric path.
    ///
    /// - Parameters:
    ///   - results: A run's results.
    ///   - metric: The metric path, `exact` or `rouge/rougeL/f1`.
    ///   - count: How many results to keep.
    ///   - highest: Whether the highest values come first (best) or the lowest (worst).
    /// - Throws: ``ComparisonError`` when no result has the metric, with the metrics that exist.
    public init(_ results: [CaseResult], metric: String, count: Int, highest: Bool) throws(ComparisonError) {
        let path = metric.split(separator: "/").map(String.init)
        let scored = results.compactMap { result in RunStatistics.number(at: path, in: result.metrics).map { Entry(result: result, score: $0) } }
        guard !scored.isEmpty else {
            let names = RunComparison.leafPaths(of: results).map { $0.joined(separator: "/") }
            let hint = Suggestion.didYouMean(metric, among: names)
                ?? (names.isEmpty ? "the run has no scored results" : "metrics: " + names.joined(separator: ", "))
            throw ComparisonError(message: "no result of the run has the metric '\(metric)'", hint: hint)
        }
        scoredCount = scored.count
        entries = scored.enumerated().sorted { left, right in
            if left.element.score != right.element.score {
                return highest ? left.element.score > right.element.score : left.element.score < right.element.score
            }
            return left.offset < right.offset
        }.prefix(max(0, count)).map(\.element)
    }
}
