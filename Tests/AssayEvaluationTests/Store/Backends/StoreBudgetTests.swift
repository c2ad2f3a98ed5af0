@testable import AssayEvaluation
import Foundation
import Testing

/// A queued run's `max_cost` as the store holds it for all its workers: allowances, settling, their
/// expiry, and the run's end at its budget, on each database.
@Suite("Budgets of queued runs in the store, on SQLite and on PostgreSQL")
struct StoreBudgetTests {
    /// A queued run of `cases` cases with a budget of $1.
    static func queued(_ cases: Int, in store: RunStore) async throws -> UUID {
        let model = ScriptedModel(price: ModelPrice(input: 1, output: 1)) { _, _ throws(ModelCallError) in ModelResponse(text: "") }
        let spec = RunSpec(name: "budgeted", suite: RunTestKit.suite(count: cases), template: RunTestKit.template,
                           model: model, metrics: [.exact], maxCost: 1)
        return try await Runner(store: store).enqueue(spec).id
    }

    /// Asks the ledger for `want` dollars (at least `least`); the grant, nil when refused.
    static func ask(_ store: RunStore, _ id: UUID, worker: String, want: Double, least: Double? = nil,
                    settling: RunStore.BudgetSettlement = .init()) async throws -> Double? {
        try await store.exchangeBudget(runID: id, worker: worker, limit: 1, settling: settling, asking: (want, least ?? want),
                                       lease: .seconds(60)).granted
    }

    /// Settles: `released` dollars given back, `spent` dollars spent by `requests` metered requests.
    static func settle(_ store: RunStore, _ id: UUID, worker: String, released: Double, spent: Double = 0, requests: Int = 0) async throws {
        var settlement = RunStore.BudgetSettlement()
        settlement.released = released
        settlement.spent = spent
        settlement.meteredRequests = requests
        _ = try await store.exchangeBudget(runID: id, worker: worker, limit: 1, settling: settlement, asking: nil, lease: .seconds(60))
    }

    @Test("workers asking at once are granted no more than the budget, and a refusal stops the run's cases being leased",
          arguments: StoreBackend.available)
    func grantsStayWithinTheBudget(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(20, in: made.store)
        let stores = try (0 ..< 4).map { _ in try made.reopened() }
        // Four workers ask five times for $0.15: $1 grants six of the twenty asks.
        let granted = try await withThrowingTaskGroup(of: [Double].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    var grants: [Double] = []
                    for _ in 0 ..< 5 {
                        if let grant = try await Self.ask(store, id, worker: "w\(index)", want: 0.15) { grants.append(grant) }
                    }
                    return grants
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(granted.count == 6 && granted.allSatisfy { $0 == 0.15 })
        let budget = try #require(try made.store.budget(of: id))
        #expect(budget.exhausted && budget.spent == 0)
        #expect(abs(budget.held - 0.9) < 1e-9)
        #expect(try await made.store.claimWork(worker: "late", limit: 5, lease: .seconds(60)) == nil,
                "an exhausted run has no cases to lease")
        #expect(try await Self.ask(made.store, id, worker: "w0", want: 0.01) == nil, "once refused, always refused")
    }

