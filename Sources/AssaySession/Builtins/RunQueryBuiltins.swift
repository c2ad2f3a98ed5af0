import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Foundation

/// `history`, `runs`, `summarize` and `export`: finding and reading stored runs.
enum RunQueryBuiltins {
    static func all(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "history", usage: "history(n: 20)", summary: "The latest stored runs, newest first: id, time, name, model, status and counts.",
                parameters: [.positional("n", required: false)]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let limit = try arguments.integer("n") ?? 20
                return .object(try historyTable(state, limit: limit))
            },
            Builtin(
                name: "runs", usage: "runs(selector)",
                summary: "A stored run by id prefix, \"latest\", -1 (the latest), -2 (the one before) …",
                parameters: [.positional("selector")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                return .object(try state.runs.runObject(try arguments.required("selector"), argument: "selector", function: "runs"))
            },
            Builtin(
                name: "summarize", usage: "summarize(r, by: \"tags\")",
                summary: "Each metric's mean, 95% interval and n; by: breaks them down by tag or by a case field path.",
                parameters: [.positional("run"), .keyword("by")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let run = try runObject(arguments, state: state, function: "summarize")
                return .object(try summary(run, by: try arguments.string("by")))
            },
            Builtin(
                name: "export", usage: "export(r, path, format: \"jsonl\") or export(r, mlflow: \"http://host:5000\", experiment: \"name\")",
                summary: "Writes a run's case results as JSONL, CSV or JSON (the whole run); path \"-\" prints them. "
                    + "mlflow: logs the run to an MLflow server instead (again: updates that MLflow run).",
                parameters: [.positional("run"), .positional("path", required: false), .keyword("format"), .keyword("mlflow"), .keyword("experiment")],
                isSilent: true
            ) { [unowned state] arguments, invoker throws(BuiltinFailure) in
                if let server = try arguments.string("mlflow") {
                    let run = try runObject(arguments, state: state, function: "export")
                    return try MLflowExporting.export(run, server: server, arguments: arguments, state: state, invoker: invoker)
                }
                let run = try state.runs.reading(try arguments.required("run"), argument: "run", function: "export")
                guard let path = try arguments.string("path") else {
                    throw BuiltinFailure(message: "export needs a path (\"-\" prints the results) or mlflow: a server URL",
                                         hint: "write export(r, \"cases.jsonl\") or export(r, mlflow: \"http://127.0.0.1:5000\", experiment: \"evals\")",
                                         argument: "path")
                }
                if try arguments.string("experiment") != nil {
                    throw BuiltinFailure(message: "experiment: names an MLflow experiment, and goes with mlflow: (the server's URL)",
                                         hint: "write export(r, mlflow: \"http://127.0.0.1:5000\", experiment: \"evals\")", argument: "experiment")
                }
                let format = try arguments.string("format") ?? (URL(fileURLWithPath: path).pathExtension.isEmpty ? "jsonl" : URL(fileURLWithPath: path).pathExtension)
                let exportFormat: RunExport.Format
                do throws(ExportError) { exportFormat = try RunExport.Format(format) } catch {
                    throw BuiltinFailure(message: error.message, hint: error.hint, argument: "format")
                }
                let count = try export(run, format: exportFormat, to: path, state: state, invoker: invoker)
                if path != "-" { invoker.write("exported \(count) result\(count == 1 ? "" : "s") to \(path) (\(format))\n") }
                return .null
            },
        ]
    }

    /// Writes a run's export as its results are read: to the output a megabyte at a time for
    /// path "-", else to a file that takes its place when complete. Returns how many results.
    private static func export(
        _ run: RunReading, format: RunExport.Format, to path: String, state: SessionState, invoker: any Invoker
    ) throws(BuiltinFailure) -> Int {
        let cases = run.cases
        if path == "-" {
            var buffer = ""
            do {
                let count = try RunExport.write(run.results, cases: cases, format: format) { piece in
                    buffer += piece
                    if buffer.utf8.count >= 1 << 20 {
                        invoker.write(buffer)
                        buffer = ""
                    }
                }
                invoker.write(buffer)
                return count
            } catch {
                throw RunReading.failure(error, argument: "run")
            }
        }
        do {
            let file = try ExportFile(path: state.resolvePath(path))
            let count = try RunExport.write(run.results, cases: cases, format: format) { piece throws(ExportError) in try file.write(piece) }
            try file.commit()
            return count
        } catch {
            throw RunReading.failure(error, argument: "run")
        }
    }

    static func runObject(_ arguments: CallArguments, state: SessionState, function: String) throws(BuiltinFailure) -> RunObject {
        try state.runs.runObject(try arguments.required("run"), argument: "run", function: function)
    }

