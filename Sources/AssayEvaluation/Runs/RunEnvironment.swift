import Foundation

/// How a runner waits, draws jitter and reads the time: the real ones, or controlled ones in tests.
public struct RunEnvironment: Sendable {
    /// Waits for a duration (backoff and rate-limit waits); throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0..<1`, for backoff jitter.
    public var random: @Sendable () -> Double
    /// The retry schedule.
    public var retryPolicy: RetryPolicy
    /// The time since a fixed origin, for the rate limiter's schedule; nil for the continuous clock.
    public var now: (@Sendable () -> Duration)?

    /// Creates an environment.
    ///
    /// - Parameters:
    ///   - sleep: Waits for a duration.
    ///   - random: Draws a number in `0..<1`.
    ///   - retryPolicy: The retry schedule.
    ///   - now: The rate limiter's clock; the continuous clock when nil.
    public init(
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        random: @escaping @Sendable () -> Double,
        retryPolicy: RetryPolicy = RetryPolicy(),
        now: (@Sendable () -> Duration)? = nil
    ) {
        self.sleep = sleep
        self.random = random
        self.retryPolicy = retryPolicy
        self.now = now
    }

    /// Real sleeping on the continuous clock, the system's random numbers and the default policy.
    public static let live = RunEnvironment(
        sleep: { duration in try await Task.sleep(for: duration) },
        random: { Double.random(in: 0..<1) }
    )
}

/// When to try a failed call again: exponential backoff with full jitter, never sooner than the
/// provider asked.
public struct RetryPolicy: Sendable, Hashable {
    /// The ceiling of the first wait.
    public var base: Duration
    /// How much the ceiling grows per retry.
    public var factor: Double
    /// The largest ceiling.
    public var cap: Duration

    /// Creates a policy; by default 0.5 s doubling up to 30 s.
    public init(base: Duration = .milliseconds(500), factor: Double = 2, cap: Duration = .seconds(30)) {
        self.base = base
        self.factor = factor
        self.cap = cap
    }

    /// The wait before a retry: a uniformly random share (`jitter`) of
    /// `min(cap, base × factor^retry)`, but at least `retryAfter`.
    ///
    /// - Parameters:
    ///   - retry: 0 before the first retry, 1 before the second, and so on.
    ///   - retryAfter: The wait the provider asked for, if any.
    ///   - jitter: A number in `0..<1`.
    /// - Returns: How long to wait.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, jitter: Double) -> Duration {
        let baseSeconds = ConfigurationCoding.seconds(base)
        let capSeconds = ConfigurationCoding.seconds(cap)
        let growth = pow(factor, Double(max(retry, 0)))
        let ceiling = min(capSeconds, baseSeconds * (growth.isFinite ? growth : .greatestFiniteMagnitude))
        let jittered = Duration.nanoseconds(Int64((ceiling * min(max(jitter, 0), 1) * 1e9).rounded(.down)))
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }
}
