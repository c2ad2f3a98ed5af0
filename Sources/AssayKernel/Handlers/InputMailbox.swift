import Dispatch
import Synchronization

/// Where the answer to an `input_request` arrives while the cell that asked waits for it.
///
/// The cell blocks the session's thread (input is synchronous there); the answer comes from the
/// transport's thread. A reply that names another request as its parent is ignored, so a late answer
/// to a cancelled request cannot satisfy the next one. A reply without a parent answers whatever is
/// pending: jupyter_client's `input()` sends its `input_reply` with an empty parent header.
package final class InputMailbox: Sendable {
    private enum Slot: Sendable {
        case empty
        case waiting(requestID: String)
        case answered(String)
        case cancelled
    }

    private let slot = Mutex<Slot>(.empty)
    private let arrival = DispatchSemaphore(value: 0)

    /// Creates an empty mailbox.
    package init() {}

    /// Marks `requestID` as the request whose answer is awaited.
    package func expect(_ requestID: String) {
        slot.withLock { $0 = .waiting(requestID: requestID) }
    }

    /// Delivers an answer; ignored when nothing is pending or when it names another request.
    package func deliver(_ value: String, inReplyTo requestID: String?) {
        let accepted = slot.withLock { slot -> Bool in
            guard case .waiting(let pending) = slot, requestID == nil || requestID == pending else { return false }
            slot = .answered(value)
            return true
        }
        if accepted { arrival.signal() }
    }

    /// Gives up on the pending request (interrupt or shutdown): the waiting cell gets nil.
    package func cancel() {
        let wasWaiting = slot.withLock { slot -> Bool in
            guard case .waiting = slot else { return false }
            slot = .cancelled
            return true
        }
        if wasWaiting { arrival.signal() }
    }

    /// Blocks until the pending request is answered (the value) or cancelled (nil).
    package func wait() -> String? {
        while true {
            arrival.wait()
            let outcome = slot.withLock { slot -> String?? in
                switch slot {
                case .answered(let value):
                    slot = .empty
                    return .some(value)
                case .cancelled:
                    slot = .empty
                    return .some(nil)
                case .empty, .waiting:
                    return nil
                }
            }
            if let outcome { return outcome }
        }
    }
}
