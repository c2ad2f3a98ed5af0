import AssaySession
import CEditLine
import Glibc

/// Writes text to standard output or standard error at once, through the same C streams libedit
/// uses, so that the two never reorder each other's output.
enum TerminalOutput {
    /// Writes `text` to a stream and flushes it.
    static func write(_ text: String, to stream: OutputStreamName = .stdout) {
        let file = stream == .stdout ? assay_stdout() : assay_stderr()
        fputs(text, file)
        fflush(file)
    }

    /// Whether a stream is a terminal.
    static func isTerminal(_ stream: OutputStreamName) -> Bool {
        isatty(stream == .stdout ? STDOUT_FILENO : STDERR_FILENO) == 1
    }
}
