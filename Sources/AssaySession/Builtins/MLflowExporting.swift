import AssayEvaluation
import AssayLanguage

/// `export(r, mlflow: URL, experiment: NAME)`: a stored run logged to an MLflow tracking server by
/// the engine's ``MLflowExport``.
enum MLflowExporting {
    /// Exports the run, says what was done, and returns `{experiment_id, run_id, url, created}`.
    static func export(
        _ run: RunObject, server: String, arguments: CallArguments, state: SessionState, invoker: any Invoker
    ) throws(BuiltinFailure) -> Value {
        guard let experiment = try arguments.string("experiment") else {
            throw BuiltinFailure(message: "an export to MLflow needs experiment: the experiment's name (it is created when missing)",
                                 hint: "write export(r, mlflow: \"\(server)\", experiment: \"evals\")", argument: "experiment")
        }
        if arguments["path"] != nil || arguments["format"] != nil {
            throw BuiltinFailure(message: "an export to MLflow writes no file: path and format: go with an export to a file",
                                 hint: "write export(r, mlflow: \"\(server)\", experiment: \"\(experiment)\")", argument: "mlflow")
        }
        let stored = run.run
        let cases = stored.cases ?? Array(run.cases.values)
        let outcome = state.runs.pump.run(interruption: state.interpreter.interruption) { () -> Result<MLflowExport.Outcome, MLflowError> in
            do throws(MLflowError) {
                return .success(try await MLflowExport.export(stored, cases: cases, to: server, experiment: experiment))
            } catch {
                return .failure(error)
            }
        }
        let done: MLflowExport.Outcome
        switch outcome {
        case .success(let exported): done = exported
        case .failure(let error):
            if state.interpreter.interruption.isRaised { throw BuiltinFailure(propagating: .interrupted) }
            throw BuiltinFailure(message: error.message, argument: "mlflow", id: "io.mlflow")
        }
        for warning in done.warnings { state.sink(.stream(.stderr, "warning: \(warning)\n")) }
        let count = stored.results.count
        invoker.write("\(done.created ? "exported" : "updated") run \(stored.record.idText.prefix(8)) (\(count) result\(count == 1 ? "" : "s")) "
                      + "in MLflow experiment '\(experiment)' as run \(done.runID): \(done.url)\n")
        return .record(Record([
            ("experiment_id", .string(done.experimentID)), ("run_id", .string(done.runID)), ("url", .string(done.url)),
            ("created", .boolean(done.created)),
        ]))
    }
}
