import AssayEvaluation
import AssayLanguage

/// A run as what reads its results in order sees it (`export`, `best`, `worst`, `compare`): a run
/// object's results as the object holds them, or a stored run's read from the store a page at a
/// time, so that a run named by a selector is never held whole.
struct RunReading {
    /// The run's results.
    let results: RunResults
    /// The cases it evaluated, looked up a page of results at a time.
    let cases: RunCases
    /// The run object given, if one was.
    let object: RunObject?

    /// The run's headline (``RunObject/headline``); a stored run whose model has a price adds up its
    /// cost from its results for it.
    func headline() throws(BuiltinFailure) -> String {
        if let object { return object.headline }
        let record = results.record
        guard record.price != nil else { return RunObject.headline(record, cost: nil) }
        do {
            return RunObject.headline(record, cost: try results.cost())
        } catch {
            throw Self.failure(error, argument: "run")
        }
    }

    /// What reading a run's results threw, as a builtin's failure: the store's errors, an export's
    /// (a file that cannot be written) and a comparison's or ranking's (a metric no result has).
    static func failure(_ error: any Error, argument: String) -> BuiltinFailure {
        switch error {
        case let error as RunStoreError: BuiltinFailure(message: error.message, argument: argument, id: "io.store")
        case let error as ExportError: BuiltinFailure(message: error.message, hint: error.hint, argument: "path", id: "io.export")
        case let error as ComparisonError: BuiltinFailure(message: error.message, hint: error.hint, argument: "metric")
        default: BuiltinFailure(message: "\(error)", argument: argument)
        }
    }
}
