import ArgumentParser
import AssayEvaluation
import AssayShell
import Foundation

/// `assay export RUN [--format jsonl|csv|json] [--output PATH]`: a stored run's results, written by
/// the engine's ``RunExport`` straight from the run store (no session, no language).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "A stored run's case results, to standard output or a file.",
        discussion: "Examples:\n  assay export latest\n  assay export latest --format csv --output results.csv\n  assay export ab12cd34 -f json")

    /// The run: an id prefix, `latest`, `-1`, `-2` …
    @OptionGroup var stored: StoredRunArgument

    /// `jsonl`, `csv` or `json`.
    @Option(name: [.short, .long], help: ArgumentHelp("jsonl, csv or json.", valueName: "format"))
    var format = "jsonl"

    /// Where to write; `-` for standard output.
    @Option(name: [.short, .long], help: ArgumentHelp("Where to write; - for standard output.", valueName: "path"), completion: .file())
    var output = "-"

    func run() throws {
        try Exit.with(export())
    }

    /// Exports the run; returns the exit status (1 for a missing run, store or file problem).
    func export() -> Int32 {
        do {
            let stored = try ProjectStore.load(self.stored.selector, from: try ProjectStore.open())
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
            try ProjectStore.write(text, to: output)
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
