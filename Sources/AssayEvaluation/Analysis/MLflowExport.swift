import AssayCore
import Foundation

/// Logs a stored run to an MLflow tracking server through its REST API 2.0: one MLflow run per
/// Assay run and experiment, found again by its `assay.run_id` tag, so that exporting the same run
/// again updates that MLflow run (a resumed run's new metrics, its status and end time, the
/// results artifact) instead of making another. What is logged is ``MLflowRunData``.
///
/// MLflow params cannot change once logged: a param already logged with the same value is not sent
/// again, and one logged with another value (an export by an older Assay) is left as it is and
/// named in ``Outcome/warnings``.
public enum MLflowExport {
    /// What an export did.
    public struct Outcome: Sendable, Hashable {
        /// The experiment's id.
        public var experimentID: String
        /// The MLflow run's id.
        public var runID: String
        /// Whether the MLflow run was made now (false: an earlier export's run was updated).
        public var created: Bool
        /// The run's page in the MLflow UI.
        public var url: String
        /// Params left as they were logged, each a sentence.
        public var warnings: [String]
    }

    /// MLflow's limits on one `runs/log-batch` request.
    static let paramsPerBatch = 100
    static let tagsPerBatch = 100
    static let metricsPerBatch = 1000

    /// Exports a stored run.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: The cases it evaluated (for the artifact's `input` and `expected`).
    ///   - url: The tracking server (`http://127.0.0.1:5000`).
    ///   - experiment: The experiment's name; it is created when missing.
    /// - Returns: What was done.
    /// - Throws: ``MLflowError`` naming the URL, with the server's message.
    public static func export(_ run: StoredRun, cases: [TestCase], to url: String, experiment: String) async throws(MLflowError) -> Outcome {
        let client = try MLflowClient(url: url)
        let data = MLflowRunData(run: run, cases: cases)
        let experimentID = try await experimentID(named: experiment, client: client)

        let filter = "tags.`\(MLflowRunData.runIDTag)` = '\(run.record.idText)'"
        let found = try await client.post("runs/search", ["experiment_ids": [.string(experimentID)], "filter": .string(filter), "max_results": 1])
        var info: JSONObject
        var logged: [String: String] = [:]
        let created: Bool
        if let existing = found.objectValue?["runs"]?.arrayValue?.first?.objectValue, let existingInfo = existing["info"]?.objectValue {
            info = existingInfo
            for param in existing["data"]?.objectValue?["params"]?.arrayValue ?? [] {
                if let key = param.objectValue?["key"]?.stringValue { logged[key] = param.objectValue?["value"]?.stringValue ?? "" }
            }
            created = false
        } else {
            let answer = try await client.post("runs/create", [
                "experiment_id": .string(experimentID), "run_name": .string(data.name), "start_time": .int(Int(data.startTime)),
                "tags": tagsJSON([(MLflowRunData.runIDTag, run.record.idText)]),
            ])
            info = answer.objectValue?["run"]?.objectValue?["info"]?.objectValue ?? JSONObject()
            created = true
        }
        guard let runID = info["run_id"]?.stringValue ?? info["run_uuid"]?.stringValue else {
            throw MLflowError(message: "MLflow at \(client.base) answered runs/\(created ? "create" : "search") without a run id")
        }

        var warnings: [String] = []
        var params: [(key: String, value: String)] = []
        for param in data.params {
            switch logged[param.key] {
            case nil: params.append(param)
            case param.value: break
            case let earlier?:
                warnings.append("MLflow param '\(param.key)' stays '\(earlier)' (params cannot change once logged; the run now says '\(param.value)')")
            }
        }
        for chunk in chunks(params, paramsPerBatch) {
            _ = try await client.post("runs/log-batch", ["run_id": .string(runID), "params": tagsJSON(chunk)])
        }
        for chunk in chunks(data.tags, tagsPerBatch) {
            _ = try await client.post("runs/log-batch", ["run_id": .string(runID), "tags": tagsJSON(chunk)])
        }
        let now = Int(MLflowRunData.milliseconds(Date()))
        for chunk in chunks(data.metrics, metricsPerBatch) {
            let metrics = chunk.map { metric -> JSONValue in
                ["key": .string(metric.key), "value": .double(metric.value), "timestamp": .int(now), "step": 0]
            }
            _ = try await client.post("runs/log-batch", ["run_id": .string(runID), "metrics": .array(metrics)])
        }
        try await client.upload(data.artifact, as: MLflowRunData.artifactName, artifactURI: info["artifact_uri"]?.stringValue ?? "")
        var update: JSONObject = ["run_id": .string(runID), "status": .string(data.status), "run_name": .string(data.name)]
        if let endTime = data.endTime { update["end_time"] = .int(Int(endTime)) }
        _ = try await client.post("runs/update", .object(update))
        return Outcome(experimentID: experimentID, runID: runID, created: created,
                       url: "\(client.base)/#/experiments/\(experimentID)/runs/\(runID)", warnings: warnings)
    }

    /// The id of the experiment of that name, created when there is none.
    static func experimentID(named name: String, client: MLflowClient) async throws(MLflowError) -> String {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MLflowError(message: "the MLflow experiment's name is empty: name one (experiment: \"evals\", --experiment evals)")
        }
        do throws(MLflowError) {
            let answer = try await client.get("experiments/get-by-name", query: [("experiment_name", name)])
            // A deleted experiment is the server's to refuse, in its own words.
            let experiment = answer.objectValue?["experiment"]?.objectValue
            if let id = experiment?["experiment_id"]?.stringValue { return id }
            throw MLflowError(message: "MLflow at \(client.base) answered experiments/get-by-name without an experiment id")
        } catch where error.code == "RESOURCE_DOES_NOT_EXIST" {
            let created = try await client.post("experiments/create", ["name": .string(name)])
            guard let id = created.objectValue?["experiment_id"]?.stringValue else {
                throw MLflowError(message: "MLflow at \(client.base) answered experiments/create without an experiment id")
            }
            return id
        }
    }

    static func tagsJSON(_ pairs: some Sequence<(key: String, value: String)>) -> JSONValue {
        .array(pairs.map { ["key": .string($0.key), "value": .string($0.value)] })
    }

    static func chunks<Element>(_ elements: [Element], _ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: elements.count, by: size).map { elements[$0..<min($0 + size, elements.count)] }
    }
}
