import AssayEvaluation
import AssayShell
import Foundation

/// `assay export RUN [--format jsonl|csv|json] [--output PATH]`: a stored run's results, written by
/// the engine's ``RunExport`` straight from the run store (no session, no language).
struct ExportCommand: Equatable {
    /// The run: an id prefix, `latest`, `-1`, `-2` …
    var selector: String
    /// `jsonl`, `csv` or `json`.
    var format = "jsonl"
    /// Where to write; `-` for standard output.
    var output = "-"

    /// Reads the command's arguments (those after `export`).
    ///
    /// - Parameter arguments: The run selector, then options.
    /// - Returns: The command, or the usage error.
    static func parse(_ arguments: [String]) -> Result<ExportCommand, UsageError> {
        guard let selector = arguments.first else {
            return .failure(UsageError("'assay export' needs a run, e.g. assay export latest --format csv"))
        }
        var command = ExportCommand(selector: selector)
        var rest = Array(arguments.dropFirst())
        while let option = rest.first {
            guard rest.count >= 2 else { return .failure(UsageError("\(option) needs a value")) }
            switch option {
            case "--format", "-f": command.format = rest[1]
            case "--output", "-o": command.output = rest[1]
            default: return .failure(UsageError("unknown export option '\(option)'; use --format jsonl|csv|json and --output PATH"))
            }
            rest.removeFirst(2)
        }
        return .success(command)
    }

    /// Exports the run; returns the exit status (1 for a missing run, store or file problem).
    func run() -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.currentDirectoryPath
        let path = RunStore.defaultPath(environment: environment, currentDirectory: directory)
        do {
            let store = try RunStore(path: path)
            let stored = try store.load(try store.select(selector).id)
            let suite = stored.evaluatedSuite()
            if suite == nil {
                StandardStreams.write("assay: warning: run \(stored.record.idText.prefix(8)) was stored before runs kept their cases and its suite "
                                      + "file has changed or is gone: input and expected are left empty\n", to: .stderr)
            }
            let cases = suite?.cases ?? []
            let text = try RunExport.text(of: stored, cases: cases, format: format)
            if output == "-" {
                StandardStreams.write(text, to: .stdout)
                return 0
            }
            let target = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            try text.write(to: target, atomically: true, encoding: .utf8)
            let count = stored.results.count
            StandardStreams.write("exported \(count) result\(count == 1 ? "" : "s") to \(output) (\(format.lowercased()))\n", to: .stdout)
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
