import AssaySession
import Synchronization

/// Collects a cell's events for tests.
final class EventRecorder: Sendable {
    private let events = Mutex<[SessionEvent]>([])

    func record(_ event: SessionEvent) {
        events.withLock { $0.append(event) }
    }

    var all: [SessionEvent] { events.withLock { $0 } }

    /// Standard output as the script runner prints it: streams, results and displays.
    var standardOutput: String {
        all.map { event -> String in
            switch event {
            case .stream(.stdout, let text): return text
            case .result(let bundle), .display(let bundle, _), .page(let bundle): return bundle.plainText + "\n"
            default: return ""
            }
        }.joined()
    }

    var standardOutputLines: [String] {
        var lines = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    var errors: [ErrorReport] {
        all.compactMap { if case .error(let report) = $0 { return report } else { return nil } }
    }

    var errorLines: [String] { errors.flatMap(\.lines) }

    var results: [MIMEBundle] {
        all.compactMap { if case .result(let bundle) = $0 { return bundle } else { return nil } }
    }
}
