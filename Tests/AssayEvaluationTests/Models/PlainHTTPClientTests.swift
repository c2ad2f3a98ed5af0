import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
@testable import AssayEvaluation

/// A server on loopback that answers each whole request (head and `content-length` body) with the
/// bytes `answer` gives for it, written exactly as given; it counts connections and keeps the
/// requests it read.
private final class ScriptedServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<(connections: Int, requests: [String])>
    /// The accepted connections, closed with the server.
    private let accepted: NIOLockedValueBox<[any Channel]>

    /// - Parameters:
    ///   - closing: Whether the server closes the connection after answering the request of that index.
    ///   - answer: The bytes answering the request of that index; none closes the connection at once.
    init(closing: @escaping @Sendable (_ index: Int) -> Bool = { _ in false },
         answer: @escaping @Sendable (_ index: Int, _ request: String) -> String) async throws {
        let state = NIOLockedValueBox<(connections: Int, requests: [String])>((0, []))
        self.state = state
        let accepted = NIOLockedValueBox<[any Channel]>([])
        self.accepted = accepted
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                state.withLockedValue { $0.connections += 1 }
                accepted.withLockedValue { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RequestReader(state: state, closing: closing, answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    var connections: Int { state.withLockedValue { $0.connections } }
    /// The connections it accepted, in order.
    var acceptedChannels: [any Channel] { accepted.withLockedValue { $0 } }
    var requests: [String] { state.withLockedValue { $0.requests } }
    var url: String { "http://127.0.0.1:\(port)/v1/chat?x=1" }

    /// Stops listening and closes every connection it accepted (the client sees them end).
    func stop() async {
        try? await channel.close()
        for connection in accepted.withLockedValue({ $0 }) { try? await connection.close() }
    }

    private final class RequestReader: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let state: NIOLockedValueBox<(connections: Int, requests: [String])>
        let closing: @Sendable (Int) -> Bool
        let answer: @Sendable (Int, String) -> String
        var pending = ""

        init(state: NIOLockedValueBox<(connections: Int, requests: [String])>, closing: @escaping @Sendable (Int) -> Bool,
             answer: @escaping @Sendable (Int, String) -> String) {
            self.state = state
            self.closing = closing
            self.answer = answer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += String(buffer: unwrapInboundIn(data))
            while let end = pending.range(of: "\r\n\r\n") {
                let head = pending[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                let total = pending.distance(from: pending.startIndex, to: end.upperBound) + length
                guard pending.count >= total else { return }
                let request = String(pending.prefix(total))
                pending = String(pending.dropFirst(total))
                let index = state.withLockedValue { state in
                    state.requests.append(request)
                    return state.requests.count - 1
                }
                let reply = answer(index, request)
                if reply.isEmpty {
                    context.close(promise: nil)
                    return
                }
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
                if closing(index) {
                    context.close(promise: nil)
                    return
                }
            }
        }
    }
}

@Suite("The plain-HTTP client: keep-alive connections, whole answers, the same failures as AsyncHTTPClient's")
struct PlainHTTPClientTests {
    static func ok(_ body: String, extraHeaders: String = "") -> String {
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n\(extraHeaders)\r\n\(body)"
    }

    static func post(_ client: PlainHTTPClient, _ url: String, body: String = #"{"q":1}"#, limit: Int = 1 << 20,
                     timeout: TimeAmount = .seconds(60)) async throws -> PlainHTTPClient.Response {
        let target = try #require(client.target(for: url))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        return try await client.post(target, headers: headers, body: ByteBuffer(string: body), deadline: .now() + timeout,
                                     maximumBodyBytes: limit)
    }

    @Test("requests carry host, content length and the path with its query; answers are read whole; one connection serves them all")
    func keepAlive() async throws {
        let server = try await ScriptedServer { index, _ in Self.ok(#"{"n":\#(index)}"#) }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        for index in 0..<5 {
            let response = try await Self.post(client, server.url)
            #expect(response.status == 200)
            #expect(String(buffer: response.body) == #"{"n":\#(index)}"#)
        }
        #expect(server.connections == 1, "the connection is kept alive between requests")
        let first = try #require(server.requests.first)
        #expect(first.hasPrefix("POST /v1/chat?x=1 HTTP/1.1\r\n"))
        #expect(first.lowercased().contains("host: 127.0.0.1:\(server.port)\r\n"))
        #expect(first.lowercased().contains("content-length: 7\r\n"))
        #expect(first.hasSuffix(#"{"q":1}"#))
        await server.stop()
    }

    @Test("concurrent requests each get their own answer, on as many connections as are in flight")
    func concurrent() async throws {
        let server = try await ScriptedServer { _, request in
            Self.ok(String(request.split(separator: "\r\n\r\n").last ?? ""))
        }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        let url = server.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await Self.post(client, url, body: #"{"i":\#(index)}"#)
                    #expect(String(buffer: response.body) == #"{"i":\#(index)}"#)
                }
            }
            try await group.waitForAll()
        }
        #expect(server.requests.count == 200)
        #expect(server.connections <= 200)
        await server.stop()
    }

    @Test("an answer asking to close its connection, and a chunked answer, are read whole; the next request opens a new connection")
    func closeAndChunked() async throws {
        let server = try await ScriptedServer { index, _ in
            index == 0
                ? Self.ok(#"{"a":1}"#, extraHeaders: "connection: close\r\n")
                : "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\n{\"b\r\n4\r\n\":2}\r\n0\r\n\r\n"
        }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        let first = try await Self.post(client, server.url)
        #expect(String(buffer: first.body) == #"{"a":1}"#)
        #expect(!first.reusable)
        let second = try await Self.post(client, server.url)
        #expect(String(buffer: second.body) == #"{"b":2}"#)
        #expect(server.connections == 2)
        await server.stop()
    }

    @Test("a kept-alive connection the server closed after its answer is not used again, however the close and the next request meet")
    func serverClosedIdle() async throws {
        // Each answer says keep-alive, and then the server closes: the next request either finds
        // the connection closed in the pool or is refused on it before any answer, and goes on a
        // new connection either way.
        let server = try await ScriptedServer(closing: { _ in true }) { index, _ in Self.ok(#"{"n":\#(index)}"#) }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        for index in 0..<20 {
            let response = try await Self.post(client, server.url)
            #expect(String(buffer: response.body) == #"{"n":\#(index)}"#)
        }
        #expect(server.connections == 20)
        #expect(server.requests.count == 20, "no request was sent twice to the server that read it")
        await server.stop()
    }

    @Test("a connection idle for the idle timeout is closed by the client, and the next request opens another", .timeLimit(.minutes(1)))
    func idleTimeout() async throws {
        let server = try await ScriptedServer { _, _ in Self.ok("{}") }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton, idleTimeout: .milliseconds(100))
        _ = try await Self.post(client, server.url)
        let first = try #require(server.acceptedChannels.first)
        // The server's end of the connection closes when the client closes its own.
        try await first.closeFuture.get()
        _ = try await Self.post(client, server.url)
        #expect(server.connections == 2)
        await server.stop()
    }

    @Test("an answer larger than the limit fails with NIOTooManyBytesError")
    func tooLarge() async throws {
        let server = try await ScriptedServer { _, _ in Self.ok(String(repeating: "x", count: 5000)) }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        await #expect(throws: NIOTooManyBytesError.self) { _ = try await Self.post(client, server.url, limit: 4096) }
        // The failed exchange's connection is closed; the next one works on a new connection.
        let response = try await Self.post(client, server.url, limit: 10000)
        #expect(response.body.readableBytes == 5000)
        #expect(server.connections == 2)
        await server.stop()
    }

    @Test("a connection closed before the answer's end is remoteConnectionClosed; a silent server is deadlineExceeded")
    func failures() async throws {
        let closing = try await ScriptedServer { _, _ in "" }
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        await #expect(throws: HTTPClientError.remoteConnectionClosed) { _ = try await Self.post(client, closing.url) }
        await closing.stop()

        let partial = try await ScriptedServer { _, _ in "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"cut" }
        await #expect(throws: HTTPClientError.deadlineExceeded) {
            _ = try await Self.post(client, partial.url, timeout: .milliseconds(200))
        }
        await partial.stop()
    }

    @Test("a refused connection throws the socket's own error")
    func refused() async throws {
        let server = try await ScriptedServer { _, _ in "" }
        let url = server.url
        await server.stop()
        let client = PlainHTTPClient(group: MultiThreadedEventLoopGroup.singleton)
        do {
            _ = try await Self.post(client, url)
            Issue.record("a closed port answered")
        } catch {
            #expect(HTTPFailureText.problem(error) == .refused, "\(error)")
        }
    }

    @Test("only plain http URLs without credentials are its; https and others go to AsyncHTTPClient")
    func targets() throws {
        #expect(PlainHTTPClient.Target("http://localhost:8000/v1/chat/completions")?.uri == "/v1/chat/completions")
        #expect(PlainHTTPClient.Target("http://localhost/v1?api-version=2")?.uri == "/v1?api-version=2")
        #expect(PlainHTTPClient.Target("http://localhost")?.uri == "/")
        #expect(PlainHTTPClient.Target("http://localhost/x")?.hostHeader == "localhost")
        #expect(PlainHTTPClient.Target("http://[::1]:8080/x")?.hostHeader == "[::1]:8080")
        #expect(PlainHTTPClient.Target("https://api.openai.com/v1") == nil)
        #expect(PlainHTTPClient.Target("http://user:pw@localhost/v1") == nil)
        #expect(PlainHTTPClient.Target("ftp://localhost/v1") == nil)
    }
}

@Suite("Which models keep their own deadline")
struct ModelDeadlineTests {
    @Test("providers over plain HTTP end at the request's timeout themselves; streamed, https and mock models do not say so")
    func endsAtTimeout() throws {
        let entries = [
            ModelEntry(name: "local", provider: .openAI, endpoint: "http://127.0.0.1:9/v1", model: "m"),
            ModelEntry(name: "claude", provider: .anthropic, endpoint: "http://127.0.0.1:9", model: "m"),
            ModelEntry(name: "remote", provider: .openAI, endpoint: "https://api.example/v1", model: "m"),
        ]
        let catalog = ModelCatalog(entries: entries, keys: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, "sk-test") }))
        let request = ModelRequest(messages: [ChatMessage(role: "user", content: "hi")], timeout: .seconds(1))
        var streamed = request
        streamed.parameters.stream = true
        #expect(try catalog.model("local").endsAtTimeout(request))
        #expect(try catalog.model("claude").endsAtTimeout(request))
        #expect(try !catalog.model("local").endsAtTimeout(streamed))
        #expect(try !catalog.model("remote").endsAtTimeout(request))
        #expect(try !catalog.model("perfect").endsAtTimeout(request))
    }
}

