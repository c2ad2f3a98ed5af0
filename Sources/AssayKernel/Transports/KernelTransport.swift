/// A way messages travel between a kernel and its clients (ZeroMQ sockets, stdio lines, memory).
///
/// A transport only moves messages; the kernel decides what they mean. Implementations must accept
/// `send` from any thread and keep the order of sends.
package protocol KernelTransport: Sendable {
    /// Starts delivering received messages to `receive` (from any thread); calls `closed` when the
    /// other side goes away for good (end of input).
    ///
    /// - Throws: When the transport cannot start (e.g. a port is taken).
    func start(receiving receive: @escaping @Sendable (KernelMessage) -> Void, closed: @escaping @Sendable () -> Void) throws
    /// Queues a message for its channel.
    func send(_ message: KernelMessage)
    /// Sends what is queued, then stops; called once, when the kernel shuts down.
    func close()
}
