import Foundation

/// The `max_cost` of a queued run, held across its workers: a row in `run_budgets` per budgeted
/// queued run, and in `budget_shares` a row per worker that has asked it.
///
/// Every request a worker makes for such a run is reserved here first, in a write transaction that
/// reads the run's tally (what every worker has spent, and what the live ones hold for requests in
/// flight) and admits the request by the rules of ``BudgetTally``; on PostgreSQL the run's
/// `run_budgets` row is locked (`FOR UPDATE`) so reservations of one run happen one at a time, as
/// SQLite's write transactions do anyway. A request that is not admitted marks the run exhausted:
/// workers take no more of its cases, and once none holds a live lease on one, the run ends
/// `budget_exhausted` (``Runner/completeIfDone(_:store:)``).
///
/// A share's hold lasts until `held_until`, which the worker's heartbeat renews as it renews its
/// leases: the hold of a worker that died stops counting when its leases expire, and what it had
/// spent (settled) stays counted. Money a killed worker spent on a request it never settled is
/// unknown to the ledger; it is at most its requests in flight.
extension RunStore {
    /// Reserves a request's estimated cost against a queued run's budget.
    ///
    /// - Parameters:
    ///   - runID: The queued run.
    ///   - worker: The worker making the request.
    ///   - limit: The run's `max_cost`.
    ///   - fallback: The request's estimate while no request of the run has been metered.
    ///   - lease: How long the hold lasts without the worker's heartbeat.
    /// - Returns: The estimate reserved, or nil when the request may not be made (the run is then
    ///   exhausted, or was already).
    func reserveBudget(runID: UUID, worker: String, limit: Double, fallback: Double, lease: Duration) async throws(RunStoreError) -> Double? {
        let run = ConfigurationCoding.text(runID)
        return try await writing { db -> Double? in
            let lock = db.dialect == .postgres ? " FOR UPDATE" : ""
            guard let exhausted: Bool = try db.fetchValue("SELECT exhausted FROM run_budgets WHERE run_id = ?\(lock)", [run]) else {
                throw RunStoreError(.noSuchRun, "run \(run.prefix(8)) has no budget in the store")
            }
            guard !exhausted else { return nil }
            let now = Date()
            let tally = try Self.budgetTally(run, at: now, db)
            let estimate = tally.estimate(orElse: fallback)
            guard tally.admits(estimate, limit: limit) else {
                try db.execute("UPDATE run_budgets SET exhausted = 1 WHERE run_id = ?", [run])
                return nil
            }
            let until = now.addingTimeInterval(ConfigurationCoding.seconds(lease))
            try db.execute(
                """
                INSERT INTO budget_shares (run_id, worker, held, held_until) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id, worker) DO UPDATE SET held = budget_shares.held + excluded.held, held_until = excluded.held_until
                """,
                [run, worker, estimate, until])
            return estimate
        }
    }

    /// Ends a reservation: its estimate is no longer held, and the cost of a call that reported its
    /// usage is spent.
    func settleBudget(runID: UUID, worker: String, estimate: Double, cost: Double?) async throws(RunStoreError) {
        let run = ConfigurationCoding.text(runID)
        try await writing { db in
            // Clamped at zero: a sum and differences of the same doubles may leave a rounding remainder.
            try db.execute(
                """
                UPDATE budget_shares SET held = CASE WHEN held > ? THEN held - ? ELSE 0 END,
                    spent = spent + ?, metered_requests = metered_requests + ?, metered_cost = metered_cost + ?
                WHERE run_id = ? AND worker = ?
                """,
                [estimate, estimate, cost ?? 0, cost == nil ? 0 : 1, cost ?? 0, run, worker])
        }
    }

    /// A run's tally: spent by every worker, held by those whose hold has not expired at `now`.
    static func budgetTally(_ run: String, at now: Date, _ db: any StoreConnection) throws -> BudgetTally {
        // A row per worker: summed here rather than by SUM(), whose type differs between the databases.
        var tally = BudgetTally()
        for share in try db.fetchAll("SELECT * FROM budget_shares WHERE run_id = ?", [run]) {
            tally.spent += try share.get("spent") as Double
            tally.meteredRequests += try share.get("metered_requests") as Int
            tally.meteredCost += try share.get("metered_cost") as Double
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
