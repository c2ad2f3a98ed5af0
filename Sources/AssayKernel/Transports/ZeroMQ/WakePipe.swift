import Foundation

/// A pipe that wakes the I/O thread out of `zmq_poll` when there is something to send.
///
/// Any thread may call ``wake()``; the I/O thread polls ``readDescriptor`` next to its sockets and
/// calls ``drain()`` when it becomes readable.
final class WakePipe: Sendable {
    /// The end the I/O thread polls.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() throws(ZeroMQError) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ZeroMQError(description: "pipe: \(String(cString: strerror(errno)))") }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    /// Makes the read end readable (a full pipe is already readable, so a failed write is fine).
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while buffer.withUnsafeMutableBytes({ read(readDescriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
