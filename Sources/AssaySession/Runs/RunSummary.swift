import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// A run's statistics (``RunStatistics``, computed by the engine) as the language shows them: a
/// record nested as the metrics nest, whose leaves are ``StatisticObject``s, and a table.
enum RunSummary {
    /// Each metric path's statistics, as pairs.
    static func statistics(of statistics: RunStatistics) -> [(path: [String], summary: MetricSummary)] {
        statistics.entries.map { ($0.path, $0.summary) }
    }

    /// The summary record: the statistics nested as the metrics nest; with a cost, also `cost`
    /// (the dollars the run's requests cost, null without a price; cached answers cost nothing)
    /// and `requests` (`{made, cached}`), unless a metric has those names.
    static func record(of statistics: [(path: [String], summary: MetricSummary)], cost: RunCost? = nil,
                       wilson: [[String]: WilsonInterval] = [:]) -> Record {
        var root = Record()
        for (path, summary) in statistics {
            root = inserting(.object(StatisticObject(summary: summary, wilson: wilson[path])), at: path[...], into: root)
        }
        if let cost {
            if root["cost"] == nil { root["cost"] = cost.total.map { .float(RunCost.rounded($0)) } ?? .null }
            if root["requests"] == nil {
                root["requests"] = .record(Record([("made", .integer(cost.requests)), ("cached", .integer(cost.cached))]))
            }
        }
        return root
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

    /// The summary as table rows: metric path, mean, interval (marked `(normal)` when it is the
    /// normal approximation), n, and when a metric is a proportion its Wilson interval.
    static func table(of statistics: [(path: [String], summary: MetricSummary)], caption: String?,
                      wilson: [[String]: WilsonInterval] = [:]) -> Table {
        var rows: [[String]] = []
        for (path, summary) in statistics {
            var row = [
                path.joined(separator: "/"), StatisticObject.format(summary.mean), StatisticObject.interval(summary),
                String(summary.count),
            ]
            if !wilson.isEmpty {
                row.append(wilson[path].map { "[\(StatisticObject.format($0.lower)), \(StatisticObject.format($0.upper))]" } ?? "")
            }
            rows.append(row)
        }
        let headers = ["metric", "mean", "95% CI", "n"] + (wilson.isEmpty ? [] : ["Wilson 95%"])
        return Table(headers: headers, rows: rows, caption: caption, numericColumns: [1, 3])
    }
}
