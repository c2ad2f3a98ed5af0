import AssayCore
import AssayMetrics

/// The statistics of a run's metrics, one per numeric leaf of the case metrics, in first-seen order.
///
/// A case's metrics `{exact: 1, rouge: {rougeL: {f1: 0.5}}}` contribute to the statistics at
/// `exact` and `rouge/rougeL/f1` (a Boolean as 0 or 1). Each has mean, n, standard deviation, min,
/// max and a 95% interval of the mean: a bootstrap (1,000 resamples, seed 0) up to
/// ``MetricSummary/bootstrapLimit`` cases, the normal approximation mean ± 1.96·s/√n above
/// (``MetricSummary/intervalMethod``). Results whose metric could not be computed do not
/// contribute: `n` says how many did. A run's statistics are computed once, when it stops, and
/// stored with it (``RunRecord/summary``); the values are collected in one pass over the results
/// (``MetricColumns``).
///
/// The statistics are over cases: a case's samples (`samples: n`) are first reduced to the case's
/// one score by the run's ``SampleReducer`` (one sample reduced by `mean` is itself). A metric
/// whose values are all 0 or 1 is a proportion and also gets a Wilson 95% interval
/// (``Entry/wilson``).
/// A run whose answers were streamed also has the distribution of `ttft_ms` (time to first token)
/// and `tokens_per_s`.
public struct RunStatistics: Sendable, Hashable {
    /// One metric path's statistics.
    public struct Entry: Sendable, Hashable {
        /// The path of the metric value inside a case's metrics (`["rouge", "rougeL", "f1"]`).
        public var path: [String]
        /// The statistics of the values found there.
        public var summary: MetricSummary
        /// The Wilson 95% interval of the proportion, when every value is 0 or 1.
        public var wilson: WilsonInterval?

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - path: The metric path.
        ///   - summary: Its statistics.
        ///   - wilson: The proportion's Wilson interval, for 0/1 values.
        public init(path: [String], summary: MetricSummary, wilson: WilsonInterval? = nil) {
            self.path = path
            self.summary = summary
            self.wilson = wilson
        }

        /// The path as `rouge/rougeL/f1`.
        public var name: String { path.joined(separator: "/") }
    }

    /// The statistics, in the order the metric paths first appear in the results.
    public var entries: [Entry]
    /// How each case's samples were reduced to its score.
    public var reducer: SampleReducer = .mean

    /// Computes the statistics of results, each case's samples reduced first.
    ///
    /// - Parameters:
    ///   - results: A run's case results.
    ///   - reducer: How a case's samples become its score; `mean` by default.
    public init(results: [CaseResult], reducer: SampleReducer = .mean) {
        self.init(columns: MetricColumns(results: results, reducer: reducer), reducer: reducer)
    }

    /// The statistics of collected scores.
    init(columns collected: MetricColumns, reducer: SampleReducer) {
        self.reducer = reducer
        entries = zip(collected.paths, collected.columns).compactMap { path, values in
            guard let summary = MetricSummary(values) else { return nil }
            return Entry(path: path, summary: summary, wilson: Self.wilson(of: values))
        }
    }

    /// The Wilson interval of values that are all 0 or 1; nil otherwise.
    static func wilson(of values: [Double]) -> WilsonInterval? {
        guard values.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        return WilsonInterval(successes: values.count { $0 == 1 }, trials: values.count)
    }

    /// The statistics of one metric path, if the results have it.
    ///
    /// - Parameter name: The path as `rouge/rougeL/f1`.
    /// - Returns: Its statistics, or nil.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The leaf paths of every metric value, in first-seen order, with each result's number.
    ///
    /// - Parameter results: Case results.
    /// - Returns: Each metric path with the numbers found there, in result order.
    static func values(of results: [CaseResult]) -> [(path: [String], values: [Double])] {
        var order: [[String]] = []
        var collected: [[String]: [Double]] = [:]
        for result in results {
            forEachNumber(in: .object(result.metrics)) { path, number in
                if collected[path] == nil { order.append(path) }
                collected[path, default: []].append(number)
            }
        }
        // A streamed run's timings, after its metrics: their distribution over the cases.
        for (name, value) in [("ttft_ms", \CaseResult.ttftMilliseconds), ("tokens_per_s", \CaseResult.tokensPerSecond)] {
            let numbers = results.compactMap { $0[keyPath: value] }.filter(\.isFinite)
            if !numbers.isEmpty, collected[[name]] == nil {
                order.append([name])
                collected[[name]] = numbers
            }
        }
        return order.map { ($0, collected[$0] ?? []) }
    }

    /// Calls `visit` with the path of every finite number (and Boolean, as 0 or 1) inside a metric
    /// value, in the value's order.
    ///
    /// - Parameters:
    ///   - value: A case's metrics, or one metric's value.
    ///   - prefix: The path of `value` itself.
    ///   - visit: Called with each leaf's path and number.
    public static func forEachNumber(in value: JSONValue, prefix: [String] = [], _ visit: ([String], Double) -> Void) {
        if case .object(let object) = value {
            for (key, member) in object { forEachNumber(in: member, prefix: prefix + [key], visit) }
        } else if let number = leafNumber(value) {
            visit(prefix, number)
        }
    }

