import AssayCore
import Foundation

/// A stored run's results as JSONL (one case result per line), CSV (one row per result, metrics
/// flattened to `metric/path` columns) or JSON (the whole run with its configuration and summary).
///
/// Everything comes from the store: the cases (`input`, `expected`) are the ones the run
/// evaluated, whatever has happened to its suite file since. A multi-turn case's turns are its
/// `turns` member in JSON and JSONL (null for other cases), and a `turns` column of compact JSON in
/// CSV when the run has any. Nothing secret is in a run, so nothing secret can be exported.
public enum RunExport {
    /// The formats, as `export` names them.
    public static let formats = ["jsonl", "csv", "json"]

    /// The text of a run in a format.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: The cases it evaluated (``StoredRun/cases``, or for an old run its suite's).
    ///   - format: `jsonl`, `csv` or `json` (any case).
    /// - Returns: The export, ending with a line break.
    /// - Throws: ``ExportError`` for an unknown format, with a close name.
    public static func text(of run: StoredRun, cases: [TestCase], format: String) throws(ExportError) -> String {
        let format = try Format(format)
        let byID = byID(cases)
        let price = run.record.price
        switch format {
        case .jsonl: return jsonl(run.results, cases: byID, price: price)
        case .json: return runJSON(run, cases: byID).serialized(pretty: true) + "\n"
        case .csv: return csv(run.results, cases: byID, price: price)
        }
    }

    /// An export format.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl, csv, json

        /// The format a name (any case) stands for.
        ///
        /// - Parameter name: `jsonl`, `csv` or `json`.
        /// - Throws: ``ExportError`` for an unknown name, with a close one.
        public init(_ name: String) throws(ExportError) {
            guard let format = Format(rawValue: name.lowercased()) else {
                let hint = Suggestion.didYouMean(name, among: formats) ?? "use one of: " + formats.joined(separator: ", ")
                throw ExportError(message: "unknown export format '\(name)'", hint: hint)
            }
            self = format
        }
    }

    /// Cases by id; the first of a repeated id.
    public static func byID(_ cases: [TestCase]) -> [String: TestCase] {
        Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A run's case results as JSONL, one ``caseJSON(_:testCase:cost:)`` a line.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: The cases it evaluated.
    /// - Returns: The lines, each ending with a line break.
    public static func jsonl(of run: StoredRun, cases: [TestCase]) -> String {
        jsonl(run.results, cases: byID(cases), price: run.record.price)
    }

    static func jsonl(_ results: [CaseResult], cases: [String: TestCase], price: ModelPrice?) -> String {
        results.map { result in jsonlLine(result, testCase: cases[result.caseID], price: price) }.joined()
    }

    /// One result's line of a JSONL export, with its line break.
    static func jsonlLine(_ result: CaseResult, testCase: TestCase?, price: ModelPrice?) -> String {
        caseJSON(result, testCase: testCase, cost: RunCost.cost(of: result, price: price)).serialized(pretty: false) + "\n"
    }

    /// One case result as exported: `id`, `sample`, `input`, `expected`, `prompt`, `output`,
    /// `extracted`, `metrics`, `status`, `error`, `latency_ms`, `tokens`, `retries`, `cached`,
    /// `cost` and `turns`; `tool_calls` when the run offered tools, and `ttft_ms` and `tokens_per_s`
    /// for a streamed answer.
    ///
    /// - Parameters:
    ///   - result: The result.
    ///   - testCase: Its case, for `input` and `expected` (null without one).
    ///   - cost: What its answer cost, if priced.
    /// - Returns: The JSON object.
    public static func caseJSON(_ result: CaseResult, testCase: TestCase?, cost: Double?) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(result.caseID)
        object["sample"] = .int(result.sample)
        object["input"] = testCase?.input ?? .null
        object["expected"] = testCase?.expected ?? .null
        object.setStageMembers(prompt: result.prompt, output: result.output, extracted: result.extracted, metrics: result.metrics,
                               status: result.status, error: result.error, latencyMilliseconds: result.latencyMilliseconds)
        object["tokens"] = tokensJSON(result.usage)
        object["retries"] = .int(result.retries)
        object["cached"] = .bool(result.isCached)
        object["cost"] = cost.map(JSONValue.double) ?? .null
        object["turns"] = result.turns.map { turns in .array(turns.map { turnJSON($0, caseID: result.caseID) }) } ?? .null
        if let calls = result.toolCalls { object["tool_calls"] = ToolCall.json(calls) }
        if let ttft = result.ttftMilliseconds { object["ttft_ms"] = .double(ttft) }
        if let rate = result.tokensPerSecond { object["tokens_per_s"] = .double(rate) }
        return .object(object)
    }

    /// One turn of a multi-turn case: `id`, `turn`, `input`, `expected`, `prompt`, `output`,
    /// `extracted`, `metrics`, `status`, `error`, `latency_ms`, `tokens` (also as `usage`),
    /// `retries` and `cached`; `tool_calls` when the run offered tools.
    ///
    /// - Parameters:
    ///   - turn: The turn's result.
    ///   - caseID: Its case's id.
    /// - Returns: The JSON object.
    public static func turnJSON(_ turn: TurnResult, caseID: String) -> JSONValue {
        let tokens = tokensJSON(turn.usage)
        var object = JSONObject()
        object["id"] = .string(caseID)
        object["turn"] = .int(turn.turn)
        object["input"] = turn.input ?? .null
        object["expected"] = turn.expected ?? .null
        object.setStageMembers(turn)
        object["tokens"] = tokens
        object["usage"] = tokens
        object["retries"] = .int(turn.retries)
        object["cached"] = .bool(turn.isCached)
        if let calls = turn.toolCalls { object["tool_calls"] = ToolCall.json(calls) }
        return .object(object)
    }

    /// A run's counts: `expected`, `finished`, `ok`, `errors`, `cached`, `missing`.
    ///
    /// - Parameter counts: The counts.
    /// - Returns: The JSON object.
    public static func countsJSON(_ counts: RunCounts) -> JSONValue {
        [
            "expected": .int(counts.expected), "finished": .int(counts.finished), "ok": .int(counts.ok),
            "errors": .int(counts.errors), "cached": .int(counts.cached), "missing": .int(counts.missing),
        ]
    }

    /// A run's cost: `total`, `without_cache`, `requests`, `cached`, `unmetered`, `price` and
    /// `max_cost`.
    ///
    /// - Parameters:
    ///   - cost: The run's cost.
    ///   - maxCost: Its budget, if it has one.
    /// - Returns: The JSON object.
    public static func costJSON(_ cost: RunCost, maxCost: Double?) -> JSONValue {
        [
            "total": cost.total.map(JSONValue.double) ?? .null, "without_cache": cost.withoutCache.map(JSONValue.double) ?? .null,
            "requests": .int(cost.requests), "cached": .int(cost.cached), "unmetered": .int(cost.unmetered),
            "price": cost.price.map { ["input": .double($0.input), "output": .double($0.output)] } ?? .null,
            "max_cost": maxCost.map(JSONValue.double) ?? .null,
        ]
    }

    /// The whole run: `id`, `name`, `status`, `counts`, `config`, `model`, `tags`, `created`,
    /// `derived_from`, `pipeline`, `cost`, `summary` (each metric path's statistics) and `cases`.
    ///
    /// - Parameters:
    ///   - run: The stored run.
    ///   - cases: Its cases by id.
    /// - Returns: The JSON object.
    public static func runJSON(_ run: StoredRun, cases: [String: TestCase]) -> JSONValue {
        let record = run.record
        var object = runMembers(record, statistics: run.statistics, cost: run.cost)
        object["cases"] = .array(run.results.map { result in
            caseJSON(result, testCase: cases[result.caseID], cost: RunCost.cost(of: result, price: record.price))
        })
        return .object(object)
    }

    /// The members of ``runJSON(_:cases:)`` but `cases`.
    static func runMembers(_ record: RunRecord, statistics: RunStatistics, cost: RunCost) -> JSONObject {
        var object = JSONObject()
        object["id"] = .string(record.idText)
        object["name"] = .string(record.name)
        object["status"] = .string(record.status.rawValue)
        object["counts"] = countsJSON(record.counts)
        object["config"] = record.configuration
        object["model"] = record.model
        object["tags"] = .array(record.tags.map(JSONValue.string))
        object["created"] = .string(ISO8601DateFormatter().string(from: record.createdAt))
        object["derived_from"] = record.derivedFrom.map { .string(ConfigurationCoding.text($0)) } ?? .null
        object["pipeline"] = record.pipeline.map(JSONValue.string) ?? .null
        object["cost"] = costJSON(cost, maxCost: record.maxCost)
        object["summary"] = statistics.json.objectValue?["metrics"] ?? .array([])
        return object
    }

    static func tokensJSON(_ usage: TokenUsage?) -> JSONValue {
        usage.map { ["prompt": .int($0.prompt), "completion": .int($0.completion), "total": .int($0.total)] } ?? .null
    }
}

