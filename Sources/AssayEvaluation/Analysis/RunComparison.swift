import AssayCore
import AssayMetrics

/// Two runs compared case by case: every metric (every numeric leaf path of the case metrics) gets
/// both means, the delta (b − a), a paired bootstrap 95% interval of the delta and a sign-flip
/// p-value (``PairedComparison``, seed 0), with the cases that went down (regressed) and up
/// (improved).
///
/// The unit of pairing is the case. Each case's score is its run's reduced score
/// (``CaseScores``, by the run's own ``SampleReducer``: the values its summary is made of), so a
/// run with `samples: n` contributes one value per case, not n correlated ones, and `n` counts
/// cases. With one sample per case reduced by `mean` a case's score is its result's, and the
/// comparison is the result-by-result one of runs without samples. Runs with different reducers or
/// sample counts still pair by case; ``caveats`` says when the reducers differ.
///
/// Paired cases that either run could not score in full (a sample with any status but `ok`) are
/// counted and named (``erroredInA``, ``erroredInB``): a case is left out of a metric only when no
/// sample of it has the metric, never silently.
public struct RunComparison: Sendable {
    /// One paired case's score on a metric in each run.
    public struct PairedValue: Sendable, Hashable {
        /// The case's id.
        public let label: String
        /// Its score in the first run.
        public let a: Double
        /// Its score in the second run.
        public let b: Double
    }

    /// One metric's comparison.
    public struct Entry: Sendable {
        /// The metric path inside the case metrics.
        public let path: [String]
        /// Both means, the delta, its interval and p-value over the paired cases.
        public let statistics: PairedComparison
        /// Cases whose score is lower in b, by case id.
        public let regressed: [String]
        /// Cases whose score is higher in b.
        public let improved: [String]
        /// Every paired case's score in both runs, in the baseline's order (what the statistics
        /// are computed from).
        public let values: [PairedValue]

        /// The path as `rouge/rougeL/f1`.
        public var name: String { path.joined(separator: "/") }
    }

    /// How one run's cases were scored for the comparison.
    public struct Side: Sendable, Hashable {
        /// The run's reducer.
        public let reducer: SampleReducer
        /// The most samples a case of the run has.
        public let samples: Int

        /// `3 samples per case reduced by mean`.
        public var description: String {
            "\(samples) sample\(samples == 1 ? "" : "s") per case reduced by \(reducer.name)"
        }
    }

    /// The first run.
    public let a: StoredRun
    /// The second run.
    public let b: StoredRun
    /// Every metric both runs scored on at least one paired case, in first-seen order.
    public let entries: [Entry]
    /// The ids of the cases both runs have, in the baseline's order.
    public let pairedCases: [String]
    /// Cases that only the first run has.
    public let onlyInA: [String]
    /// Cases that only the second run has.
    public let onlyInB: [String]
    /// Paired cases with a sample that errored in the first run (any status but `ok`), in its order.
    public let erroredInA: [String]
    /// Paired cases with a sample that errored in the second run.
    public let erroredInB: [String]
    /// How the first run's samples were reduced.
    public let sideA: Side
    /// How the second run's samples were reduced.
    public let sideB: Side
    /// The metric whose regressed and improved cases are shown first (the one asked for, else the
    /// first compared).
    public let focus: Entry?

    /// How many cases were paired.
    public var paired: Int { pairedCases.count }

    /// Whether a case's score is a reduction of its samples in either run (more than one sample,
    /// or a reducer other than `mean`), rather than a single result's.
    public var reducesSamples: Bool {
        [sideA, sideB].contains { $0.samples > 1 || $0.reducer != .mean }
    }

    /// `40 results paired`, or `40 cases paired (a: 3 samples per case reduced by mean, b: …)`.
    public var pairing: String {
        guard reducesSamples else { return "\(paired) result\(paired == 1 ? "" : "s") paired" }
        return "\(paired) case\(paired == 1 ? "" : "s") paired (a: \(sideA.description); b: \(sideB.description))"
    }

    /// What a reader must know to read the deltas: the runs reduce samples differently.
    public var caveats: [String] {
        guard sideA.reducer != sideB.reducer else { return [] }
        return ["the runs reduce samples differently (a by \(sideA.reducer.name), b by \(sideB.reducer.name)): "
            + "each case's score is its own run's reduction, so a delta mixes the change of run with the change of reducer"]
    }

    /// Compares two runs.
    ///
    /// - Parameters:
    ///   - a: The baseline.
    ///   - b: The run compared with it.
    ///   - metric: The focus metric's path (`rouge/rougeL/f1`), or nil for the first compared.
    /// - Throws: ``ComparisonError`` when the focus metric is not among the compared ones.
    public init(a: StoredRun, b: StoredRun, metric: String? = nil) throws(ComparisonError) {
        try self.init(
            a: a, b: b, casesA: CaseScores.of(a.results, reducer: a.reducer), casesB: CaseScores.of(b.results, reducer: b.reducer),
            failedA: Self.erroredCases(a.results), failedB: Self.erroredCases(b.results), paths: Self.leafPaths(of: a.results + b.results),
            metric: metric)
    }

