import Foundation

/// A run's results as the analyses that go through them in order read them (exports, rankings,
/// comparisons): held in memory (``StoredRun/results``), or read from the run store a page at a
/// time (``RunStore/forEachResult(of:scoresOnly:_:)``), so that a run of a million results is
/// never held whole. Both give the same results in the same order, and so the same analyses.
public struct RunResults: Sendable {
    /// The run.
    public let record: RunRecord
    private let source: Source

    private enum Source: Sendable {
        case memory(StoredRun)
        case store(RunStore)
    }

    /// The results of a run held in memory.
    ///
    /// - Parameter run: The stored run.
    public init(_ run: StoredRun) {
        record = run.record
        source = .memory(run)
    }

    /// The results of a stored run, read from its store when they are gone through.
    ///
    /// - Parameters:
    ///   - record: The run's record.
    ///   - store: The store that holds it.
    public init(record: RunRecord, store: RunStore) {
        self.record = record
        source = .store(store)
    }

    /// The run with its results, when they are held in memory.
    public var heldRun: StoredRun? {
        if case .memory(let run) = source { return run }
        return nil
    }

    /// How the run reduces a case's samples to its score (``StoredRun/reducer``).
    public var reducer: SampleReducer {
        record.summary?.reducer ?? record.reducer
    }

    /// Calls a closure with each result, in suite order then sample order.
    ///
    /// - Parameter body: Called with each result.
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `body` throws.
    public func forEach(_ body: (CaseResult) throws -> Void) throws {
        switch source {
        case .memory(let run): for index in run.results.indices { try body(run.results[index]) }
        case .store(let store): try store.forEachResult(of: record.id, body)
        }
    }

    /// Calls a closure with the results a page at a time (``RunStore/resultPageSize``), in suite
    /// order then sample order.
    ///
    /// - Parameter body: Called with each page.
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `body` throws.
    public func forEachPage(_ body: (ArraySlice<CaseResult>) throws -> Void) throws {
        switch source {
        case .memory(let run):
            for start in stride(from: 0, to: run.results.count, by: RunStore.resultPageSize) {
                try body(run.results[start ..< min(start + RunStore.resultPageSize, run.results.count)])
            }
        case .store(let store): try store.forEachResultPage(of: record.id) { try body($0[...]) }
        }
    }

    /// Calls a closure with each result's scores, in suite order then sample order: a result read
    /// from the store then has only its case id, sample, position, status, metrics and stream
    /// timings.
    ///
    /// - Parameter body: Called with each result.
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `body` throws.
    public func forEachScore(_ body: (CaseResult) throws -> Void) throws {
        switch source {
        case .memory(let run): for index in run.results.indices { try body(run.results[index]) }
        case .store(let store): try store.forEachResult(of: record.id, scoresOnly: true, body)
        }
    }

    /// Which optional parts the results have (turns, tool calls, stream timings).
    ///
    /// - Throws: ``RunStoreError``.
    public func parts() throws(RunStoreError) -> ResultParts {
        switch source {
        case .memory(let run): ResultParts(run.results)
        case .store(let store): try store.resultParts(of: record.id)
        }
    }

    /// The statistics of the run's metrics (``StoredRun/statistics``): the stored summary, or for a
    /// run without one, computed from the results' scores as they are read (only the scores are
    /// held).
    ///
    /// - Throws: ``RunStoreError``.
    public func statistics() throws -> RunStatistics {
        if let summary = record.summary { return summary }
        if let run = heldRun { return RunStatistics(results: run.results, reducer: record.reducer) }
        var collector = StatisticsCollector(reducer: record.reducer)
        try forEachScore { collector.add($0) }
        return collector.statistics()
    }

    /// The run's cost (``StoredRun/cost``) without each result's (``RunCost/perCase`` is empty).
    ///
    /// - Throws: ``RunStoreError``.
    public func cost() throws -> RunCost {
        var tally = RunCost.Tally(price: record.price, grouped: record.isGrouped, keepsPerCase: false)
        try forEach { tally.add($0) }
        return tally.cost
    }

    /// The run with all its results in memory (``RunStore/load(_:)`` for results in the store).
    ///
    /// - Throws: ``RunStoreError``.
    public func stored() throws(RunStoreError) -> StoredRun {
        switch source {
        case .memory(let run): run
        case .store(let store): try store.load(record.id)
        }
    }
}
