/// How far a run has got, reported at most ten times a second and once more at the end.
public struct RunProgress: Sendable, Hashable {
    /// The run's id.
    public var runID: String
    /// Results finished in this invocation (cached or not), plus those already stored when resuming.
    public var done: Int
    /// Results the run will have when complete.
    public var total: Int
    /// Finished results whose status is not `ok`.
    public var errors: Int
    /// Finished results whose answers came from the cache.
    public var cached: Int
    /// Finished results per second since the run (or the resumption) started.
    public var requestsPerSecond: Double
    /// The estimated time left, when there is a rate to estimate it from.
    public var estimatedRemaining: Duration?
    /// Prompt tokens used so far (answers from the cache excluded).
    public var promptTokens: Int
    /// Completion tokens used so far (answers from the cache excluded).
    public var completionTokens: Int
    /// Whether this is the last report of the run.
    public var isFinal: Bool

    /// Creates a report.
    public init(
        runID: String, done: Int, total: Int, errors: Int, cached: Int, requestsPerSecond: Double,
        estimatedRemaining: Duration?, promptTokens: Int, completionTokens: Int, isFinal: Bool
    ) {
        self.runID = runID
        self.done = done
        self.total = total
        self.errors = errors
        self.cached = cached
        self.requestsPerSecond = requestsPerSecond
        self.estimatedRemaining = estimatedRemaining
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.isFinal = isFinal
    }

    /// The fraction finished, from 0 to 1 (1 for an empty run).
    public var fraction: Double {
        total == 0 ? 1 : Double(done) / Double(total)
    }
}
