import Synchronization

/// A queue of requests for one channel, numbered in arrival order.
///
/// Numbers let `stop_on_error` abort exactly the requests that were already waiting when a cell
/// failed, without draining the queue.
package final class RequestInbox: Sendable {
    /// A request and its place in the arrival order.
    package struct Entry: Sendable {
        /// 1 for the first request received, then 2, 3, …
        package var sequence: Int
        /// The request.
        package var message: KernelMessage
    }

    /// The requests, in order.
    package let entries: AsyncStream<Entry>
    private let continuation: AsyncStream<Entry>.Continuation
    private let lastSequence = Mutex(0)

    /// Creates an empty inbox.
    package init() {
        (entries, continuation) = AsyncStream.makeStream(of: Entry.self)
    }

    /// Queues a request.
    package func push(_ message: KernelMessage) {
        lastSequence.withLock { last in
            last += 1
            // Yielding under the lock keeps sequence numbers in stream order.
            continuation.yield(Entry(sequence: last, message: message))
        }
    }

    /// The number of the latest request received.
    package var latestSequence: Int {
        lastSequence.withLock { $0 }
    }

    /// Ends the stream once the queued requests are consumed.
    package func finish() {
        continuation.finish()
    }
}
