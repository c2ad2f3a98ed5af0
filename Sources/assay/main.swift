import AssayKernel
import AssayMockServer
import AssaySession
import AssayShell
import Foundation

/// The version `--version` prints.
let assayVersion = "0.1.0"

func runSession(_ invocation: SessionInvocation) -> Int32 {
    let session = Session()
    if case .standardInput = invocation.input,
       invocation.forcesInteractive ?? (isatty(STDIN_FILENO) == 1) {
        // The shell installs its own Ctrl-C handling (abandon the line, or interrupt the cell).
        var options = ShellOptions(version: assayVersion)
        options.runsInitScript = !invocation.skipsInit
        return InteractiveShell(session: session, options: options).run()
    }
    // Ctrl-C stops the running statement; a dispatch source keeps the work out of signal context.
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler { session.interrupt() }
    interrupts.resume()
    let runner = ScriptRunner(session: session, keepsGoing: invocation.keepsGoing)
    let code: String
    let origin: String
    switch invocation.input {
    case .command(let text):
        (code, origin) = (text, "<command>")
    case .file(let path):
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "does not exist"
            StandardStreams.write("assay: error: \(path) \(reason)\n", to: .stderr)
            return ScriptRunner.ExitCode.usage.rawValue
        }
        (code, origin) = (text, path)
    case .standardInput:
        let data = FileHandle.standardInput.readDataToEndOfFile()
        (code, origin) = (String(decoding: data, as: UTF8.self), "<stdin>")
    }
    // A broken assay.init stops a script before it starts: its results would not be what it expects.
    if !invocation.skipsInit, let failed = runner.runInitScript() { return failed.rawValue }
    return runner.run(code: code, origin: origin).rawValue
}

func runKernel(_ invocation: KernelInvocation) -> Int32 {
    switch invocation {
    case .stdio(let skipsInit):
        return KernelCommand.runStdio(session: Session(), version: assayVersion, runsInitScript: !skipsInit)
    case .connectionFile(let path, let skipsInit):
        return KernelCommand.runConnectionFile(path, session: Session(), version: assayVersion, runsInitScript: !skipsInit)
    case .install(let destination):
        do {
            let folder = try KernelCommand.install(destination)
            StandardStreams.write("installed the Assay kernelspec in \(folder)\n", to: .stdout)
            return 0
        } catch {
            StandardStreams.write("assay: error: \(error)\n", to: .stderr)
            return 1
        }
    }
}

if let status = ReportCommand.runIfAsked(Array(CommandLine.arguments.dropFirst())) { exit(status) }

switch Invocation.parse(Array(CommandLine.arguments.dropFirst())) {
case .help:
    StandardStreams.write("assay \(assayVersion): a workbench for evaluating LLM prompts and models\n\n\(usageText)\n", to: .stdout)
    exit(0)
case .version:
    StandardStreams.write("assay \(assayVersion)\n", to: .stdout)
    exit(0)
case .usageError(let message):
    StandardStreams.write("assay: error: \(message)\nRun 'assay --help' for usage.\n", to: .stderr)
    exit(ScriptRunner.ExitCode.usage.rawValue)
case .session(let invocation):
    exit(runSession(invocation))
case .kernel(let invocation):
    exit(runKernel(invocation))
case .mockServer(let arguments):
    exit(MockServerCommand.run(arguments: arguments))
case .export(let command):
    exit(command.run())
}
