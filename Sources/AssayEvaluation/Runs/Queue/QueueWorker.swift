import Foundation
import Synchronization

/// A worker of queued runs: it leases cases of the oldest queued run from the store, evaluates them
/// as a run does (prepare, infer through the response cache, extract, evaluate), stores their
/// results, and takes more, up to ``concurrency`` in flight, until its task is cancelled.
///
/// Each queued run's spec is rebuilt from its stored record by the caller's `spec` function (the
/// session does it as `rerun` in another process does), with the models, names and keys of this
/// worker's own configuration: nothing secret travels through the store. A run whose spec cannot be
/// rebuilt here is left to other workers, and the reason reported once. The worker's heartbeat
/// renews the leases of the cases it holds; when it stops (cancelled), the cases in flight stop, the
/// finished ones are stored, and the rest are freed for other workers. The worker that stores a
/// run's last result marks the run completed and stores its summary. A run's `max_cost` is held
/// with its other workers through the store's ledger (``SharedCostBudget``).
public struct QueueWorker: Sendable {
    /// Rebuilds a queued run's spec from its stored record and cases (the run is given without its
    /// results).
    public typealias SpecBuilder = @Sendable (StoredRun) async throws(RunError) -> RunSpec

    public let store: RunStore
    /// The worker's id in the store: `host:pid:random`.
    public let id: String
    /// The most cases in flight at once.
    public let concurrency: Int
    /// How long a lease lasts without a heartbeat; the heartbeat (every 2 s, or a third of the
    /// lease when that is shorter) renews it.
    public let lease: Duration
    /// How long the worker waits before asking again when no queued run has free cases.
    public let idlePoll: Duration
    let environment: RunEnvironment
    let buildSpec: SpecBuilder
    let report: @Sendable (String) -> Void

    /// Creates a worker.
    ///
    /// - Parameters:
    ///   - store: The shared store.
    ///   - concurrency: The most cases in flight.
    ///   - lease: How long a case stays leased to this worker without a heartbeat (30 s by default).
    ///   - idlePoll: The wait between asks when there is no work.
    ///   - environment: Sleep, jitter and clock.
    ///   - spec: Rebuilds a queued run's spec from its stored record.
    ///   - report: Receives a line for each run started and finished, and each problem.
    public init(
        store: RunStore, concurrency: Int, lease: Duration = .seconds(30), idlePoll: Duration = .milliseconds(250),
        environment: RunEnvironment = .live, spec: @escaping SpecBuilder, report: @escaping @Sendable (String) -> Void
    ) {
        self.store = store
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.idlePoll = idlePoll
        self.environment = environment
        buildSpec = spec
        self.report = report
        id = "\(RunLease.hostName):\(getpid()):\(UUID().uuidString.prefix(6).lowercased())"
    }

    /// Works until the calling task is cancelled; returns the number of results it stored.
    public func run() async -> Int {
        let state = WorkerState()
        let started = Date()
        let record = { @Sendable () -> RunStore.WorkerRecord in
            RunStore.WorkerRecord(id: id, host: RunLease.hostName, pid: Int(getpid()), concurrency: concurrency,
                                  startedAt: started, heartbeatAt: Date(), finished: state.finished)
        }
        do throws(RunStoreError) { try await store.heartbeat(worker: record(), lease: lease) } catch {
            report("cannot register with the run store: \(error.message)")
            return 0
        }
        let store = self.store
        let lease = self.lease
        let beat = Task.detached {
            while (try? await Task.sleep(for: min(lease / 3, .seconds(2)))) != nil {
                try? await store.heartbeat(worker: record(), lease: lease)
                for prepared in state.all() { await prepared.budget?.flush() }
            }
        }
        await withTaskGroup(of: Int.self) { group in
            var inFlight = 0
            // Cases are leased in batches of at least a quarter of the concurrency (one write
            // transaction each), not one whenever one finishes.
            let batch = max(1, concurrency / 4)
            while !Task.isCancelled {
                let free = concurrency - inFlight
                let claimed = free >= batch || inFlight == 0 ? await claim(free, state: state) : nil
                if let (prepared, units) = claimed {
                    for unit in units {
                        inFlight += unit.count
                        group.addTask { await evaluate(unit, with: prepared, state: state) }
                    }
                } else if inFlight > 0 {
                    if let done = await group.next() { inFlight -= done }
                } else {
                    await finishRuns(state)
                    try? await environment.sleep(idlePoll)
                }
                // Take back the slots of units that have finished meanwhile, without waiting.
                while inFlight >= concurrency, let done = await group.next() { inFlight -= done }
            }
            for await done in group { inFlight -= done }
        }
        beat.cancel()
        // In a task of its own: this one is cancelled, and the store's accesses stop on cancellation.
        await Task { [self] in
            await finishRuns(state)
            try? await store.retire(worker: id)
        }.value
        return state.finished
    }

