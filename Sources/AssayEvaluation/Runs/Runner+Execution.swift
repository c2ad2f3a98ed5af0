import Foundation

extension Runner {
    /// Evaluates the work items with bounded concurrency, writes results as they finish, and sets
    /// the run's final status and summary; returns the run's final record (its results stay in the
    /// store).
    ///
    /// - Parameter creation: The writing of a new run's row, under way; results wait for it, and
    ///   its failure stops the run. Nil for a run the store has already.
    func execute(
        _ spec: RunSpec, runID: UUID, work: [WorkItem], alreadyDone: RunCounts, stored: [CaseResult],
        creation: RunCreation? = nil, progress: (@Sendable (RunProgress) -> Void)?
    ) async throws(RunError) -> RunRecord {
        let store = self.store
        let limiter = spec.rateLimit.map { RateLimiter(requestsPerMinute: $0, sleep: environment.sleep, now: environment.now) }
        let budget = Self.budget(for: spec, stored: stored)
        let caller = ModelCaller(model: spec.model, retries: spec.retries, limiter: limiter, environment: environment, budget: budget)
        let evaluator = CaseEvaluator(spec: spec, store: store, caller: caller)
        let writer = ResultBatchWriter(store: store, runID: runID, after: creation)
        var meter = ProgressMeter(runID: ConfigurationCoding.text(runID), counts: alreadyDone, callback: progress)
        var finished = 0
        // The lease's heartbeat, until the run stops (a failed refresh is left to the next one).
        let heartbeat = Task.detached {
            while (try? await Task.sleep(for: RunLease.heartbeatInterval)) != nil {
                try? await store.heartbeat(runID)
            }
        }
        defer { heartbeat.cancel() }

        await withTaskGroup(of: [CaseEvaluator.Evaluation]?.self) { group in
            var pending = Self.workUnits(work, group: spec.group).makeIterator()
            var inFlight = 0
            while inFlight < spec.concurrency, let item = pending.next() {
                group.addTask { await evaluator.evaluate(item) }
                inFlight += 1
            }
            while let evaluations = await group.next() {
                inFlight -= 1
                for evaluation in evaluations ?? [] {
                    finished += 1
                    await writer.add(evaluation.result, cacheEntries: evaluation.cacheEntries)
                    meter.record(evaluation.result)
                }
                if Task.isCancelled || creation?.failure != nil {
                    group.cancelAll()
                } else if let item = pending.next() {
                    group.addTask { await evaluator.evaluate(item) }
                    inFlight += 1
                }
            }
        }

        if let failure = await creation?.finished() {
            // The run was never stored: nothing of it can be kept or resumed.
            _ = await writer.finish()
            meter.finish()
            throw RunError(failure)
        }
        let complete = finished == work.count
        let writeFailure = await writer.finish()
        let status: RunStatus = writeFailure != nil ? .failed : complete ? .completed : await Self.unfinishedStatus(budget: budget)
        let record: RunRecord
        do throws(RunError) {
            record = try await Self.detached { () async throws(RunStoreError) -> RunRecord in
                // The summary's bootstraps are the costly part of reading a run: done once, here,
                // from the results' scores read a page at a time (the results are never all held).
                let summary = try await store.statistics(of: runID, reducer: spec.reduce)
                try await store.finishRun(runID, status: status, summary: summary)
                return try await Self.currentRecord(runID, store: store)
            }
        } catch {
            meter.finish()
            // A store that refused the results may refuse the final status too: the run then reads
            // as interrupted once this process has ended, and resume completes it all the same.
            if let writeFailure {
                let kept = try? await Self.detached { () async throws(RunStoreError) in try await store.currentRecord(id: runID)?.counts.finished }
                throw Self.storeFailure(writeFailure, runID: runID, kept: kept ?? nil)
            }
            throw error
        }
        meter.finish()
        if let writeFailure { throw Self.storeFailure(writeFailure, runID: runID, kept: record.counts.finished) }
        return record
    }

    /// A run's record as the store now has it.
    static func currentRecord(_ id: UUID, store: RunStore) async throws(RunStoreError) -> RunRecord {
        guard let record = try await store.currentRecord(id: id) else {
            throw RunStoreError(.noSuchRun, "no run has the id \(ConfigurationCoding.text(id))")
        }
        return record
    }

    /// The error of a run whose results could not be stored: what the store said, what is kept,
    /// and how to complete the run once the store can be written.
    static func storeFailure(_ failure: RunStoreError, runID: UUID, kept: Int?) -> RunError {
        let id = ConfigurationCoding.text(runID)
        let keptText = kept.map { "the \($0) result\($0 == 1 ? "" : "s") stored before are kept" } ?? "the results stored before are kept"
        return RunError(.store, "run \(id) stopped because its results could not be stored: \(failure.message). "
                        + "\(keptText.prefix(1).uppercased() + keptText.dropFirst()); once the store can be written, "
                        + "resume the run (assay resume \(id.prefix(8))) to complete it")
    }
}
