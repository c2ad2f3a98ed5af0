/// A requests-per-minute limit as a state machine: each request reserves the next free start time.
///
/// This is the generic cell rate algorithm, a token bucket that refills one token every
/// `60 / requestsPerMinute` seconds and holds `burst` tokens; with the default burst of 1, requests
/// start evenly spaced. Times are offsets on any monotonic clock.
struct TokenBucket: Sendable, Hashable {
    /// The time between two tokens.
    let interval: Duration
    /// How far ahead of the schedule a request may start (burst − 1 intervals).
    let tolerance: Duration
    /// When the next request would start if the bucket were empty.
    private var theoreticalArrival: Duration?

    init(requestsPerMinute: Double, burst: Int = 1) {
        interval = .nanoseconds(Int64((60 / requestsPerMinute * 1e9).rounded()))
        tolerance = interval * max(burst - 1, 0)
    }

    /// Reserves a start for a request made at `now` and returns how long it must wait.
    mutating func reserve(at now: Duration) -> Duration {
        let arrival = max(theoreticalArrival ?? now, now)
        let start = max(now, arrival - tolerance)
        theoreticalArrival = arrival + interval
        return start - now
    }
}

/// Shares a ``TokenBucket`` between the tasks of a run.
actor RateLimiter {
    private var bucket: TokenBucket
    private let sleep: @Sendable (Duration) async throws -> Void
    private let now: @Sendable () -> Duration

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - requestsPerMinute: The rate.
    ///   - sleep: How to wait.
    ///   - now: The time since some fixed origin; the continuous clock by default (tests pass a
    ///     controlled one, so their schedule does not depend on how busy the machine is).
    init(
        requestsPerMinute: Double, sleep: @escaping @Sendable (Duration) async throws -> Void,
        now: (@Sendable () -> Duration)? = nil
    ) {
        bucket = TokenBucket(requestsPerMinute: requestsPerMinute)
        self.sleep = sleep
        let origin = ContinuousClock.now
        self.now = now ?? { ContinuousClock.now - origin }
    }

    /// Waits until the next request may start.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws {
        let wait = bucket.reserve(at: now())
        if wait > .zero {
            try await sleep(wait)
        }
    }
}
