import Foundation
import Testing

/// `max_cost` from the command line: a script's run stops at its budget, and
/// `assay resume RUN --max-cost DOLLARS` completes it.
@Suite("Budgets from the command line")
struct BudgetCommandTests {
    @Test("a run stopped at its budget says so on stderr and exits 0; assay resume --max-cost completes it")
    func stopAndResume() async throws {
        let project = try RunCommandTests.Project()
        // Prompts of two words and answers of two: $0.01 a call, $0.06 for the six cases.
        try #"[{"name": "priced", "type": "MOCK", "mock": "perfect", "latency_ms": 20, "price": {"input": 2000, "output": 3000}}]"#
            .write(to: project.directory.appendingPathComponent("models.json"), atomically: true, encoding: .utf8)
        let stopped = try await project.assay(
            "-c", #"run(load("cases.jsonl"), template: "{{ input }}", model: "priced", concurrency: 1, max_cost: 0.035)"#)
        #expect(stopped.status == 0, "\(stopped.standardError)")
        #expect(stopped.standardError.contains("stopped at its budget: $0.0300 of $0.0350 spent, 3 of 6 results kept"),
                "\(stopped.standardError)")
        #expect(stopped.standardOutput.contains("budget_exhausted"))
        #expect(stopped.standardOutput.contains("cost $0.0300 for 3 requests · budget $0.0350"), "\(stopped.standardOutput)")

        let badOption = try await project.assay("resume", "latest", "--max-cost", "lots")
        #expect(badOption.status == 64)
        #expect(badOption.standardError.contains("--max-cost takes a number of dollars, not 'lots'"))

        let resumed = try await project.assay("resume", "latest", "--max-cost", "1")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("completed · model priced · 6 results"), "\(resumed.standardOutput)")
        #expect(resumed.standardOutput.contains("cost $0.0600 for 6 requests · budget $1.00"), "\(resumed.standardOutput)")
    }
}
