@testable import AssayEvaluation
import AssayMockServer
import Foundation
import Testing

/// A queued run's `max_cost` held across `assay worker` processes, driven through the executable
/// against a mock server that reports each call's usage.
@Suite("A budget held across workers")
struct QueueBudgetCommandTests {
    static let caseCount = 200
    static let workerConcurrency = 4
    /// $1,000 per million input tokens and $3,000 per million output tokens: a few cents a call.
    static let price = ModelPrice(input: 1000, output: 3000)

    @Test("two workers stop a followed queued run at its budget together, every request made is kept, and resume completes it",
          arguments: StoreBackend.available)
    func workersShareTheBudget(backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let url = made.url
        let server = try await MockServer.start(MockServerConfiguration(latency: .milliseconds(20), policy: .echo))
        let project = try RunProject()
        defer { project.folder.remove() }
        try project.writeModels(baseURL: server.baseURL, price: Self.price)
        try project.writeCases(count: Self.caseCount)
        _ = try project.folder.write("Q: {{ input }}", to: "prompt.txt")
        let runArguments = ["run", "cases.jsonl", "--template", "prompt.txt", "--model", "local", "--metric", "exact"]

        // The full cost, from a complete run in one process on the project's own store.
        let full = try await AssayCommand.run(runArguments, in: project.url, environment: project.environment)
        #expect(full.status == 0, "\(full.standardError)")
        let reference = try project.openStore()
        let fullRun = try await reference.load(try #require(try await reference.runs().first?.id))
        let fullCost = try #require(fullRun.cost.total)
        let perRequest = fullCost / Double(Self.caseCount)
        #expect(fullRun.results.allSatisfy { abs((RunCost.cost(of: $0, price: Self.price) ?? 0) - perRequest) < 1e-12 },
                "every echo costs the same")

        var environment = project.environment
        environment["ASSAY_STORE"] = url
        let worker = ["worker", "--concurrency", "\(Self.workerConcurrency)"]
        let workers = try (0 ..< 2).map { _ in try AssayCommand.start(worker, in: project.url, environment: environment) }
        let maxCost = fullCost / 2
        let requestsBefore = server.stats.totalRequests
        let followed = try await AssayCommand.run(runArguments + ["--queue", "--max-cost", "\(maxCost)"], in: project.url,
                                                  environment: environment)
        let requestsMade = server.stats.totalRequests - requestsBefore
        for child in workers { child.send(SIGTERM) }
        for child in workers {
            let outcome = await child.outcome()
            #expect(outcome.status == 0 && !outcome.wasKilledBySignal, "\(outcome.standardError)")
        }
        #expect(followed.status == 0, "\(followed.standardError)")
        #expect(followed.standardError.contains("stopped at its budget"), "\(followed.standardError)")

        let id = try #require(try await made.store.runs().first?.id)
        let stopped = try await made.store.load(id)
        #expect(stopped.record.status == .budgetExhausted)
        let spent = try #require(stopped.cost.total)
        let inFlight = Double(2 * Self.workerConcurrency)
        #expect(spent <= maxCost + inFlight * perRequest + 1e-12, "spent \(spent) of \(maxCost); at most the requests in flight may go over")
        #expect(Double(stopped.results.count) >= maxCost / perRequest - inFlight - 1,
                "\(stopped.results.count) results: the workers stopped no earlier than their requests in flight require")
        #expect(stopped.results.count < Self.caseCount)
        #expect(requestsMade == stopped.results.count, "every request made, those in flight at the stop included, is kept")
        #expect(stopped.results.allSatisfy { $0.status == .ok })
        #expect(try made.store.remainingWork(of: id) == 0)
        let budget = try #require(try made.store.budget(of: id))
        #expect(budget.exhausted && budget.held == 0)
        #expect(abs(budget.spent - spent) < 1e-9, "the ledger's spend is the stored results' cost")

        // Resumed in one process with a higher budget, the run completes with the rest.
        let resumed = try await AssayCommand.run(["resume", ConfigurationCoding.text(id), "--max-cost", "\(fullCost * 2)", "--store", url],
                                                 in: project.url, environment: project.environment)
        await server.shutdown()
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let completed = try await made.store.load(id)
        #expect(completed.record.status == .completed)
        #expect(completed.results.count == Self.caseCount)
        #expect(Set(completed.results.map(\.caseID)).count == Self.caseCount)
    }
}
