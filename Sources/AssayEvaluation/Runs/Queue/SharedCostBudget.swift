import Foundation

/// A queued run's `max_cost` as one worker holds it, against the store's ledger that every worker
/// of the run shares (``RunStore/exchangeBudget(runID:worker:limit:settling:asking:lease:)``).
///
/// Requests are admitted by the rule of ``BudgetTally`` out of an allowance the ledger granted this
/// worker: when the allowance cannot cover the next request's estimate, the worker asks for enough
/// for ``chunk`` requests more (the ledger counts it as held, like requests in flight, so no two
/// workers can spend the same dollars). Ended requests are settled with the next exchange, which
/// happens when the allowance runs out, at each heartbeat (``flush(returningAllowance:)``), and
/// when the worker is idle or stops, which also gives back what is left of the allowance. Asking
/// in chunks keeps the ledger's transactions to a few per chunk of requests instead of two per
/// request; the cost is that a run may stop short of its budget by up to a chunk per worker,
/// held by workers that end up not needing it.
///
/// A ledger that cannot be reached holds the request back (nothing is spent that the ledger does
/// not know of); the case goes back to the queue.
actor SharedCostBudget: RunBudget {
    let store: RunStore
    let runID: UUID
    let worker: String
    let limit: Double
    let price: ModelPrice
    let lease: Duration
    /// How many requests' worth of allowance the worker asks for at a time.
    let chunk: Int
    let report: @Sendable (String) -> Void

    /// Dollars granted to this worker and not yet reserved by a request.
    private var allowance = 0.0
    /// What ended since the last exchange.
    private var pending = RunStore.BudgetSettlement()
    /// The run's tally as of the last exchange.
    private var known = BudgetTally()
    /// Set once the ledger has refused: later requests are refused without asking.
    private var refused = false
    /// The ask for allowance under way, if any.
    private var asking: Task<Bool, Never>?

    init(store: RunStore, runID: UUID, worker: String, limit: Double, price: ModelPrice, lease: Duration, chunk: Int,
         report: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.runID = runID
        self.worker = worker
        self.limit = limit
        self.price = price
        self.lease = lease
        self.chunk = max(1, chunk)
        self.report = report
    }

    func reserve(_ request: ModelRequest) async -> BudgetReservation? {
        while !refused {
            // The run's metered mean, this worker's unsettled requests included.
            var tally = known
            tally.meteredRequests += pending.meteredRequests
            tally.meteredCost += pending.spent
            let estimate = tally.estimate(orElse: BudgetTally.promptEstimate(of: request, price: price))
            if allowance >= estimate {
                allowance -= estimate
                return BudgetReservation(id: 0, estimate: estimate)
            }
            if let asking {
                // One ask at a time: the requests arriving meanwhile wait for its allowance.
                _ = await asking.value
                continue
            }
            // The ask clears itself, on this actor, before anyone waiting for it runs again: a
            // finished task's value does not suspend, so a waiter finding it still set would spin.
            let ask = Task {
                let granted = await exchange(asking: (Double(chunk) * estimate, estimate - allowance))
                asking = nil
                return granted
            }
            asking = ask
            guard await ask.value else { return nil }
            // Another request of this worker may have taken the new allowance while this one waited: look again.
        }
        return nil
    }

    func settle(_ reservation: BudgetReservation, usage: TokenUsage?) {
        pending.released += reservation.estimate
        if let usage {
            pending.spent += price.cost(of: usage)
            pending.meteredRequests += 1
        }
    }

    /// Settles what ended with the ledger; with `returningAllowance`, also gives back the
    /// allowance no request has taken (the worker has nothing of the run in flight).
    func flush(returningAllowance: Bool = false) async {
        if returningAllowance {
            pending.released += allowance
            allowance = 0
        }
        guard !pending.isEmpty else { return }
        _ = await exchange(asking: nil)
    }

    /// One exchange with the ledger; false when an ask was refused or the store failed.
    private func exchange(asking: (want: Double, least: Double)?) async -> Bool {
        let settling = pending
        pending = RunStore.BudgetSettlement()
        do throws(RunStoreError) {
            let exchange = try await store.exchangeBudget(runID: runID, worker: worker, limit: limit, settling: settling,
                                                          asking: asking, lease: lease)
            known = exchange.tally
            guard let granted = exchange.granted else {
                refused = true
                return false
            }
            allowance += granted
            return true
        } catch {
            pending += settling
            report("run \(ConfigurationCoding.text(runID).prefix(8)): cannot reach its budget in the store, "
                   + "\(asking == nil ? "its spend is kept to settle later" : "the case goes back to the queue"): \(error.message)")
            return false
        }
    }
}
