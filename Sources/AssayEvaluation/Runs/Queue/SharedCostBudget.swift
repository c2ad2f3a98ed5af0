import Foundation
import Synchronization

/// A queued run's `max_cost` as one worker holds it: each request is reserved in the store's ledger
/// that every worker of the run shares (``RunStore/reserveBudget(runID:worker:limit:fallback:lease:)``),
/// by the same rules as a run in one process (``BudgetTally``), and settled there when it ends.
///
/// A store that cannot be reached holds the request back (nothing is spent that the ledger does not
/// know of); the case goes back to the queue.
final class SharedCostBudget: RunBudget {
    let store: RunStore
    let runID: UUID
    let worker: String
    let limit: Double
    let price: ModelPrice
    let lease: Duration
    let report: @Sendable (String) -> Void
    /// Set once the ledger has refused a request: later ones are refused without asking.
    private let refused = Atomic(false)

    init(store: RunStore, runID: UUID, worker: String, limit: Double, price: ModelPrice, lease: Duration,
         report: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.runID = runID
        self.worker = worker
        self.limit = limit
        self.price = price
        self.lease = lease
        self.report = report
    }

    func reserve(_ request: ModelRequest) async -> BudgetReservation? {
        guard !refused.load(ordering: .relaxed) else { return nil }
        let fallback = BudgetTally.promptEstimate(of: request, price: price)
        do throws(RunStoreError) {
            guard let estimate = try await store.reserveBudget(runID: runID, worker: worker, limit: limit, fallback: fallback, lease: lease) else {
                refused.store(true, ordering: .relaxed)
                return nil
            }
            return BudgetReservation(id: 0, estimate: estimate)
        } catch {
            report("run \(ConfigurationCoding.text(runID).prefix(8)): cannot reserve its budget, the case goes back to the queue: \(error.message)")
            return nil
        }
    }

    func settle(_ reservation: BudgetReservation, usage: TokenUsage?) async {
        do throws(RunStoreError) {
            try await store.settleBudget(runID: runID, worker: worker, estimate: reservation.estimate, cost: usage.map(price.cost(of:)))
        } catch {
            report("run \(ConfigurationCoding.text(runID).prefix(8)): cannot record a request's cost in its budget: \(error.message)")
        }
    }
}
