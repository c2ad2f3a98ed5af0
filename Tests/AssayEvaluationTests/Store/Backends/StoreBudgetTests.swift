@testable import AssayEvaluation
import Foundation
import Testing

/// A queued run's `max_cost` as the store holds it for all its workers: reservations, their expiry,
/// and the run's end at its budget, on each database.
@Suite("Budgets of queued runs in the store, on SQLite and on PostgreSQL")
struct StoreBudgetTests {
    /// A queued run of `cases` cases with a budget of `maxCost` dollars.
    static func queued(_ cases: Int, maxCost: Double, in store: RunStore) async throws -> UUID {
        let model = ScriptedModel(price: ModelPrice(input: 1, output: 1)) { _, _ throws(ModelCallError) in ModelResponse(text: "") }
        let spec = RunSpec(name: "budgeted", suite: RunTestKit.suite(count: cases), template: RunTestKit.template,
                           model: model, metrics: [.exact], maxCost: maxCost)
        return try await Runner(store: store).enqueue(spec).record.id
    }

    static func reserve(_ store: RunStore, _ id: UUID, worker: String, estimate: Double = 0.1, lease: Duration = .seconds(60)) async throws -> Double? {
        try await store.reserveBudget(runID: id, worker: worker, limit: 1, fallback: estimate, lease: lease)
    }

    @Test("workers reserving at once are admitted no further than the budget, and a refusal stops the run's cases being leased",
          arguments: StoreBackend.available)
    func reservationsStayWithinTheBudget(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(20, maxCost: 1, in: made.store)
        let stores = try (0 ..< 4).map { _ in try made.reopened() }
        // Four workers ask for five requests of $0.15 each: $1 admits six of the twenty.
        let admitted = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    var count = 0
                    for _ in 0 ..< 5 where try await Self.reserve(store, id, worker: "w\(index)", estimate: 0.15) != nil { count += 1 }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(admitted == 6)
        let budget = try #require(try made.store.budget(of: id))
        #expect(budget.exhausted && budget.spent == 0)
        #expect(abs(budget.held - 0.9) < 1e-9)
        #expect(try await made.store.claimWork(worker: "late", limit: 5, lease: .seconds(60)) == nil,
                "an exhausted run has no cases to lease")
        #expect(try await Self.reserve(made.store, id, worker: "w0", estimate: 0) == nil, "once refused, always refused")
    }

    @Test("settled requests count as spent, and their mean cost becomes the estimate of the next", arguments: StoreBackend.available)
    func settlingSpends(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, maxCost: 1, in: made.store)
        let first = try #require(try await Self.reserve(made.store, id, worker: "a", estimate: 0.5))
        #expect(first == 0.5, "no request metered yet: the worker's own estimate")
        try await made.store.settleBudget(runID: id, worker: "a", estimate: first, cost: 0.2)
        let second = try #require(try await Self.reserve(made.store, id, worker: "b", estimate: 0.5))
        #expect(abs(second - 0.2) < 1e-12, "the metered mean, whichever worker metered it")
        try await made.store.settleBudget(runID: id, worker: "b", estimate: second, cost: nil)
        let budget = try #require(try made.store.budget(of: id))
        #expect(abs(budget.spent - 0.2) < 1e-12 && budget.held == 0 && !budget.exhausted)
    }

    @Test("a dead worker's hold stops counting when it expires, what it spent still counts, and a retired worker holds nothing",
          arguments: StoreBackend.available)
    func holdsExpire(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, maxCost: 1, in: made.store)
        let spent = try #require(try await Self.reserve(made.store, id, worker: "dead", estimate: 0.3))
        try await made.store.settleBudget(runID: id, worker: "dead", estimate: spent, cost: 0.3)
        #expect(try await Self.reserve(made.store, id, worker: "dead", estimate: 0.3) != nil)
        #expect(try await Self.reserve(made.store, id, worker: "dead", estimate: 0.3) != nil)
        // The dead worker's heartbeat stops: its hold runs out (set in the past rather than waited for).
        try await made.store.writing { db in
            try db.execute("UPDATE budget_shares SET held_until = ? WHERE worker = ?", [Date(timeIntervalSinceNow: -1), "dead"])
        }
        let budget = try #require(try made.store.budget(of: id))
        #expect(abs(budget.spent - 0.3) < 1e-12 && budget.held == 0)
        // $0.3 spent: two more at the metered $0.3 fit, a third does not.
        #expect(try await Self.reserve(made.store, id, worker: "alive") != nil)
        #expect(try await Self.reserve(made.store, id, worker: "alive") != nil)
        try await made.store.retire(worker: "alive")
        #expect(try made.store.budget(of: id)?.held == 0, "retired: nothing held")
        #expect(try await Self.reserve(made.store, id, worker: "next") != nil)
    }

    @Test("a refused run ends budget_exhausted once no case is leased to a live worker, keeping its results and dropping its work",
          arguments: StoreBackend.available)
    func endsAtItsBudget(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(4, maxCost: 1, in: made.store)
        let work = try #require(try await made.store.claimWork(worker: "w", limit: 4, lease: .seconds(60)))
        #expect(work.items.count == 4)
        let result = CaseResult(caseID: "c0", sample: 0, position: 0, prompt: [], output: "answer 0", metrics: ["exact": 1], status: .ok)
        try await made.store.write(results: [result], answers: [], runID: id, fromQueue: true)
        #expect(try await Self.reserve(made.store, id, worker: "w", estimate: 2) == nil)
        try await Runner.completeIfDone(id, store: made.store)
        #expect(try made.store.record(id: id)?.status == .queued, "three cases are still leased to a live worker")
        try await made.store.release(worker: "w", runID: id, items: work.items.filter { $0.position != 0 })
        try await Runner.completeIfDone(id, store: made.store)
        let record = try #require(try made.store.record(id: id))
        #expect(record.status == .budgetExhausted)
        #expect(record.counts.finished == 1 && record.counts.expected == 4)
        #expect(record.summary?.entries.first?.summary.mean == 1)
        #expect(try made.store.remainingWork(of: id) == 0)
        let stored = try await made.store.load(id)
        #expect(stored.results.map(\.caseID) == ["c0"])
    }

    @Test("a run without max_cost has no budget in the store", arguments: StoreBackend.available)
    func unbudgetedRuns(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await StoreQueueTests.queued(3, in: made.store)
        #expect(try made.store.budget(of: id) == nil)
    }
}
