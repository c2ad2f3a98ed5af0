import Foundation

/// Collects a run's results as they finish and writes them in batches, one transaction each.
///
/// A batch is written when it holds ``batchSize`` results or ``flushDelay`` after its first result
/// arrived, whichever comes first, so the store is never the bottleneck and a killed process loses at
/// most the last fraction of a second of results. While a batch is being written the next one grows
/// (a group commit): when results arrive faster than single batches can be committed, each
/// transaction takes everything that arrived during the one before, so a fast run commits a few
/// large transactions rather than many small ones (each commit rewrites the index pages it touched
/// into the write-ahead log). When the store falls behind by ``maximumBacklog`` results, adding
/// waits for the write under way, so a run that finishes cases faster than the store takes them
/// holds no more than that many. Writes run in tasks of their own, one after the other, so they
/// complete even when the run's task is cancelled.
actor ResultBatchWriter {
    /// The most results in one batch.
    static let batchSize = 64
    /// The longest a result waits before it is written.
    static let flushDelay = Duration.milliseconds(50)
    /// The most results waiting while a batch is written before adding waits too.
    static let maximumBacklog = 4096

    private let store: RunStore
    private let runID: UUID
    private let fromQueue: Bool
    private let creation: RunCreation?
    private var results: [CaseResult] = []
    private var answers: [CachedAnswer] = []
    private var generation = 0
    private var lastWrite: Task<Void, Never>?
    /// Whether a batch is being written; what arrives meanwhile waits for it and goes in the next.
    private var writing = false
    /// Adders waiting for the write under way, because the backlog is full.
    private var waitingForRoom: [CheckedContinuation<Void, Never>] = []
    private var failure: RunStoreError?

    /// - Parameters:
    ///   - fromQueue: Whether the results are a queued run's, whose work items are removed as
    ///     their results are stored.
    ///   - creation: The writing of the run's row, when it is still under way: the first write
    ///     waits for it, and nothing is written if it failed.
    init(store: RunStore, runID: UUID, fromQueue: Bool = false, after creation: RunCreation? = nil) {
        self.store = store
        self.runID = runID
        self.fromQueue = fromQueue
        self.creation = creation
    }

    /// Queues a result and, when the model was called, its answer for the cache.
    func add(_ result: CaseResult, cacheEntry: CachedAnswer?) async {
        await add(result, cacheEntries: cacheEntry.map { [$0] } ?? [])
    }

    /// Queues a result and, when the model was called, its answers for the cache; waits for the
    /// write under way when ``maximumBacklog`` results are waiting for it already.
    func add(_ result: CaseResult, cacheEntries: [CachedAnswer]) async {
        results.append(result)
        answers += cacheEntries
        if writing {
            if results.count >= Self.maximumBacklog {
                await withCheckedContinuation { waitingForRoom.append($0) }
            }
            return
        }
        if results.count >= Self.batchSize {
            flush()
        } else if results.count == 1 {
            let scheduled = generation
            Task { [weak self] in
                try? await Task.sleep(for: Self.flushDelay)
                await self?.flush(ifStill: scheduled)
            }
        }
    }

    /// Writes what is queued, waits for every write, and returns the first write failure, if any.
    func finish() async -> RunStoreError? {
        flush()
        await lastWrite?.value
        return failure
    }

    private func flush(ifStill scheduled: Int) {
        if generation == scheduled, !writing { flush() }
    }

    /// A batch is written: what arrived while it was being written goes next, at once (it has
    /// waited as long as that write took).
    private func written() {
        writing = false
        if !results.isEmpty || !answers.isEmpty { flush() }
        let waiting = waitingForRoom
        waitingForRoom = []
        for adder in waiting { adder.resume() }
    }

    private func flush() {
        generation += 1
        guard !results.isEmpty || !answers.isEmpty else { return }
        let batch = results
        let cacheBatch = answers
        results = []
        answers = []
        let previous = lastWrite
        let store = self.store
        let runID = self.runID
        let fromQueue = self.fromQueue
        let creation = self.creation
        writing = true
        lastWrite = Task {
            await previous?.value
            if let failure = await creation?.finished() {
                self.record(failure)
                self.written()
                return
            }
            do throws(RunStoreError) {
                try await store.write(results: batch, answers: cacheBatch, runID: runID, fromQueue: fromQueue)
            } catch {
                self.record(error)
            }
            self.written()
        }
    }

    private func record(_ error: RunStoreError) {
        if failure == nil { failure = error }
    }
}
