import AssaySession
import AssayShell
import Foundation

/// How to run the session front end: a script file, `-c` code, standard input, or the shell.
struct SessionInvocation: Equatable {
    enum Input: Equatable {
        case file(String)
        case command(String)
        /// Standard input: a script when it is not a terminal, the shell when it is.
        case standardInput
    }

    var input: Input = .standardInput
    var keepsGoing = false
    /// `--interactive` / `--batch` override the terminal check.
    var forcesInteractive: Bool?
    var skipsInit = false

    /// Runs it; returns the exit status.
    func run() -> Int32 {
        let session = Session()
        if case .standardInput = input, forcesInteractive ?? (isatty(STDIN_FILENO) == 1) {
            // The shell installs its own Ctrl-C handling (abandon the line, or interrupt the cell).
            var options = ShellOptions(version: assayVersion)
            options.runsInitScript = !skipsInit
            return InteractiveShell(session: session, options: options).run()
        }
        let interrupts = Interrupts(session)
        defer { interrupts.stop() }
        let runner = ScriptRunner(session: session, keepsGoing: keepsGoing)
        let code: String
        let origin: String
        switch input {
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
        if !skipsInit, let failed = runner.runInitScript() { return failed.rawValue }
        return runner.run(code: code, origin: origin).rawValue
    }
}

/// Ctrl-C (and, for a worker, SIGTERM) stops the session's running statement or call; dispatch
/// sources keep the work out of signal context.
final class Interrupts {
    private let sources: [any DispatchSourceSignal]

    init(_ session: Session, signals: [Int32] = [SIGINT]) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { session.interrupt() }
            source.resume()
            return source
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
    }
}
