import Dispatch
import Foundation

/// Turns a signal into a call on a dispatch queue rather than in a signal handler: SIGINT
/// (Jupyter's "interrupt kernel" in signal mode) stops the running cell and an idle kernel simply
/// carries on; SIGTERM lets the kernel finish the request it is handling, then stop.
final class SignalHandler {
    private let source: any DispatchSourceSignal

    /// Starts handling `signal` with `action`.
    init(_ signal: Int32, _ action: @escaping @Sendable () -> Void) {
        // The default action would end the process; ignoring the signal lets the dispatch source
        // see it instead.
        Foundation.signal(signal, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
        source.setEventHandler(handler: action)
        source.resume()
    }

    /// Stops handling the signal.
    func cancel() {
        source.cancel()
    }
}
