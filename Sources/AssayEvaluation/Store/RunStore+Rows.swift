import AssayCore
import Foundation

/// Reading runs and case results back from rows.
enum StoredRows {
    static let runColumns = """
        id, created_at, name, tags, status, configuration, suite_path, suite_hash, template_sha, model,
        derived_from, pipeline, finished_at, expected_count, finished_count, ok_count, error_count, cached_count,
        cases_sha, summary, owner, heartbeat_at
        """

    static let resultColumns = """
        case_id, sample, position, prompt, output, extracted, metrics, status, error, latency_ms,
        prompt_tokens, completion_tokens, retries, cached, turns, tool_calls, ttft_ms, tokens_per_s
        """

    static func record(from row: StoreRow) throws(RunStoreError) -> RunRecord {
        let idText: String = try row.get("id")
        guard let id = UUID(uuidString: idText) else { throw corrupt("run id '\(idText)'") }
        let statusText: String = try row.get("status")
        guard var status = RunStatus(rawValue: statusText) else { throw corrupt("status '\(statusText)' of run \(idText)") }
        if status == .running, !RunLease.isAlive(owner: row["owner"], heartbeat: row["heartbeat_at"]) {
            status = .interrupted
        }
        let tags = try json(row.get("tags"), "tags of run \(idText)").arrayValue?.compactMap(\.stringValue) ?? []
        let derivedText: String? = row["derived_from"]
        return RunRecord(
            id: id, createdAt: try row.get("created_at"), name: try row.get("name"), tags: tags, status: status,
            configuration: try json(row.get("configuration"), "configuration of run \(idText)"),
            suitePath: row["suite_path"], suiteHash: try row.get("suite_hash"), templateSHA256: try row.get("template_sha"),
            model: try json(row.get("model"), "model of run \(idText)"),
            derivedFrom: derivedText.flatMap(UUID.init(uuidString:)), pipeline: row["pipeline"],
            finishedAt: row["finished_at"],
            counts: RunCounts(
                expected: try row.get("expected_count"), finished: try row.get("finished_count"), ok: try row.get("ok_count"),
                errors: try row.get("error_count"), cached: try row.get("cached_count")
            ),
            casesSHA256: row["cases_sha"],
            summary: try summary(row["summary"], run: idText)
        )
    }

    /// A stored summary; nil when there is none, or when it was written in a form this build does
    /// not read (the statistics are then computed from the results again).
    static func summary(_ text: String?, run idText: String) throws(RunStoreError) -> RunStatistics? {
        guard let text else { return nil }
        return RunStatistics(json: try json(text, "summary of run \(idText)"))
    }

    static func result(from row: StoreRow) throws(RunStoreError) -> CaseResult {
        let caseID: String = try row.get("case_id")
        let statusText: String = try row.get("status")
        guard let status = CaseStatus(rawValue: statusText) else { throw corrupt("status '\(statusText)' of case \(caseID)") }
        let extractedText: String? = row["extracted"]
        let promptTokens: Int? = row["prompt_tokens"]
        let completionTokens: Int? = row["completion_tokens"]
        let turnsText: String? = row["turns"]
        var result = CaseResult(
            caseID: caseID, sample: try row.get("sample"), position: try row.get("position"),
            prompt: ConfigurationCoding.messages(from: try json(row.get("prompt"), "prompt of case \(caseID)")),
            output: row["output"],
            extracted: try extractedText.map { (text) throws(RunStoreError) in try json(text, "extracted value of case \(caseID)") },
            metrics: try json(row.get("metrics"), "metrics of case \(caseID)").objectValue ?? JSONObject(),
            status: status, error: row["error"], latencyMilliseconds: row["latency_ms"],
            usage: promptTokens.map { TokenUsage(prompt: $0, completion: completionTokens ?? 0) },
            retries: try row.get("retries"), isCached: try row.get("cached")
        )
        result.ttftMilliseconds = row["ttft_ms"]
        result.tokensPerSecond = row["tokens_per_s"]
        let callsText: String? = row["tool_calls"]
        if let callsText {
            result.toolCalls = ToolCall.calls(from: try json(callsText, "tool calls of case \(caseID)"))
        }
        if let turnsText {
            result.turns = TurnCoding.turns(from: try json(turnsText, "turns of case \(caseID)"))
        }
        return result
    }

    /// A cached answer as the cache stores it: `{"text"}`, with `"tool_calls"` when the model called tools.
    static func cacheJSON(_ response: ModelResponse) -> JSONValue {
        var object: JSONObject = ["text": .string(response.text)]
        if !response.toolCalls.isEmpty { object["tool_calls"] = ToolCall.json(response.toolCalls) }
        if let timing = response.streamTiming {
            object["stream"] = [
                "first_token_ms": .double(ConfigurationCoding.seconds(timing.firstToken) * 1000),
                "total_ms": .double(ConfigurationCoding.seconds(timing.total) * 1000), "pieces": .int(timing.pieces),
            ]
        }
        return .object(object)
    }

    /// The stream timing a cached answer kept, if it was streamed.
    static func streamTiming(_ value: JSONValue?) -> StreamTiming? {
        guard let object = value?.objectValue, let first = object["first_token_ms"]?.doubleValue, let total = object["total_ms"]?.doubleValue else { return nil }
        return StreamTiming(firstToken: .microseconds(Int64((first * 1000).rounded())), total: .microseconds(Int64((total * 1000).rounded())),
                            pieces: object["pieces"]?.intValue ?? 0)
    }

    static func json(_ text: String, _ what: String) throws(RunStoreError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw corrupt("\(what) (\(error))")
        }
    }

    private static func corrupt(_ what: String) -> RunStoreError {
        RunStoreError(.corrupt, "the run store holds an unreadable \(what)")
    }
}
