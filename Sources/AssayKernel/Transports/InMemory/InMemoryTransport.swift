import Foundation
import Synchronization

/// A transport that keeps messages in memory: tests play the client through it.
///
/// ``deliver(_:)`` hands the kernel a message as if a client sent it; everything the kernel sends
/// is kept in ``sentMessages`` in order.
package final class InMemoryTransport: KernelTransport {
    private struct State: Sendable {
        var receive: (@Sendable (KernelMessage) -> Void)?
        var closed: (@Sendable () -> Void)?
        var sent: [KernelMessage] = []
        var isClosed = false
    }

    /// Why waiting for messages failed.
    package struct Timeout: Error, CustomStringConvertible {
        /// What was sent before time ran out.
        package var sent: [String]
        /// Creates a timeout error listing what was sent.
        package init(sent: [String]) {
            self.sent = sent
        }

        /// Lists the message types sent so far.
        package var description: String { "timed out; sent so far: \(sent.joined(separator: ", "))" }
    }

    private let state = Mutex(State())

    /// Creates a transport with nothing sent.
    package init() {}

    /// Remembers where received messages go.
    package func start(receiving receive: @escaping @Sendable (KernelMessage) -> Void, closed: @escaping @Sendable () -> Void) {
        state.withLock {
            $0.receive = receive
            $0.closed = closed
        }
    }

    /// Records a message the kernel sends.
    package func send(_ message: KernelMessage) {
        state.withLock { $0.sent.append(message) }
    }

    /// Marks the transport closed.
    package func close() {
        state.withLock { $0.isClosed = true }
    }

    /// Hands the kernel a message as if a client sent it.
    package func deliver(_ message: KernelMessage) {
        let receive = state.withLock { $0.receive }
        receive?(message)
    }

    /// Ends the input, as EOF does on stdio.
    package func endInput() {
        let closed = state.withLock { $0.closed }
        closed?()
    }

    /// Everything the kernel sent, in order.
    package var sentMessages: [KernelMessage] {
        state.withLock { $0.sent }
    }

    /// Whether the kernel closed the transport.
    package var isClosed: Bool {
        state.withLock { $0.isClosed }
    }

    /// Waits until the messages sent satisfy `condition`, then returns them.
    ///
    /// - Throws: ``Timeout`` when they do not within `timeout`.
    package func waitUntil(timeout: Duration = .seconds(10), _ condition: ([KernelMessage]) -> Bool) async throws -> [KernelMessage] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let sent = sentMessages
            if condition(sent) { return sent }
            if clock.now >= deadline { throw Timeout(sent: sent.map(\.msgType)) }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}
