import AsyncHTTPClient
import NIOCore

/// The HTTP client every provider shares, tuned for evaluation traffic.
///
/// One client for the whole process keeps connections pooled across models and runs. It is a
/// `static let`, so it is never deinitialised and needs no shutdown (as `HTTPClient.shared`,
/// whose defaults it cannot use: those allow only 8 connections per host, which serialises a
/// run with concurrency 64, and wait 10 seconds on a refused connection).
enum ModelHTTPClient {
    /// The shared client.
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256
        )
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}

extension TimeAmount {
    /// The same span as `duration`, to the nanosecond (saturating far beyond any real timeout).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = nanoseconds.overflow ? .nanoseconds(.max) : .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }
}
