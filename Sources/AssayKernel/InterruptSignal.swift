import Dispatch
import Foundation

/// Turns SIGINT into a call, so Jupyter's "interrupt kernel" (signal mode) stops the running cell
/// and an idle kernel simply carries on.
final class InterruptSignal {
    private let source: any DispatchSourceSignal

    /// Starts handling SIGINT with `action`, on a dispatch queue rather than in a signal handler.
    init(_ action: @escaping @Sendable () -> Void) {
        // The default action would end the process; ignoring the signal lets the dispatch source
        // see it instead.
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: action)
        source.resume()
    }

    /// Stops handling SIGINT.
    func cancel() {
        source.cancel()
    }
}
