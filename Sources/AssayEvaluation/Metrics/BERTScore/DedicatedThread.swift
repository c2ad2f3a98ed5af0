import Foundation

/// Long arithmetic (tokenizing many texts, an encoder pass) run on a thread of its own.
enum DedicatedThread {
    /// Runs work on a new thread and waits for it without holding a thread of the cooperative
    /// pool, so that seconds of arithmetic on every core never occupy one.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }
}
