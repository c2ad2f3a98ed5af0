import AssayLanguage
import Foundation
import Synchronization

/// Runs asynchronous work (a run, a model call) from the session's worker thread while letting
/// that work call back onto the thread, where the interpreter lives.
///
/// A run evaluates user lambdas (extractions, metrics) from concurrent tasks; the interpreter is
/// not thread-safe, so each such call is queued here and executed by the worker thread, which
/// waits for the run by pumping this queue. An interrupt (Ctrl-C, the kernel's interrupt) cancels
/// the work's task; the work then stops promptly and returns what it has.
final class WorkerPump: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Runs `operation` to completion, executing queued callbacks on the calling thread meanwhile.
    ///
    /// - Parameters:
    ///   - interruption: Polled while waiting; once raised, the operation's task is cancelled.
    ///   - operation: The work; it sees `Task.isCancelled` after an interrupt.
    /// - Returns: The operation's result (it decides what a cancelled run returns).
    func run<Result: Sendable>(
        interruption: InterruptionFlag, _ operation: @escaping @Sendable () async -> Result
    ) -> Result {
        let outcome = Mutex<Result?>(nil)
        let task = Task { [wakeUp] in
            let result = await operation()
            outcome.withLock { $0 = result }
            wakeUp.signal()
        }
        var cancelled = false
        while true {
            _ = wakeUp.wait(timeout: .now() + .milliseconds(50))
            drain()
            if let result = outcome.withLock({ $0 }) {
                drain()
                return result
            }
            if !cancelled && interruption.isRaised {
                cancelled = true
                task.cancel()
            }
        }
    }

    /// Executes `job` on the pumping thread and returns its result; called from the work's tasks.
    func perform<Result: Sendable>(_ job: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            jobs.withLock { $0.append { continuation.resume(returning: job()) } }
            wakeUp.signal()
        }
    }

    private func drain() {
        while let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            job()
        }
    }
}
