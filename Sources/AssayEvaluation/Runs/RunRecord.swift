import AssayCore
import Foundation

/// A stored run: its identity, settings and state, without its case results.
public struct RunRecord: Sendable, Hashable {
    /// The run's id; any unique prefix of its lowercase text selects it.
    public var id: UUID
    /// When the run started.
    public var createdAt: Date
    /// The run's name.
    public var name: String
    /// The run's labels.
    public var tags: [String]
    /// Where the run stands.
    public var status: RunStatus
    /// Everything the run was made with, without secrets (see ``RunSpec``); decode it with
    /// ``RunSettings/init(configuration:)`` to rerun or resume.
    public var configuration: JSONValue
    /// The suite's file path, when it came from a file.
    public var suitePath: String?
    /// The SHA-256 of the suite's cases (``RunSpec/suiteHash``).
    public var suiteHash: String
    /// The SHA-256 of the template (its text is in the store's templates table).
    public var templateSHA256: String
    /// The model's descriptor as JSON (name, provider, endpoint, model, parameters).
    public var model: JSONValue
    /// The run this one was derived from, if any.
    public var derivedFrom: UUID?
    /// The producing pipeline's name, if any.
    public var pipeline: String?
    /// When the run stopped (completed, interrupted, failed or at its budget); nil while running.
    public var finishedAt: Date?
    /// How many results the run has, and how they ended.
    public var counts: RunCounts
    /// The digest of the run's stored list of cases (see ``StoredRun/cases``); nil for a run stored
    /// before runs kept their cases.
    public var casesSHA256: String?
    /// The statistics of the run's metrics, computed once when the run stopped; nil while it runs
    /// and for runs stored before summaries were kept (``StoredRun/statistics`` computes them then).
    public var summary: RunStatistics?

    /// Creates a record.
    public init(
        id: UUID, createdAt: Date, name: String, tags: [String], status: RunStatus, configuration: JSONValue,
        suitePath: String?, suiteHash: String, templateSHA256: String, model: JSONValue, derivedFrom: UUID?,
        pipeline: String?, finishedAt: Date?, counts: RunCounts, casesSHA256: String? = nil, summary: RunStatistics? = nil
    ) {
        self.id = id
        self.createdAt = createdAt
        self.name = name
        self.tags = tags
        self.status = status
        self.configuration = configuration
        self.suitePath = suitePath
        self.suiteHash = suiteHash
        self.templateSHA256 = templateSHA256
        self.model = model
        self.derivedFrom = derivedFrom
        self.pipeline = pipeline
        self.finishedAt = finishedAt
        self.counts = counts
        self.casesSHA256 = casesSHA256
        self.summary = summary
    }

    /// How the run reduces a case's samples to its score (`mean` unless its configuration names
    /// another).
    public var reducer: SampleReducer {
        RunSettings.reducer(in: configuration) ?? .mean
    }

    /// The run's id as lowercase text, as it is stored and selected.
    public var idText: String {
        id.uuidString.lowercased()
    }
}

/// Where a run stands.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    /// Started and not yet stopped (or the process died: resume it).
    case running
    /// Stored with its cases as work for `assay worker` processes, which fill it in; it becomes
    /// `completed` when the last case is stored.
    case queued
    /// Every case has a result.
    case completed
    /// Stopped by an interrupt; the finished cases are kept and the rest can be resumed.
    case interrupted
    /// Stopped by an error that is not any one case's (the store failed).
    case failed
    /// Stopped at its `max_cost`: no more requests were started, those in flight finished and are
    /// kept; resuming with a higher budget runs the rest.
    case budgetExhausted = "budget_exhausted"
}

/// How many results a run has and how they ended.
public struct RunCounts: Sendable, Hashable {
    /// The results a complete run has: cases × samples.
    public var expected: Int
    /// The results stored so far.
    public var finished: Int
    /// The results with status `ok`.
    public var ok: Int
    /// The results with any other status.
    public var errors: Int
    /// The results whose answers came from the cache.
    public var cached: Int

    /// Creates counts.
    public init(expected: Int, finished: Int = 0, ok: Int = 0, errors: Int = 0, cached: Int = 0) {
        self.expected = expected
        self.finished = finished
        self.ok = ok
        self.errors = errors
        self.cached = cached
    }

    /// The results still missing.
    public var missing: Int {
        max(expected - finished, 0)
    }
}

/// A stored run with its case results and the cases it evaluated.
public struct StoredRun: Sendable, Hashable {
    /// The run.
    public var record: RunRecord
    /// Its case results, in suite order then sample order.
    public var results: [CaseResult]
    /// The cases as they were evaluated, in suite order; nil for a run stored before runs kept
    /// their cases (its suite file, if unchanged, is then the only place they are).
    public var cases: [TestCase]?

    /// Creates a stored run.
    public init(record: RunRecord, results: [CaseResult], cases: [TestCase]? = nil) {
        self.record = record
        self.results = results
        self.cases = cases
    }

    /// The statistics of the run's metrics: the stored summary when the run has one, else computed
    /// from its results (a run still running, or stored before summaries were kept).
    public var statistics: RunStatistics {
        record.summary ?? RunStatistics(results: results, reducer: record.reducer)
    }

    /// How the run reduces a case's samples to its score: its summary's reducer, else the one its
    /// configuration names.
    public var reducer: SampleReducer {
        record.summary?.reducer ?? record.reducer
    }

    /// The stored cases as a suite, named after the file they came from (which need not exist any
    /// more); nil for a run stored before runs kept their cases.
    public var suite: Suite? {
        guard let cases else { return nil }
        return Suite(cases: cases, source: StoredRun.source(of: record))
    }

    /// The cases the run evaluated: the stored ones, or for a run stored before runs kept their
    /// cases, its suite file's while the file still holds the same cases (nil otherwise).
    ///
    /// - Returns: The suite, or nil when the run's cases are to be had nowhere.
    public func evaluatedSuite() -> Suite? {
        if let suite { return suite }
        guard let path = record.suitePath, let suite = try? SuiteLoader.load(path: path, skipBad: false),
              RunSpec.contentHash(of: suite.cases) == record.suiteHash else { return nil }
        return suite
    }

    /// Where the run's suite was loaded from, as its configuration recorded it.
    static func source(of record: RunRecord) -> SuiteSource? {
        guard let suite = record.configuration.objectValue?["suite"]?.objectValue,
              let path = suite["path"]?.stringValue, let digest = suite["file_sha256"]?.stringValue,
              let format = SuiteFormat(path: path) else { return nil }
        return SuiteSource(path: path, format: format, sha256: digest)
    }
}
