import AssayLanguage
import Foundation

/// The engine every front end shares: it runs cells, completes, inspects and interrupts.
///
/// All state lives in a ``SessionState`` that only the session's worker thread touches; the public
/// methods hand work to that thread, so a `Session` can be used from any thread or task.
public final class Session: Sendable {
    let worker = SessionWorker()
    let interruption = InterruptionFlag()
    let state: StateBox
    /// How the session was set up.
    public let options: SessionOptions

    /// Creates a session.
    public init(options: SessionOptions = SessionOptions()) {
        self.options = options
        state = StateBox(SessionState(options: options, interruption: interruption))
    }

    /// Runs a cell, reporting events to `sink` on the session's thread as they happen.
    public func execute(_ request: ExecutionRequest, sink: @escaping @Sendable (SessionEvent) -> Void) async -> ExecutionOutcome {
        let state = self.state
        interruption.clear()
        return await worker.perform { state.value.execute(request, sink: sink) }
    }

    /// Runs a cell and blocks the calling thread until it ends (for command-line front ends).
    public func executeBlocking(_ request: ExecutionRequest, sink: @escaping @Sendable (SessionEvent) -> Void) -> ExecutionOutcome {
        let state = self.state
        interruption.clear()
        return worker.perform { state.value.execute(request, sink: sink) }
    }

    /// Completions at a cursor given in Unicode scalars.
    public func complete(_ code: String, cursor: Int) async -> CompletionResult {
        let state = self.state
        return await worker.perform { state.value.complete(code, cursor: cursor) }
    }

    /// Completions, blocking the calling thread (for the line editor's Tab key).
    public func completeBlocking(_ code: String, cursor: Int) -> CompletionResult {
        let state = self.state
        return worker.perform { state.value.complete(code, cursor: cursor) }
    }

    /// The documentation of the name under a cursor (in Unicode scalars), or nil.
    public func inspect(_ code: String, cursor: Int) async -> MIMEBundle? {
        let state = self.state
        return await worker.perform { state.value.inspect(code, cursor: cursor) }
    }

    /// Whether code is complete, needs more lines, or is invalid.
    public func isComplete(_ code: String) -> CodeCompleteness {
        CodeCompleteness(of: code)
    }

    /// Stops the running cell at its next check; finished work is kept. Safe from any thread and
    /// from a signal handler's perspective (it only stores to an atomic flag).
    public func interrupt() {
        interruption.raise()
    }
}

/// Holds the session state so that it can be captured by jobs for the worker thread.
///
/// `@unchecked Sendable` is safe because the state is only ever read or written inside jobs run by
/// the session's single worker thread, which runs one job at a time.
final class StateBox: @unchecked Sendable {
    let value: SessionState

    init(_ value: SessionState) {
        self.value = value
    }
}

/// How a session is set up.
public struct SessionOptions: Sendable {
    /// The folder relative paths are resolved against (the working directory by default).
    public var baseDirectory: String
    /// Whether diagnostics sent as events carry ANSI colours in `coloredLines` (always computed) —
    /// front ends choose which lines to show.
    public var environment: [String: String]
    /// How much of one output is shown: ``OutputLimits/unlimited`` for the shell and scripts; the
    /// kernel caps tables (here) and every output it publishes.
    public var outputLimits: OutputLimits

    /// Creates options.
    public init(
        baseDirectory: String = FileManager.default.currentDirectoryPath, environment: [String: String] = ProcessInfo.processInfo.environment,
        outputLimits: OutputLimits = .unlimited
    ) {
        self.baseDirectory = baseDirectory
        self.environment = environment
        self.outputLimits = outputLimits
    }
}
