import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A lean HTTP/1.1 client for model endpoints reached over plain HTTP without a proxy: a local
/// server (vLLM, llama.cpp, Ollama, `assay mock-server`) or one on the local network.
///
/// Written here rather than taken from AsyncHTTPClient (which serves every other request: TLS,
/// proxies, streaming) because at hundreds of requests in flight to a local server the client's own
/// work per request is what a run costs: AsyncHTTPClient's request and connection state machines,
/// its request body streaming and its pool's bookkeeping took about 40% of a run's CPU time. This
/// client keeps idle keep-alive connections per host and port, writes each request in one flush,
/// and gathers each answer in a single handler (``PlainHTTPExchangeHandler``): one hop to the
/// connection's event loop per request, one back.
///
/// It keeps what callers rely on: a deadline for the whole exchange (connecting included), a
/// connect timeout, a limit on the answer's size, cancellation, and the error values of
/// AsyncHTTPClient and NIO, so that failures are told to the user the same way by either client.
/// Connections are not limited in number (the run's concurrency bounds them) and are closed after
/// an exchange that failed, after an answer that asked for it, and once idle for ``defaultIdleTimeout``
/// (as AsyncHTTPClient's pool was configured), so that a long session holds no sockets it does
/// not use.
final class PlainHTTPClient: Sendable {
    /// The client every provider shares.
    static let shared = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)

    /// The longest a connection may take to open.
    static let connectTimeout = TimeAmount.seconds(5)
    /// How long a kept-alive connection may stay idle before it is closed, unless told otherwise.
    static let defaultIdleTimeout = TimeAmount.seconds(60)

    /// A whole answer.
    struct Response: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
        /// Whether the connection may carry another request.
        let reusable: Bool
    }

    /// Where a request goes: host, port and the request target (path and query).
    struct Target: Sendable, Hashable {
        let host: String
        let port: Int
        let uri: String

        /// The target of a plain `http://` URL, or nil for any other (https, malformed, with
        /// credentials): those are AsyncHTTPClient's.
        init?(_ url: String) {
            guard url.hasPrefix("http://"), let components = URLComponents(string: url), components.scheme == "http",
                  components.user == nil, components.password == nil, let host = components.host, !host.isEmpty
            else { return nil }
            // Foundation keeps an IPv6 address's brackets in `host`; connecting wants it bare.
            self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            port = components.port ?? 80
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            uri = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        }

        /// The `host` header's value: the host, with its port when it is not 80 (IPv6 in brackets).
        var hostHeader: String {
            let name = host.contains(":") ? "[\(host)]" : host
            return port == 80 ? name : "\(name):\(port)"
        }

        var poolKey: String { "\(host):\(port)" }
    }

    /// A connection and its handler, reached on the connection's event loop.
    private struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<PlainHTTPExchangeHandler>
    }

    private let group: any EventLoopGroup
    /// Idle connections by `host:port`, the most recently used last.
    private let idle = NIOLockedValueBox<[String: [Connection]]>([:])
    /// Targets parsed from URLs, which repeat for every request of a run.
    private let targets = NIOLockedValueBox<[String: Target]>([:])

    private let idleTimeout: TimeAmount

    init(group: any EventLoopGroup, idleTimeout: TimeAmount = defaultIdleTimeout) {
        self.group = group
        self.idleTimeout = idleTimeout
    }

    /// The target of `url` when this client serves it: plain HTTP, and no proxy set for it in the
    /// environment.
    func target(for url: String) -> Target? {
        if let known = targets.withLockedValue({ $0[url] }) { return known }
        guard let target = Target(url), ProxyEnvironment.current.proxy(forScheme: "http", host: target.host) == nil else { return nil }
        targets.withLockedValue { $0[url] = target }
        return target
    }

    /// Posts `body` to `target` and returns the whole answer.
    ///
    /// - Parameters:
    ///   - target: Where to (``target(for:)``).
    ///   - headers: The request's headers; `host` and `content-length` are added.
    ///   - body: The request's body.
    ///   - deadline: The end of the whole exchange, connecting included.
    ///   - maximumBodyBytes: The most bytes of answer taken.
    /// - Throws: `HTTPClientError` (deadline, connect timeout, closed connection, cancelled), NIO's
    ///   connection errors, or `NIOTooManyBytesError`.
    func post(
        _ target: Target, headers: HTTPHeaders, body: ByteBuffer, deadline: NIODeadline, maximumBodyBytes: Int
    ) async throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: "host", value: target.hostHeader)
        headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.uri, headers: headers)
        do {
            return try await exchange(head, body: body, on: try await connection(to: target, deadline: deadline), target: target,
                                      deadline: deadline, maximumBodyBytes: maximumBodyBytes)
        } catch is PlainHTTPExchangeHandler.StaleConnection {
            return try await exchange(head, body: body, on: try await connect(to: target, deadline: deadline), target: target,
                                      deadline: deadline, maximumBodyBytes: maximumBodyBytes)
        }
    }

    private func exchange(
        _ head: HTTPRequestHead, body: ByteBuffer, on connection: Connection, target: Target, deadline: NIODeadline,
        maximumBodyBytes: Int
    ) async throws -> Response {
        let cancelled = NIOLockedValueBox(false)
        let response = try await withTaskCancellationHandler {
            let promise = connection.channel.eventLoop.makePromise(of: Response.self)
            connection.channel.eventLoop.execute {
                if cancelled.withLockedValue({ $0 }) {
                    promise.fail(HTTPClientError.cancelled)
                    return
                }
                connection.handler.value.start(head, body: body, deadline: deadline, limit: maximumBodyBytes, promise: promise)
            }
            return try await promise.futureResult.get()
        } onCancel: {
            cancelled.withLockedValue { $0 = true }
            connection.channel.eventLoop.execute { connection.handler.value.fail(HTTPClientError.cancelled) }
        }
        if response.reusable { release(connection, to: target) }
        return response
    }

    /// An idle connection to `target`, or a new one.
    private func connection(to target: Target, deadline: NIODeadline) async throws -> Connection {
        // Connections closed while idle (by the server, or by their idle timer) are dropped.
        let reused: Connection? = idle.withLockedValue { pools in
            while let candidate = pools[target.poolKey]?.popLast() {
                if candidate.channel.isActive { return candidate }
            }
            return nil
        }
        if let reused { return reused }
        return try await connect(to: target, deadline: deadline)
    }

    private func release(_ connection: Connection, to target: Target) {
        idle.withLockedValue { $0[target.poolKey, default: []].append(connection) }
    }

    private func connect(to target: Target, deadline: NIODeadline) async throws -> Connection {
        let remaining = deadline - .now()
        guard remaining > .zero else { throw HTTPClientError.deadlineExceeded }
        let timeout = min(Self.connectTimeout, remaining)
        let idleTimeout = self.idleTimeout
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(PlainHTTPExchangeHandler(idleTimeout: idleTimeout))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: target.host, port: target.port).get()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: PlainHTTPExchangeHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return Connection(channel: channel, handler: handler)
        } catch ChannelError.connectTimeout {
            throw timeout < Self.connectTimeout ? HTTPClientError.deadlineExceeded : HTTPClientError.connectTimeout
        } catch let error as NIOConnectionError {
            // The first attempt's own error (connection refused, unreachable) says more than the
            // summary of every address tried.
            if let first = error.connectionErrors.first?.error { throw first }
            throw error
        }
    }
}
