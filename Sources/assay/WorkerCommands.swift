import ArgumentParser
import AssayEvaluation
import AssaySession
import AssayShell
import Foundation

/// `assay worker [--store URL] [--concurrency N] [--lease SECONDS]`.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Works on queued runs of a shared store until stopped (Ctrl-C or SIGTERM).",
        discussion: """
            Runs queued with run(…, queue: true) or assay run --queue are stored with their cases as work; any number \
            of workers, on any machines that reach the store, lease cases, evaluate them and store the results. Each \
            worker resolves model names and keys from its own configuration (models.json, .credentials.json, key_env): \
            keys never travel through the store. A worker that is killed loses its leases once they expire, and \
            another worker takes its cases; every case ends in the run exactly once.

            Examples:
              assay worker --store postgres://alice@db.internal/assay --concurrency 64
              ASSAY_STORE=postgres://alice@db.internal/assay assay worker
            """)

    @OptionGroup var store: StoreOption

    @Option(help: "Cases in flight at once.")
    var concurrency = 16

    @Option(help: ArgumentHelp("How long a case stays leased without a heartbeat before another worker may take it.", valueName: "seconds"))
    var lease: Double = 30

    @Flag(help: "Do not run the project's assay.init.")
    var noInit = false

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1, not \(concurrency)") }
        if !(lease >= 1) || !lease.isFinite { throw ValidationError("--lease must be at least 1 second") }
    }

    func run() throws {
        let session = Session()
        if !noInit, let failed = ScriptRunner(session: session, keepsGoing: false).runInitScript() { throw ExitCode(failed.rawValue) }
        // Ctrl-C and SIGTERM stop the worker: the cases in flight stop, the finished ones are stored.
        let interrupts = Interrupts(session, signals: [SIGINT, SIGTERM])
        defer { interrupts.stop() }
        let report: @Sendable (String) -> Void = { StandardStreams.write("assay worker: \($0)\n", to: .stderr) }
        switch session.serveQueue(concurrency: concurrency, lease: .milliseconds(Int(lease * 1000)), report: report) {
        case .success(let stored):
            report("stopped after storing \(stored) result\(stored == 1 ? "" : "s")")
        case .failure(let error):
            StandardStreams.write("assay: error: \(error.message)\n", to: .stderr)
            throw ExitCode(1)
        }
    }
}

/// `assay workers [--store URL]`.
struct WorkersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers", abstract: "The workers of the store that are alive (a heartbeat in the last 15 seconds).",
        discussion: "Examples:\n  assay workers\n  assay workers --store postgres://alice@db.internal/assay")

    @OptionGroup var store: StoreOption

    func run() throws {
        switch Session().liveWorkers() {
        case .success(let workers):
            guard !workers.isEmpty else {
                StandardStreams.write("no live workers\n", to: .stdout)
                return
            }
            let now = Date()
            var lines = ["worker                               host             pid      concurrency  results  up"]
            for worker in workers {
                let up = Int(now.timeIntervalSince(worker.startedAt))
                lines.append([
                    worker.id.padding(toLength: 36, withPad: " ", startingAt: 0), worker.host.padding(toLength: 16, withPad: " ", startingAt: 0),
                    String(worker.pid).padding(toLength: 8, withPad: " ", startingAt: 0),
                    String(worker.concurrency).padding(toLength: 12, withPad: " ", startingAt: 0),
                    String(worker.finished).padding(toLength: 8, withPad: " ", startingAt: 0), "\(up / 60)m\(up % 60)s",
                ].joined(separator: " "))
            }
            StandardStreams.write(lines.joined(separator: "\n") + "\n", to: .stdout)
        case .failure(let error):
            StandardStreams.write("assay: error: \(error.message)\n", to: .stderr)
            throw ExitCode(1)
        }
    }
}
