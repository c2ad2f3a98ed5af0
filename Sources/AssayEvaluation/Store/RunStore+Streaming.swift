import AssayCore
import Foundation

extension RunStore {
    /// How many results one page of ``forEachResult(of:scoresOnly:_:)`` reads.
    static let resultPageSize = 1000

    /// Calls a closure with each result of a run, in suite order then sample order (the order of
    /// ``load(_:)``), reading them a page at a time: however many results the run has, only one
    /// page of them is held at once.
    ///
    /// Each page is a read of its own that starts after the last result of the one before, so a
    /// result written meanwhile (a run still running) is read when it comes after that point.
    ///
    /// - Parameters:
    ///   - id: The run's id.
    ///   - scoresOnly: Whether to read only what scores are made of (case id, sample, position,
    ///     status, metrics and stream timings), leaving prompts, outputs and the rest empty.
    ///   - body: Called with each result; what it throws stops the reading and is rethrown.
    /// - Throws: ``RunStoreError``, or what `body` throws.
    public func forEachResult(of id: UUID, scoresOnly: Bool = false, _ body: (CaseResult) throws -> Void) throws {
        let run = ConfigurationCoding.text(id)
        let columns = scoresOnly ? StoredRows.scoreColumns : StoredRows.resultColumns
        let limit = Self.resultPageSize
        var after: (position: Int, sample: Int, caseID: String)?
        while true {
            let page: [CaseResult] = try reading { db in
                let rows: [StoreRow]
                if let after {
                    rows = try db.fetchAll(
                        "SELECT \(columns) FROM case_results WHERE run_id = ? AND (position, sample, case_id) > (?, ?, ?) "
                            + "ORDER BY position, sample, case_id LIMIT ?",
                        [run, after.position, after.sample, after.caseID, limit])
                } else {
                    rows = try db.fetchAll(
                        "SELECT \(columns) FROM case_results WHERE run_id = ? ORDER BY position, sample, case_id LIMIT ?", [run, limit])
                }
                return try rows.map { row throws(RunStoreError) in
                    scoresOnly ? try StoredRows.scores(from: row) : try StoredRows.result(from: row)
                }
            }
            for result in page { try body(result) }
            guard page.count == limit, let last = page.last else { return }
            after = (last.position, last.sample, last.caseID)
        }
    }

    /// Which optional parts a run's results have, as exports lay out their columns: turns
    /// (multi-turn cases), tool calls (the run offered tools) and stream timings.
    ///
    /// - Parameter id: The run's id.
    /// - Returns: Whether any result has each.
    /// - Throws: ``RunStoreError``.
    public func resultParts(of id: UUID) throws(RunStoreError) -> ResultParts {
        try reading { db in
            let row = try db.fetchOne(
                "SELECT COUNT(turns) AS turns, COUNT(tool_calls) AS calls, COUNT(ttft_ms) AS streamed FROM case_results WHERE run_id = ?",
                [ConfigurationCoding.text(id)])
            let turns: Int = row?["turns"] ?? 0, calls: Int = row?["calls"] ?? 0, streamed: Int = row?["streamed"] ?? 0
            return ResultParts(turns: turns > 0, toolCalls: calls > 0, streamed: streamed > 0)
        }
    }
}

/// Which optional parts a run's results have (see ``RunStore/resultParts(of:)``).
public struct ResultParts: Sendable, Hashable {
    /// A result has turns (a multi-turn case).
    public var turns: Bool
    /// A result has tool calls.
    public var toolCalls: Bool
    /// A result has stream timings.
    public var streamed: Bool

    /// The parts of results held in memory.
    public init(_ results: [CaseResult]) {
        turns = results.contains { $0.turns != nil }
        toolCalls = results.contains { $0.toolCalls != nil }
        streamed = results.contains { $0.ttftMilliseconds != nil }
    }

    init(turns: Bool, toolCalls: Bool, streamed: Bool) {
        self.turns = turns
        self.toolCalls = toolCalls
        self.streamed = streamed
    }
}

extension StoredRows {
    /// The columns scores are made of.
    static let scoreColumns = "case_id, sample, position, metrics, status, ttft_ms, tokens_per_s"

    /// A result with only what its scores are made of (``scoreColumns``).
    static func scores(from row: StoreRow) throws(RunStoreError) -> CaseResult {
        let caseID: String = try row.get("case_id")
        let statusText: String = try row.get("status")
        guard let status = CaseStatus(rawValue: statusText) else {
            throw RunStoreError(.corrupt, "the run store holds an unreadable status '\(statusText)' of case \(caseID)")
        }
        var result = CaseResult(
            caseID: caseID, sample: try row.get("sample"), position: try row.get("position"), prompt: [],
            metrics: try json(row.get("metrics"), "metrics of case \(caseID)").objectValue ?? JSONObject(), status: status
        )
        result.ttftMilliseconds = row["ttft_ms"]
        result.tokensPerSecond = row["tokens_per_s"]
        return result
    }
}