@Suite("Proxies from the environment, read as curl reads them")
struct ProxyEnvironmentTests {
    @Test("http_proxy and https_proxy (either case) serve their schemes, with the port and credentials of their URL")
    func proxies() {
        let environment = ProxyEnvironment([
            "http_proxy": "http://user:secret@proxy.example:3128", "HTTPS_PROXY": "tls.example",
        ])
        #expect(environment.proxy(forScheme: "http", host: "api.example")
            == .init(host: "proxy.example", port: 3128, user: "user", password: "secret"))
        #expect(environment.proxy(forScheme: "https", host: "api.example") == .init(host: "tls.example", port: 80, user: nil, password: nil))
        #expect(ProxyEnvironment([:]).proxy(forScheme: "http", host: "a") == nil)
        #expect(ProxyEnvironment(["http_proxy": ""]).proxy(forScheme: "http", host: "a") == nil)
    }

    @Test("no_proxy names hosts and domains reached directly")
    func exceptions() {
        let environment = ProxyEnvironment(["http_proxy": "p:1", "no_proxy": "localhost, .internal.example,corp.example:8080,[::1]"])
        for direct in ["localhost", "a.internal.example", "internal.example", "corp.example", "x.corp.example", "::1", "LOCALHOST"] {
            #expect(environment.proxy(forScheme: "http", host: direct) == nil, "\(direct)")
        }
        for proxied in ["example.com", "notcorp.example", "127.0.0.1"] {
            #expect(environment.proxy(forScheme: "http", host: proxied) != nil, "\(proxied)")
        }
        #expect(ProxyEnvironment(["http_proxy": "p:1", "NO_PROXY": "*"]).proxy(forScheme: "http", host: "any") == nil)
    }

    @Test("a plain-HTTP URL with a proxy set for it is left to AsyncHTTPClient, which goes through the proxy")
    func plainClientStepsAside() {
        let environment = ProxyEnvironment(["http_proxy": "p:1", "no_proxy": "localhost"])
        #expect(ModelHTTPClient.client(for: "http://api.example/v1", environment: environment) !== ModelHTTPClient.shared)
        #expect(ModelHTTPClient.client(for: "http://localhost/v1", environment: environment) === ModelHTTPClient.shared)
        #expect(ModelHTTPClient.client(for: "https://api.example/v1", environment: environment) === ModelHTTPClient.shared)
    }
}
