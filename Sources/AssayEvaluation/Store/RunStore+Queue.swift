import Foundation

/// Queued runs' work: a row per case and sample in `work_items` until its result is stored, leased
/// by one worker at a time; and the `workers` that are alive.
///
/// A worker claims items whose lease is free or has expired, in one write transaction. On
/// PostgreSQL the rows are chosen with `FOR UPDATE SKIP LOCKED`, so workers claiming at once take
/// different items without waiting for each other; SQLite's write transactions run one at a time,
/// which gives the same. A worker renews its leases with its heartbeat; a worker that dies stops
/// renewing, and once its leases expire another worker takes the items. An item leaves the table in
/// the transaction that stores its result; a result stored twice (a worker that was only slow) is
/// ignored by the results' unique key, so every case ends in the run exactly once.
extension RunStore {
    /// Work items claimed by a worker: a run and the positions and samples of its cases.
    public struct ClaimedWork: Sendable, Equatable {
        public let runID: UUID
        public let items: [CaseKeyPosition]
    }

    /// A case of a run by its position in the suite and its sample.
    public struct CaseKeyPosition: Sendable, Hashable {
        public let position: Int
        public let sample: Int
    }

    /// A worker process as the store knows it.
    public struct WorkerRecord: Sendable, Equatable {
        public let id: String
        public let host: String
        public let pid: Int
        public let concurrency: Int
        public let startedAt: Date
        public let heartbeatAt: Date
        /// The results it has stored.
        public let finished: Int
    }

    static func insertWork(_ work: [(Int, Int)], runID: String, _ db: any StoreConnection) throws {
        // Many rows per statement: a run of 100,000 cases is 200 statements, not 100,000.
        for start in stride(from: 0, to: work.count, by: 500) {
            let slice = work[start ..< min(start + 500, work.count)]
            let rows = Self.rows(slice.count, of: 3)
            var arguments = StoreArguments()
            for (position, sample) in slice { arguments += [runID, position, sample] }
            try db.execute("INSERT INTO work_items (run_id, position, sample) VALUES \(rows)", arguments)
        }
    }

    /// Leases up to `limit` free items of the oldest queued run that has any to a worker (a run
    /// whose budget is exhausted has none to give).
    ///
    /// - Parameters:
    ///   - worker: The worker's id.
    ///   - limit: The most items to take.
    ///   - lease: How long the lease lasts unless renewed.
    ///   - excluding: Runs the worker cannot work on.
    /// - Returns: The items, or nil when no queued run has a free item.
    public func claimWork(worker: String, limit: Int, lease: Duration, excluding: [UUID] = []) async throws(RunStoreError) -> ClaimedWork? {
        guard limit > 0 else { return nil }
        let excluded = excluding.map(ConfigurationCoding.text)
        return try await writing { db in
            let now = Date()
            // The queued runs, oldest first, then each one's free items in the order of its primary
            // key: an index scan that stops at `limit`, however many items the run has.
            let runs = try db.fetchAll(
                """
                SELECT id FROM runs WHERE status = ?
                    AND NOT EXISTS (SELECT 1 FROM run_budgets WHERE run_budgets.run_id = runs.id AND exhausted = 1)
                ORDER BY created_at, id
                """,
                [RunStatus.queued.rawValue])
            let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            for run in runs {
                let runText: String = try run.get("id")
                guard !excluded.contains(runText), let runID = UUID(uuidString: runText) else { continue }
                let rows = try db.fetchAll(
                    """
                    SELECT position, sample FROM work_items WHERE run_id = ? AND (worker IS NULL OR lease_until < ?)
                    ORDER BY run_id, position, sample LIMIT ?\(lock)
                    """,
                    [runText, now, limit])
                guard !rows.isEmpty else { continue }
                let until = now.addingTimeInterval(ConfigurationCoding.seconds(lease))
                var items: [CaseKeyPosition] = []
                for row in rows {
                    let item = CaseKeyPosition(position: try row.get("position"), sample: try row.get("sample"))
                    try db.execute("UPDATE work_items SET worker = ?, lease_until = ? WHERE run_id = ? AND position = ? AND sample = ?",
                                   [worker, until, runText, item.position, item.sample])
                    items.append(item)
                }
                return ClaimedWork(runID: runID, items: items)
            }
            return nil
        }
    }

    /// Records a worker as alive, or refreshes its heartbeat, its count of results, the leases of
    /// the items it holds and its holds on queued runs' budgets.
    public func heartbeat(worker: WorkerRecord, lease: Duration) async throws(RunStoreError) {
        let now = Date()
        let until = now.addingTimeInterval(ConfigurationCoding.seconds(lease))
        try await writing { db in
            try db.execute(
                """
                INSERT INTO workers (id, host, pid, concurrency, started_at, heartbeat_at, finished) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, finished = excluded.finished
                """,
                [worker.id, worker.host, worker.pid, worker.concurrency, worker.startedAt, now, worker.finished])
            try db.execute("UPDATE work_items SET lease_until = ? WHERE worker = ?", [until, worker.id])
            try db.execute("UPDATE budget_shares SET held_until = ? WHERE worker = ? AND held > 0", [until, worker.id])
        }
    }

