import AssayCore

/// One case's samples and its reduced score on every metric path: what `samples: n` with a
/// ``SampleReducer`` makes of a case.
///
/// A sample whose metric could not be computed (an error, a failed stage) is left out of that
/// metric, as it is left out of the run's statistics; `samples` counts every result of the case.
public struct CaseScores: Sendable, Hashable {
    /// The case's id.
    public let caseID: String
    /// How many results (samples) the case has.
    public let samples: Int
    /// Each metric path with the values of the samples that have it, in sample order, in
    /// first-seen order of the paths.
    public let values: [(path: [String], values: [Double])]
    /// Each metric path's reduced score, in the order of ``values``.
    public let reduced: [(path: [String], score: Double)]

    /// The samples' values at a path (`["exact"]`); empty when none has it.
    public func values(at path: [String]) -> [Double] {
        values.first { $0.path == path }?.values ?? []
    }

    /// The reduced score at a path, if a sample has it.
    public func score(at path: [String]) -> Double? {
        reduced.first { $0.path == path }?.score
    }

    /// The cases of a run's results, in the order their first results come, each with its
    /// samples reduced.
    ///
    /// - Parameters:
    ///   - results: A run's case results.
    ///   - reducer: How samples become the case's score.
    /// - Returns: One entry per case id.
    public static func of(_ results: [CaseResult], reducer: SampleReducer) -> [CaseScores] {
        var order: [String] = []
        var grouped: [String: [CaseResult]] = [:]
        for result in results {
            if grouped[result.caseID] == nil { order.append(result.caseID) }
            grouped[result.caseID, default: []].append(result)
        }
        return order.map { id in
            let samples = (grouped[id] ?? []).sorted { $0.sample < $1.sample }
            let values = RunStatistics.values(of: samples)
            let reduced = values.compactMap { path, values in reducer.reduce(values).map { (path, $0) } }
            return CaseScores(caseID: id, samples: samples.count, values: values, reduced: reduced)
        }
    }

    public static func == (left: CaseScores, right: CaseScores) -> Bool {
        left.caseID == right.caseID && left.samples == right.samples
            && left.values.elementsEqual(right.values) { $0.path == $1.path && $0.values == $1.values }
            && left.reduced.elementsEqual(right.reduced) { $0.path == $1.path && $0.score == $1.score }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(caseID)
        hasher.combine(samples)
    }
}

/// A case whose samples disagree on a metric: some passed and some failed
/// (``SampleReducer/passes(_:)``).
public struct FlakyCase: Sendable, Hashable {
    /// The case's id.
    public let caseID: String
    /// The metric path the samples disagree on.
    public let path: [String]
    /// The samples' values, in sample order.
    public let values: [Double]
    /// How many samples passed.
    public let passed: Int
    /// The pass rate's Wilson 95% interval.
    public let interval: WilsonInterval

    /// passed / samples.
    public var passRate: Double { Double(passed) / Double(values.count) }

    /// The cases whose samples disagree on a metric path, in case order.
    ///
    /// - Parameters:
    ///   - cases: The run's cases (``CaseScores/of(_:reducer:)``).
    ///   - path: The metric path.
    /// - Returns: The flaky cases.
    public static func among(_ cases: [CaseScores], path: [String]) -> [FlakyCase] {
        cases.compactMap { scores in
            let values = scores.values(at: path)
            let passed = values.count { SampleReducer.passes($0) }
            guard passed > 0, passed < values.count, let interval = WilsonInterval(successes: passed, trials: values.count) else {
                return nil
            }
            return FlakyCase(caseID: scores.caseID, path: path, values: values, passed: passed, interval: interval)
        }
    }
}
