/// Why a kernel stopped.
package enum KernelExit: Sendable, Hashable {
    /// A client sent `shutdown_request` (with `restart` as asked; the client's manager restarts it).
    case shutdown(restart: Bool)
    /// The transport's input ended (stdio EOF).
    case endOfInput
    /// The transport failed to start or broke.
    case transportFailed(String)
}
