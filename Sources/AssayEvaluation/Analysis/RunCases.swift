import Foundation

/// The cases a run evaluated, as what reads its results in order (exports, rankings) looks up each
/// result's case: held in memory by id, or the run's stored cases read from the run store beside
/// each page of results, by the results' positions, so that the cases of a run of a million
/// results are never held whole.
///
/// Both give a result the same case: a run's stored cases are its suite's in order, so the case at
/// a result's position is the case of its id (a case found there under another id is not the
/// result's, and is left out as a missing case is).
public struct RunCases: Sendable {
    private enum Source: Sendable {
        case held([String: TestCase])
        case stored(RunStore, list: String)
    }

    private let source: Source

    /// Cases held in memory, looked up by id (the first of a repeated id, ``RunExport/byID(_:)``).
    ///
    /// - Parameter cases: The cases.
    public init(_ cases: [TestCase]) {
        source = .held(RunExport.byID(cases))
    }

    /// Cases held in memory, by id.
    ///
    /// - Parameter byID: The cases by id.
    public init(byID: [String: TestCase]) {
        source = .held(byID)
    }

    private init(store: RunStore, list: String) {
        source = .stored(store, list: list)
    }

    /// The cases of a stored run as they are to be had: the ones the store keeps for it, read when
    /// looked up; for a run stored before runs kept their cases, its suite file's while the file
    /// holds the same cases (``StoredRun/evaluatedSuite()``).
    ///
    /// - Parameters:
    ///   - record: The run's record.
    ///   - store: The store that holds it.
    /// - Returns: The cases, or nil when they are to be had nowhere.
    /// - Throws: ``RunStoreError``.
    public static func of(_ record: RunRecord, store: RunStore) throws(RunStoreError) -> RunCases? {
        if let list = record.casesSHA256, try store.hasCases(list: list) { return RunCases(store: store, list: list) }
        return StoredRun(record: record, results: []).evaluatedSuite().map { RunCases($0.cases) }
    }

    /// The case of each of a page of results, in its order (nil for a result whose case is not
    /// known); stored cases are read for the page's positions only.
    ///
    /// - Parameter results: A page of results.
    /// - Returns: Each result's case.
    /// - Throws: ``RunStoreError``.
    public func cases(of results: some Collection<CaseResult>) throws(RunStoreError) -> [TestCase?] {
        switch source {
        case .held(let byID):
            return results.map { byID[$0.caseID] }
        case .stored(let store, let list):
            let found = try store.cases(list: list, positions: results.map(\.position))
            return results.map { result in found[result.position].flatMap { $0.id == result.caseID ? $0 : nil } }
        }
    }
}

extension RunResults {
    /// Calls a closure with each result and its case, in suite order then sample order; the cases
    /// are looked up a page of results at a time.
    ///
    /// - Parameters:
    ///   - cases: The run's cases.
    ///   - body: Called with each result and its case (nil when not known).
    /// - Throws: ``RunStoreError`` when the store cannot be read, or what `body` throws.
    public func forEach(with cases: RunCases, _ body: (CaseResult, TestCase?) throws -> Void) throws {
        try forEachPage { page in
            let found = try cases.cases(of: page)
            for (result, testCase) in zip(page, found) { try body(result, testCase) }
        }
    }
}
