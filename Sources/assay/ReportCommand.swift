import AssayEvaluation
import AssayShell
import Foundation

/// `assay report RUN [--vs RUN] -o FILE`: a run's HTML report, or with `--vs` the comparison of
/// the two (RUN is the baseline), written by the engine's ``RunReport`` from the run store.
struct ReportCommand: Equatable {
    /// The run (the baseline with `--vs`): an id prefix, `latest`, `-1` …
    var selector: String
    /// The run compared with it.
    var other: String?
    /// Where to write the page.
    var output: String

    /// Reads the command's arguments (those after `report`).
    static func parse(_ arguments: [String]) -> Result<ReportCommand, UsageError> {
        let usage = "use: assay report RUN [--vs RUN] -o FILE.html"
        var selector: String?
        var other: String?
        var output: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--vs", "-o", "--output":
                guard let value = rest.popFirst() else { return .failure(UsageError("\(argument) needs a value; \(usage)")) }
                if argument == "--vs" { other = value } else { output = value }
            default:
                guard selector == nil, !argument.hasPrefix("--") else { return .failure(UsageError("unexpected '\(argument)'; \(usage)")) }
                selector = argument
            }
        }
        guard let selector else { return .failure(UsageError("'assay report' needs a run; \(usage)")) }
        guard let output else { return .failure(UsageError("'assay report' needs -o FILE; \(usage)")) }
        return .success(ReportCommand(selector: selector, other: other, output: output))
    }

    /// Runs `assay report` when it is the command line's subcommand; nil otherwise.
    static func runIfAsked(_ arguments: [String]) -> Int32? {
        guard arguments.first == "report" else { return nil }
        switch parse(Array(arguments.dropFirst())) {
        case .success(let command): return command.run()
        case .failure(let error):
            StandardStreams.write("assay: error: \(error.message)\nRun 'assay --help' for usage.\n", to: .stderr)
            return ScriptRunner.ExitCode.usage.rawValue
        }
    }

    /// Writes the report; returns the exit status (1 for a missing run, store or file problem).
    func run() -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.currentDirectoryPath
        do {
            let store = try RunStore(path: RunStore.defaultPath(environment: environment, currentDirectory: directory))
            let first = try store.load(try store.select(selector).id)
            let html: String
            if let other {
                let second = try store.load(try store.select(other).id)
                let comparison = try RunComparison(a: first, b: second)
                html = RunReport.html(of: comparison, casesA: first.evaluatedSuite()?.cases ?? [], casesB: second.evaluatedSuite()?.cases ?? [])
            } else {
                html = RunReport.html(of: first, cases: first.evaluatedSuite()?.cases ?? [])
            }
            let target = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
            try html.write(to: target, atomically: true, encoding: .utf8)
            StandardStreams.write("wrote the report of run \(first.record.idText.prefix(8))"
                                  + (other == nil ? "" : " vs \(other!)") + " to \(output)\n", to: .stdout)
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
