import Dispatch
import Foundation

/// Runs row-wise work of the forward pass on all cores, in contiguous or interleaved shares.
///
/// BLAS already spreads the large matrix products over its own threads; this covers the rest
/// (attention per sequence, activation, normalisation), which would otherwise run on one core.
enum ParallelWork {
    /// The number of cores the process may use.
    static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body(worker, workers)` once per worker, concurrently when there is more than one.
    ///
    /// - Parameters:
    ///   - items: The amount of work, used to decide how many workers are worth starting.
    ///   - minimumPerWorker: Below this many items per worker, fewer workers are used.
    ///   - body: Called with the worker's index and the number of workers.
    static func run(items: Int, minimumPerWorker: Int, _ body: @Sendable (_ worker: Int, _ workers: Int) -> Void) {
        let workers = min(coreCount, max(1, items / max(1, minimumPerWorker)))
        if workers == 1 {
            body(0, 1)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                body(worker, workers)
            }
        }
    }

    /// Runs `body` on contiguous shares of `rows` rows, concurrently.
    static func forEachRowRange(rows: Int, minimumRowsPerWorker: Int, _ body: @Sendable (Range<Int>) -> Void) {
        run(items: rows, minimumPerWorker: minimumRowsPerWorker) { worker, workers in
            body(rows * worker / workers ..< rows * (worker + 1) / workers)
        }
    }
}

/// A buffer address handed to the workers of one ``ParallelWork`` call.
///
/// `@unchecked Sendable` is safe because of how the forward pass uses it: the address is only
/// captured by workers of a single `ParallelWork.run`, which returns after every worker has
/// finished, so the memory outlives all accesses; and the workers write disjoint row ranges
/// (or disjoint sequences) while only reading memory that no worker writes during the call.
struct WorkerPointer: @unchecked Sendable {
    let address: UnsafeMutablePointer<Float>

    init(_ address: UnsafeMutablePointer<Float>) {
        self.address = address
    }

    init(_ address: UnsafePointer<Float>) {
        self.address = UnsafeMutablePointer(mutating: address)
    }
}
