import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// The result of `experiment(…)`: one run per (model, template), and a table of their metric
/// means with 95% intervals, the best value of each column marked.
///
/// Paths: `e/runs` (the runs, models in the outer order, templates in the inner), `e/table` (one
/// record per run: `model`, `template`, each metric's mean by its path, `n`, `errors`, `run`),
/// `cost` (what the run's answers cost at its model's price, from the cache or not: the figure to
/// compare models by) and `spent` (what this run paid) when the model has a price,
/// `e/models`, `e/templates`, `e/best` (per metric path, as the metrics nest, the row that is best:
/// `e/best/rouge/rougeL/f1/model`).
struct ExperimentObject: DomainObject, RichDisplayable, JSONConvertible {
    /// One cell of the experiment: the labels it was run under and its run.
    struct Row {
        let model: String
        let template: String
        let run: RunObject
    }

    let rows: [Row]
    /// Why the experiment stopped before its last run, if it did (its budget ran out).
    var stoppedEarly: String?
    /// The metric paths shown as columns, in order of first appearance. For a metric with
    /// precision, recall and F1, only F1 is a column (the runs hold all three).
    let columns: [[String]]

    init(rows: [Row]) {
        self.rows = rows
        var paths: [[String]] = []
        for row in rows {
            for (path, _) in row.run.statistics where !paths.contains(path) { paths.append(path) }
        }
        columns = paths.filter { path in
            guard let last = path.last, last == "precision" || last == "recall" else { return true }
            return !paths.contains(Array(path.dropLast()) + ["f1"])
        }
    }

    var typeName: String { "experiment" }
    var memberNames: [String] { ["runs", "table", "models", "templates", "best"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "runs": .list(rows.map { .object($0.run) })
        case "table": .object(recordTable)
        case "models": .list(unique(rows.map(\.model)).map(Value.string))
        case "templates": .list(unique(rows.map(\.template)).map(Value.string))
        case "best":
            .record(columns.reduce(into: Record()) { record, path in
                guard let index = best(path) else { return }
                let row = Record([("model", .string(rows[index].model)), ("template", .string(rows[index].template))])
                record = RunSummary.inserting(.record(row), at: path[...], into: record)
            })
        default: nil
        }
    }

    /// The summary of a metric path in a row's run, if it has one.
    func summary(_ row: Row, _ path: [String]) -> MetricSummary? {
        row.run.statistics.first { $0.path == path }?.summary
    }

    /// The index of the row with the highest mean for a path (the first of equals); nil when fewer
    /// than two rows have it or all are equal.
    func best(_ path: [String]) -> Int? {
        let means = rows.map { summary($0, path)?.mean }
        let present = means.compactMap { $0 }
        guard let top = present.max(), present.count > 1, present.contains(where: { $0 != top }) else { return nil }
        return means.firstIndex { $0 == top }
    }

    /// One record per run with the means as numbers, nested as the metrics nest
    /// (`e/table/0/rouge/rougeL/f1`).
    var recordTable: RecordTable {
        let records = rows.map { row in
            var record = Record([("model", .string(row.model)), ("template", .string(row.template))])
            for path in columns {
                record = RunSummary.inserting(summary(row, path).map { .float($0.mean) } ?? .null, at: path[...], into: record)
            }
            let counts = row.run.record.counts
            if let cost = row.run.pricedCost?.withoutCache { record["cost"] = .float(cost) }
            if let spent = row.run.pricedCost?.total { record["spent"] = .float(RunCost.rounded(spent)) }
            record["n"] = .integer(counts.finished)
            record["errors"] = .integer(counts.errors)
            record["run"] = .string(String(row.run.record.idText.prefix(8)))
            return record
        }
        let numeric = Set(columns.map { $0.joined(separator: "/") } + ["cost", "spent", "n", "errors"])
        var table = RecordTable(records: records, caption: caption, numericColumns: numeric)
        table.flattensNested = true
        return table
    }

    private var caption: String {
        var text = "\(rows.count) run\(rows.count == 1 ? "" : "s"): \(unique(rows.map(\.model)).count) model(s) × \(unique(rows.map(\.template)).count) template(s)"
        if let stoppedEarly { text += " (\(stoppedEarly))" }
        return text
    }

    /// Whether any run's model has a price, so the table shows cost.
    private var isPriced: Bool {
        rows.contains { $0.run.pricedCost?.withoutCache != nil }
    }

    /// Rows (model, template) × metric means with their intervals; the best of each column marked.
    var table: Table {
        var cells: [[String]] = rows.map { [$0.model, $0.template] }
        var highlighted = Set<[Int]>()
        for (column, path) in columns.enumerated() {
            let winner = best(path)
            for (index, row) in rows.enumerated() {
                guard let summary = summary(row, path) else { cells[index].append("—"); continue }
                cells[index].append("\(StatisticObject.format(summary.mean)) \(StatisticObject.interval(summary))")
                if index == winner { highlighted.insert([index, column + 2]) }
            }
        }
        let priced = isPriced
        for (index, row) in rows.enumerated() {
            let counts = row.run.record.counts
            if priced { cells[index].append(row.run.pricedCost?.withoutCache.map(RunCost.dollars) ?? "—") }
            cells[index] += [String(counts.finished), String(counts.errors)]
        }
        let extra = priced ? ["cost", "n", "errors"] : ["n", "errors"]
        var note = " · mean [95% CI]; * best in its column"
        if priced { note += "; cost: the answers at the model's price, from the cache or not" }
        var table = Table(headers: ["model", "template"] + columns.map { $0.joined(separator: "/") } + extra, rows: cells,
                          caption: caption + note, numericColumns: Set(2..<(columns.count + 2 + extra.count)))
        table.highlighted = highlighted
        return table
    }

    var plainText: String { "experiment\n" + table.plainText }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": plainText, "text/html": table.html])
    }

    func isSame(as other: any DomainObject) -> Bool {
        guard let other = other as? ExperimentObject else { return false }
        return other.rows.map(\.run.record.id) == rows.map(\.run.record.id)
    }

    var jsonValue: JSONValue {
        .object(JSONObject([
            ("runs", .array(rows.map { $0.run.jsonValue })),
            ("table", recordTable.jsonValue),
        ]))
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
