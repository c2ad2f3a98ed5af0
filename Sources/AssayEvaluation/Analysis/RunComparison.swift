import AssayCore
import AssayMetrics

/// Two runs compared case by case: results are paired by case id and sample, and every metric
/// (every numeric leaf path of the case metrics) gets both means, the delta (b − a), a paired
/// bootstrap 95% interval of the delta and a sign-flip p-value (``PairedComparison``, seed 0), with
/// the cases that went down (regressed) and up (improved).
public struct RunComparison: Sendable {
    /// One metric's comparison.
    public struct Entry: Sendable {
        /// The metric path inside the case metrics.
        public let path: [String]
        /// Both means, the delta, its interval and p-value over the paired results.
        public let statistics: PairedComparison
        /// Cases whose value is lower in b, as `id` (or `id#sample` for later samples).
        public let regressed: [String]
        /// Cases whose value is higher in b.
        public let improved: [String]

        /// The path as `rouge/rougeL/f1`.
        public var name: String { path.joined(separator: "/") }
    }

    /// The first run.
    public let a: StoredRun
    /// The second run.
    public let b: StoredRun
    /// Every metric both runs scored on at least one paired result, in first-seen order.
    public let entries: [Entry]
    /// How many results were paired.
    public let paired: Int
    /// Results that only the first run has.
    public let onlyInA: [String]
    /// Results that only the second run has.
    public let onlyInB: [String]
    /// The metric whose regressed and improved cases are shown first (the one asked for, else the
    /// first compared).
    public let focus: Entry?

    /// Compares two runs.
    ///
    /// - Parameters:
    ///   - a: The baseline.
    ///   - b: The run compared with it.
    ///   - metric: The focus metric's path (`rouge/rougeL/f1`), or nil for the first compared.
    /// - Throws: ``ComparisonError`` when the focus metric is not among the compared ones.
    public init(a: StoredRun, b: StoredRun, metric: String? = nil) throws(ComparisonError) {
        self.a = a
        self.b = b
        let resultsB = Dictionary(b.results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let keysA = Set(a.results.map(\.key))
        let pairs: [(CaseResult, CaseResult)] = a.results.compactMap { result in resultsB[result.key].map { (result, $0) } }
        paired = pairs.count
        onlyInA = a.results.filter { resultsB[$0.key] == nil }.map { Self.label($0.key) }
        onlyInB = b.results.filter { !keysA.contains($0.key) }.map { Self.label($0.key) }
        var entries: [Entry] = []
        for path in Self.leafPaths(of: a.results + b.results) {
            var valuesA: [Double] = []
            var valuesB: [Double] = []
            var regressed: [String] = []
            var improved: [String] = []
            for (left, right) in pairs {
                guard let x = RunStatistics.number(at: path, in: left.metrics),
                      let y = RunStatistics.number(at: path, in: right.metrics) else { continue }
                valuesA.append(x)
                valuesB.append(y)
                if y < x { regressed.append(Self.label(left.key)) } else if y > x { improved.append(Self.label(left.key)) }
            }
            guard let statistics = PairedComparison(a: valuesA, b: valuesB) else { continue }
            entries.append(Entry(path: path, statistics: statistics, regressed: regressed, improved: improved))
        }
        self.entries = entries
        if let metric {
            guard let entry = entries.first(where: { $0.name == metric }) else {
                let names = entries.map(\.name)
                let hint = Suggestion.didYouMean(metric, among: names)
                    ?? (names.isEmpty ? "the runs share no scored cases" : "compared metrics: " + names.joined(separator: ", "))
                throw ComparisonError(message: "no paired results have the metric '\(metric)'", hint: hint)
            }
            focus = entry
        } else {
            focus = entries.first
        }
    }

    /// `id`, or `id#2` for a later sample.
    ///
    /// - Parameter key: A result's case and sample.
    /// - Returns: Its label in comparisons.
    public static func label(_ key: CaseKey) -> String {
        key.sample == 0 ? key.caseID : "\(key.caseID)#\(key.sample)"
    }

    /// Every numeric leaf path of the results' metrics, in first-seen order.
    ///
    /// - Parameter results: Case results.
    /// - Returns: The paths.
    public static func leafPaths(of results: [CaseResult]) -> [[String]] {
        var seen = Set<[String]>()
        var order: [[String]] = []
        for result in results {
            RunStatistics.forEachNumber(in: .object(result.metrics)) { path, _ in
                if seen.insert(path).inserted { order.append(path) }
            }
        }
        return order
    }
}

/// Why two runs could not be compared as asked.
public struct ComparisonError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// What to do: the metrics that can be compared, or a close name.
    public let hint: String
}
