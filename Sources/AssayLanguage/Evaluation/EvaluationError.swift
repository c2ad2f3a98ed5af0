import Synchronization

/// Why evaluation stopped: a diagnostic, or an interruption (Ctrl-C, a kernel interrupt).
public enum EvaluationError: Error, Sendable {
    case diagnostic(Diagnostic)
    case interrupted
}

/// A flag that front ends set from any thread to stop the running cell at the next check.
public final class InterruptionFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cleared flag.
    public init() {}

    /// Asks the running evaluation to stop.
    public func raise() { flag.store(true, ordering: .sequentiallyConsistent) }

    /// Clears the flag before a new cell runs.
    public func clear() { flag.store(false, ordering: .sequentiallyConsistent) }

    /// Whether an interruption was asked for.
    public var isRaised: Bool { flag.load(ordering: .sequentiallyConsistent) }
}
