import Foundation

extension Runner {
    /// Stores a spec as a queued run: the run, its cases and a work item per case and sample, for
    /// `assay worker` processes to fill in (see ``QueueWorker``). Nothing is evaluated here.
    ///
    /// - Parameters:
    ///   - spec: What to run; workers rebuild it from the stored record, as `rerun` in another
    ///     process does, so its metrics and extraction must be rebuildable from their stored specs.
    ///   - id: The new run's id.
    /// - Returns: The run's record, status `queued`.
    /// - Throws: ``RunError`` when the spec is invalid or the store fails.
    public func enqueue(_ spec: RunSpec, id: UUID = UUID()) async throws(RunError) -> RunRecord {
        try Self.validate(spec)
        let configuration = spec.configuration
        let store = self.store
        return try await Self.detached { () async throws(RunStoreError) in
            try await store.createRun(id: id, spec: spec, configuration: configuration, queued: true)
            return try await Self.currentRecord(id, store: store)
        }
    }

    /// Follows a queued run as workers fill it in, reporting progress from its stored counts, until
    /// it is no longer queued (or the calling task is cancelled: the run goes on in the workers).
    ///
    /// - Parameters:
    ///   - id: The queued run.
    ///   - poll: How often the store is read.
    ///   - progress: Called after each read whose counts changed, and once at the end.
    /// - Returns: The run's record as it is when following stopped (its results are in the store).
    /// - Throws: ``RunError`` when the store fails or has no such run.
    public func follow(
        _ id: UUID, poll: Duration = .milliseconds(250), progress: (@Sendable (RunProgress) -> Void)? = nil
    ) async throws(RunError) -> RunRecord {
        let store = self.store
        let started = ContinuousClock.now
        var first: RunCounts?
        var last: RunCounts?
        while true {
            let record = try await Self.detached { () async throws(RunStoreError) -> RunRecord in
                // A run whose last worker died after storing its last result is completed here.
                try await Self.completeIfDone(id, store: store)
                return try await Self.currentRecord(id, store: store)
            }
            let counts = record.counts
            if first == nil { first = counts }
            let finished = record.status != .queued || Task.isCancelled
            if counts != last || finished {
                last = counts
                let elapsed = ConfigurationCoding.seconds(ContinuousClock.now - started)
                let rate = elapsed > 0 ? Double(counts.finished - (first?.finished ?? 0)) / elapsed : 0
                let left = rate > 0 ? Duration.seconds(Double(counts.expected - counts.finished) / rate) : nil
                progress?(RunProgress(runID: record.idText, done: counts.finished, total: counts.expected, errors: counts.errors,
                                      cached: counts.cached, requestsPerSecond: rate, estimatedRemaining: left,
                                      promptTokens: 0, completionTokens: 0, isFinal: finished))
            }
            if finished { return record }
            try? await environment.sleep(poll)
        }
    }

    /// Ends a queued run that is ready to end, with its summary: completed when it has no work
    /// left, at its budget when the budget refused a request and no case is in flight any more.
    /// Does nothing for a run with work going on, or already ended (by another worker).
    static func completeIfDone(_ id: UUID, store: RunStore) async throws(RunStoreError) {
        guard let ending = try await store.queuedRunEnding(id) else { return }
        let reducer = try await currentRecord(id, store: store).reducer
        // From the results' scores read a page at a time: the results are never all held.
        _ = try await store.completeQueuedRun(id, as: ending, summary: try await store.statistics(of: id, reducer: reducer))
    }
}
