import AssaySession

/// What the kernel needs from an engine: the part of ``AssaySession/Session`` that handlers call.
///
/// Handlers depend on this role rather than on `Session`, so the protocol layer can be tested with
/// a scripted engine. Cursor offsets are Unicode scalars, as Jupyter counts them.
package protocol KernelEngine: Sendable {
    /// Runs a cell, reporting its events to `sink` as they happen.
    func execute(_ request: ExecutionRequest, sink: @escaping @Sendable (SessionEvent) -> Void) async -> ExecutionOutcome
    /// Completions at a cursor.
    func complete(_ code: String, cursor: Int) async -> CompletionResult
    /// Documentation of the name under a cursor, or nil.
    func inspect(_ code: String, cursor: Int) async -> MIMEBundle?
    /// Whether code is complete, needs more lines, or is invalid.
    func isComplete(_ code: String) -> CodeCompleteness
    /// Stops the running cell at its next check.
    func interrupt()
}
