import CZeroMQ

/// A libzmq context.
///
/// `@unchecked Sendable` is safe because libzmq contexts are thread-safe by design (the one
/// libzmq object that is), and the handle itself is never reassigned.
final class ZeroMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() throws(ZeroMQError) {
        guard let handle = zmq_ctx_new() else { throw ZeroMQError.last("zmq_ctx_new") }
        self.handle = handle
    }

    /// Ends the context, waiting (up to each socket's linger) for queued messages to leave.
    func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
