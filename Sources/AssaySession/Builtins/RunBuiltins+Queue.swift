import AssayEvaluation
import AssayLanguage
import Foundation

/// `run(…, queue: true)`: a run stored as work for `assay worker` processes, followed here.
extension RunBuiltins {
    /// The keywords of a queued run: `queue: true` stores the run as work; `wait: false` returns at
    /// once instead of following it.
    static let queueKeywords = ["queue", "wait"]

    /// Whether to wait for a queued run (nil when the run is not queued).
    static func queueMode(_ arguments: CallArguments) throws(BuiltinFailure) -> Bool? {
        let wait = try arguments.boolean("wait")
        guard try arguments.boolean("queue") == true else {
            if wait != nil { throw BuiltinFailure(message: "wait: applies to queued runs only", hint: "add queue: true", argument: "wait") }
            return nil
        }
        return wait ?? true
    }

    /// Stores the spec as a queued run and, when `wait`, follows it with a progress display until
    /// the workers have finished it; returns the run as it then is.
    static func executeQueued(_ given: RunSpec, state: SessionState, wait: Bool) throws(BuiltinFailure) -> Value {
        let context = state.runs
        let runner = Runner(store: try context.store())
        var prepared = given
        prepared.provenance = context.provenance()
        let spec = prepared
        let id = UUID()
        context.liveSpecs[id] = spec
        let sink = state.sink
        let progress = progressDisplay(state)
        let outcome = context.pump.run(interruption: state.interpreter.interruption) { () -> Result<RunRecord, RunError> in
            do throws(RunError) {
                let queued = try await runner.enqueue(spec, id: id)
                guard wait else { return .success(queued) }
                return .success(try await runner.follow(id, progress: progress))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let record):
            if record.status == .queued, wait {
                // Interrupted while following: the run goes on in the workers.
                let counts = record.counts
                sink(.stream(.stderr, "stopped following run \(record.idText.prefix(8)) at \(counts.finished) of \(counts.expected) results; "
                             + "the workers go on: runs(\"\(record.idText.prefix(8))\") shows it as it fills in\n"))
                throw BuiltinFailure(propagating: .interrupted)
            }
            let object = try context.object(for: record)
            if record.status == .budgetExhausted { sink(.stream(.stderr, budgetMessage(object) + "\n")) }
            if !wait {
                sink(.stream(.stderr, "run \(record.idText.prefix(8)) queued: \(record.counts.expected) results for `assay worker` processes "
                             + "on this store to fill in\n"))
            }
            return .object(object)
        case .failure(let error):
            throw BuiltinFailure(message: error.message, id: error.code == .invalidSpec ? "argument.invalid" : "io.run")
        }
    }
}
