import AssayCore
import Foundation

/// A statement about a run or a comparison that a script or a CI job gates on: a threshold on a
/// metric's mean (`exact >= 0.9`), or no regression that is significant at `alpha`
/// (`rouge/rougeL/f1`, compared with a baseline). ``check(run:)`` and ``check(comparison:)`` give
/// the verdict with its figures.
public struct Expectation: Sendable, Hashable {
    /// How a figure is compared with the threshold.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case atLeast = ">="
        case atMost = "<="
        case above = ">"
        case below = "<"
        case equal = "=="
        case notEqual = "!="

        /// Whether `value` compares with `threshold` as the operator says.
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atLeast: value >= threshold
            case .atMost: value <= threshold
            case .above: value > threshold
            case .below: value < threshold
            case .equal: value == threshold
            case .notEqual: value != threshold
            }
        }
    }

    /// What is expected.
    public enum Kind: Sendable, Hashable {
        /// The run's mean (a comparison's delta) compares with a number.
        case threshold(Operator, Double)
        /// The second run's mean is not lower than the baseline's with p < alpha.
        case noRegression(alpha: Double)
    }

    /// The metric path (`exact`, `rouge/rougeL/f1`).
    public let metric: String
    /// What is expected of it.
    public let kind: Kind

    /// Creates an expectation.
    public init(metric: String, kind: Kind) {
        self.metric = metric
        self.kind = kind
    }

    /// `exact >= 0.9`, or `exact: no significant regression (alpha 0.05)`.
    public var description: String {
        switch kind {
        case .threshold(let op, let value): "\(metric) \(op.rawValue) \(Self.number(value))"
        case .noRegression(let alpha): "\(metric): no significant regression (alpha \(Self.number(alpha)))"
        }
    }

    /// Reads `METRIC OP NUMBER` (`exact>=0.9`, `rouge/rougeL/f1 > 0.5`).
    ///
    /// - Parameter text: The expectation as written on a command line.
    /// - Throws: ``ExpectationError`` naming what is missing.
    public init(parsing text: String) throws(ExpectationError) {
        // Two-character operators first, so that `>=` is not read as `>` then `=0.9`.
        let operators = Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        for op in operators {
            guard let range = text.range(of: op.rawValue) else { continue }
            let metric = String(text[..<range.lowerBound]).trimmingWhitespace()
            let number = String(text[range.upperBound...]).trimmingWhitespace()
            guard !metric.isEmpty else {
                throw ExpectationError(message: "the expectation '\(text)' names no metric", hint: "write it as METRIC>=NUMBER, e.g. exact>=0.9")
            }
            guard let value = Double(number), value.isFinite else {
                throw ExpectationError(message: "the expectation '\(text)' compares with '\(number)', which is not a number",
                                       hint: "write it as METRIC>=NUMBER, e.g. exact>=0.9")
            }
            self.init(metric: metric, kind: .threshold(op, value))
            return
        }
        throw ExpectationError(message: "the expectation '\(text)' has no comparison",
                               hint: "write it as METRIC OP NUMBER with OP one of >=, <=, >, <, ==, !=, e.g. exact>=0.9")
    }

    /// Checks a threshold on a run's mean (its cases' samples reduced as the run says).
    ///
    /// - Parameter run: The stored run.
    /// - Returns: The verdict, with a verdict per case (its reduced score against the threshold).
    /// - Throws: ``ExpectationError`` for a metric the run does not have, or `no_regression` (which
    ///   needs a comparison).
    public func check(run: StoredRun) throws(ExpectationError) -> ExpectationOutcome {
        guard case .threshold(let op, let threshold) = kind else {
            throw ExpectationError(message: "no_regression needs two runs compared, not one run",
                                   hint: "expect(compare(baseline, r), \"\(metric)\", no_regression: true)")
        }
        let statistics = run.statistics
        guard let entry = statistics.entry(named: metric) else {
            throw Self.unknownMetric(metric, among: statistics.entries.map(\.name), subject: "run \(run.record.idText.prefix(8))")
        }
        let summary = entry.summary
        var figures = "mean \(Self.number(summary.mean)) [\(Self.number(summary.confidenceInterval.lower)), "
            + "\(Self.number(summary.confidenceInterval.upper))]\(summary.intervalNote) n=\(summary.count)"
        if let wilson = entry.wilson { figures += ", Wilson [\(Self.number(wilson.lower)), \(Self.number(wilson.upper))]" }
        if statistics.reducer != .mean { figures += ", samples reduced by \(statistics.reducer.name)" }
        let cases = CaseScores.of(run.results, reducer: statistics.reducer).map { scores -> CaseVerdict in
            guard let score = scores.score(at: entry.path) else {
                return CaseVerdict(caseID: scores.caseID, passed: false, detail: "\(metric) was not scored (the case failed: see its status and error)")
            }
            return CaseVerdict(caseID: scores.caseID, passed: op.holds(score, threshold), detail: "\(metric) = \(Self.number(score))")
        }
        return ExpectationOutcome(
            expectation: self, subject: "run \(run.record.idText.prefix(8))", passed: op.holds(summary.mean, threshold),
            figures: figures, cases: cases)
    }

    /// Checks a comparison: no regression significant at alpha, or a threshold on the delta (b − a).
    ///
    /// - Parameter comparison: The baseline (a) and the run compared with it (b).
    /// - Returns: The verdict over the paired cases (``RunComparison``: a case's samples reduced by
    ///   its run's reducer); each paired case fails when it regressed.
    /// - Throws: ``ExpectationError`` for a metric the comparison does not have.
    public func check(comparison: RunComparison) throws(ExpectationError) -> ExpectationOutcome {
        let subject = "run \(comparison.b.record.idText.prefix(8)) vs baseline \(comparison.a.record.idText.prefix(8))"
        guard let entry = comparison.entries.first(where: { $0.name == metric }) else {
            throw Self.unknownMetric(metric, among: comparison.entries.map(\.name), subject: subject)
        }
        let statistics = entry.statistics
        let interval = statistics.deltaConfidenceInterval
        var figures = "delta \(Self.signed(statistics.delta)) [\(Self.signed(interval.lower)), \(Self.signed(interval.upper))] "
            + "p=\(Self.number(statistics.pValue)) n=\(statistics.count) (\(Self.number(statistics.meanA)) → \(Self.number(statistics.meanB)))"
        if comparison.reducesSamples {
            let a = comparison.sideA.reducer.name, b = comparison.sideB.reducer.name
            figures += ", n counts cases, samples reduced by " + (a == b ? a : "\(a) in the baseline and \(b) in the run")
        }
        let passed: Bool
        switch kind {
        case .noRegression(let alpha): passed = !(statistics.delta < 0 && statistics.pValue < alpha)
        case .threshold(let op, let value): passed = op.holds(statistics.delta, value)
        }
        let regressed = Set(entry.regressed)
        let cases = comparison.pairedCases.map { label in
            CaseVerdict(caseID: label, passed: !regressed.contains(label),
                        detail: regressed.contains(label) ? "\(metric) went down from the baseline" : "\(metric) did not go down")
        }
        return ExpectationOutcome(expectation: self, subject: subject, passed: passed, figures: figures, cases: cases)
    }

    private static func unknownMetric(_ metric: String, among names: [String], subject: String) -> ExpectationError {
        let hint = Suggestion.didYouMean(metric, among: names)
            ?? (names.isEmpty ? "the \(subject) has no scored metric" : "its metrics: " + names.joined(separator: ", "))
        return ExpectationError(message: "the \(subject) has no metric '\(metric)'", hint: hint)
    }

    /// A number with four decimals, whole numbers without (`0.9`, `1`, `0.8333`).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let text = String(format: "%.4f", value)
        return text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()) : text
    }

    /// A number with its sign (`+0.05`, `-0.12`).
    static func signed(_ value: Double) -> String {
        (value > 0 ? "+" : "") + number(value)
    }
}

