import CZeroMQ
import Foundation

/// One libzmq socket, with the multipart send and receive the kernel needs.
///
/// `@unchecked Sendable` is safe because each socket is used by exactly one thread at a time:
/// the I/O thread owns shell, control, stdin and iopub from creation to close, and the heartbeat
/// thread owns its socket; the socket is only handed over at thread start, which is a full memory
/// barrier, as libzmq requires for moving a socket between threads.
final class ZeroMQSocket: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Creates a socket of a libzmq type (`ZMQ_ROUTER`, `ZMQ_XPUB`, `ZMQ_REP`).
    init(context: UnsafeMutableRawPointer, type: Int32) throws(ZeroMQError) {
        guard let handle = zmq_socket(context, type) else { throw ZeroMQError.last("zmq_socket") }
        self.handle = handle
    }

    /// Sets an integer option.
    func set(_ option: Int32, _ value: Int32) throws(ZeroMQError) {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZeroMQError.last("zmq_setsockopt(\(option))")
        }
    }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5555`.
    func bind(_ endpoint: String) throws(ZeroMQError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZeroMQError.last("bind \(endpoint)") }
    }

    /// The frames of the next message, or nil when none is waiting (or the socket is closing).
    func receiveMultipart(blocking: Bool = false) -> [Data]? {
        // zmq_msg_t lives on the heap: its data may point inside the struct itself.
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        defer { message.deallocate() }
        var frames: [Data] = []
        while true {
            zmq_msg_init(message)
            let received = zmq_msg_recv(message, handle, blocking || !frames.isEmpty ? 0 : ZMQ_DONTWAIT)
            if received < 0 {
                zmq_msg_close(message)
                if zmq_errno() == EINTR { continue }
                return nil
            }
            frames.append(Data(bytes: zmq_msg_data(message), count: zmq_msg_size(message)))
            let hasMore = zmq_msg_more(message) != 0
            zmq_msg_close(message)
            if !hasMore { return frames }
        }
    }

    /// Sends frames as one message without blocking; false when it could not be queued.
    @discardableResult
    func sendMultipart(_ frames: [Data]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags = (index < frames.count - 1 ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT
            let sent = frame.withUnsafeBytes { buffer in
                zmq_send(handle, buffer.baseAddress, buffer.count, flags)
            }
            if sent < 0 { return false }
        }
        return true
    }

    /// Closes the socket; pending outgoing messages stay queued for the linger period.
    func close() {
        zmq_close(handle)
    }
}
