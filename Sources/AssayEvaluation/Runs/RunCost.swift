/// What a run cost: the dollars its requests were charged, at the price recorded with its model.
///
/// The rules:
/// - A result answered by a request of this run costs its input tokens × the input price plus
///   its output tokens × the output price, per million (the successful call's usage; retries of
///   failed attempts and failed calls report no usage and cost nothing).
/// - A result answered from the response cache costs nothing in this run: it is counted in
///   ``cached``, not in ``requests``, and its recorded usage only adds to ``withoutCache``.
/// - A result whose template could not be rendered made no request and costs nothing.
/// - An answer whose provider reported no usage has an unknown cost: it is counted in
///   ``unmetered`` and left out of the sums.
/// - Without a price, every cost is unknown (nil) and only the counts are given.
/// - A grouped request (`group: n`) is one request however many cases it carries: its cases
///   share one prompt, and ``requests`` and ``unmetered`` count each such prompt once.
public struct RunCost: Sendable, Hashable {
    /// The price the costs are computed at, if the model has one.
    public var price: ModelPrice?
    /// The dollars this run's requests cost (cached answers cost nothing); nil without a price.
    public var total: Double?
    /// The dollars every answer would have cost had none come from the cache (what comparing
    /// models should use); nil without a price.
    public var withoutCache: Double?
    /// The requests this run made (or tried to make: failed calls count); a grouped request once.
    public var requests: Int
    /// The results answered from the response cache.
    public var cached: Int
    /// The requests whose provider reported no token usage, left out of ``total``.
    public var unmetered: Int
    /// Each result's cost in this run, by case and sample; nil where it is unknown.
    public var perCase: [CaseKey: Double?]

    /// Computes the cost of results at a price.
    ///
    /// - Parameters:
    ///   - results: The run's case results.
    ///   - price: The model's price, or nil when it is unknown.
    ///   - grouped: Whether the run sent its cases in grouped requests (`group:` above 1), so that
    ///     results sharing a sample and a prompt came from one request.
    public init(results: [CaseResult], price: ModelPrice?, grouped: Bool = false) {
        var tally = Tally(price: price, grouped: grouped)
        for index in results.indices { tally.add(results[index]) }
        self = tally.cost
    }

    private init(price: ModelPrice?, total: Double?, withoutCache: Double?, requests: Int, cached: Int, unmetered: Int,
                 perCase: [CaseKey: Double?]) {
        self.price = price
        self.total = total
        self.withoutCache = withoutCache
        self.requests = requests
        self.cached = cached
        self.unmetered = unmetered
        self.perCase = perCase
    }

    /// A run's cost added up one result at a time, in the run's order, for results read from the
    /// store a page at a time: ``cost`` is what ``init(results:price:grouped:)`` gives for the
    /// same results.
    public struct Tally: Sendable {
        /// The cost of the results added so far.
        public private(set) var cost: RunCost
        private let grouped: Bool
        private let keepsPerCase: Bool
        private var sum = 0.0
        private var sumWithoutCache = 0.0
        private var groupedRequests = Set<GroupedRequest>()

        /// An empty tally.
        ///
        /// - Parameters:
        ///   - price: The model's price, or nil when it is unknown.
        ///   - grouped: Whether the run sent its cases in grouped requests.
        ///   - keepsPerCase: Whether to keep each result's cost (``RunCost/perCase``); without it
        ///     the tally's memory does not grow with the results.
        public init(price: ModelPrice?, grouped: Bool, keepsPerCase: Bool = true) {
            cost = RunCost(price: price, total: price == nil ? nil : 0, withoutCache: price == nil ? nil : 0, requests: 0, cached: 0,
                           unmetered: 0, perCase: [:])
            self.grouped = grouped
            self.keepsPerCase = keepsPerCase
        }

        /// Adds a result.
        public mutating func add(_ result: CaseResult) {
            let price = cost.price
            // A grouped request's later cases add nothing to the counts of requests.
            let isNewRequest = !grouped || groupedRequests.insert(GroupedRequest(sample: result.sample, prompt: result.prompt)).inserted
            if result.isCached { cost.cached += 1 } else if RunCost.madeRequest(result), isNewRequest { cost.requests += 1 }
            if RunCost.madeRequest(result), isNewRequest, !result.isCached, result.status != .modelError, result.usage == nil {
                cost.unmetered += 1
            }
            let one = RunCost.cost(of: result, price: price)
            if keepsPerCase { cost.perCase[result.key] = one }
            sum += one ?? 0
            if let price, let usage = result.usage { sumWithoutCache += price.cost(of: usage) }
            if price != nil {
                cost.total = sum
                cost.withoutCache = sumWithoutCache
            }
        }
    }

    /// One result's cost in its run, by the rules above.
    ///
    /// - Parameters:
    ///   - result: The case result.
    ///   - price: The model's price.
    /// - Returns: The dollars, 0 for a cached answer or no request, nil when unknown.
    public static func cost(of result: CaseResult, price: ModelPrice?) -> Double? {
        guard let price else { return nil }
        if result.isCached || !madeRequest(result) { return 0 }
        if let usage = result.usage { return price.cost(of: usage) }
        return result.status == .modelError ? 0 : nil
    }

    /// What the cases of one grouped request share.
    fileprivate struct GroupedRequest: Hashable, Sendable {
        let sample: Int
        let prompt: [ChatMessage]
    }

    /// Whether answering the result needed the model (a template error stops before the call).
    static func madeRequest(_ result: CaseResult) -> Bool {
        result.status != .templateError
    }
}

extension StoredRun {
    /// The run's cost at the price recorded with its model (see ``RunCost``).
    public var cost: RunCost {
        RunCost(results: results, price: record.price, grouped: record.isGrouped)
    }
}

extension RunRecord {
    /// Whether the run sent its cases in grouped requests (`group:` above 1).
    var isGrouped: Bool {
        (configuration.objectValue?["group"]?.intValue ?? 1) > 1
    }

    /// The price recorded with the run's model, if it had one.
    public var price: ModelPrice? {
        ConfigurationCoding.price(from: model.objectValue?["price"])
    }

    /// The most the run may spend, in dollars, as recorded in its configuration (`max_cost`).
    public var maxCost: Double? {
        configuration.objectValue?["max_cost"]?.doubleValue
    }
}
