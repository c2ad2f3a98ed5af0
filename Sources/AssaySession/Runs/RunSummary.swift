import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// The statistics of a run's metrics, nested as the metrics nest.
///
/// A case's metrics `{exact: 1, rouge: {rougeL: {f1: 0.5}}}` contribute to the statistics at
/// `exact` and `rouge/rougeL/f1`; the summary is a record with the same shape whose leaves are
/// ``StatisticObject``s (mean, n, stdev, min, max, 95% bootstrap interval with seed 0). Results
/// whose metric could not be computed (a model, extraction or metric error) do not contribute: the
/// statistic's `n` says how many did.
enum RunSummary {
    /// The leaf paths of every metric value, in first-seen order, with each result's number.
    static func values(of results: [CaseResult]) -> [(path: [String], values: [Double])] {
        var order: [[String]] = []
        var collected: [[String]: [Double]] = [:]
        for result in results {
            flatten(.object(result.metrics), prefix: []) { path, number in
                if collected[path] == nil { order.append(path) }
                collected[path, default: []].append(number)
            }
        }
        return order.map { ($0, collected[$0]!) }
    }

    /// Each metric path's statistics (the bootstrap is the costly part: compute them once).
    static func statistics(of results: [CaseResult]) -> [(path: [String], summary: MetricSummary)] {
        values(of: results).compactMap { path, values in MetricSummary(values).map { (path, $0) } }
    }

    /// The summary record: the statistics nested as the metrics nest; with a cost, also `cost`
    /// (the dollars the run's requests cost, null without a price; cached answers cost nothing)
    /// and `requests` (`{made, cached}`), unless a metric has those names.
    static func record(of statistics: [(path: [String], summary: MetricSummary)], cost: RunCost? = nil) -> Record {
        var root = Record()
        for (path, summary) in statistics {
            root = inserting(.object(StatisticObject(summary: summary)), at: path[...], into: root)
        }
        if let cost {
            if root["cost"] == nil { root["cost"] = cost.total.map(Value.float) ?? .null }
            if root["requests"] == nil {
                root["requests"] = .record(Record([("made", .integer(cost.requests)), ("cached", .integer(cost.cached))]))
            }
        }
        return root
    }

    /// Calls `visit` for every number (or Boolean, as 0 or 1) inside a metric value.
    static func flatten(_ value: JSONValue, prefix: [String], _ visit: ([String], Double) -> Void) {
        switch value {
        case .object(let object):
            for (key, member) in object { flatten(member, prefix: prefix + [key], visit) }
        case .bool(let flag):
            visit(prefix, flag ? 1 : 0)
        default:
            if let number = value.doubleValue, number.isFinite { visit(prefix, number) }
        }
    }

    /// `record` with `value` placed at a nested path, creating the records on the way.
    static func inserting(_ value: Value, at path: ArraySlice<String>, into record: Record) -> Record {
        var record = record
        guard let key = path.first else { return record }
        if path.count == 1 {
            record[key] = value
        } else {
            var inner = Record()
            if case .record(let existing) = record[key] { inner = existing }
            record[key] = .record(inserting(value, at: path.dropFirst(), into: inner))
        }
        return record
    }

    /// The summary as table rows: metric path, mean, interval, n.
    static func table(of statistics: [(path: [String], summary: MetricSummary)], caption: String?) -> Table {
        var rows: [[String]] = []
        for (path, summary) in statistics {
            let interval = summary.confidenceInterval
            rows.append([
                path.joined(separator: "/"), StatisticObject.format(summary.mean),
                "[\(StatisticObject.format(interval.lower)), \(StatisticObject.format(interval.upper))]",
                String(summary.count),
            ])
        }
        return Table(headers: ["metric", "mean", "95% CI", "n"], rows: rows, caption: caption, numericColumns: [1, 3])
    }
}
