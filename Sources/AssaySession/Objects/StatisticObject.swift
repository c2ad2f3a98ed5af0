import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// A metric's summary over a run's cases: it shows as its mean with the 95% interval and n
/// (`(normal)` after the interval when it is the normal approximation rather than the bootstrap),
/// behaves as its mean in arithmetic and comparisons (`r/summary/exact > 0.9`), and exposes
/// `/mean`, `/n`, `/stdev`, `/min`, `/max` and `/ci` (a record `{lower, upper, level, method}`,
/// method `"bootstrap"` or `"normal"`); a proportion (every value 0 or 1) also `/wilson`, its
/// Wilson interval (null for other metrics).
struct StatisticObject: DomainObject {
    let summary: MetricSummary
    var wilson: WilsonInterval?

    var typeName: String { "statistic" }
    var memberNames: [String] { ["mean", "n", "stdev", "min", "max", "ci", "wilson"] }
    var numericValue: Double? { summary.mean }

    func member(_ name: String) -> Value? {
        switch name {
        case "mean": .float(summary.mean)
        case "n": .integer(summary.count)
        case "stdev": .float(summary.standardDeviation)
        case "min": .float(summary.minimum)
        case "max": .float(summary.maximum)
        case "ci":
            .record(Record([
                ("lower", .float(summary.confidenceInterval.lower)),
                ("upper", .float(summary.confidenceInterval.upper)),
                ("level", .float(summary.confidenceInterval.level)),
                ("method", .string(summary.intervalMethod.rawValue)),
            ]))
        case "wilson":
            wilson.map { .record(Record([("lower", .float($0.lower)), ("upper", .float($0.upper)), ("level", .float($0.level))])) } ?? .null
        default: nil
        }
    }

    /// `0.8333 [0.5833, 1.0000] n=12`; `0.5012 [0.5002, 0.5022] (normal) n=1000000` for a normal interval.
    var plainText: String {
        "\(Self.format(summary.mean)) \(Self.interval(summary)) n=\(summary.count)"
    }

    /// The interval of the mean as `[0.5833, 1.0000]`, followed by ` (normal)` when it is the
    /// normal approximation (above ``MetricSummary/bootstrapLimit`` cases) rather than the bootstrap.
    static func interval(_ summary: MetricSummary) -> String {
        let interval = summary.confidenceInterval
        return "[\(format(interval.lower)), \(format(interval.upper))]\(summary.intervalNote)"
    }

    func isSame(as other: any DomainObject) -> Bool {
        (other as? StatisticObject).map { $0.summary == summary && $0.wilson == wilson } ?? false
    }

    /// Four decimals: enough to compare runs, short enough for tables.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let scaled = (value * 10_000).rounded() / 10_000
        var text = String(scaled)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 4 { text += String(repeating: "0", count: 4 - decimals) }
        }
        return text
    }
}
