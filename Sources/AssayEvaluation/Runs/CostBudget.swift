/// What a budget decides by: its numbers, and the two rules that every budget of a run follows,
/// whether one process holds it (``CostBudget``) or the store holds it for many workers
/// (``SharedCostBudget``).
///
/// The estimate of a request's cost is the mean cost of the requests of the run that finished with
/// a reported usage (those stored before a resume included). Before the first has finished, it is
/// the prompt's length at about four characters per token, at the input price, plus `max_tokens`
/// (when set) at the output price, or else as many output tokens as the prompt's. A request is
/// admitted while the money spent, plus the estimates of the requests in flight, plus its own
/// estimate, stays within the limit.
struct BudgetTally: Sendable, Equatable {
    /// Dollars spent by finished requests.
    var spent = 0.0
    /// Dollars reserved by requests in flight.
    var held = 0.0
    /// Finished requests that reported their usage, and what they cost.
    var meteredRequests = 0
    var meteredCost = 0.0

    /// What a request is expected to cost: the metered mean, else `fallback`.
    func estimate(orElse fallback: Double) -> Double {
        meteredRequests > 0 ? meteredCost / Double(meteredRequests) : fallback
    }

    /// Whether a request of this estimate may start under `limit`.
    func admits(_ estimate: Double, limit: Double) -> Bool {
        spent + held + estimate <= limit
    }

    /// What a request is expected to cost before any has been metered, from its prompt.
    static func promptEstimate(of request: ModelRequest, price: ModelPrice) -> Double {
        let characters = request.messages.reduce(0) { $0 + $1.content.count }
        let inputTokens = (Double(characters) / 4).rounded(.up)
        let outputTokens = request.parameters.maxTokens.map(Double.init) ?? inputTokens
        return price.cost(inputTokens: inputTokens, outputTokens: outputTokens)
    }
}

/// A request a budget admitted and that is not yet settled, with the estimate it holds.
struct BudgetReservation: Sendable, Hashable {
    let id: Int
    let estimate: Double
}

/// A run's `max_cost` as the model caller sees it: every request is admitted first, and settled
/// with its usage when it ends.
protocol RunBudget: Sendable {
    /// Admits a request, or refuses it (and every later one) when it could take the run over its
    /// budget: nil means the request must not be made.
    func reserve(_ request: ModelRequest) async -> BudgetReservation?
    /// Ends a reservation with the call's usage (nil when the call failed or reported none).
    func settle(_ reservation: BudgetReservation, usage: TokenUsage?) async
}

/// Holds a run in this process to its `max_cost`, by the rules of ``BudgetTally``.
///
/// Once a request is refused, every later one is too: the run stops starting requests, those in
/// flight finish and are kept. Cached answers never ask the budget, so they are never held back.
actor CostBudget: RunBudget {
    /// The most the run may spend, in dollars.
    let limit: Double
    /// The model's price.
    let price: ModelPrice
    /// Whether a request has been refused.
    private(set) var isExhausted = false
    private var tally = BudgetTally()
    private var inFlight: [Int: Double] = [:]
    private var nextID = 0

    /// The dollars spent by finished requests (and by the run's stored results when resuming).
    var spent: Double { tally.spent }

    /// Creates a budget.
    ///
    /// - Parameters:
    ///   - limit: The most the run may spend.
    ///   - price: The model's price.
    ///   - stored: The results the run already has (resuming), whose cost counts as spent.
    init(limit: Double, price: ModelPrice, stored: [CaseResult] = []) {
        self.limit = limit
        self.price = price
        for result in stored {
            tally.spent += RunCost.cost(of: result, price: price) ?? 0
            if !result.isCached, let usage = result.usage {
                tally.meteredRequests += 1
                tally.meteredCost += price.cost(of: usage)
            }
        }
    }

    func reserve(_ request: ModelRequest) -> BudgetReservation? {
        guard !isExhausted else { return nil }
        let estimate = estimatedCost(of: request)
        guard tally.admits(estimate, limit: limit) else {
            isExhausted = true
            return nil
        }
        nextID += 1
        inFlight[nextID] = estimate
        tally.held += estimate
        return BudgetReservation(id: nextID, estimate: estimate)
    }

    func settle(_ reservation: BudgetReservation, usage: TokenUsage?) {
        guard inFlight.removeValue(forKey: reservation.id) != nil else { return }
        // Summed again rather than subtracted, so that rounding never leaves a held remainder.
        tally.held = inFlight.values.reduce(0, +)
        guard let usage else { return }
        let cost = price.cost(of: usage)
        tally.spent += cost
        tally.meteredRequests += 1
        tally.meteredCost += cost
    }

    /// What a request is expected to cost, by the rule of ``BudgetTally``.
    func estimatedCost(of request: ModelRequest) -> Double {
        tally.estimate(orElse: BudgetTally.promptEstimate(of: request, price: price))
    }
}
