import AssaySession
import Foundation

/// Runs code without a terminal: a script file, `-c CODE`, or standard input.
///
/// No prompts and no colour; the value of every top-level expression statement is printed as the
/// shell prints it; diagnostics go to standard error.
public struct ScriptRunner {
    /// How the run ended, as a process exit code.
    public enum ExitCode: Int32 {
        /// Everything ran.
        case success = 0
        /// A syntax or runtime error in the input (also when `--keep-going` carried on past it).
        case inputError = 1
        /// Everything ran, and an expectation (`expect`) failed.
        case expectationFailed = 2
        /// The command line was wrong.
        case usage = 64
        /// Interrupted with Ctrl-C.
        case interrupted = 130
    }

    private let session: Session
    private let keepsGoing: Bool

    /// Creates a runner over a session.
    public init(session: Session, keepsGoing: Bool) {
        self.session = session
        self.keepsGoing = keepsGoing
    }

    /// Runs code named `origin` (a path, `<command>` or `<stdin>`) and returns the exit code.
    public func run(code: String, origin: String) -> ExitCode {
        let request = ExecutionRequest(code: code, origin: origin, echo: .everyExpression, keepsGoing: keepsGoing)
        let outcome = session.executeBlocking(request) { event in
            ScriptRunner.write(event)
        }
        switch outcome {
        case .success, .quitRequested: return Self.verdict(of: session)
        case .failure: return .inputError
        case .interrupted: return .interrupted
        }
    }

    /// `.success`, or `.expectationFailed` after listing the failed expectations on standard error.
    public static func verdict(of session: Session) -> ExitCode {
        let failed = session.failedExpectations
        guard !failed.isEmpty else { return .success }
        let checked = session.checkedExpectations
        let heading = "assay: \(failed.count) of \(checked) expectation\(checked == 1 ? "" : "s") failed:\n"
        StandardStreams.write(heading + failed.map { "  " + $0 + "\n" }.joined(), to: .stderr)
        return .expectationFailed
    }

    /// Runs the project's `assay.init` before the script, if there is one.
    ///
    /// What it prints goes to standard error, so that standard output carries only the script's
    /// own output. A broken `assay.init` must not pass unnoticed: its error is reported like any
    /// script error and the script does not run.
    ///
    /// - Returns: nil when there is no `assay.init` or it ran cleanly; else the exit code to end
    ///   with (1 for an error in it, 130 when interrupted).
    public func runInitScript() -> ExitCode? {
        let outcome = session.runInitScript { event in
            switch event {
            case .stream(_, let text):
                StandardStreams.write(text, to: .stderr)
            case .result(let bundle), .display(let bundle, _), .page(let bundle), .updateDisplay(let bundle, _):
                // Progress already goes to standard error (on a terminal only).
                if bundle.isProgress { ScriptRunner.write(event) } else { StandardStreams.write(bundle.plainText + "\n", to: .stderr) }
            case .clearOutput, .error:
                ScriptRunner.write(event)
            }
        }
        switch outcome {
        case nil, .success?, .quitRequested?: return nil
        case .failure?: return .inputError
        case .interrupted?: return .interrupted
        }
    }

    /// Writes one event to standard output or standard error, as a script's events are written.
    public static func write(_ event: SessionEvent) {
        switch event {
        case .stream(.stdout, let text): StandardStreams.write(text, to: .stdout)
        case .stream(.stderr, let text): StandardStreams.write(text, to: .stderr)
        case .display(let bundle, _) where bundle.isProgress, .updateDisplay(let bundle, _) where bundle.isProgress:
            // Progress goes to a terminal only, redrawn in place on standard error.
            guard isatty(STDERR_FILENO) == 1 else { return }
            StandardStreams.write("\r\u{1B}[K" + bundle.plainText + (bundle.isFinalProgress ? "\n" : ""), to: .stderr)
        case .result(let bundle), .display(let bundle, _), .page(let bundle), .updateDisplay(let bundle, _):
            StandardStreams.write(bundle.plainText + "\n", to: .stdout)
        case .clearOutput:
            break
        case .error(let report):
            StandardStreams.write(report.lines.joined(separator: "\n") + "\n", to: .stderr)
        }
    }
}

/// Unbuffered writes to the process's standard output and error.
public enum StandardStreams {
    /// Writes all of a text to a stream.
    public static func write(_ text: String, to stream: OutputStreamName) {
        let descriptor: Int32 = stream == .stdout ? 1 : 2
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }
}
