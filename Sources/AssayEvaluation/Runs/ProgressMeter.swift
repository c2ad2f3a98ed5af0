/// Counts a run's finished results and reports progress at most ten times a second.
struct ProgressMeter {
    private let runID: String
    private let total: Int
    private let alreadyDone: Int
    private let callback: (@Sendable (RunProgress) -> Void)?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastReport: ContinuousClock.Instant?
    private var finishedNow = 0
    private var errors: Int
    private var cached: Int
    private var promptTokens = 0
    private var completionTokens = 0
    /// The shortest time between two reports.
    static let interval = Duration.milliseconds(100)

    init(runID: String, counts: RunCounts, callback: (@Sendable (RunProgress) -> Void)?) {
        self.runID = runID
        total = counts.expected
        alreadyDone = counts.finished
        errors = counts.errors
        cached = counts.cached
        self.callback = callback
        start = clock.now
    }

    /// Counts a result and reports if the last report is old enough.
    mutating func record(_ result: CaseResult) {
        finishedNow += 1
        if result.status.isError { errors += 1 }
        if result.isCached {
            cached += 1
        } else if let usage = result.usage {
            promptTokens += usage.prompt
            completionTokens += usage.completion
        }
        let now = clock.now
        if let lastReport, now - lastReport < Self.interval { return }
        lastReport = now
        callback?(snapshot(at: now, isFinal: false))
    }

    /// Reports the final state.
    func finish() {
        callback?(snapshot(at: clock.now, isFinal: true))
    }

    private func snapshot(at now: ContinuousClock.Instant, isFinal: Bool) -> RunProgress {
        let elapsed = ConfigurationCoding.seconds(now - start)
        let rate = elapsed > 0 ? Double(finishedNow) / elapsed : 0
        let done = alreadyDone + finishedNow
        let remaining = max(total - done, 0)
        var eta: Duration?
        if remaining == 0 {
            eta = .zero
        } else if rate > 0 {
            eta = .milliseconds(Int64((Double(remaining) / rate * 1000).rounded()))
        }
        return RunProgress(
            runID: runID, done: done, total: total, errors: errors, cached: cached, requestsPerSecond: rate,
            estimatedRemaining: eta, promptTokens: promptTokens, completionTokens: completionTokens, isFinal: isFinal
        )
    }
}
