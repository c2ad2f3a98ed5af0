import ArgumentParser
import AssayEvaluation
import AssayShell

/// `assay add-ids SUITE`.
struct AddIDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-ids", abstract: "Writes a stable id into every case of a suite file that has none, in place.",
        discussion: "Every other byte of the file stays; running it again changes nothing.\n\nExamples:\n  assay add-ids cases.jsonl")

    @Argument(help: ArgumentHelp("The suite file.", valueName: "suite"), completion: .file())
    var suite: String

    func run() throws {
        do {
            let count = try SuiteIDWriter.addIDs(path: suite)
            StandardStreams.write(count == 0 ? "every case of \(suite) has an id\n" : "added \(count) id\(count == 1 ? "" : "s") to \(suite)\n", to: .stdout)
        } catch let error as SuiteLoadError {
            StandardStreams.write("\(error)\n", to: .stderr)
            throw ExitCode(1)
        } catch {
            throw ExitCode(Exit.inputError("\(error)"))
        }
    }
}
