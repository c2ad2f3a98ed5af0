extension Session {
    /// Runs the project's `assay.init` in this session, if the project has one, blocking the
    /// calling thread until it ends (for command-line front ends); call it before the first cell.
    ///
    /// Nothing it evaluates is echoed: only what it prints, and its error (at `assay.init:LINE:COL`,
    /// with the caret, like any script error), reach `sink`. Statements before an error keep their
    /// effects. Front ends decide what an error means: the shell and the kernel carry on, scripts
    /// stop with exit code 1.
    ///
    /// - Parameter sink: Receives what the script prints and its error.
    /// - Returns: nil when there is no `assay.init`; else how it ended (a failure, too, when it
    ///   cannot be read).
    public func runInitScript(sink: @escaping @Sendable (SessionEvent) -> Void) -> ExecutionOutcome? {
        switch initScriptRequest() {
        case nil: return nil
        case .failure(let report)?:
            sink(.error(report))
            return .failure(report)
        case .success(let request)?:
            return executeBlocking(request, sink: sink)
        }
    }

    /// Runs the project's `assay.init` in this session, if the project has one, without blocking
    /// the calling thread; see the blocking ``runInitScript(sink:)``.
    ///
    /// - Parameter sink: Receives what the script prints and its error.
    /// - Returns: nil when there is no `assay.init`; else how it ended.
    public func runInitScript(sink: @escaping @Sendable (SessionEvent) -> Void) async -> ExecutionOutcome? {
        switch initScriptRequest() {
        case nil: return nil
        case .failure(let report)?:
            sink(.error(report))
            return .failure(report)
        case .success(let request)?:
            return await execute(request, sink: sink)
        }
    }

    /// The request that runs the project's `assay.init`, its read error, or nil when there is none.
    private func initScriptRequest() -> Result<ExecutionRequest, ErrorReport>? {
        guard let script = InitScript.find(from: options.baseDirectory) else { return nil }
        do throws(ErrorReport) {
            return .success(ExecutionRequest(code: try script.code(), origin: script.displayName, echo: .nothing))
        } catch {
            return .failure(error)
        }
    }
}