    @Test("an ask is granted what is left when that is at least the least it can use", arguments: StoreBackend.available)
    func partialGrants(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, in: made.store)
        #expect(try await Self.ask(made.store, id, worker: "a", want: 0.7) == 0.7)
        let rest = try #require(try await Self.ask(made.store, id, worker: "b", want: 0.7, least: 0.1))
        #expect(abs(rest - 0.3) < 1e-12, "the $0.30 left")
        #expect(try made.store.budget(of: id)?.exhausted == false)
    }

    @Test("settled spend counts, released holds do not, and the metered mean is every worker's", arguments: StoreBackend.available)
    func settling(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, in: made.store)
        _ = try await Self.ask(made.store, id, worker: "a", want: 0.5)
        _ = try await Self.ask(made.store, id, worker: "b", want: 0.2)
        try await Self.settle(made.store, id, worker: "a", released: 0.5, spent: 0.3, requests: 2)
        try await Self.settle(made.store, id, worker: "b", released: 0.1, spent: 0.1, requests: 2)
        let budget = try #require(try made.store.budget(of: id))
        #expect(abs(budget.spent - 0.4) < 1e-12 && abs(budget.held - 0.1) < 1e-12 && !budget.exhausted)
        let tally = try await made.store.exchangeBudget(runID: id, worker: "c", limit: 1, settling: .init(), asking: nil,
                                                        lease: .seconds(60)).tally
        #expect(tally.meteredRequests == 4 && abs(tally.estimate(orElse: 9) - 0.1) < 1e-12)
        // $0.4 spent and $0.1 held: $0.5 is left, not a cent more.
        #expect(try await Self.ask(made.store, id, worker: "c", want: 0.51) == nil)
    }

    @Test("a dead worker's hold stops counting when it expires, what it settled still counts, and a retired worker holds nothing",
          arguments: StoreBackend.available)
    func holdsExpire(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, in: made.store)
        _ = try await Self.ask(made.store, id, worker: "dead", want: 0.3)
        try await Self.settle(made.store, id, worker: "dead", released: 0.3, spent: 0.3, requests: 1)
        #expect(try await Self.ask(made.store, id, worker: "dead", want: 0.6) == 0.6)
        #expect(abs((try made.store.budget(of: id)?.held ?? 0) - 0.6) < 1e-12)
        // The dead worker's heartbeat stops: its hold runs out (set in the past rather than waited for).
        try await made.store.writing { db in
            try db.execute("UPDATE budget_shares SET held_until = ? WHERE worker = ?", [Date(timeIntervalSinceNow: -1), "dead"])
        }
        let budget = try #require(try made.store.budget(of: id))
        #expect(abs(budget.spent - 0.3) < 1e-12 && budget.held == 0)
        #expect(try await Self.ask(made.store, id, worker: "alive", want: 0.7) == 0.7, "$0.3 spent: $0.7 is left")
        try await made.store.retire(worker: "alive")
        #expect(try made.store.budget(of: id)?.held == 0, "retired: nothing held")
        #expect(try await Self.ask(made.store, id, worker: "next", want: 0.7) == 0.7)
    }

    @Test("a refused run ends budget_exhausted once no case is leased to a live worker, keeping its results and dropping its work",
          arguments: StoreBackend.available)
    func endsAtItsBudget(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(4, in: made.store)
        let work = try #require(try await made.store.claimWork(worker: "w", limit: 4, lease: .seconds(60)))
        #expect(work.items.count == 4)
        let result = CaseResult(caseID: "c0", sample: 0, position: 0, prompt: [], output: "answer 0", metrics: ["exact": 1], status: .ok)
        try await made.store.write(results: [result], answers: [], runID: id, fromQueue: true)
        #expect(try await Self.ask(made.store, id, worker: "w", want: 2) == nil)
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

    @Test("a worker's concurrent requests wait for one ask at a time and are admitted from its allowance; settling gives back the rest",
          .timeLimit(.minutes(1)), arguments: StoreBackend.available)
    func aWorkersShare(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(20, in: made.store)
        // Four characters are a token in and a token out: $0.0625 a request at $31,250 per million tokens
        // (sums of sixteenths are exact in binary).
        let price = ModelPrice(input: 31250, output: 31250)
        let budget = SharedCostBudget(store: made.store, runID: id, worker: "w", limit: 1, price: price, lease: .seconds(60), chunk: 4,
                                      report: { Issue.record("unexpected report: \($0)") })
        let request = ModelRequest(messages: [ChatMessage(role: "user", content: "four")])
        let reservations = await withTaskGroup(of: BudgetReservation?.self) { group in
            for _ in 0 ..< 12 { group.addTask { await budget.reserve(request) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reservations.allSatisfy { $0 != nil && $0!.estimate == 0.0625 })
        let held = try #require(try made.store.budget(of: id)).held
        #expect(held == 0.75, "three asks of four requests each, not one per request: \(held)")
        for reservation in reservations.compactMap({ $0 }) {
            await budget.settle(reservation, usage: TokenUsage(prompt: 1, completion: 1))
        }
        await budget.flush(returningAllowance: true)
        let settled = try #require(try made.store.budget(of: id))
        #expect(settled.spent == 0.75 && settled.held == 0 && !settled.exhausted)
    }

    @Test("a run without max_cost has no budget in the store", arguments: StoreBackend.available)
    func unbudgetedRuns(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await StoreQueueTests.queued(3, in: made.store)
        #expect(try made.store.budget(of: id) == nil)
    }
}
