import ArgumentParser
import AssayShell
import Foundation

// The executable only parses arguments and hands off: see AssayCommand and its subcommands.
// Usage errors read `assay: error: …` (then the usage) on standard error and exit 64; help and
// the version go to standard output.
// A write past the size limit of the process (`ulimit -f`) then fails with an error the run store
// reports (what, where, what to do) instead of ending the process with SIGXFSZ.
signal(SIGXFSZ, SIG_IGN)
let arguments = RunSelector.protectingOffsets(Array(CommandLine.arguments.dropFirst()))
do {
    var command = try AssayCommand.parseAsRoot(arguments)
    try command.run()
} catch {
    let code = AssayCommand.exitCode(for: error)
    let message = AssayCommand.fullMessage(for: error)
    if code == .success {
        StandardStreams.write(message + "\n", to: .stdout)
    } else if !message.isEmpty {
        let text = message.hasPrefix("Error: ") ? "assay: error: " + message.dropFirst("Error: ".count) : message
        StandardStreams.write(text + "\n", to: .stderr)
    }
    exit(code.rawValue)
}