    static func historyTable(_ state: SessionState, limit: Int) throws(BuiltinFailure) -> RecordTable {
        let records: [RunRecord]
        let store = try state.runs.store()
        do throws(RunStoreError) { records = try store.runs(limit: max(0, limit)) } catch {
            throw BuiltinFailure(message: error.message, id: "io.store")
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        // The pipeline column shows only when a listed run came from a pipeline.
        let showsPipelines = records.contains { $0.pipeline != nil }
        let showsMetrics = records.contains { !($0.summary?.entries.isEmpty ?? true) }
        let rows = records.map { record in
            var columns: [(String, Value)] = [
                ("id", .string(String(record.idText.prefix(8)))), ("created", .string(formatter.string(from: record.createdAt))),
                ("name", .string(record.name)), ("model", .string(record.model.objectValue?["name"]?.stringValue ?? "?")),
            ]
            if showsPipelines { columns.append(("pipeline", .string(record.pipeline ?? ""))) }
            columns += [
                ("status", .string(record.status.rawValue)), ("results", .integer(record.counts.finished)),
                ("ok", .integer(record.counts.ok)), ("errors", .integer(record.counts.errors)),
            ]
            // Headline metrics from the summary stored when the run stopped: nothing is recomputed.
            if showsMetrics { columns.append(("metrics", .string(headlineMetrics(record.summary)))) }
            return Record(columns)
        }
        return RecordTable(records: rows, caption: records.isEmpty ? "no runs stored yet" : nil, numericColumns: ["results", "ok", "errors"])
    }

    /// `exact 0.83 · rouge/rougeL/f1 0.61 · +2 more`: the means of a stored summary's first metrics.
    static func headlineMetrics(_ summary: RunStatistics?) -> String {
        guard let entries = summary?.entries, !entries.isEmpty else { return "" }
        let shown = entries.prefix(3).map { "\($0.name) \(StatisticObject.format($0.summary.mean))" }
        return shown.joined(separator: " · ") + (entries.count > 3 ? " · +\(entries.count - 3) more" : "")
    }

    /// The summary table of a run, whole or broken down by tag or case field.
    static func summary(_ run: RunObject, by grouping: String?) throws(BuiltinFailure) -> RecordTable {
        var groups: [(name: String, results: [CaseResult])] = []
        if let grouping {
            let path = try PathString(grouping, argument: "by")
            var order: [String] = []
            var members: [String: [CaseResult]] = [:]
            for result in run.run.results {
                guard let testCase = run.cases[result.caseID] else {
                    throw BuiltinFailure(message: "run \(run.record.idText.prefix(8)) was stored before runs kept their cases and its suite file has changed, so its cases cannot be grouped", argument: "by", id: "value.run")
                }
                let keys: [String]
                if grouping == "tags" {
                    keys = testCase.tags.isEmpty ? ["(no tags)"] : testCase.tags
                } else {
                    let value = try path.resolve(in: .record(JSONBridge.record(testCase.fields)), missingIsError: false) ?? .null
                    // A list (GoTaglio's keywords) puts the case in each of its items' groups, as tags do.
                    if case .list(let items) = value {
                        keys = items.isEmpty ? ["(none)"] : items.map(ValueRenderer.cellText)
                    } else {
                        keys = [ValueRenderer.cellText(value)]
                    }
                }
                for key in keys {
                    if members[key] == nil { order.append(key) }
                    members[key, default: []].append(result)
                }
            }
            groups = order.map { ($0, members[$0]!) }
        } else {
            groups = [("all", run.run.results)]
        }
        var rows: [Record] = []
        for group in groups {
            // Counted by index: iterating the results would copy each one (and retain its fields).
            var errors = 0
            for index in group.results.indices where group.results[index].status != .ok { errors += 1 }
            for entry in RunStatistics(results: group.results, reducer: run.record.reducer).entries {
                let (path, summary) = (entry.path, entry.summary)
                var row = Record()
                if grouping != nil { row[grouping!] = .string(group.name) }
                row["metric"] = .string(path.joined(separator: "/"))
                row["mean"] = .string(StatisticObject.format(summary.mean))
                row["95% CI"] = .string(StatisticObject.interval(summary))
                row["stdev"] = .string(StatisticObject.format(summary.standardDeviation))
                row["n"] = .integer(summary.count)
                row["errors"] = .integer(errors)
                rows.append(row)
            }
        }
        return RecordTable(records: rows, caption: run.headline, numericColumns: ["mean", "stdev", "n", "errors"])
    }
}
