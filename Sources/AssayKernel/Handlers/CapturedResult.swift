import AssaySession
import Synchronization

/// Keeps the result of a quiet evaluation and drops every other event.
final class CapturedResult: Sendable {
    private let result = Mutex<MIMEBundle?>(nil)

    /// Records a result event.
    func receive(_ event: SessionEvent) {
        if case .result(let bundle) = event {
            result.withLock { $0 = bundle }
        }
    }

    /// The last result seen.
    var bundle: MIMEBundle? {
        result.withLock { $0 }
    }
}