/// An expectation's verdict and the figures it rests on.
public struct ExpectationOutcome: Sendable, Hashable {
    /// What was expected.
    public let expectation: Expectation
    /// What it was checked on: `run 1f3a9c2e`, or `run 1f3a9c2e vs baseline 0b7d4e11`.
    public let subject: String
    /// Whether it held.
    public let passed: Bool
    /// The figures: `mean 0.95 [0.85, 1] n=20`, or `delta -0.12 [-0.2, -0.04] p=0.002 n=50 (0.94 → 0.82)`.
    public let figures: String
    /// Each case's verdict (for a JUnit report with a test case per case).
    public let cases: [CaseVerdict]

    /// `PASS exact >= 0.9 · run 1f3a9c2e: mean 0.95 [0.85, 1] n=20` (`FAIL …` when it failed).
    public var line: String {
        "\(passed ? "PASS" : "FAIL") \(expectation.description) · \(subject): \(figures)"
    }
}

/// One case's verdict under an expectation.
public struct CaseVerdict: Sendable, Hashable {
    /// The case's id.
    public let caseID: String
    /// Whether the case met it.
    public let passed: Bool
    /// Its figure: `exact = 0.6667`, or why it failed.
    public let detail: String
}

/// An expectation that cannot be checked as written.
public struct ExpectationError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// What to do.
    public let hint: String
}
