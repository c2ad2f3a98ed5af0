import AssaySession
import AssayShell
import Foundation

/// The version `--version` prints.
let assayVersion = "0.1.0"

func runSession(_ invocation: SessionInvocation) -> Int32 {
    let session = Session()
    // Ctrl-C stops the running statement; a dispatch source keeps the work out of signal context.
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler { session.interrupt() }
    interrupts.resume()
    let runner = ScriptRunner(session: session, keepsGoing: invocation.keepsGoing)
    switch invocation.input {
    case .command(let code):
        return runner.run(code: code, origin: "<command>").rawValue
    case .file(let path):
        guard let code = try? String(contentsOfFile: path, encoding: .utf8) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "does not exist"
            StandardStreams.write("assay: error: \(path) \(reason)\n", to: .stderr)
            return ScriptRunner.ExitCode.usage.rawValue
        }
        return runner.run(code: code, origin: path).rawValue
    case .standardInput:
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return runner.run(code: String(decoding: data, as: UTF8.self), origin: "<stdin>").rawValue
    }
}

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
}
