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
        try forEachResultPage(of: id, scoresOnly: scoresOnly) { page in
            for result in page { try body(result) }
        }
    }

    /// Calls a closure with each page of a run's results, in suite order then sample order (see
    /// ``forEachResult(of:scoresOnly:_:)``): for what reads something beside each page, such as
    /// the page's cases.
    ///
    /// - Parameters:
    ///   - id: The run's id.
    ///   - scoresOnly: Whether to read only what scores are made of.
    ///   - body: Called with each page; what it throws stops the reading and is rethrown.
    /// - Throws: ``RunStoreError``, or what `body` throws.
    public func forEachResultPage(of id: UUID, scoresOnly: Bool = false, _ body: ([CaseResult]) throws -> Void) throws {
        var after: ResultPosition?
        while true {
            let page = try reading { db in try Self.fetchResultPage(db, run: id, after: after, scoresOnly: scoresOnly) }
            if !page.isEmpty { try body(page) }
            guard page.count == Self.resultPageSize, let last = page.last else { return }
            after = ResultPosition(last)
        }
    }

    /// The statistics of a run's results (``RunStatistics/init(results:reducer:)``), read from the
    /// store a page of scores at a time without blocking the calling task's thread: only the scores
    /// are held, never the results.
    ///
    /// - Parameters:
    ///   - id: The run's id.
    ///   - reducer: How a case's samples become its score.
    /// - Returns: The statistics.
    /// - Throws: ``RunStoreError``.
    func statistics(of id: UUID, reducer: SampleReducer) async throws(RunStoreError) -> RunStatistics {
        var collector = StatisticsCollector(reducer: reducer)
        var after: ResultPosition?
        while true {
            let start = after
            let page = try await reading { db in try Self.fetchResultPage(db, run: id, after: start, scoresOnly: true) }
            for result in page { collector.add(result) }
            guard page.count == Self.resultPageSize, let last = page.last else { break }
            after = ResultPosition(last)
        }
        return collector.statistics()
    }

    /// Where a page of results starts: after the result at this position, sample and case id.
    struct ResultPosition: Sendable {
        let position: Int
        let sample: Int
        let caseID: String

        init(_ result: CaseResult) {
            position = result.position
            sample = result.sample
            caseID = result.caseID
        }
    }

    /// One page of a run's results in suite order then sample order: the first, or those after
    /// `after`.
    static func fetchResultPage(_ db: any StoreConnection, run id: UUID, after: ResultPosition?, scoresOnly: Bool) throws -> [CaseResult] {
        let run = ConfigurationCoding.text(id)
        let columns = scoresOnly ? StoredRows.scoreColumns : StoredRows.resultColumns
        let rows: [StoreRow]
        if let after {
            rows = try db.fetchAll(
                "SELECT \(columns) FROM case_results WHERE run_id = ? AND (position, sample, case_id) > (?, ?, ?) "
                    + "ORDER BY position, sample, case_id LIMIT ?",
                [run, after.position, after.sample, after.caseID, resultPageSize])
        } else {
            rows = try db.fetchAll(
                "SELECT \(columns) FROM case_results WHERE run_id = ? ORDER BY position, sample, case_id LIMIT ?", [run, resultPageSize])
        }
        return try rows.map { row throws(RunStoreError) in
            scoresOnly ? try StoredRows.scores(from: row) : try StoredRows.result(from: row)
        }
    }

    /// How many of a run's results ended with each status, by status name (``CaseStatus``):
    /// counted by the store, without reading the results.
    ///
    /// - Parameter id: The run's id.
    /// - Returns: The count of each status the results have.
    /// - Throws: ``RunStoreError``.
    public func statusCounts(of id: UUID) throws(RunStoreError) -> [String: Int] {
        try reading { db in
            var counts: [String: Int] = [:]
            for row in try db.fetchAll("SELECT status, COUNT(*) AS n FROM case_results WHERE run_id = ? GROUP BY status",
                                       [ConfigurationCoding.text(id)]) {
                let status: String = try row.get("status")
                let count: Int = row["n"] ?? 0
                counts[status] = count
            }
            return counts
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
