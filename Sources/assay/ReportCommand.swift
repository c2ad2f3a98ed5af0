import ArgumentParser
import AssayEvaluation
import AssayShell
import Foundation

/// `assay report RUN [--vs RUN] -o FILE`: a run's HTML report, or with `--vs` the comparison of
/// the two (RUN is the baseline), written by the engine's ``RunReport`` from the run store.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "A run's HTML report, or the comparison of two runs, as one self-contained file.",
        discussion: "Examples:\n  assay report latest -o report.html\n  assay report -2 --vs -1 -o diff.html")

    /// The run (the baseline with `--vs`).
    @OptionGroup var stored: StoredRunArgument

    /// The run compared with it.
    @Option(help: ArgumentHelp("A run to compare with the first (the first is the baseline).", valueName: "run"))
    var vs: String?

    /// Where to write the page.
    @Option(name: [.short, .long], help: ArgumentHelp("The HTML file to write.", valueName: "file"), completion: .file())
    var output: String

    func run() throws {
        try Exit.with(report())
    }

    /// Writes the report; returns the exit status (1 for a missing run, store or file problem).
    func report() -> Int32 {
        let other = vs.map(RunSelector.text)
        do {
            let store = try ProjectStore.open()
            let first = try ProjectStore.load(stored.selector, from: store)
            let html: String
            if let other {
                let second = try ProjectStore.load(other, from: store)
                let comparison = try RunComparison(a: first, b: second)
                html = RunReport.html(of: comparison, casesA: first.evaluatedSuite()?.cases ?? [], casesB: second.evaluatedSuite()?.cases ?? [])
            } else {
                html = RunReport.html(of: first, cases: first.evaluatedSuite()?.cases ?? [])
            }
            try ProjectStore.write(html, to: output)
            StandardStreams.write("wrote the report of run \(first.record.idText.prefix(8))"
                                  + (other.map { " vs \($0)" } ?? "") + " to \(output)\n", to: .stdout)
            return 0
        } catch let error as RunStoreError {
            StandardStreams.write("assay: error: \(error.message)\n", to: .stderr)
        } catch let error as ComparisonError {
            StandardStreams.write("assay: error: \(error.message)\nhint: \(error.hint)\n", to: .stderr)
        } catch {
            StandardStreams.write("assay: error: cannot write \(output): \(error.localizedDescription)\n", to: .stderr)
        }
        return 1
    }
}
