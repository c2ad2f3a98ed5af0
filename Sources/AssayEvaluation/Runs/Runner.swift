import Foundation

/// Runs specs against their models and records every case in a run store.
///
/// Per case and sample: render the template (prepare), ask the model through the response cache
/// (infer), read the answer (extract) and compute the metrics (evaluate). At most
/// ``RunSpec/concurrency`` calls are in flight; failed calls that can succeed later are retried with
/// exponential backoff and full jitter, waiting at least what the provider asked for. Results are
/// written to the store in batches as they finish.
///
/// Cancelling the task that awaits ``run(_:progress:)`` stops the run promptly: calls in flight are
/// cancelled, every finished case is kept, and the run is marked ``RunStatus/interrupted``;
/// ``resume(_:with:progress:)`` later runs only the missing cases.
///
/// A spec with a ``RunSpec/maxCost`` is held to it: a request is started only while the dollars
/// spent so far plus an estimate for each request in flight and for the new one stay within the
/// budget. A request's estimate is the mean cost of the run's requests that finished with a
/// reported usage; before the first has, its prompt at about four characters per token plus
/// `max_tokens` (or, without it, as many output tokens as the prompt has). Once a request is held
/// back no more are started; those in flight finish and are kept, and the run is marked
/// ``RunStatus/budgetExhausted``. Answers from the response cache cost nothing and are never held
/// back. When resuming, the results already stored count as spent.
public struct Runner: Sendable {
    /// Where runs, results and cached answers are stored.
    public let store: RunStore
    /// How waits, jitter and time are obtained (replaceable in tests).
    public let environment: RunEnvironment

    /// Creates a runner.
    ///
    /// - Parameters:
    ///   - store: The run store.
    ///   - environment: Sleep, jitter and clock; ``RunEnvironment/live`` by default.
    public init(store: RunStore, environment: RunEnvironment = .live) {
        self.store = store
        self.environment = environment
    }

    /// Runs a spec as a new run.
    ///
    /// - Parameters:
    ///   - spec: What to run.
    ///   - id: The new run's id; a random one by default.
    ///   - progress: Called at most ten times a second and once at the end, from the run's task.
    /// - Returns: The run's record (status `completed`, `interrupted` or `budget_exhausted`, with its
    ///   counts and summary); its results are in the store (``RunStore/load(_:)``,
    ///   ``RunStore/forEachResult(of:scoresOnly:_:)``), never all held here.
    /// - Throws: ``RunError`` when the spec is invalid or the store fails; never for a case's failure.
    public func run(
        _ spec: RunSpec, id: UUID = UUID(), progress: (@Sendable (RunProgress) -> Void)? = nil
    ) async throws(RunError) -> RunRecord {
        try Self.validate(spec)
        let configuration = spec.configuration
        let store = self.store
        // The run's row and cases are written while its first cases are sent (RunCreation).
        let creation = RunCreation { () async throws(RunStoreError) in
            try await store.createRun(id: id, spec: spec, configuration: configuration)
        }
        let work = Self.workItems(for: spec, skipping: [])
        return try await execute(spec, runID: id, work: work, alreadyDone: RunCounts(expected: spec.expectedResultCount), stored: [],
                                 creation: creation, progress: progress)
    }

    /// Runs the cases of a stored run that have no result yet (case id × sample), with the same
    /// settings, and marks the run completed when none is missing.
    ///
    /// The spec's ``RunSpec/maxCost`` (a budget-exhausted run needs a higher one to go on) and its
    /// model's price replace the stored ones in the run's configuration.
    ///
    /// Build `spec` from the stored configuration: decode ``RunSettings`` from the record's
    /// configuration and pass them with the live model, and the extraction and metrics that
    /// ``RunSettings/extraction(from:)`` and ``RunSettings/metrics(from:)`` rebuild, to
    /// ``RunSpec/init(settings:suite:template:model:extraction:metrics:)``.
    ///
    /// - Parameters:
    ///   - runID: The run to complete.
    ///   - spec: The rebuilt spec; its suite, template, model and sampling must match the stored run.
    ///   - progress: As for ``run(_:id:progress:)``; `done` starts at the results already stored.
    /// - Returns: The run's record, its counts and summary covering all its results, old and new.
    /// - Throws: ``RunError`` with code `resumeMismatch` naming what differs, or `store`.
    public func resume(
        _ runID: UUID, with spec: RunSpec, progress: (@Sendable (RunProgress) -> Void)? = nil
    ) async throws(RunError) -> RunRecord {
        try Self.validate(spec)
        let store = self.store
        let stored = try await Self.detached { () async throws(RunStoreError) in try await store.load(runID) }
        if stored.record.status == .queued {
            throw RunError(.invalidSpec, "run \(stored.record.idText.prefix(8)) is queued: workers fill it in; start assay worker on its store")
        }
        try Self.checkResumable(stored.record, against: spec)
        let done = Set(stored.results.map(\.key))
        let work = Self.workItems(for: spec, skipping: done)
        let updated = Self.resumedConfiguration(of: stored.record, with: spec)
        try await Self.detached { () async throws(RunStoreError) in
            if let updated { try await store.updateConfiguration(of: runID, configuration: updated.configuration, model: updated.model) }
            try await store.setStatus(.running, of: runID)
        }
        return try await execute(spec, runID: runID, work: work, alreadyDone: stored.record.counts, stored: stored.results,
                                 progress: progress)
    }

