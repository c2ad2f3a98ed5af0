import ArgumentParser
import AssayEvaluation
import AssayShell
import Foundation

/// `assay export RUN [--format jsonl|csv|json] [--output PATH]`: a stored run's results, written by
/// the engine's ``RunExport`` straight from the run store (no session, no language).
/// `assay export RUN --mlflow URL --experiment NAME`: the run logged to an MLflow tracking server,
/// through the session's `export` builtin (the engine's ``MLflowExport``).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "A stored run's case results, to standard output or a file, or logged to MLflow.",
        discussion: """
            With --mlflow, the run becomes one MLflow run in the experiment (made when missing): params (model, \
            provider, template hash, generation parameters), metrics (each mean with _ci_low and _ci_high), tags \
            (assay.run_id, suite hash, git revision, Assay version) and the case results as results.jsonl. \
            Exporting the run again updates that MLflow run.

            Examples:
              assay export latest
              assay export latest --format csv --output results.csv
              assay export ab12cd34 -f json
              assay export latest --mlflow http://127.0.0.1:5000 --experiment evals
            """)

    /// The run: an id prefix, `latest`, `-1`, `-2` …
    @OptionGroup var stored: StoredRunArgument

    /// `jsonl`, `csv` or `json`.
    @Option(name: [.short, .long], help: ArgumentHelp("jsonl, csv or json.", valueName: "format"))
    var format = "jsonl"

    /// Where to write; `-` for standard output.
    @Option(name: [.short, .long], help: ArgumentHelp("Where to write; - for standard output.", valueName: "path"), completion: .file())
    var output = "-"

    /// The MLflow tracking server to log the run to.
    @Option(help: ArgumentHelp("Log the run to this MLflow tracking server instead (http://host:5000).", valueName: "url"))
    var mlflow: String?

    /// The MLflow experiment, with `--mlflow`.
    @Option(help: ArgumentHelp("The MLflow experiment (made when missing); with --mlflow.", valueName: "name"))
    var experiment: String?

    func validate() throws {
        if mlflow != nil, experiment == nil { throw ValidationError("--mlflow needs --experiment NAME: the MLflow experiment to log the run to") }
        if mlflow == nil, experiment != nil { throw ValidationError("--experiment goes with --mlflow URL: the MLflow server to log the run to") }
        if mlflow != nil, output != "-" { throw ValidationError("--mlflow writes no file: leave out --output") }
    }

    func run() throws {
        if let mlflow, let experiment {
            let call = SessionCall()
            let exported = call.value("export", [stored.argument], keywords: [("mlflow", .json(.string(mlflow))), ("experiment", .json(.string(experiment)))])
            if case .failure(let status) = exported { try Exit.with(status.code) }
            return
        }
        try Exit.with(export())
    }

    /// Exports the run; returns the exit status (1 for a missing run, store or file problem).
    func export() -> Int32 {
        do {
            let store = try ProjectStore.open()
            let record = try store.select(self.stored.selector)
            // The stored cases are read beside each page of results, not whole.
            let found = try RunCases.of(record, store: store)
            if found == nil {
                StandardStreams.write("assay: warning: run \(record.idText.prefix(8)) was stored before runs kept their cases and its suite "
                                      + "file has changed or is gone: input and expected are left empty\n", to: .stderr)
            }
            let cases = found ?? RunCases([])
            let format = try RunExport.Format(format)
            // The results are read from the store a page at a time and written as they come.
            let results = RunResults(record: record, store: store)
            if output == "-" {
                var buffer = ""
                try RunExport.write(results, cases: cases, format: format) { piece in
                    buffer += piece
                    if buffer.utf8.count >= 1 << 20 {
                        StandardStreams.write(buffer, to: .stdout)
                        buffer = ""
                    }
                }
                StandardStreams.write(buffer, to: .stdout)
                return 0
            }
            let file = try ExportFile(path: ProjectStore.path(output))
            let count = try RunExport.write(results, cases: cases, format: format) { piece throws(ExportError) in try file.write(piece) }
            try file.commit()
            StandardStreams.write("exported \(count) result\(count == 1 ? "" : "s") to \(output) (\(format.rawValue))\n", to: .stdout)
            return 0
        } catch let error as RunStoreError {
            StandardStreams.write("assay: error: \(error.message)\n", to: .stderr)
        } catch let error as ExportError {
            StandardStreams.write("assay: error: \(error.message)\nhint: \(error.hint)\n", to: .stderr)
        } catch {
            StandardStreams.write("assay: error: cannot write \(output): \(error.localizedDescription)\n", to: .stderr)
        }
        return 1
    }
}
