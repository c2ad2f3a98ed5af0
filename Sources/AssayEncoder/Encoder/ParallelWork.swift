import Dispatch
import Foundation
import Synchronization

/// Spreads independent pieces of the forward pass over the cores, one thread per core.
///
/// The encoder runs whole groups of sequences on each worker, with BLAS kept to one thread (see
/// ``MatrixProduct/useCallingThreadOnly()``), so no core waits on another between layers and BLAS
/// threads never compete with the workers for the cores.
enum ParallelWork {
    /// The number of cores the process may use.
    static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` once for each index in `0 ..< count`, on up to ``coreCount`` threads.
    ///
    /// Workers take the next index as they finish the previous one, so items of unequal cost
    /// still keep every core busy; items given longest first balance best. Returns when every
    /// call has returned.
    static func forEach(count: Int, _ body: @Sendable (_ index: Int) -> Void) {
        forEach(count: count, workerState: {}) { _, index in body(index) }
    }

    /// Calls `body` once for each index in `0 ..< count`, on up to ``coreCount`` threads, each
    /// worker with a state of its own that it passes to every call it makes.
    ///
    /// - Parameters:
    ///   - workerState: Makes a worker's state (scratch memory, say) when the worker starts.
    ///   - body: Handles one index with the calling worker's state.
    static func forEach<State>(
        count: Int, workerState: @Sendable () -> State, _ body: @Sendable (_ state: inout State, _ index: Int) -> Void
    ) {
        let workers = min(coreCount, count)
        guard workers > 1 else {
            var state = workerState()
            for index in 0..<count {
                body(&state, index)
            }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = workerState()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                body(&state, index)
            }
        }
    }
}
