import AssayCore

/// A run's results ranked by one metric: what `best` and `worst` show.
///
/// The results are gone through once, in order, keeping only the `count` best so far (a bounded
/// heap), so ranking a run read from the store (``init(_:metric:count:highest:)-(RunResults,_,_,_)``)
/// holds `count` results, not the run.
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
    /// Whether the run has results of samples after the first (`samples:` above 1).
    public let hasSamples: Bool

    /// Ranks the results of a run by the value at a metric path.
    ///
    /// - Parameters:
    ///   - results: A run's results.
    ///   - metric: The metric path, `exact` or `rouge/rougeL/f1`.
    ///   - count: How many results to keep.
    ///   - highest: Whether the highest values come first (best) or the lowest (worst).
    /// - Throws: ``ComparisonError`` when no result has the metric, with the metrics that exist.
    public init(_ results: [CaseResult], metric: String, count: Int, highest: Bool) throws(ComparisonError) {
        var ranker = Ranker(metric: metric, count: count, highest: highest)
        for index in results.indices { ranker.add(results[index]) }
        self = try ranker.ranking()
    }

    /// Ranks a run's results as they are read (from the store, a page at a time).
    ///
    /// - Parameters:
    ///   - results: A run's results.
    ///   - metric: The metric path.
    ///   - count: How many results to keep.
    ///   - highest: Whether the highest values come first.
    /// - Throws: ``ComparisonError`` when no result has the metric; ``RunStoreError`` when the
    ///   store cannot be read.
    public init(_ results: RunResults, metric: String, count: Int, highest: Bool) throws {
        var ranker = Ranker(metric: metric, count: count, highest: highest)
        try results.forEach { ranker.add($0) }
        self = try ranker.ranking()
    }

    private init(entries: [Entry], scoredCount: Int, hasSamples: Bool) {
        self.entries = entries
        self.scoredCount = scoredCount
        self.hasSamples = hasSamples
    }

    /// The ranking made one result at a time: a heap of the `count` best results so far, its
    /// worst at the root.
    private struct Ranker {
        private struct Kept {
            let entry: Entry
            let offset: Int
        }

        let metric: String
        let path: [String]
        let count: Int
        let highest: Bool
        private var heap: [Kept] = []
        private var offset = 0
        private var scoredCount = 0
        private var hasSamples = false
        /// The metric paths of the results, gathered only while none has the one asked for (for
        /// the hint of the error).
        private var seenPaths = Set<[String]>()
        private var pathOrder: [[String]] = []

        init(metric: String, count: Int, highest: Bool) {
            self.metric = metric
            path = metric.split(separator: "/").map(String.init)
            self.count = max(0, count)
            self.highest = highest
        }

        mutating func add(_ result: CaseResult) {
            defer { offset += 1 }
            if result.sample > 0 { hasSamples = true }
            guard let score = RunStatistics.number(at: path, in: result.metrics) else {
                if scoredCount == 0 {
                    RunStatistics.forEachNumber(in: .object(result.metrics)) { path, _ in
                        if seenPaths.insert(path).inserted { pathOrder.append(path) }
                    }
                }
                return
            }
            scoredCount += 1
            guard count > 0 else { return }
            let kept = Kept(entry: Entry(result: result, score: score), offset: offset)
            if heap.count < count {
                heap.append(kept)
                siftUp(heap.count - 1)
            } else if precedes(kept, heap[0]) {
                heap[0] = kept
                siftDown(0)
            }
        }

        func ranking() throws(ComparisonError) -> RunRanking {
            guard scoredCount > 0 else {
                let names = pathOrder.map { $0.joined(separator: "/") }
                let hint = Suggestion.didYouMean(metric, among: names)
                    ?? (names.isEmpty ? "the run has no scored results" : "metrics: " + names.joined(separator: ", "))
                throw ComparisonError(message: "no result of the run has the metric '\(metric)'", hint: hint)
            }
            let ordered = heap.sorted { precedes($0, $1) }.map(\.entry)
            return RunRanking(entries: ordered, scoredCount: scoredCount, hasSamples: hasSamples)
        }

        /// Whether `left` ranks before `right`: a better score, or the same score earlier in the run.
        private func precedes(_ left: Kept, _ right: Kept) -> Bool {
            if left.entry.score != right.entry.score {
                return highest ? left.entry.score > right.entry.score : left.entry.score < right.entry.score
            }
            return left.offset < right.offset
        }

        private mutating func siftUp(_ start: Int) {
            var child = start
            while child > 0 {
                let parent = (child - 1) / 2
                guard precedes(heap[parent], heap[child]) else { return }
                heap.swapAt(parent, child)
                child = parent
            }
        }

        private mutating func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, precedes(heap[worst], heap[left]) { worst = left }
                if right < heap.count, precedes(heap[worst], heap[right]) { worst = right }
                guard worst != parent else { return }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }
}
