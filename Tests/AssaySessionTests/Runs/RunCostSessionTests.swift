import AssaySession
import Foundation
import Testing

/// A run's cost in the language (`r/summary/cost`, `r/cases/N/cost`, `r/cost`) and `max_cost`.
@Suite("Run cost and budgets in a session")
struct RunCostSessionTests {
    /// A mock that charges $1,000 per million input tokens and $2,000 per million output tokens; the
    /// cases' prompts are two words and their answers four, so each call costs $0.01.
    static let models = #"[{"name": "priced", "type": "MOCK", "mock": "perfect", "latency_ms": 20, "price": {"input": 1000, "output": 2000}}]"#
    static let run = #"run(load("cases.jsonl"), template: "{{ input }}", model: "priced", metrics: ["exact"]"#

    @Test("a run's cost is its requests' tokens at the price; answers from the cache cost nothing")
    func summaryCost() async throws {
        let fixture = try RunSessionFixture(models: Self.models)
        defer { fixture.remove() }
        try fixture.writeCases(count: 20)

        let text = await fixture.value("r = " + Self.run + "); r")
        #expect(text.contains("cost $0.2000 for 20 requests"), "\(text)")
        #expect(await fixture.value("round(r/summary/cost, digits: 6)") == "0.2")
        #expect(await fixture.value("r/summary/requests") == "{made: 20, cached: 0}")
        #expect(await fixture.value("round(r/cases/3/cost, digits: 6)") == "0.01")
        #expect(await fixture.value("round(sum(r/cases/*/cost) - r/summary/cost, digits: 9)") == "0")
        #expect(await fixture.value("r/cost/price") == "{input: 1000, output: 2000}")
        #expect(await fixture.value("model(\"priced\")/price/output") == "2000")

        let again = await fixture.value("r2 = rerun(r); r2")
        #expect(again.contains("cost $0 for 0 requests; 20 answers from the cache cost nothing"), "\(again)")
        #expect(await fixture.value("r2/summary/cost") == "0")
        #expect(await fixture.value("r2/summary/requests/cached") == "20")
        #expect(await fixture.value("round(r2/cost/without_cache, digits: 6)") == "0.2")

        #expect(await fixture.value(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect")/summary/cost"#) == "null",
                "a model without a price has no cost")
        #expect(await fixture.value(#"round(run(load("cases.jsonl"), template: "{{ input }}", model: model("perfect", price: {input: 500, output: 0}), cache: false)/summary/cost, digits: 6)"#) == "0.02",
                "a price given to model() is used")
    }

    @Test("a run stops at max_cost with a message and its results, and resume with a higher budget completes it")
    func budget() async throws {
        let fixture = try RunSessionFixture(models: Self.models)
        defer { fixture.remove() }
        try fixture.writeCases(count: 20)

        let stopped = await fixture.run("b = " + Self.run + ", concurrency: 2, max_cost: 0.1)")
        #expect(stopped.outcome == .success, "a run stopped at its budget is a result, not an error: \(stopped.events.errorLines)")
        let message = stopped.standardError
        #expect(message.contains("stopped at its budget: $0.") && message.contains(" of $0.1000 spent, "), "\(message)")
        #expect(message.contains(" of 20 results kept; resume(runs(\"") && message.contains("max_cost: …) with a higher budget runs the rest"))
        #expect(await fixture.value("b/status") == "budget_exhausted")
        #expect(await fixture.value("b/cost/max_cost") == "0.1")
        let kept = try #require(Int(await fixture.value("b/counts/finished")))
        #expect(kept >= 8 && kept < 20)
        #expect(await fixture.value("b/summary/cost <= 0.1 + 2 * 0.01 + 0.000001") == "true")
        #expect(await fixture.value("history()").contains("budget_exhausted"))

        let still = await fixture.run("b1 = resume(b)")
        #expect(still.outcome == .success)
        #expect(still.standardError.contains("stopped at its budget"), "without max_cost the stored budget holds")
        #expect(await fixture.value("b1/status") == "budget_exhausted")

        let completed = await fixture.value("b2 = resume(b, max_cost: 1); b2")
        #expect(completed.contains("completed"), "\(completed)")
        #expect(await fixture.value("b2/counts/finished") == "20")
        #expect(await fixture.value("round(b2/summary/cost, digits: 6)") == "0.2")
        #expect(await fixture.value("b2/id == b/id") == "true")
    }

    @Test("max_cost must be a number of dollars and needs a priced model")
    func badBudgets() async throws {
        let fixture = try RunSessionFixture(models: Self.models)
        defer { fixture.remove() }
        try fixture.writeCases(count: 2)
        let negative = await fixture.run(Self.run + ", max_cost: -1)")
        #expect(negative.events.errorLines.joined().contains("max_cost must be a number of dollars, at least 0"))
        let unpriced = await fixture.run(#"run(load("cases.jsonl"), template: "{{ input }}", model: "perfect", max_cost: 1)"#)
        #expect(unpriced.events.errorLines.joined().contains("max_cost needs the price of model 'perfect'"))
    }
}
