import Foundation
import Testing
@testable import AssayEvaluation

/// What a run cost, case by case, and how a budget admits requests.
@Suite("Run cost and budget")
struct RunCostTests {
    /// $1 per million input tokens, $3 per million output tokens.
    static let price = ModelPrice(input: 1, output: 3)

    /// Equal up to rounding.
    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-15
    }

    static func result(_ id: String, _ status: CaseStatus = .ok, usage: TokenUsage?, cached: Bool = false) -> CaseResult {
        CaseResult(caseID: id, sample: 0, position: 0, prompt: [], status: status, usage: usage, isCached: cached)
    }

    @Test("requests cost their tokens; cached answers, template errors and failed calls cost nothing; missing usage is unknown")
    func costRules() {
        let results = [
            Self.result("paid", usage: TokenUsage(prompt: 1000, completion: 200)),
            Self.result("wrong", .extractError, usage: TokenUsage(prompt: 500, completion: 100)),
            Self.result("cached", usage: TokenUsage(prompt: 1000, completion: 200), cached: true),
            Self.result("unrendered", .templateError, usage: nil),
            Self.result("failed", .modelError, usage: nil),
            Self.result("unmetered", usage: nil),
        ]
        let cost = RunCost(results: results, price: Self.price)
        let paid = (1000 * 1 + 200 * 3) / 1e6
        let wrong = (500 * 1 + 100 * 3) / 1e6
        #expect(Self.close(cost.total, paid + wrong))
        #expect(Self.close(cost.withoutCache, paid + wrong + paid), "the cached answer's recorded usage, at the price")
        #expect(cost.requests == 4, "paid, wrong, failed and unmetered asked the model")
        #expect(cost.cached == 1)
        #expect(cost.unmetered == 1)
        #expect(cost.perCase[CaseKey(caseID: "paid", sample: 0)] == paid)
        #expect(cost.perCase[CaseKey(caseID: "cached", sample: 0)] == 0)
        #expect(cost.perCase[CaseKey(caseID: "unrendered", sample: 0)] == 0)
        #expect(cost.perCase[CaseKey(caseID: "failed", sample: 0)] == 0)
        #expect(cost.perCase[CaseKey(caseID: "unmetered", sample: 0)] == .some(nil))
    }

    @Test("without a price the counts are known and the dollars are not")
    func noPrice() {
        let cost = RunCost(results: [Self.result("a", usage: TokenUsage(prompt: 1, completion: 1))], price: nil)
        #expect(cost.total == nil && cost.withoutCache == nil)
        #expect(cost.requests == 1)
        #expect(cost.perCase[CaseKey(caseID: "a", sample: 0)] == .some(nil))
    }

    static func request(characters: Int, maxTokens: Int? = nil) -> ModelRequest {
        ModelRequest(messages: [ChatMessage(role: "user", content: String(repeating: "x", count: characters))],
                     parameters: ModelParameters(maxTokens: maxTokens))
    }

    @Test("before a request has finished, one is estimated from its prompt at four characters a token, plus max_tokens")
    func firstEstimate() async {
        let budget = CostBudget(limit: 1, price: Self.price)
        #expect(await budget.estimatedCost(of: Self.request(characters: 400, maxTokens: 50)) == (100 * 1 + 50 * 3) / 1e6)
        #expect(await budget.estimatedCost(of: Self.request(characters: 401)) == (101 * 1 + 101 * 3) / 1e6,
                "without max_tokens the answer is taken to be as long as the prompt")
    }

    @Test("after requests have finished, one is estimated at their mean cost")
    func meanEstimate() async throws {
        let budget = CostBudget(limit: 1, price: Self.price)
        let first = try #require(await budget.reserve(Self.request(characters: 4)))
        let second = try #require(await budget.reserve(Self.request(characters: 4)))
        await budget.settle(first, usage: TokenUsage(prompt: 100, completion: 10))
        await budget.settle(second, usage: TokenUsage(prompt: 300, completion: 30))
        #expect(Self.close(await budget.spent, (400 * 1 + 40 * 3) / 1e6))
        #expect(Self.close(await budget.estimatedCost(of: Self.request(characters: 4000)), (200 * 1 + 20 * 3) / 1e6))
    }

    @Test("a request is admitted only while the money spent and the requests in flight leave room for it; then none is")
    func admission() async throws {
        // Each request is estimated at 100 input + 100 output tokens: $0.0004.
        let budget = CostBudget(limit: 0.001, price: Self.price)
        let request = Self.request(characters: 400)
        let first = try #require(await budget.reserve(request))
        let second = try #require(await budget.reserve(request))
        #expect(await budget.reserve(request) == nil, "0.0004 × 3 would exceed 0.001")
        #expect(await budget.isExhausted)
        await budget.settle(first, usage: nil)
        await budget.settle(second, usage: nil)
        #expect(await budget.reserve(request) == nil, "once a request is held back, the run starts no more")
    }

    @Test("a resumed run's stored results count as spent and set the estimate")
    func storedResultsCount() async {
        let stored = [
            Self.result("a", usage: TokenUsage(prompt: 1000, completion: 0)),
            Self.result("b", usage: TokenUsage(prompt: 3000, completion: 0)),
            Self.result("c", usage: TokenUsage(prompt: 9000, completion: 9000), cached: true),
        ]
        let budget = CostBudget(limit: 1, price: Self.price, stored: stored)
        #expect(Self.close(await budget.spent, 4000 / 1e6))
        #expect(Self.close(await budget.estimatedCost(of: Self.request(characters: 1)), 2000 / 1e6))
    }
}
