import CZeroMQ
import Foundation

/// Echoes heartbeat pings on a REP socket, on a thread of its own so a long cell never looks dead.
final class Heartbeat: Sendable {
    private let socket: ZeroMQSocket
    private let finished = DispatchSemaphore(value: 0)

    init(socket: ZeroMQSocket) {
        self.socket = socket
    }

    /// Starts echoing until the context shuts down.
    func start() {
        let thread = Thread { [socket, finished] in
            let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
            defer { message.deallocate() }
            while true {
                zmq_msg_init(message)
                if zmq_msg_recv(message, socket.handle, 0) < 0 {
                    zmq_msg_close(message)
                    if zmq_errno() == EINTR { continue }
                    break
                }
                if zmq_msg_send(message, socket.handle, 0) < 0 {
                    zmq_msg_close(message)
                }
            }
            socket.close()
            finished.signal()
        }
        thread.name = "assay-heartbeat"
        thread.start()
    }

    /// Waits until the thread has closed its socket (after `zmq_ctx_shutdown`).
    func waitUntilFinished() {
        finished.wait()
    }
}
