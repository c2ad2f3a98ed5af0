/// Why a kernel stopped.
package enum KernelExit: Sendable, Hashable {
    /// A client sent `shutdown_request` (with `restart` as asked; the client's manager restarts it).
    case shutdown(restart: Bool)
    /// The transport's input ended (stdio EOF).
    case endOfInput
    /// SIGTERM: the request being handled is finished, the queued ones are dropped.
    case terminated
    /// The process that started the kernel (`JPY_PARENT_PID`) went away.
    case parentGone(pid: Int32)
    /// The transport failed to start or broke.
    case transportFailed(String)
}
