import AssayEvaluation
import Synchronization

/// The verdicts of a session's `expect` calls, in order: what a script's exit status and a JUnit
/// report are made of. Safe to read from any thread.
final class ExpectationLedger: Sendable {
    private let outcomes = Mutex<[ExpectationOutcome]>([])

    func record(_ outcome: ExpectationOutcome) {
        outcomes.withLock { $0.append(outcome) }
    }

    var all: [ExpectationOutcome] {
        outcomes.withLock { $0 }
    }
}

extension Session {
    /// How many expectations (`expect`) the session has checked.
    public var checkedExpectations: Int {
        state.value.expectations.all.count
    }

    /// The lines of the expectations that failed, in order (`FAIL exact >= 0.9 · run 1f3a9c2e: …`):
    /// a script with any exits with status 2.
    public var failedExpectations: [String] {
        state.value.expectations.all.filter { !$0.passed }.map(\.line)
    }
}
