@testable import AssayEvaluation
import Foundation
import Testing

/// The store's side of queued runs: leases, their expiry, and completion, on each database.
@Suite("Queued runs in the store, on SQLite and on PostgreSQL")
struct StoreQueueTests {
    static func queued(_ cases: Int, in store: RunStore, samples: Int = 1) async throws -> UUID {
        var spec = RunSpec(name: "queued", suite: RunTestKit.suite(count: cases), template: RunTestKit.template,
                           model: ScriptedModel.perfect(), metrics: [.exact])
        spec.samples = samples
        return try await Runner(store: store).enqueue(spec).id
    }

    @Test("workers claiming at once get disjoint cases, and no more than there are", arguments: StoreBackend.available)
    func claimsAreDisjoint(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(50, in: made.store, samples: 2)
        #expect(try made.store.record(id: id)?.status == .queued)
        #expect(try made.store.remainingWork(of: id) == 100)
        let stores = try (0 ..< 4).map { _ in try made.reopened() }
        let claims = try await withThrowingTaskGroup(of: [RunStore.CaseKeyPosition].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask { try await store.claimWork(worker: "w\(index)", limit: 30, lease: .seconds(60))?.items ?? [] }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = claims.flatMap { $0 }
        #expect(all.count == 100)
        #expect(Set(all).count == 100, "no case leased twice")
        #expect(try await made.store.claimWork(worker: "late", limit: 10, lease: .seconds(60)) == nil)
    }

    @Test("a case whose lease has expired is taken by another worker, a renewed one is not; a retired worker's cases are freed at once",
          arguments: StoreBackend.available)
    func expiredLeasesAreTakenAgain(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(5, in: made.store)
        let first = try #require(try await made.store.claimWork(worker: "dead", limit: 5, lease: .seconds(60)))
        #expect(first.runID == id && first.items.count == 5)
        #expect(try await made.store.claimWork(worker: "alive", limit: 5, lease: .seconds(60)) == nil, "leased cases are not taken")
        // The dead worker's heartbeat stops: its leases run out (set in the past rather than waited for).
        try await made.store.writing { db in
            try db.execute("UPDATE work_items SET lease_until = ? WHERE worker = ?", [Date(timeIntervalSinceNow: -1), "dead"])
        }
        let taken = try await made.store.claimWork(worker: "alive", limit: 5, lease: .seconds(60))
        #expect(Set(taken?.items ?? []) == Set(first.items))
        // A live worker's heartbeat renews its leases.
        try await made.store.heartbeat(worker: RunStore.WorkerRecord(id: "alive", host: "h", pid: 1, concurrency: 5, startedAt: Date(),
                                                                     heartbeatAt: Date(), finished: 0), lease: .seconds(60))
        #expect(try await made.store.claimWork(worker: "other", limit: 5, lease: .seconds(60)) == nil)
        #expect(try made.store.liveWorkers().map(\.id) == ["alive"])
        try await made.store.retire(worker: "alive")
        #expect(try await made.store.claimWork(worker: "next", limit: 5, lease: .seconds(60))?.items.count == 5)
    }

    @Test("storing a case's result removes its work; the run completes once, with its summary, when none is left",
          arguments: StoreBackend.available)
    func completion(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let id = try await Self.queued(3, in: made.store)
        let results = (0 ..< 3).map { position in
            CaseResult(caseID: "c\(position)", sample: 0, position: position, prompt: [], output: "answer \(position)",
                       metrics: ["exact": 1], status: .ok)
        }
        try await made.store.write(results: Array(results.prefix(2)), answers: [], runID: id, fromQueue: true)
        try await Runner.completeIfDone(id, store: made.store)
        #expect(try made.store.record(id: id)?.status == .queued, "one case is left")
        // The same result stored twice (a slow worker whose lease expired) counts once.
        try await made.store.write(results: Array(results.suffix(2)), answers: [], runID: id, fromQueue: true)
        #expect(try made.store.remainingWork(of: id) == 0)
        try await Runner.completeIfDone(id, store: made.store)
        try await Runner.completeIfDone(id, store: made.store)
        let record = try #require(try made.store.record(id: id))
        #expect(record.status == .completed)
        #expect(record.counts == RunCounts(expected: 3, finished: 3, ok: 3, errors: 0, cached: 0))
        #expect(record.summary?.entries.first?.summary.mean == 1)
    }
}