    /// Leases up to `limit` cases and prepares their run; nil when there is no work (or the store failed).
    private func claim(_ limit: Int, state: WorkerState) async -> (PreparedRun, [[Runner.WorkItem]])? {
        let work: RunStore.ClaimedWork?
        do throws(RunStoreError) {
            work = try await store.claimWork(worker: id, limit: limit, lease: lease, excluding: state.refused)
        } catch {
            report("cannot lease cases: \(error.message)")
            return nil
        }
        guard let work else { return nil }
        guard let prepared = await prepare(work.runID, state: state) else {
            try? await store.release(worker: id, runID: work.runID)
            return nil
        }
        let items = work.items.compactMap { item -> Runner.WorkItem? in
            guard item.position < prepared.spec.suite.cases.count else { return nil }
            return Runner.WorkItem(testCase: prepared.spec.suite.cases[item.position], position: item.position, sample: item.sample)
        }
        return (prepared, Runner.workUnits(items, group: prepared.spec.group))
    }

    /// The evaluator and writer of a run, made the first time one of its cases is leased.
    private func prepare(_ runID: UUID, state: WorkerState) async -> PreparedRun? {
        if let prepared = state.prepared(runID) { return prepared }
        let spec: RunSpec
        do throws(RunError) {
            let store = self.store
            // The spec is rebuilt from the record and the stored cases: the results are not read.
            let stored = try await Runner.detached { () async throws(RunStoreError) in try await store.loadWithoutResults(runID) }
            spec = try await buildSpec(stored)
            try Runner.validate(spec)
        } catch {
            state.refuse(runID)
            report("run \(ConfigurationCoding.text(runID).prefix(8)) is left to other workers: \(error.message)")
            return nil
        }
        // The run's budget is the store's, shared with its other workers.
        let budget = spec.maxCost.flatMap { limit in
            spec.model.descriptor.price.map { price in
                SharedCostBudget(store: store, runID: runID, worker: id, limit: limit, price: price, lease: lease,
                                 chunk: concurrency / 4, report: report)
            }
        }
        let caller = ModelCaller(model: spec.model, retries: spec.retries,
                                 limiter: spec.rateLimit.map { RateLimiter(requestsPerMinute: $0, sleep: environment.sleep, now: environment.now) },
                                 environment: environment, budget: budget)
        let prepared = PreparedRun(
            runID: runID, spec: spec, evaluator: CaseEvaluator(spec: spec, store: store, caller: caller),
            writer: ResultBatchWriter(store: store, runID: runID, fromQueue: true), budget: budget)
        state.keep(prepared)
        report("working on run \(ConfigurationCoding.text(runID).prefix(8)) (\(spec.name))")
        return prepared
    }

    /// Evaluates a unit and hands its results to the run's writer; the cases that got none (the
    /// budget held them back, or the worker is stopping) go back to the queue.
    private func evaluate(_ unit: [Runner.WorkItem], with prepared: PreparedRun, state: WorkerState) async -> Int {
        var unfinished = Set(unit.map { RunStore.CaseKeyPosition(position: $0.position, sample: $0.sample) })
        for evaluation in await prepared.evaluator.evaluate(unit) ?? [] {
            await prepared.writer.add(evaluation.result, cacheEntries: evaluation.cacheEntries)
            unfinished.remove(RunStore.CaseKeyPosition(position: evaluation.result.position, sample: evaluation.result.sample))
            state.count()
        }
        if !unfinished.isEmpty, !Task.isCancelled {
            // Cancelled, the worker retires and frees them all at once.
            try? await store.release(worker: id, runID: prepared.runID, items: Array(unfinished))
        }
        return unit.count
    }

    /// Stores what each run's writer holds, settles and gives back its budget share, and completes
    /// the runs that have no work left. Called only when nothing is in flight.
    private func finishRuns(_ state: WorkerState) async {
        for prepared in state.all() {
            await prepared.budget?.flush(returningAllowance: true)
            if let failure = await prepared.writer.finish() {
                report("results of run \(prepared.runID.uuidString.prefix(8).lowercased()) could not be stored: \(failure.message)")
            }
            do throws(RunStoreError) {
                try await Runner.completeIfDone(prepared.runID, store: store)
            } catch {
                report("cannot complete run \(prepared.runID.uuidString.prefix(8).lowercased()): \(error.message)")
                continue
            }
            if let record = try? await store.currentRecord(id: prepared.runID), record.status != .queued {
                state.forget(prepared.runID)
            }
        }
    }
}

/// A queued run as a worker evaluates it.
struct PreparedRun: Sendable {
    let runID: UUID
    let spec: RunSpec
    let evaluator: CaseEvaluator
    let writer: ResultBatchWriter
    /// The run's share of its budget, when it has one.
    let budget: SharedCostBudget?
}

/// What a worker keeps between leases: its prepared runs, the runs it cannot rebuild, its count.
final class WorkerState: Sendable {
    private struct Contents {
        var runs: [UUID: PreparedRun] = [:]
        var refused: Set<UUID> = []
        var finished = 0
    }

    private let contents = Mutex(Contents())

    var finished: Int { contents.withLock { $0.finished } }
    var refused: [UUID] { contents.withLock { Array($0.refused) } }

    func prepared(_ id: UUID) -> PreparedRun? { contents.withLock { $0.runs[id] } }
    func keep(_ run: PreparedRun) { contents.withLock { $0.runs[run.runID] = run } }
    func forget(_ id: UUID) { _ = contents.withLock { $0.runs.removeValue(forKey: id) } }
    func all() -> [PreparedRun] { contents.withLock { Array($0.runs.values) } }
    func refuse(_ id: UUID) { _ = contents.withLock { $0.refused.insert(id) } }
    func count() { contents.withLock { $0.finished += 1 } }
}
