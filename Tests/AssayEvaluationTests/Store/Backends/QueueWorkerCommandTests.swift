import AssayCore
@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// Queued runs and `assay worker` processes, driven through the executable against a mock server.
@Suite("Workers draining a queued run, one killed part-way")
struct QueueWorkerCommandTests {
    static let caseCount = 2000

    /// Polls `condition` every 20 ms until it holds, failing after `seconds`.
    static func waitUntil(_ what: String, within seconds: Double, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while try !condition() {
            guard ContinuousClock.now < deadline else { throw CommandError("\(what) did not happen within \(seconds) s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("a 2,000-case queued run ends with every case exactly once, as an in-process run scores it, after a worker is SIGKILLed",
          arguments: StoreBackend.available)
    func killedWorker(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let url = made.url
        let server = try await MockServer.start(MockServerConfiguration(latency: .milliseconds(20), policy: .echo))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL)
        try project.writeCases(count: Self.caseCount)
        _ = try project.folder.write("Q: {{ input }}", to: "prompt.txt")
        let runArguments = ["run", "cases.jsonl", "--template", "prompt.txt", "--model", "local", "--metric", "exact", "--metric", "contains"]

        let queued = try await AssayCommand.run(runArguments + ["--queue", "--no-wait", "--store", url], in: project.url,
                                                environment: project.environment)
        #expect(queued.status == 0, "\(queued.standardError)")
        let id = try #require(try await made.store.runs().first?.id)
        #expect(try made.store.remainingWork(of: id) == Self.caseCount)

        var environment = project.environment
        environment["ASSAY_STORE"] = url
        let worker = ["worker", "--concurrency", "8", "--lease", "2"]
        let first = try AssayCommand.start(worker, in: project.url, environment: environment)
        let second = try AssayCommand.start(worker, in: project.url, environment: environment)
        try await Self.waitUntil("a fifth of the results", within: 120) {
            (try made.store.record(id: id)?.counts.finished ?? 0) >= Self.caseCount / 5
        }
        first.send(SIGKILL)
        let killed = await first.outcome()
        #expect(killed.wasKilledBySignal)
        #expect(try made.store.record(id: id)?.status == .queued, "killed part-way")
        let third = try AssayCommand.start(worker, in: project.url, environment: environment)
        try await Self.waitUntil("the run's completion", within: 180) { try made.store.record(id: id)?.status == .completed }
        for child in [second, third] { child.send(SIGTERM) }
        for child in [second, third] {
            let outcome = await child.outcome()
            #expect(outcome.status == 0 && !outcome.wasKilledBySignal, "\(outcome.standardError)")
            #expect(outcome.standardError.contains("stopped after storing"))
        }

        let run = try await made.store.load(id)
        #expect(run.results.count == Self.caseCount)
        #expect(Set(run.results.map(\.caseID)).count == Self.caseCount, "every case exactly once")
        #expect(run.record.counts == RunCounts(expected: Self.caseCount, finished: Self.caseCount, ok: Self.caseCount, errors: 0, cached: 0))
        #expect(run.record.summary != nil, "the worker that completed the run stored its summary")
        #expect(try made.store.remainingWork(of: id) == 0)
        #expect(try made.store.liveWorkers().count <= 1, "stopped workers leave the list (the killed one stays until its heartbeat is stale)")
        #expect(server.stats.totalRequests >= Self.caseCount, "the workers asked the model")

        // The same suite run in one process, on a store of its own, scores every case the same.
        let local = try await AssayCommand.run(runArguments, in: project.url, environment: project.environment)
        #expect(local.status == 0, "\(local.standardError)")
        await server.shutdown()
        let reference = try project.openStore()
        let referenceRun = try await reference.load(try #require(try await reference.runs().first?.id))
        func scored(_ results: [CaseResult]) -> [String] {
            results.map { "\($0.caseID) \($0.sample) \($0.status.rawValue) \($0.output ?? "-") \(JSONValue.object($0.metrics).serialized())" }
        }
        #expect(scored(run.results) == scored(referenceRun.results))
    }

    @Test("run(…, queue: true) waits while a worker fills the run in, its lambda metric rebuilt from the stored source",
          arguments: StoreBackend.available)
    func followedRun(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let server = try await MockServer.start(MockServerConfiguration(policy: .echo))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL)
        try project.writeCases(count: 40)
        var environment = project.environment
        environment["ASSAY_STORE"] = made.url
        let worker = try AssayCommand.start(["worker", "--concurrency", "4"], in: project.url, environment: environment)
        let code = #"r = run(load("cases.jsonl"), template: "Q: {{ input }}", model: "local", metrics: [{long: c => len(c/output) > 13}], queue: true); [r/status, r/counts/finished, r/summary/long/mean]"#
        let followed = try await AssayCommand.run(["-c", code], in: project.url, environment: environment)
        worker.send(SIGTERM)
        let stopped = await worker.outcome()
        await server.shutdown()
        #expect(followed.standardOutput == "[\"completed\", 40, 0.75]\n", "\(followed.standardError)")
        #expect(stopped.status == 0, "\(stopped.standardError)")
        #expect(stopped.standardError.contains("stopped after storing 40 results"), "\(stopped.standardError)")
    }
}
