import AssayEvaluation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An OpenAI-compatible chat server on the loopback interface, for tests and rehearsals.
///
/// It answers `POST …/chat/completions` (OpenAI, compatible servers, Azure) and `POST
/// …/messages` (Anthropic) by its ``MockServerConfiguration/AnswerPolicy``, after a fixed
/// latency, and injects faults at seeded rates: 429 with `Retry-After`, 500, hangs, malformed
/// bodies and reset connections. Every request is recorded; ``stats`` and `GET /stats` report them.
///
/// ```swift
/// let server = try await MockServer.start(MockServerConfiguration(policy: .echo))
/// defer { Task { await server.shutdown() } }
/// print(server.baseURL)   // http://127.0.0.1:PORT/v1
/// ```
public final class MockServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The configuration it runs with.
    public var configuration: MockServerConfiguration { core.configuration }
    private let core: MockServerCore
    private let channel: any Channel

    private init(port: Int, core: MockServerCore, channel: any Channel) {
        self.port = port
        self.core = core
        self.channel = channel
    }

    /// `http://HOST:PORT/v1`, the base URL an OpenAI client needs.
    public var baseURL: String {
        "http://\(core.configuration.host):\(port)/v1"
    }

    /// What the server has seen so far.
    public var stats: MockServerStats {
        core.stats
    }

    /// Binds and starts serving.
    ///
    /// - Parameter configuration: The address, answers and faults.
    /// - Returns: The running server; call ``shutdown()`` when done.
    /// - Throws: When the address cannot be bound.
    public static func start(_ configuration: MockServerConfiguration) async throws -> MockServer {
        try await bind(configuration).get()
    }

    /// Binds without awaiting, for callers outside Swift concurrency (the command line).
    static func bind(_ configuration: MockServerConfiguration) -> EventLoopFuture<MockServer> {
        let core = MockServerCore(configuration: configuration)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // Room for a client opening a thousand connections at once: with a shorter queue the
            // connections beyond it are dropped and retried by TCP a second later.
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard core.register(channel) else { return channel.close() }
                channel.closeFuture.whenComplete { _ in core.unregister(channel) }
                return channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(MockHTTPHandler(core: core))
                }
            }
        return bootstrap.bind(host: configuration.host, port: configuration.port).flatMapThrowing { channel in
            guard let port = channel.localAddress?.port else {
                throw MockServerError(message: "the server socket has no port")
            }
            return MockServer(port: port, core: core, channel: channel)
        }
    }

    /// Stops listening and closes every open connection, hanging requests included.
    public func shutdown() async {
        try? await shutdownFuture().get()
    }

    /// Stops the server without awaiting.
    func shutdownFuture() -> EventLoopFuture<Void> {
        let listener = channel.close()
        let connections = core.beginShutdown().map { connection in
            connection.close().recover { _ in }
        }
        return listener.recover { _ in }.and(EventLoopFuture.andAllComplete(connections, on: channel.eventLoop)).map { _ in }
    }

    /// A future that completes when the listening socket closes.
    var closeFuture: EventLoopFuture<Void> {
        channel.closeFuture
    }
}

/// The mock server could not start.
public struct MockServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// The message.
    public var description: String { message }
}
