import Foundation
import Synchronization

/// Messages as JSON lines on a pair of file descriptors: `assay kernel --stdio`.
///
/// One message per line each way, `{"channel", "header", "parent_header", "metadata", "content"}`,
/// unsigned. Lines that are not messages are logged and skipped; end of input closes the transport.
package final class StdioTransport: KernelTransport {
    private let input: Int32
    private let output: Int32
    private let log: @Sendable (String) -> Void
    private let writeLock = Mutex(false)

    /// Creates a transport reading `input` and writing `output` (file descriptors).
    package init(input: Int32, output: Int32, log: @escaping @Sendable (String) -> Void) {
        self.input = input
        self.output = output
        self.log = log
    }

    /// Starts a thread reading lines until end of input.
    package func start(receiving receive: @escaping @Sendable (KernelMessage) -> Void, closed: @escaping @Sendable () -> Void) {
        let reader = LineReader(descriptor: input)
        let log = self.log
        let thread = Thread {
            var number = 0
            while let line = reader.nextLine() {
                number += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
                do {
                    receive(try LineCodec.decode(line))
                } catch {
                    log("stdin:\(number): dropped a line that is not a message: \(error)")
                }
            }
            closed()
        }
        thread.name = "assay-stdio-reader"
        thread.start()
    }

    /// Writes the message's line; lines from different threads never interleave.
    package func send(_ message: KernelMessage) {
        let line = LineCodec.encode(message)
        writeLock.withLock { isClosed in
            guard !isClosed else { return }
            line.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(output, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }

    /// Stops writing; every line was written when `send` returned.
    package func close() {
        writeLock.withLock { $0 = true }
    }
}
