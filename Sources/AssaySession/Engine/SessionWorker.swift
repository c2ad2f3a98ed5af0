import Foundation
import Synchronization

/// A thread with a large stack that runs one job at a time, in order.
///
/// The interpreter recurses on nested expressions and lambda calls; the worker's 64 MiB stack keeps
/// deep but legal input from overflowing where a default 512 KiB thread would. Jobs block the
/// worker, never a Swift concurrency thread.
final class SessionWorker: Sendable {
    private let queue = JobQueue()

    init() {
        let thread = Thread { [queue] in
            while true { queue.next()() }
        }
        thread.stackSize = 64 << 20
        thread.name = "assay-session"
        thread.start()
    }

    /// Runs a job on the worker and waits for its result.
    func perform<Result: Sendable>(_ job: @escaping @Sendable () -> Result) -> Result {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Result>()
        queue.append {
            box.store(job())
            done.signal()
        }
        done.wait()
        return box.take()
    }

    /// Runs a job on the worker without blocking the caller's thread.
    func perform<Result: Sendable>(_ job: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.append { continuation.resume(returning: job()) }
        }
    }
}

/// A first-in, first-out queue of jobs that a consumer waits on.
private final class JobQueue: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let available = DispatchSemaphore(value: 0)

    func append(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        available.signal()
    }

    func next() -> @Sendable () -> Void {
        available.wait()
        return jobs.withLock { $0.removeFirst() }
    }
}

/// Carries one result from the worker thread back to the waiting caller.
private final class ResultBox<Value: Sendable>: Sendable {
    private let slot = Mutex<Value?>(nil)

    func store(_ value: Value) { slot.withLock { $0 = value } }

    func take() -> Value { slot.withLock { $0! } }
}