    /// The number a metric value that is not an object counts as: a Boolean as 0 or 1, a finite
    /// number as itself; nil for anything else.
    static func leafNumber(_ value: JSONValue) -> Double? {
        if case .bool(let flag) = value { return flag ? 1 : 0 }
        guard let number = value.doubleValue, number.isFinite else { return nil }
        return number
    }

    /// The number at a metric path (a Boolean as 0 or 1), if there is one.
    ///
    /// - Parameters:
    ///   - path: The path inside the metrics.
    ///   - metrics: A case's metrics.
    /// - Returns: The finite number there, or nil.
    public static func number(at path: [String], in metrics: JSONObject) -> Double? {
        var current = JSONValue.object(metrics)
        for step in path {
            guard let next = current.objectValue?[step] else { return nil }
            current = next
        }
        return leafNumber(current)
    }
}

extension RunStatistics {
    /// The stored form: `{"version": 1, "metrics": [{"path": […], "n", "mean", "stdev", "min",
    /// "max", "ci": {"lower", "upper", "level"}, "interval_method", "resamples", "seed"}, …]}`,
    /// with `"wilson": {"lower", "upper", "level"}` in a proportion's entry and `"reduce"` when the
    /// reducer is not `mean`. `interval_method` is `"bootstrap"` or `"normal"`
    /// (``IntervalMethod``); summaries stored before it existed have none and were bootstrapped.
    public var json: JSONValue {
        let metrics: [JSONValue] = entries.map { entry in
            let summary = entry.summary
            let interval = summary.confidenceInterval
            var member: JSONObject = [
                "path": .array(entry.path.map(JSONValue.string)), "n": .int(summary.count), "mean": .double(summary.mean),
                "stdev": .double(summary.standardDeviation), "min": .double(summary.minimum), "max": .double(summary.maximum),
                "ci": ["lower": .double(interval.lower), "upper": .double(interval.upper), "level": .double(interval.level)],
                "interval_method": .string(summary.intervalMethod.rawValue), "resamples": .int(summary.resamples),
                "seed": .int(Int(truncatingIfNeeded: summary.seed)),
            ]
            if let wilson = entry.wilson {
                member["wilson"] = ["lower": .double(wilson.lower), "upper": .double(wilson.upper), "level": .double(wilson.level)]
            }
            return .object(member)
        }
        var object: JSONObject = ["version": .int(1), "metrics": .array(metrics)]
        if reducer != .mean { object["reduce"] = .string(reducer.name) }
        return .object(object)
    }

    /// Reads statistics written by ``json``; nil when the value is not in that form.
    ///
    /// - Parameter json: A stored summary.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, object["version"]?.intValue == 1, let metrics = object["metrics"]?.arrayValue else {
            return nil
        }
        var entries: [Entry] = []
        for item in metrics {
            guard let member = item.objectValue, let path = member["path"]?.arrayValue?.compactMap(\.stringValue),
                  let count = member["n"]?.intValue, let mean = member["mean"]?.doubleValue,
                  let deviation = member["stdev"]?.doubleValue, let minimum = member["min"]?.doubleValue,
                  let maximum = member["max"]?.doubleValue, let interval = member["ci"]?.objectValue,
                  let lower = interval["lower"]?.doubleValue, let upper = interval["upper"]?.doubleValue,
                  let level = interval["level"]?.doubleValue, let resamples = member["resamples"]?.intValue,
                  let seed = member["seed"]?.intValue else { return nil }
            // Summaries stored before the normal interval existed name no method: they were bootstrapped.
            var method = IntervalMethod.bootstrap
            if let name = member["interval_method"] {
                guard let known = name.stringValue.flatMap(IntervalMethod.init(rawValue:)) else { return nil }
                method = known
            }
            let summary = MetricSummary(
                count: count, mean: mean, standardDeviation: deviation, minimum: minimum, maximum: maximum,
                confidenceInterval: ConfidenceInterval(lower: lower, upper: upper, level: level), intervalMethod: method,
                resamples: resamples, seed: UInt64(truncatingIfNeeded: seed))
            let wilson = member["wilson"]?.objectValue.flatMap { bounds -> WilsonInterval? in
                guard let lower = bounds["lower"]?.doubleValue, let upper = bounds["upper"]?.doubleValue,
                      let level = bounds["level"]?.doubleValue else { return nil }
                return WilsonInterval(lower: lower, upper: upper, level: level)
            }
            entries.append(Entry(path: path, summary: summary, wilson: wilson))
        }
        self.entries = entries
        reducer = (object["reduce"]?.stringValue).flatMap { try? SampleReducer(name: $0) } ?? .mean
    }

    /// Statistics made of entries (for tests and merged summaries).
    ///
    /// - Parameters:
    ///   - entries: The entries, in order.
    ///   - reducer: How the cases' samples were reduced.
    public init(entries: [Entry], reducer: SampleReducer = .mean) {
        self.entries = entries
        self.reducer = reducer
    }
}

extension MetricSummary {
    /// What follows the interval where a summary is shown: ` (normal)` when it is the normal
    /// approximation (more than ``MetricSummary/bootstrapLimit`` cases), nothing for the bootstrap,
    /// which every interval was before.
    public var intervalNote: String {
        intervalMethod == .bootstrap ? "" : " (\(intervalMethod.rawValue))"
    }
}
