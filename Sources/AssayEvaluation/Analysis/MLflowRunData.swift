import AssayCore
import Foundation

/// What an Assay run becomes in MLflow: one MLflow run's name, status, times, params, metrics and
/// tags, and the case results JSONL that is uploaded as its artifact (``MLflowExport``).
///
/// - params: `model`, `provider`, `model_id` (the provider's model or deployment), `endpoint`,
///   `template_sha256`, `suite`, `samples`, `reducer`, `metrics` (the metric names) and every
///   generation parameter under its own name (`temperature`, `max_tokens` …).
/// - metrics: each summary mean under its metric path (`rouge/rougeL/f1`), with the bounds of its
///   interval as `…_ci_low` and `…_ci_high`; and `results`, `results_ok`, `results_errors` and, for
///   a priced run, `cost_usd`.
/// - tags: `assay.run_id`, `assay.suite_sha256`, `assay.version`, `assay.git_revision` (also as
///   MLflow's own `mlflow.source.git.commit`) and `assay.status`.
///
/// Nothing secret is in a stored run, so nothing secret reaches MLflow.
public struct MLflowRunData: Sendable {
    /// The tag that finds an Assay run's MLflow run again.
    public static let runIDTag = "assay.run_id"
    /// The artifact's file name.
    public static let artifactName = "results.jsonl"
    /// The longest param value MLflow stores.
    static let maximumParamLength = 6000

    /// The MLflow run's name: the Assay run's.
    public var name: String
    /// `RUNNING`, `FINISHED`, `KILLED` or `FAILED`.
    public var status: String
    /// Milliseconds since 1970 when the run started.
    public var startTime: Int64
    /// Milliseconds since 1970 when it stopped; nil while it runs.
    public var endTime: Int64?
    /// The params, in order.
    public var params: [(key: String, value: String)]
    /// The metrics, in order.
    public var metrics: [(key: String, value: Double)]
    /// The tags, in order.
    public var tags: [(key: String, value: String)]
    /// The case results as JSONL (``RunExport``).
    public var artifact: String

    /// The MLflow form of a stored run.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: The cases it evaluated, for the artifact's `input` and `expected`.
    public init(run: StoredRun, cases: [TestCase]) {
        let record = run.record
        let configuration = record.configuration.objectValue ?? JSONObject()
        name = record.name
        status = Self.status(record.status)
        startTime = Self.milliseconds(record.createdAt)
        endTime = record.finishedAt.map(Self.milliseconds)

        let model = record.model.objectValue ?? JSONObject()
        var params: [(key: String, value: String)] = []
        func param(_ key: String, _ value: JSONValue?) {
            guard let value, value != .null, !params.contains(where: { $0.key == key }) else { return }
            params.append((key, String(Self.text(value).prefix(Self.maximumParamLength))))
        }
        param("model", model["name"])
        param("provider", model["provider"])
        param("model_id", model["model"])
        param("endpoint", model["endpoint"])
        param("template_sha256", .string(record.templateSHA256))
        param("suite", record.suitePath.map { .string(URL(fileURLWithPath: $0).lastPathComponent) })
        param("samples", configuration["samples"])
        param("reducer", .string(run.reducer.name))
        let metricNames = configuration["metrics"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? []
        if !metricNames.isEmpty { param("metrics", .string(metricNames.joined(separator: ","))) }
        let parameters = configuration["effective_parameters"]?.objectValue ?? configuration["parameters"]?.objectValue ?? JSONObject()
        for (key, value) in parameters { param(Self.key(key), value) }
        self.params = params

        var metrics: [(key: String, value: Double)] = []
        func metric(_ key: String, _ value: Double?) {
            guard let value, value.isFinite else { return }
            metrics.append((key, value))
        }
        for entry in run.statistics.entries {
            let key = Self.key(entry.name)
            metric(key, entry.summary.mean)
            metric(key + "_ci_low", entry.summary.confidenceInterval.lower)
            metric(key + "_ci_high", entry.summary.confidenceInterval.upper)
        }
        metric("results", Double(record.counts.finished))
        metric("results_ok", Double(record.counts.ok))
        metric("results_errors", Double(record.counts.errors))
        metric("cost_usd", run.cost.total)
        self.metrics = metrics

        let provenance = RunProvenance(json: configuration["assay"])
        var tags: [(key: String, value: String)] = [
            (Self.runIDTag, record.idText), ("assay.suite_sha256", record.suiteHash),
            ("assay.version", provenance?.version ?? RunProvenance.assayVersion), ("assay.status", record.status.rawValue),
        ]
        if let revision = provenance?.gitRevision {
            tags.append(("assay.git_revision", revision))
            tags.append(("mlflow.source.git.commit", revision))
        }
        self.tags = tags

        artifact = RunExport.jsonl(of: run, cases: cases)
    }

    /// A name as an MLflow key: letters, digits, `_`, `-`, `.`, `/` and spaces are kept, every other
    /// character becomes `_` (`exact@2` → `exact_2`; `rouge/rougeL/f1` stays).
    public static func key(_ name: String) -> String {
        let kept = name.map { character -> Character in
            let allowed = character.isASCII && (character.isLetter || character.isNumber || "_-./ ".contains(character))
            return allowed ? character : "_"
        }
        let key = String(kept)
        return key.isEmpty ? "_" : String(key.prefix(250))
    }

    /// MLflow's run status for an Assay run's.
    static func status(_ status: RunStatus) -> String {
        switch status {
        case .running, .queued: return "RUNNING"
        case .completed: return "FINISHED"
        case .failed: return "FAILED"
        default: return "KILLED"
        }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// A param's text: a string as it is, anything else as compact JSON.
    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized(pretty: false)
    }
}