    /// Compares two runs as their results are read (from the store, a page at a time): only each
    /// case's scores are held, never the runs' results. The comparison is the one
    /// ``init(a:b:metric:)`` makes of the same results; its ``a`` and ``b`` hold the runs' records
    /// without their results unless both runs' results were held in memory already.
    ///
    /// - Parameters:
    ///   - a: The baseline's results.
    ///   - b: The results of the run compared with it.
    ///   - metric: The focus metric's path, or nil for the first compared.
    /// - Throws: ``ComparisonError`` when the focus metric is not among the compared ones;
    ///   ``RunStoreError`` when the store cannot be read.
    public init(a: RunResults, b: RunResults, metric: String? = nil) throws {
        if let heldA = a.heldRun, let heldB = b.heldRun {
            try self.init(a: heldA, b: heldB, metric: metric)
            return
        }
        var paths = LeafPaths()
        let gatheredA = try Gathered(a, paths: &paths), gatheredB = try Gathered(b, paths: &paths)
        guard gatheredA.isContiguous, gatheredB.isContiguous else {
            // A case whose results are not next to each other (never so for a run this build
            // made) is grouped by the whole-run comparison.
            try self.init(a: try a.stored(), b: try b.stored(), metric: metric)
            return
        }
        try self.init(
            a: StoredRun(record: a.record, results: []), b: StoredRun(record: b.record, results: []),
            casesA: gatheredA.cases, casesB: gatheredB.cases, failedA: gatheredA.failed, failedB: gatheredB.failed,
            paths: paths.order, metric: metric)
    }

    private init(
        a: StoredRun, b: StoredRun, casesA: [CaseScores], casesB: [CaseScores], failedA: Set<String>, failedB: Set<String>,
        paths: [[String]], metric: String?
    ) throws(ComparisonError) {
        self.a = a
        self.b = b
        sideA = Side(reducer: a.reducer, samples: casesA.map(\.samples).max() ?? 0)
        sideB = Side(reducer: b.reducer, samples: casesB.map(\.samples).max() ?? 0)
        let scoresB = Dictionary(casesB.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
        let idsA = Set(casesA.map(\.caseID))
        let pairs: [(CaseScores, CaseScores)] = casesA.compactMap { scores in scoresB[scores.caseID].map { (scores, $0) } }
        pairedCases = pairs.map(\.0.caseID)
        onlyInA = casesA.filter { scoresB[$0.caseID] == nil }.map(\.caseID)
        onlyInB = casesB.filter { !idsA.contains($0.caseID) }.map(\.caseID)
        erroredInA = pairedCases.filter { failedA.contains($0) }
        erroredInB = pairedCases.filter { failedB.contains($0) }
        var entries: [Entry] = []
        for path in paths {
            let values = pairs.compactMap { left, right -> PairedValue? in
                guard let x = left.score(at: path), let y = right.score(at: path) else { return nil }
                return PairedValue(label: left.caseID, a: x, b: y)
            }
            guard let statistics = PairedComparison(a: values.map(\.a), b: values.map(\.b)) else { continue }
            entries.append(Entry(path: path, statistics: statistics, regressed: values.filter { $0.b < $0.a }.map(\.label),
                                 improved: values.filter { $0.b > $0.a }.map(\.label), values: values))
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

    /// Numeric leaf paths in first-seen order.
    private struct LeafPaths {
        private var seen = Set<[String]>()
        private(set) var order: [[String]] = []

        mutating func add(_ metrics: JSONObject) {
            RunStatistics.forEachNumber(in: .object(metrics)) { path, _ in
                if seen.insert(path).inserted { order.append(path) }
            }
        }
    }

    /// One run's case scores, gathered from its results in order: a case's results (its samples)
    /// come one after another, and each case is reduced when the next begins.
    private struct Gathered {
        private(set) var cases: [CaseScores] = []
        private(set) var failed = Set<String>()
        /// False when a case's results were not all next to each other.
        private(set) var isContiguous = true

        init(_ results: RunResults, paths: inout LeafPaths) throws {
            let reducer = results.reducer
            var cases: [CaseScores] = []
            var failed = Set<String>()
            var isContiguous = true
            var finished = Set<String>()
            var current: [CaseResult] = []
            func close() {
                guard let first = current.first else { return }
                cases += CaseScores.of(current, reducer: reducer)
                finished.insert(first.caseID)
                current.removeAll(keepingCapacity: true)
            }
            try results.forEachScore { result in
                if result.status != .ok { failed.insert(result.caseID) }
                paths.add(result.metrics)
                if let first = current.first, first.caseID != result.caseID { close() }
                if current.isEmpty, finished.contains(result.caseID) { isContiguous = false }
                current.append(result)
            }
            close()
            self.cases = cases
            self.failed = failed
            self.isContiguous = isContiguous
        }
    }

    /// The ids of the cases with a result whose status is not `ok`.
    private static func erroredCases(_ results: [CaseResult]) -> Set<String> {
        Set(results.filter { $0.status != .ok }.map(\.caseID))
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
