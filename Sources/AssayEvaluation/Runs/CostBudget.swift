/// Holds a run to its `max_cost`: admits a request only while the money spent so far, plus an
/// estimate for every request in flight and for the new one, stays within the budget.
///
/// The estimate of a request's cost is the mean cost of the requests of this run that finished
/// with a reported usage (those stored before a resume included). Before the first has finished,
/// it is the prompt's length at about four characters per token, at the input price, plus
/// `max_tokens` (when set) at the output price, or else as many output tokens as the prompt's.
///
/// Once a request is refused, every later one is too: the run stops starting requests, those in
/// flight finish and are kept. Cached answers never ask the budget, so they are never held back.
actor CostBudget {
    /// A request admitted and not yet settled.
    struct Reservation: Sendable, Hashable {
        fileprivate let id: Int
    }

    /// The most the run may spend, in dollars.
    let limit: Double
    /// The model's price.
    let price: ModelPrice
    /// The dollars spent by finished requests (and by the run's stored results when resuming).
    private(set) var spent: Double
    /// Whether a request has been refused.
    private(set) var isExhausted = false
    private var meteredRequests: Int
    private var meteredCost: Double
    private var inFlight: [Int: Double] = [:]
    private var nextID = 0

    /// Creates a budget.
    ///
    /// - Parameters:
    ///   - limit: The most the run may spend.
    ///   - price: The model's price.
    ///   - stored: The results the run already has (resuming), whose cost counts as spent.
    init(limit: Double, price: ModelPrice, stored: [CaseResult] = []) {
        self.limit = limit
        self.price = price
        var spent = 0.0
        var metered = 0
        var meteredCost = 0.0
        for result in stored {
            let cost = RunCost.cost(of: result, price: price) ?? 0
            spent += cost
            if !result.isCached, let usage = result.usage {
                metered += 1
                meteredCost += price.cost(of: usage)
            }
        }
        self.spent = spent
        meteredRequests = metered
        self.meteredCost = meteredCost
    }

    /// Admits a request, or refuses it (and every later one) when it could take the run over its
    /// budget.
    ///
    /// - Parameter request: The request about to be made.
    /// - Returns: The reservation to settle when the call ends, or nil when the request must not be
    ///   made.
    func reserve(_ request: ModelRequest) -> Reservation? {
        guard !isExhausted else { return nil }
        let estimate = estimatedCost(of: request)
        let committed = spent + inFlight.values.reduce(0, +)
        guard committed + estimate <= limit else {
            isExhausted = true
            return nil
        }
        nextID += 1
        inFlight[nextID] = estimate
        return Reservation(id: nextID)
    }

    /// Ends a reservation with the call's usage (nil when the call failed or reported none).
    ///
    /// - Parameters:
    ///   - reservation: What ``reserve(_:)`` returned.
    ///   - usage: The tokens the provider counted for the successful call, if any.
    func settle(_ reservation: Reservation, usage: TokenUsage?) {
        guard inFlight.removeValue(forKey: reservation.id) != nil else { return }
        guard let usage else { return }
        let cost = price.cost(of: usage)
        spent += cost
        meteredRequests += 1
        meteredCost += cost
    }

    /// What a request is expected to cost, by the rule in the type's description.
    func estimatedCost(of request: ModelRequest) -> Double {
        if meteredRequests > 0 { return meteredCost / Double(meteredRequests) }
        let characters = request.messages.reduce(0) { $0 + $1.content.count }
        let inputTokens = (Double(characters) / 4).rounded(.up)
        let outputTokens = request.parameters.maxTokens.map(Double.init) ?? inputTokens
        return price.cost(inputTokens: inputTokens, outputTokens: outputTokens)
    }
}
