import AssayEvaluation
import AssayLanguage
import Foundation

extension Session {
    /// Works on the queued runs of the session's run store (`assay worker`) until interrupted
    /// (``interrupt()``, which the command calls on SIGINT and SIGTERM): the cases in flight then
    /// stop, the finished ones are stored, and the rest are left to other workers.
    ///
    /// Each run is rebuilt from its stored record as `rerun` rebuilds one in another process: its
    /// model by name from this session's configuration (with this machine's keys), its metrics and
    /// extraction, lambdas included, from their stored specs.
    ///
    /// - Parameters:
    ///   - concurrency: The most cases in flight.
    ///   - lease: How long a case stays leased without a heartbeat.
    ///   - report: Receives a line for each run started and each problem.
    /// - Returns: The number of results stored, or the reason the worker could not start.
    public func serveQueue(
        concurrency: Int, lease: Duration, report: @escaping @Sendable (String) -> Void
    ) -> Result<Int, ErrorReport> {
        let state = self.state
        interruption.clear()
        return worker.perform { state.value.serveQueue(concurrency: concurrency, lease: lease, report: report) }
    }

    /// The workers of the session's store whose heartbeat is recent, the longest-running first.
    ///
    /// - Returns: The workers, or why the store could not be read.
    public func liveWorkers() -> Result<[RunStore.WorkerRecord], ErrorReport> {
        let state = self.state
        return worker.perform {
            do throws(BuiltinFailure) {
                let store = try state.value.runs.store()
                do throws(RunStoreError) { return .success(try store.liveWorkers()) } catch {
                    return .failure(ErrorReport.store(error.message))
                }
            } catch {
                return .failure(ErrorReport.store(error.message))
            }
        }
    }
}

extension SessionState {
    func serveQueue(concurrency: Int, lease: Duration, report: @escaping @Sendable (String) -> Void) -> Result<Int, ErrorReport> {
        let context = runs
        let store: RunStore
        do throws(BuiltinFailure) { store = try context.store() } catch { return .failure(ErrorReport.store(error.message)) }
        let pump = context.pump
        let worker = QueueWorker(store: store, concurrency: concurrency, lease: lease, spec: { [unowned self] stored async throws(RunError) in
            let rebuilt = await pump.perform { () -> Result<RunSpec, BuiltinFailure> in
                do throws(BuiltinFailure) {
                    return .success(try RunBuiltins.rebuild(stored, state: self, replacingModel: nil, template: nil, metrics: nil, extract: nil))
                } catch {
                    return .failure(error)
                }
            }
            switch rebuilt {
            case .success(let spec): return spec
            case .failure(let failure): throw RunError(.invalidSpec, failure.oneLine)
            }
        }, report: report)
        report("worker \(worker.id) on \(store.place), \(concurrency) case\(concurrency == 1 ? "" : "s") at a time")
        return .success(pump.run(interruption: interpreter.interruption) { await worker.run() })
    }
}

extension ErrorReport {
    /// The report of a store that cannot be opened or read.
    static func store(_ message: String) -> ErrorReport {
        ErrorReport(name: "StoreError", message: message, lines: ["error: " + message])
    }
}