/// Why a run could not be exported as asked.
public struct ExportError: Error, Sendable, Hashable {
    /// What went wrong.
    public let message: String
    /// What to do instead.
    public let hint: String
}

extension JSONObject {
    /// Sets what each stage of a case or turn left, as results are stored and exported: `prompt`,
    /// `output`, `extracted`, `metrics`, `status`, `error` and `latency_ms` (absent values as null).
    mutating func setStageMembers(
        prompt: [ChatMessage], output: String?, extracted: JSONValue?, metrics: JSONObject, status: CaseStatus, error: String?,
        latencyMilliseconds: Double?
    ) {
        self["prompt"] = ConfigurationCoding.json(prompt)
        self["output"] = output.map(JSONValue.string) ?? .null
        self["extracted"] = extracted ?? .null
        self["metrics"] = .object(metrics)
        self["status"] = .string(status.rawValue)
        self["error"] = error.map(JSONValue.string) ?? .null
        self["latency_ms"] = latencyMilliseconds.map(JSONValue.double) ?? .null
    }

    /// ``setStageMembers(prompt:output:extracted:metrics:status:error:latencyMilliseconds:)`` for a turn.
    mutating func setStageMembers(_ turn: TurnResult) {
        setStageMembers(prompt: turn.prompt, output: turn.output, extracted: turn.extracted, metrics: turn.metrics,
                        status: turn.status, error: turn.error, latencyMilliseconds: turn.latencyMilliseconds)
    }
}