    /// One case and sample to evaluate.
    struct WorkItem: Sendable {
        let testCase: TestCase
        let position: Int
        let sample: Int
    }

    static func workItems(for spec: RunSpec, skipping done: Set<CaseKey>) -> [WorkItem] {
        var items: [WorkItem] = []
        items.reserveCapacity(spec.expectedResultCount)
        for (position, testCase) in spec.suite.cases.enumerated() {
            for sample in 0..<max(spec.samples, 0) where !done.contains(CaseKey(caseID: testCase.id, sample: sample)) {
                items.append(WorkItem(testCase: testCase, position: position, sample: sample))
            }
        }
        return items
    }

    static func validate(_ spec: RunSpec) throws(RunError) {
        if spec.concurrency < 1 { throw RunError(.invalidSpec, "concurrency must be at least 1, not \(spec.concurrency)") }
        if spec.retries < 0 { throw RunError(.invalidSpec, "retries cannot be negative (\(spec.retries))") }
        if spec.samples < 1 { throw RunError(.invalidSpec, "samples must be at least 1, not \(spec.samples)") }
        do throws(SampleReducerError) { try spec.reduce.validate(samples: spec.samples) } catch {
            throw RunError(.invalidSpec, "\(error.message): \(error.hint)")
        }
        try validateTurnsAndGroups(spec)
        if spec.timeout <= .zero { throw RunError(.invalidSpec, "the timeout must be positive") }
        if let rate = spec.rateLimit, !(rate > 0) || !rate.isFinite {
            throw RunError(.invalidSpec, "the rate limit must be a positive number of requests per minute")
        }
        if let maxCost = spec.maxCost {
            guard maxCost >= 0, maxCost.isFinite else {
                throw RunError(.invalidSpec, "max_cost must be a number of dollars, at least 0, not \(maxCost)")
            }
            guard spec.model.descriptor.price != nil else {
                throw RunError(.invalidSpec, "max_cost needs the price of model '\(spec.model.descriptor.name)', which has none: add "
                               + #""price": {"input": …, "output": …} (dollars per million tokens) to its entry in models.json"#)
            }
        }
        var names = Set<String>()
        for metric in spec.metrics where !names.insert(metric.name).inserted {
            throw RunError(.invalidSpec, "two metrics are named '\(metric.name)'")
        }
        do {
            try spec.extraction.validate()
        } catch {
            throw RunError(.invalidSpec, error.message)
        }
    }

    static func checkResumable(_ record: RunRecord, against spec: RunSpec) throws(RunError) {
        let settings = try RunSettings(configuration: record.configuration)
        var differences: [String] = []
        if record.suiteHash != spec.suiteHash { differences.append("the suite's cases differ") }
        if record.templateSHA256 != spec.template.sha256 { differences.append("the template differs") }
        if !ConfigurationCoding.sameModel(stored: record.model, live: spec.model.descriptor) {
            differences.append("the model differs (stored: \(settings.modelName), given: \(spec.model.descriptor.name))")
        }
        if settings.effectiveParameters != spec.effectiveParameters { differences.append("the model parameters differ") }
        if settings.samples != spec.samples { differences.append("samples differ (stored: \(settings.samples), given: \(spec.samples))") }
        if settings.history != spec.history {
            differences.append("the history differs (stored: \(settings.history.rawValue), given: \(spec.history.rawValue))")
        }
        guard differences.isEmpty else {
            throw RunError(.resumeMismatch, "run \(record.idText) cannot be resumed with this spec: " + differences.joined(separator: "; "))
        }
    }

    /// Runs a store operation in a task of its own, so that it completes even when the calling task
    /// has been cancelled (the store's asynchronous accesses stop on cancellation).
    static func detached<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws(RunStoreError) -> Value
    ) async throws(RunError) -> Value {
        let result = await Task { () -> Result<Value, RunStoreError> in
            do throws(RunStoreError) { return .success(try await operation()) } catch { return .failure(error) }
        }.value
        switch result {
        case .success(let value): return value
        case .failure(let error): throw RunError(error)
        }
    }
}
