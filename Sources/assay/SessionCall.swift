import AssaySession
import AssayShell

/// A subcommand's calls of the session's builtins with typed values (nothing is written as code),
/// printed as a script prints: results on standard output, errors on standard error.
struct SessionCall {
    let session = Session()

    /// Runs the project's `assay.init` (for its pipelines); nil when it ran cleanly or there is none,
    /// else the exit status.
    func runInitScript() -> Int32? {
        ScriptRunner(session: session, keepsGoing: false).runInitScript()?.rawValue
    }

    /// Calls a builtin and returns its value, or the exit status after printing why it failed.
    func value(_ name: String, _ positional: [CallArgument] = [], keywords: [(String, CallArgument)] = []) -> Result<CallResult, ExitStatus> {
        let interrupts = Interrupts(session)
        defer { interrupts.stop() }
        switch session.callBlocking(name, positional, keywords: keywords, sink: { ScriptRunner.write($0) }) {
        case .value(let value):
            return .success(value)
        case .failure(let report):
            StandardStreams.write("assay: " + report.lines.joined(separator: "\n") + "\n", to: .stderr)
            return .failure(ExitStatus(ScriptRunner.ExitCode.inputError.rawValue))
        case .interrupted:
            StandardStreams.write("interrupted\n", to: .stderr)
            return .failure(ExitStatus(ScriptRunner.ExitCode.interrupted.rawValue))
        }
    }

    /// Calls a builtin and shows its value; returns the exit status.
    func show(_ name: String, _ positional: [CallArgument] = [], keywords: [(String, CallArgument)] = []) -> Int32 {
        switch value(name, positional, keywords: keywords) {
        case .success(let value):
            if !value.isNull { session.show(value) { ScriptRunner.write($0) } }
            return 0
        case .failure(let status):
            return status.code
        }
    }
}

/// A process exit status carried as an error.
struct ExitStatus: Error {
    let code: Int32

    init(_ code: Int32) {
        self.code = code
    }
}
