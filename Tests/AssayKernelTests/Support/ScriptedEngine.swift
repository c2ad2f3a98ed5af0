import AssayKernel
import AssaySession
import Foundation
import Synchronization

/// An engine whose cells do what a test scripted for their code, so kernel tests need no interpreter.
///
/// Code without a script succeeds and shows the code itself as its `text/plain` result.
final class ScriptedEngine: KernelEngine {
    typealias Script = @Sendable (_ request: ExecutionRequest, _ sink: @Sendable (SessionEvent) -> Void, _ engine: ScriptedEngine) async -> ExecutionOutcome

    private struct State {
        var scripts: [String: Script] = [:]
        var executed: [ExecutionRequest] = []
        var interruptions = 0
    }

    private let state = Mutex(State())
    private let interruption = Atomic(false)

    /// Scripts what running `code` does.
    func script(_ code: String, _ script: @escaping Script) {
        state.withLock { $0.scripts[code] = script }
    }

    /// Scripts `code` to emit events, then end with `outcome`.
    func script(_ code: String, events: [SessionEvent], outcome: ExecutionOutcome = .success) {
        script(code) { _, sink, _ in
            events.forEach(sink)
            return outcome
        }
    }

    /// Scripts `code` to run until interrupted.
    func scriptBlockingUntilInterrupted(_ code: String) {
        script(code) { _, _, engine in
            while !engine.isInterrupted {
                try? await Task.sleep(for: .milliseconds(2))
            }
            return .interrupted
        }
    }

    /// The requests run so far.
    var executed: [ExecutionRequest] {
        state.withLock { $0.executed }
    }

    /// The codes run so far.
    var executedCode: [String] {
        executed.map(\.code)
    }

    /// How many times the kernel interrupted this engine.
    var interruptions: Int {
        state.withLock { $0.interruptions }
    }

    /// Whether an interrupt arrived since the current cell started.
    var isInterrupted: Bool {
        interruption.load(ordering: .acquiring)
    }

    func execute(_ request: ExecutionRequest, sink: @escaping @Sendable (SessionEvent) -> Void) async -> ExecutionOutcome {
        interruption.store(false, ordering: .releasing)
        let script = state.withLock { state -> Script? in
            state.executed.append(request)
            return state.scripts[request.code]
        }
        if let script {
            return await script(request, sink, self)
        }
        sink(.result(MIMEBundle(plainText: request.code)))
        return .success
    }

    func complete(_ code: String, cursor: Int) async -> CompletionResult {
        // Completes the word before the cursor against a fixed vocabulary.
        let scalars = Array(code.unicodeScalars)
        var start = cursor
        while start > 0, CharacterSet.alphanumerics.contains(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<cursor]))
        let matches = ["print", "println", "len", "load"].filter { $0.hasPrefix(prefix) }
        return CompletionResult(matches: matches, start: start, end: cursor)
    }

    func inspect(_ code: String, cursor: Int) async -> MIMEBundle? {
        code.contains("len") ? MIMEBundle(plainText: "len(x): the number of elements of x") : nil
    }

    func isComplete(_ code: String) -> CodeCompleteness {
        if code.hasSuffix("(") { return .incomplete(indent: "    ") }
        if code.contains(")") && !code.contains("(") { return .invalid }
        return .complete
    }

    func interrupt() {
        state.withLock { $0.interruptions += 1 }
        interruption.store(true, ordering: .releasing)
    }
}

/// Runs blocking work (such as a cell waiting for `input_reply`) on a thread of its own.
///
/// The real session calls `readInput` on its worker thread; a scripted cell runs on Swift's
/// cooperative pool, which has as few threads as the machine has cores, so blocking it there could
/// starve the tests running beside it.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
