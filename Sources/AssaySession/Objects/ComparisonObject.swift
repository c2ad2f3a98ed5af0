import AssayCore
import AssayEvaluation
import AssayLanguage

/// `compare(a, b)` as the language sees it: a table of metrics (mean a, mean b, delta, 95% interval
/// of the delta, p, n) with paths `c/metrics/exact/delta`, `c/metrics/rouge/rougeL/f1/p`,
/// `c/regressed`, `c/improved` (cases of the focus metric), `c/paired` (how many cases were
/// paired), `c/unpaired` (`{a: [...], b: [...]}`: cases only one run has), `c/errored`
/// (`{a: [...], b: [...]}`: paired cases each run could not score in full) and `c/samples`
/// (`{a: {samples, reduce}, b: …}`: how each run's samples became its case scores).
struct ComparisonObject: DomainObject, RichDisplayable, JSONConvertible {
    let comparison: RunComparison

    static let members = ["a", "b", "metric", "metrics", "regressed", "improved", "paired", "unpaired", "errored", "samples"]

    var typeName: String { "comparison" }
    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        switch name {
        case "a": .string(comparison.a.record.idText)
        case "b": .string(comparison.b.record.idText)
        case "metric": comparison.focus.map { .string($0.name) } ?? .null
        case "metrics": .record(metricsRecord)
        case "regressed": .list((comparison.focus?.regressed ?? []).map(Value.string))
        case "improved": .list((comparison.focus?.improved ?? []).map(Value.string))
        case "paired": .integer(comparison.paired)
        case "unpaired":
            .record(Record([("a", .list(comparison.onlyInA.map(Value.string))), ("b", .list(comparison.onlyInB.map(Value.string)))]))
        case "errored":
            .record(Record([("a", .list(comparison.erroredInA.map(Value.string))), ("b", .list(comparison.erroredInB.map(Value.string)))]))
        case "samples":
            .record(Record([("a", Self.record(comparison.sideA)), ("b", Self.record(comparison.sideB))]))
        default: nil
        }
    }

    private static func record(_ side: RunComparison.Side) -> Value {
        .record(Record([("samples", .integer(side.samples)), ("reduce", .string(side.reducer.name))]))
    }

    /// The metrics nested as their paths nest, each leaf a record of the comparison's numbers.
    private var metricsRecord: Record {
        var root = Record()
        for entry in comparison.entries {
            let statistics = entry.statistics
            let leaf = Record([
                ("mean_a", .float(statistics.meanA)), ("mean_b", .float(statistics.meanB)), ("delta", .float(statistics.delta)),
                ("ci", .record(Record([
                    ("lower", .float(statistics.deltaConfidenceInterval.lower)), ("upper", .float(statistics.deltaConfidenceInterval.upper)),
                    ("level", .float(statistics.deltaConfidenceInterval.level)),
                ]))),
                ("p", .float(statistics.pValue)), ("n", .integer(statistics.count)),
                ("regressed", .list(entry.regressed.map(Value.string))), ("improved", .list(entry.improved.map(Value.string))),
            ])
            root = RunSummary.inserting(.record(leaf), at: entry.path[...], into: root)
        }
        return root
    }

    /// `a: run 1f3a9c2e "x" · b: run 9b0c… "y" · 10 results paired` (`10 cases paired (a: 3
    /// samples per case reduced by mean; b: …)` when samples are reduced).
    var headline: String {
        func describe(_ run: StoredRun) -> String { "run \(run.record.idText.prefix(8)) \"\(run.record.name)\"" }
        return "a: \(describe(comparison.a)) · b: \(describe(comparison.b)) · \(comparison.pairing)"
    }

    /// The lines under the table: caveats (reducers that differ), unpaired cases, paired cases a run
    /// could not score in full, then the focus metric's changed cases.
    private var notes: [String] {
        var lines = comparison.caveats
        if !comparison.onlyInA.isEmpty { lines.append("only in a (\(comparison.onlyInA.count)): " + Self.list(comparison.onlyInA)) }
        if !comparison.onlyInB.isEmpty { lines.append("only in b (\(comparison.onlyInB.count)): " + Self.list(comparison.onlyInB)) }
        if !comparison.erroredInA.isEmpty { lines.append("errored in a (\(comparison.erroredInA.count)): " + Self.list(comparison.erroredInA)) }
        if !comparison.erroredInB.isEmpty { lines.append("errored in b (\(comparison.erroredInB.count)): " + Self.list(comparison.erroredInB)) }
        if let focus = comparison.focus {
            lines.append("\(focus.name) regressed (\(focus.regressed.count)): " + (focus.regressed.isEmpty ? "none" : Self.list(focus.regressed)))
            lines.append("\(focus.name) improved (\(focus.improved.count)): " + (focus.improved.isEmpty ? "none" : Self.list(focus.improved)))
        }
        return lines
    }

    private static func list(_ items: [String]) -> String {
        items.count > 20 ? items.prefix(20).joined(separator: ", ") + ", …" : items.joined(separator: ", ")
    }

    var table: Table {
        let rows = comparison.entries.map { entry -> [String] in
            let statistics = entry.statistics
            let interval = statistics.deltaConfidenceInterval
            let delta = (statistics.delta > 0 ? "+" : "") + StatisticObject.format(statistics.delta)
            return [
                entry.name, StatisticObject.format(statistics.meanA), StatisticObject.format(statistics.meanB), delta,
                "[\(StatisticObject.format(interval.lower)), \(StatisticObject.format(interval.upper))]",
                StatisticObject.format(statistics.pValue), String(statistics.count), String(entry.regressed.count), String(entry.improved.count),
            ]
        }
        return Table(headers: ["metric", "mean a", "mean b", "delta", "95% CI", "p", "n", "regressed", "improved"], rows: rows,
                     caption: nil, numericColumns: [1, 2, 3, 5, 6, 7, 8])
    }

    var plainText: String {
        let body = comparison.entries.isEmpty ? "no metric to compare: the runs share no scored results" : table.plainText
        return ([headline, body] + notes).joined(separator: "\n")
    }

    var mimeBundle: MIMEBundle {
        var html = "<p>\(HTML.escape(headline))</p>\n"
        html += comparison.entries.isEmpty ? "<p>no metric to compare: the runs share no scored results</p>" : table.html
        html += notes.map { "\n<p>\(HTML.escape($0))</p>" }.joined()
        return MIMEBundle(["text/plain": plainText, "text/html": html])
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        for name in Self.members {
            if let value = member(name), let json = try? JSONBridge.json(value) { object[name] = json }
        }
        return .object(object)
    }
}
