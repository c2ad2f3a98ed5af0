import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore

/// The AsyncHTTPClient clients the providers share, tuned for evaluation traffic: one without a
/// proxy, and one per proxy the environment names (``ProxyEnvironment``).
///
/// One client for the whole process keeps connections pooled across models and runs. They are
/// never deinitialised and need no shutdown (as `HTTPClient.shared`, whose defaults they cannot
/// use: those allow only 8 connections per host, which serialises a run with concurrency 64, and
/// wait 10 seconds on a refused connection). Plain-HTTP requests without a proxy go through
/// ``PlainHTTPClient`` instead.
enum ModelHTTPClient {
    /// The client for requests that go directly.
    static let shared = make(proxy: nil)

    private static let proxied = NIOLockedValueBox<[ProxyEnvironment.Proxy: HTTPClient]>([:])

    /// The client for `url`: through the environment's proxy for its scheme and host, if any.
    static func client(for url: String, environment: ProxyEnvironment = .current) -> HTTPClient {
        guard let components = url.split(separator: ":", maxSplits: 1).first,
              let host = HTTPChatTransport.host(of: url),
              let proxy = environment.proxy(forScheme: components.lowercased(), host: host)
        else { return shared }
        return proxied.withLockedValue { clients in
            if let client = clients[proxy] { return client }
            let client = make(proxy: proxy)
            clients[proxy] = client
            return client
        }
    }

    private static func make(proxy: ProxyEnvironment.Proxy?) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        configuration.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024
        )
        configuration.redirectConfiguration = .disallow
        if let proxy {
            let authorization = proxy.user.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}

extension TimeAmount {
    /// The same span as `duration`, to the nanosecond (saturating far beyond any real timeout).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = nanoseconds.overflow ? .nanoseconds(.max) : .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }
}
