import NIOConcurrencyHelpers

/// The writing of a new run's row and cases into the store, under way while the run's first cases
/// are sent.
///
/// Storing a large suite's cases takes about 8 us a case (two rows each), which at 100,000 cases
/// held back every request for most of a second. Nothing needs those rows before the first result
/// is written: the result writer waits for them (``finished()``), and the runner stops sending
/// cases once the creation has failed (``failure``). A process killed before the creation commits
/// leaves no run, as one killed before a run started always has.
final class RunCreation: Sendable {
    private let task: Task<RunStoreError?, Never>
    /// Nil while under way; then the creation's error, or `.some(nil)` when it succeeded.
    private let outcome: NIOLockedValueBox<RunStoreError??>

    /// Starts `create` in a task of its own, which a cancelled run does not cancel.
    init(_ create: @escaping @Sendable () async throws(RunStoreError) -> Void) {
        let outcome = NIOLockedValueBox<RunStoreError??>(nil)
        self.outcome = outcome
        task = Task.detached {
            do throws(RunStoreError) {
                try await create()
                outcome.withLockedValue { $0 = .some(nil) }
                return nil
            } catch {
                outcome.withLockedValue { $0 = .some(error) }
                return error
            }
        }
    }

    /// Waits for the creation; returns its error if it failed.
    func finished() async -> RunStoreError? {
        await task.value
    }

    /// The error of a creation that has already failed; nil while it is under way or once it
    /// has succeeded.
    var failure: RunStoreError? {
        outcome.withLockedValue { $0 ?? nil }
    }
}