    /// Forgets a worker that stops, and frees the items and budget holds it still has.
    public func retire(worker id: String) async throws(RunStoreError) {
        try await writing { db in
            try db.execute("DELETE FROM workers WHERE id = ?", [id])
            try db.execute("UPDATE work_items SET worker = NULL, lease_until = NULL WHERE worker = ?", [id])
            try db.execute("UPDATE budget_shares SET held = 0 WHERE worker = ?", [id])
        }
    }

    /// Frees items a worker holds but did not finish (its run's budget held them back).
    func release(worker id: String, runID: UUID, items: [CaseKeyPosition]) async throws(RunStoreError) {
        let run = ConfigurationCoding.text(runID)
        try await writing { db in
            for item in items {
                try db.execute(
                    "UPDATE work_items SET worker = NULL, lease_until = NULL WHERE run_id = ? AND position = ? AND sample = ? AND worker = ?",
                    [run, item.position, item.sample, id])
            }
        }
    }

    /// Frees the items of a run that a worker holds (a run it cannot work on).
    public func release(worker id: String, runID: UUID) async throws(RunStoreError) {
        try await writing { db in
            try db.execute("UPDATE work_items SET worker = NULL, lease_until = NULL WHERE worker = ? AND run_id = ?",
                           [id, ConfigurationCoding.text(runID)])
        }
    }

    /// The workers whose heartbeat is at most `within` old, the longest-running first.
    public func liveWorkers(within: Duration = .seconds(15)) throws(RunStoreError) -> [WorkerRecord] {
        let since = Date().addingTimeInterval(-ConfigurationCoding.seconds(within))
        return try reading { db in
            try db.fetchAll("SELECT * FROM workers WHERE heartbeat_at >= ? ORDER BY started_at, id", [since]).map { row throws(RunStoreError) in
                WorkerRecord(id: try row.get("id"), host: try row.get("host"), pid: try row.get("pid"),
                             concurrency: try row.get("concurrency"), startedAt: try row.get("started_at"),
                             heartbeatAt: try row.get("heartbeat_at"), finished: try row.get("finished"))
            }
        }
    }

    /// How a queued run is ready to end, or nil when it is not: `completed` when it has no work
    /// left; `budgetExhausted` when its budget has refused a request and no case is leased to a
    /// live worker any more (the cases in flight at the refusal have been stored).
    func queuedRunEnding(_ id: UUID) async throws(RunStoreError) -> RunStatus? {
        let text = ConfigurationCoding.text(id)
        return try await reading { db -> RunStatus? in
            guard try db.fetchOne("SELECT 1 FROM runs WHERE id = ? AND status = ?", [text, RunStatus.queued.rawValue]) != nil else { return nil }
            if try db.fetchOne("SELECT 1 FROM work_items WHERE run_id = ? LIMIT 1", [text]) == nil { return .completed }
            guard try db.fetchOne("SELECT 1 FROM run_budgets WHERE run_id = ? AND exhausted = 1", [text]) != nil,
                  try db.fetchOne(Self.liveLease, [text, Date()]) == nil else { return nil }
            return .budgetExhausted
        }
    }

    /// A work item of a run leased to a worker whose lease has not expired.
    private static let liveLease = "SELECT 1 FROM work_items WHERE run_id = ? AND worker IS NOT NULL AND lease_until >= ? LIMIT 1"

    /// Ends a queued run as `ending` (what ``queuedRunEnding(_:)`` said) with its summary, in one
    /// transaction that checks the condition again; true for the one call that did (any worker, or
    /// the session following the run, may call it). A run ending at its budget loses the work
    /// items it did not do: `resume` in one process runs them, under a higher budget.
    func completeQueuedRun(_ id: UUID, as ending: RunStatus, summary: RunStatistics) async throws(RunStoreError) -> Bool {
        let text = ConfigurationCoding.text(id)
        let summaryText = summary.json.serialized()
        return try await writing { db in
            let condition = ending == .completed
                ? "NOT EXISTS (SELECT 1 FROM work_items WHERE run_id = ?)"
                : "NOT EXISTS (\(Self.liveLease))"
            let arguments: StoreArguments = ending == .completed ? [text] : [text, Date()]
            let ended = try db.execute(
                "UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ? AND status = ? AND \(condition)",
                [ending.rawValue, Date(), summaryText, text, RunStatus.queued.rawValue] + arguments) > 0
            if ended { try db.execute("DELETE FROM work_items WHERE run_id = ?", [text]) }
            return ended
        }
    }

    /// The number of work items a run has left.
    public func remainingWork(of id: UUID) throws(RunStoreError) -> Int {
        try reading { db in try db.fetchValue("SELECT COUNT(*) FROM work_items WHERE run_id = ?", [ConfigurationCoding.text(id)]) ?? 0 }
    }
}
