import Synchronization

/// A one-shot signal that the kernel should stop, and why; the first reason wins.
package final class ShutdownSignal: Sendable {
    private struct State: Sendable {
        var exit: KernelExit?
        var waiters: [CheckedContinuation<KernelExit, Never>] = []
    }

    private let state = Mutex(State())

    /// Creates an unfired signal.
    package init() {}

    /// Fires the signal; later calls do nothing.
    package func fire(_ exit: KernelExit) {
        let waiters = state.withLock { state -> [CheckedContinuation<KernelExit, Never>] in
            guard state.exit == nil else { return [] }
            state.exit = exit
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.resume(returning: exit)
        }
    }

    /// The reason, once fired.
    package var exit: KernelExit? {
        state.withLock { $0.exit }
    }

    /// Waits until the signal fires.
    package func wait() async -> KernelExit {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state -> KernelExit? in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let fired {
                continuation.resume(returning: fired)
            }
        }
    }
}
