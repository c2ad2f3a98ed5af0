import AssayCore
import Foundation

extension RunStore {
    /// Records a new run (status `running`, or `queued` with a work item per case and sample) and
    /// its template.
    func createRun(id: UUID, spec: RunSpec, configuration: JSONValue, queued: Bool = false) async throws(RunStoreError) {
        let template = spec.template
        let cases = CaseListDigest(spec.suite.cases)
        let arguments: StoreArguments = [
            ConfigurationCoding.text(id), Date(), spec.name,
            JSONValue.array(spec.tags.map(JSONValue.string)).serialized(), (queued ? RunStatus.queued : .running).rawValue,
            configuration.serialized(), spec.suite.source?.path, spec.suiteHash, template.sha256,
            ConfigurationCoding.json(spec.model.descriptor).serialized(),
            spec.derivedFrom.map(ConfigurationCoding.text), spec.pipeline, spec.expectedResultCount,
            queued ? nil : RunLease.currentOwner, Date(),
        ]
        let work = queued ? (0 ..< spec.suite.cases.count).flatMap { position in (0 ..< spec.samples).map { (position, $0) } } : []
        try await writing { db in
            let list = try Self.storeCases(cases, db)
            try db.execute(
                """
                INSERT INTO runs (id, created_at, name, tags, status, configuration, suite_path, suite_hash,
                    template_sha, model, derived_from, pipeline, expected_count, owner, heartbeat_at, cases_sha)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments + [list]
            )
            try db.execute(
                "INSERT INTO templates (sha256, system, text) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                [template.sha256, template.system, template.user]
            )
            try Self.insertWork(work, runID: ConfigurationCoding.text(id), db)
            if queued, spec.maxCost != nil {
                try db.execute("INSERT INTO run_budgets (run_id) VALUES (?)", [ConfigurationCoding.text(id)])
            }
        }
    }

    /// Writes a batch of results and cached answers in one transaction and updates the run's counts.
    ///
    /// A result whose case and sample the run already has is ignored, so counts stay exact. For a
    /// queued run (`fromQueue`), the work items of the results go in the same transaction.
    func write(results: [CaseResult], answers: [CachedAnswer], runID: UUID, fromQueue: Bool = false) async throws(RunStoreError) {
        let runText = ConfigurationCoding.text(runID)
        try await writing { db in
            // The time's text, written once rather than for every row.
            let stamp = StoreDateText.text(Date())
            var counts = RunCounts(expected: 0)
            // Many rows per statement (a statement is parsed and planned once, and on PostgreSQL is
            // one round trip); RETURNING names the rows inserted, so results already stored (a
            // second worker's, a resumed run's) are not counted twice.
            for start in stride(from: 0, to: results.count, by: Self.resultsPerStatement) {
                let slice = results[start ..< min(start + Self.resultsPerStatement, results.count)]
                var arguments = StoreArguments()
                for result in slice {
                    arguments += [
                        runText, result.caseID, result.sample, result.position,
                        ConfigurationCoding.json(result.prompt).serialized(), result.output,
                        result.extracted?.serialized(), JSONValue.object(result.metrics).serialized(),
                        result.status.rawValue, result.error, result.latencyMilliseconds,
                        result.usage?.prompt, result.usage?.completion, result.retries, result.isCached, stamp,
                        result.turns.map { TurnCoding.json($0).serialized() },
                        result.toolCalls.map { ToolCall.json($0).serialized() },
                        result.ttftMilliseconds, result.tokensPerSecond,
                    ]
                }
                let rows = Self.rows(slice.count, of: 20)
                let inserted = try db.fetchAll(
                    """
                    INSERT INTO case_results (run_id, case_id, sample, position, prompt, output, extracted,
                        metrics, status, error, latency_ms, prompt_tokens, completion_tokens, retries, cached, finished_at, turns, tool_calls,
                        ttft_ms, tokens_per_s)
                    VALUES \(rows)
                    ON CONFLICT (run_id, case_id, sample) DO NOTHING RETURNING case_id, sample
                    """,
                    arguments)
                var new = Set<CaseKey>()
                for row in inserted { new.insert(CaseKey(caseID: try row.get("case_id"), sample: try row.get("sample"))) }
                for result in slice where new.remove(result.key) != nil {
                    counts.finished += 1
                    if result.status.isError { counts.errors += 1 } else { counts.ok += 1 }
                    if result.isCached { counts.cached += 1 }
                }
                if fromQueue {
                    let items = Self.rows(slice.count, of: 2)
                    var keys: StoreArguments = [runText]
                    for result in slice { keys += [result.position, result.sample] }
                    try db.execute("DELETE FROM work_items WHERE run_id = ? AND (position, sample) IN (VALUES \(items))", keys)
                }
            }
            try Self.keep(answers, stamp: stamp, db)
            try db.execute(
                """
                UPDATE runs SET finished_count = finished_count + ?, ok_count = ok_count + ?,
                    error_count = error_count + ?, cached_count = cached_count + ? WHERE id = ?
                """,
                [counts.finished, counts.ok, counts.errors, counts.cached, runText]
            )
        }
    }

    /// The cached answer for a key, if any.
    func cachedAnswer(forKey key: String) async throws(RunStoreError) -> CachedAnswer? {
        try await reading { db in
            guard let row = try db.fetchOne(
                "SELECT response, prompt_tokens, completion_tokens, latency_ms, retries FROM cache WHERE key = ?", [key]
            ) else { return nil }
            let stored = try StoredRows.json(row.get("response"), "cached answer").objectValue
            guard let text = stored?["text"]?.stringValue else { return nil }
            let promptTokens: Int? = row["prompt_tokens"]
            let completionTokens: Int? = row["completion_tokens"]
            let usage = promptTokens.map { TokenUsage(prompt: $0, completion: completionTokens ?? 0) }
            let retries: Int? = row["retries"]
            return CachedAnswer(key: key, response: ModelResponse(text: text, usage: usage, toolCalls: ToolCall.calls(from: stored?["tool_calls"]),
                                                                       streamTiming: StoredRows.streamTiming(stored?["stream"])), latencyMilliseconds: row["latency_ms"],
                                retries: retries ?? 0)
        }
    }

    /// Refreshes the heartbeat of a run this process is running (see ``RunLease``).
    func heartbeat(_ id: UUID) async throws(RunStoreError) {
        try await writing { db in
            try db.execute(
                "UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = ? AND owner = ?",
                [Date(), ConfigurationCoding.text(id), RunStatus.running.rawValue, RunLease.currentOwner]
            )
        }
    }

    /// Sets a run's final status and when it finished, and stores the summary of its results.
    func finishRun(_ id: UUID, status: RunStatus, summary: RunStatistics) async throws(RunStoreError) {
        let text = summary.json.serialized()
        try await writing { db in
            try Self.updateStatus(db, status, id: id)
            try db.execute("UPDATE runs SET summary = ? WHERE id = ?", [text, ConfigurationCoding.text(id)])
        }
    }

    /// The most results in one INSERT: 20 values each, within SQLite's and PostgreSQL's limits on
    /// the values of a statement.
    static let resultsPerStatement = 50

    /// Keeps answers in the response cache, replacing older answers to the same requests, many
    /// rows per statement.
    static func keep(_ answers: [CachedAnswer], stamp: String, _ db: any StoreConnection) throws {
        // One row per key: PostgreSQL refuses a statement that would update a row twice.
        var latest: [String: Int] = [:]
        for (index, answer) in answers.enumerated() { latest[answer.key] = index }
        let kept = answers.enumerated().filter { latest[$0.element.key] == $0.offset }.map(\.element)
        for start in stride(from: 0, to: kept.count, by: 100) {
            let slice = kept[start ..< min(start + 100, kept.count)]
            var arguments = StoreArguments()
            for answer in slice {
                arguments += [
                    answer.key, StoredRows.cacheJSON(answer.response).serialized(), answer.response.usage?.prompt,
                    answer.response.usage?.completion, answer.latencyMilliseconds, stamp, answer.retries,
                ]
            }
            let rows = Self.rows(slice.count, of: 7)
            try db.execute(
                """
                INSERT INTO cache (key, response, prompt_tokens, completion_tokens, latency_ms, created_at, retries)
                VALUES \(rows)
                ON CONFLICT (key) DO UPDATE SET response = excluded.response, prompt_tokens = excluded.prompt_tokens,
                    completion_tokens = excluded.completion_tokens, latency_ms = excluded.latency_ms,
                    created_at = excluded.created_at, retries = excluded.retries
                """,
                arguments)
        }
    }
}
