import Foundation

/// The `max_cost` of a queued run, held across its workers: a row in `run_budgets` per budgeted
/// queued run, and in `budget_shares` a row per worker that has asked it.
///
/// A worker does not ask the store for every request: it exchanges with the ledger now and then
/// (``exchangeBudget(runID:worker:limit:settling:asking:lease:)``), settling the requests that
/// ended since the last exchange and, when its allowance has run out, asking for more. Each
/// exchange is a write transaction that reads the run's tally — what every worker has spent, and
/// what the live ones hold (allowances and requests in flight) — and grants by the rule of
/// ``BudgetTally``; on PostgreSQL the run's `run_budgets` row is locked (`FOR UPDATE`) so the
/// exchanges of one run happen one at a time, as SQLite's write transactions do anyway. An ask that
/// cannot be granted marks the run exhausted: workers take no more of its cases, and once none
/// holds a live lease on one, the run ends `budget_exhausted` (``Runner/completeIfDone(_:store:)``).
///
/// A share's hold lasts until `held_until`, which the worker's heartbeat renews as it renews its
/// leases: the hold of a worker that died stops counting when its leases expire, and what it had
/// settled stays counted as spent. Money a killed worker spent and had not settled yet (its
/// requests in flight, and those that ended since its last exchange, at most a heartbeat ago) is
/// unknown to the ledger.
extension RunStore {
    /// What a worker settles with the ledger: dollars it no longer holds, and the cost of the
    /// requests that ended.
    public struct BudgetSettlement: Sendable, Equatable {
        /// Dollars of the worker's hold given back (estimates of requests that ended, or allowance
        /// it returns).
        public var released = 0.0
        /// Dollars spent by requests that reported their usage, and how many they were.
        public var spent = 0.0
        public var meteredRequests = 0

        public init() {}

        var isEmpty: Bool { released == 0 && spent == 0 && meteredRequests == 0 }

        static func += (lhs: inout BudgetSettlement, rhs: BudgetSettlement) {
            lhs.released += rhs.released
            lhs.spent += rhs.spent
            lhs.meteredRequests += rhs.meteredRequests
        }
    }

    /// What an exchange with the ledger gave: the allowance granted (nil when an ask was refused:
    /// the run is exhausted) and the run's tally after it.
    struct BudgetExchange: Sendable {
        let granted: Double?
        let tally: BudgetTally
    }

    /// Settles a worker's ended requests with a queued run's ledger and, when `asking`, grants it
    /// up to `want` dollars of allowance, or refuses when not even `least` is left.
    ///
    /// - Parameters:
    ///   - runID: The queued run.
    ///   - worker: The worker.
    ///   - limit: The run's `max_cost`.
    ///   - settling: What the worker settles.
    ///   - asking: The allowance wanted, and the least that is of use; nil to settle only.
    ///   - lease: How long the worker's hold lasts without its heartbeat.
    func exchangeBudget(
        runID: UUID, worker: String, limit: Double, settling: BudgetSettlement, asking: (want: Double, least: Double)?, lease: Duration
    ) async throws(RunStoreError) -> BudgetExchange {
        let run = ConfigurationCoding.text(runID)
        return try await writing { db -> BudgetExchange in
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            guard let exhausted: Bool = try db.fetchValue("SELECT exhausted FROM run_budgets WHERE run_id = ?\(lock)", [run]) else {
                throw RunStoreError(.noSuchRun, "run \(run.prefix(8)) has no budget in the store")
            }
            let now = Date()
            // The hold is clamped at zero: sums and differences of the same doubles may leave a rounding remainder.
            try db.execute(
                """
                INSERT INTO budget_shares (run_id, worker, spent, metered_requests) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id, worker) DO UPDATE SET
                    held = CASE WHEN budget_shares.held > ? THEN budget_shares.held - ? ELSE 0 END,
                    spent = budget_shares.spent + excluded.spent,
                    metered_requests = budget_shares.metered_requests + excluded.metered_requests
                """,
                [run, worker, settling.spent, settling.meteredRequests, settling.released, settling.released])
            var tally = try Self.budgetTally(run, at: now, db)
            guard let asking else { return BudgetExchange(granted: 0, tally: tally) }
            guard !exhausted, tally.admits(asking.least, limit: limit) else {
                if !exhausted { try db.execute("UPDATE run_budgets SET exhausted = 1 WHERE run_id = ?", [run]) }
                return BudgetExchange(granted: nil, tally: tally)
            }
            let granted = max(asking.least, min(asking.want, limit - tally.spent - tally.held))
            let until = now.addingTimeInterval(ConfigurationCoding.seconds(lease))
            try db.execute("UPDATE budget_shares SET held = held + ?, held_until = ? WHERE run_id = ? AND worker = ?",
                           [granted, until, run, worker])
            tally.held += granted
            return BudgetExchange(granted: granted, tally: tally)
        }
    }

    /// A run's tally: spent by every worker, held by those whose hold has not expired at `now`.
    static func budgetTally(_ run: String, at now: Date, _ db: any StoreConnection) throws -> BudgetTally {
        // A row per worker: summed here rather than by SUM(), whose type differs between the databases.
        var tally = BudgetTally()
        for share in try db.fetchAll("SELECT * FROM budget_shares WHERE run_id = ?", [run]) {
            // The ledger's spend is all metered: a worker settles only requests that reported their usage.
            let spent: Double = try share.get("spent")
            tally.spent += spent
            tally.meteredCost += spent
            tally.meteredRequests += try share.get("metered_requests") as Int
            if let until: Date = share["held_until"], until >= now { tally.held += try share.get("held") as Double }
        }
        return tally
    }

    /// A queued run's budget as the store holds it: its tally, and whether it has refused a request;
    /// nil for a run without a budget.
    public func budget(of runID: UUID) throws(RunStoreError) -> (spent: Double, held: Double, exhausted: Bool)? {
        let run = ConfigurationCoding.text(runID)
        return try reading { db in
            guard let exhausted: Bool = try db.fetchValue("SELECT exhausted FROM run_budgets WHERE run_id = ?", [run]) else { return nil }
            let tally = try Self.budgetTally(run, at: Date(), db)
            return (tally.spent, tally.held, exhausted)
        }
    }
}
