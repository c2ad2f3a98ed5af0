import AssayEvaluation
import AssayLanguage
import Synchronization

/// What a run object reads of its run only when it is first asked for it: the results, the cases,
/// and what is made of them (the case objects, the per-case scores, the cost, the count of each
/// error status). Each is made once and kept, so a run object made by `run` or `runs` holds its
/// record and summary only until `r/cases`, `r/by_case` or the like needs more; a run of a million
/// results is shown without reading them.
///
/// A store that cannot be read when a part is first asked for gives the run as its record has it,
/// without results (the run object has no way to report the failure there; reading the run again,
/// `runs(…)`, does).
final class RunContents: Sendable {
    /// Where the run's results are.
    enum Source: Sendable {
        /// Held in memory, with the cases the run was made from.
        case held(StoredRun, cases: [TestCase])
        /// In the store, read when needed.
        case store(RunStore)
    }

    /// The parts made so far.
    struct Parts {
        var run: StoredRun?
        var cases: [String: TestCase]?
        var caseObjects: [Value]?
        var caseScores: [CaseScores]?
        var cost: RunCost?
        var errorCounts: [String: Int]?
        var classification: ClassificationObject??
        var summary: Record?
    }

    let record: RunRecord
    let source: Source
    private let parts = Mutex(Parts())

    init(record: RunRecord, source: Source) {
        self.record = record
        self.source = source
    }

    /// The part at `slot`, made by `make` the first time. `make` runs outside the lock, so it may
    /// ask for other parts.
    func once<Part: Sendable>(_ slot: WritableKeyPath<Parts, Part?>, _ make: () -> Part) -> Part {
        if let made = parts.withLock({ $0[keyPath: slot] }) { return made }
        let made = make()
        parts.withLock { $0[keyPath: slot] = made }
        return made
    }

    /// The store the run is read from, unless it is held whole.
    var store: RunStore? {
        if case .store(let store) = source { return store }
        return nil
    }

    /// Whether the run's results are in memory (held from the start, or read already).
    var holdsResults: Bool {
        if case .held = source { return true }
        return parts.withLock { $0.run != nil }
    }

    /// The run with all its results.
    var run: StoredRun {
        once(\.run) {
            switch source {
            case .held(let run, _): run
            case .store(let store): (try? store.load(record.id)) ?? StoredRun(record: record, results: [])
            }
        }
    }

    /// The cases the run evaluated, by id (read without its results when they are not read yet).
    var cases: [String: TestCase] {
        once(\.cases) {
            switch source {
            case .held(_, let cases):
                return RunExport.byID(cases)
            case .store(let store):
                let stored = parts.withLock { $0.run } ?? (try? store.loadWithoutResults(record.id))
                return RunExport.byID(stored?.evaluatedSuite()?.cases ?? [])
            }
        }
    }

    /// The run's results as the analyses read them in order: held, or read from the store a page
    /// at a time when they are not in memory.
    var results: RunResults {
        if case .store(let store) = source, !holdsResults { return RunResults(record: record, store: store) }
        return RunResults(run)
    }

    /// What the run's answers cost (for a run in the store, added up as its results are read a
    /// page at a time, without each result's cost).
    var cost: RunCost {
        once(\.cost) {
            if case .store = source, !holdsResults, let cost = try? results.cost() { return cost }
            return run.cost
        }
    }

    /// The number of results with each error status (every status but `ok`), by status name: from
    /// the counts alone when the run has no errors, else counted by the store or from the results.
    var errorCounts: [String: Int] {
        once(\.errorCounts) {
            guard record.counts.errors > 0 else { return [:] }
            if case .store(let store) = source, !holdsResults, let counts = try? store.statusCounts(of: record.id) {
                return counts.filter { $0.key != CaseStatus.ok.rawValue }
            }
            var counts: [String: Int] = [:]
            for result in run.results where result.status != .ok { counts[result.status.rawValue, default: 0] += 1 }
            return counts
        }
    }
}
