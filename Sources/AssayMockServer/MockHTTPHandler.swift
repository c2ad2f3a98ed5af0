import AssayCore
import AssayEvaluation
import NIOCore
import NIOHTTP1

/// Handles the requests of one connection: records each, draws its fault, and answers.
///
/// It lives on its channel's event loop, so its own fields need no lock; shared state is in
/// ``MockServerCore``.
final class MockHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let core: MockServerCore
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(core: MockServerCore) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            if let head { handle(head, context: context) }
            head = nil
        }
    }

    private func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let text = String(buffer: body)
        let path = String(head.uri.prefix { $0 != "?" })
        if head.method == .GET, path == "/stats" || path == "/v1/stats" {
            send(status: .ok, json: core.stats.json, index: nil, delay: .zero, keepAlive: head.isKeepAlive, context: context)
            return
        }
        if head.method == .GET, let listing = MockResponder.models(path: path) {
            send(status: .ok, json: listing, index: nil, delay: .zero, keepAlive: head.isKeepAlive, context: context)
            return
        }
        let headers = head.headers.map { MockServerStats.Header(name: $0.name, value: $0.value) }
        let route = MockResponder.route(path: path)
        let isChat = head.method == .POST && route != nil
        let (index, fault) = core.admit(method: head.method.rawValue, uri: head.uri, headers: headers, body: text,
                                        injectsFaults: isChat)
        let configuration = core.configuration
        let keepAlive = head.isKeepAlive
        func reply(_ status: HTTPResponseStatus, _ json: JSONValue, extra: [(String, String)] = [], delay: Duration? = nil) {
            send(status: status, json: json, index: index, delay: delay ?? configuration.latency, keepAlive: keepAlive,
                 extraHeaders: extra, context: context)
        }
        guard let route, head.method == .POST else {
            let status: HTTPResponseStatus = route == nil ? .notFound : .methodNotAllowed
            reply(status, MockResponder.error("\(head.method.rawValue) \(path) is not served here", type: "not_found_error"))
            return
        }
        if let required = configuration.requiredKey {
            let presented = MockResponder.presentedKey(headers)
            guard presented == required else {
                reply(.unauthorized, MockResponder.error("Incorrect API key provided: \(presented ?? "(none)")",
                                                         type: "authentication_error"))
                return
            }
        }
        let responder = MockResponder(core: core)
        switch fault {
        case .reset?:
            context.close(promise: nil)
            return
        case .hang?:
            guard let delay = configuration.hangDelay else { return }
            if let request = try? JSONValue.parse(text).objectValue {
                reply(.ok, responder.success(route: route, body: request, index: index), delay: delay)
            }
            return
        case .rateLimited?:
            reply(.tooManyRequests, MockResponder.error("Rate limit reached; retry later", type: "rate_limit_error"),
                  extra: [("retry-after", String(configuration.faults.retryAfterSeconds))])
        case .serverError?:
            reply(.internalServerError, MockResponder.error("The server had an error", type: "server_error"))
        case .malformed?:
            send(status: .ok, raw: #"{"choices": [{"message": {"content": "unterminated"#, index: index,
                 delay: configuration.latency, keepAlive: keepAlive, extraHeaders: [], context: context)
        case .dropped?, nil:
            guard let request = try? JSONValue.parse(text).objectValue else {
                reply(.badRequest, MockResponder.error("the request body is not a JSON object", type: "invalid_request_error"))
                return
            }
            if let problem = MockRequestCheck.problem(in: request, route: route, path: path) {
                reply(.badRequest, MockResponder.error(problem, type: "invalid_request_error"))
                return
            }
            let isDropped = fault == .dropped
            if request["stream"]?.boolValue == true {
                let stream = MockStream(route: route, body: request, text: responder.answer(to: request), calls: responder.calls(for: request),
                                        index: index)
                sendStream(stream.events, dropsHalfway: isDropped, index: index, delay: configuration.latency, context: context)
            } else if isDropped {
                let whole = responder.success(route: route, body: request, index: index).serialized()
                sendStream([String(whole.prefix(whole.count / 2))], dropsHalfway: true, index: index,
                           delay: configuration.latency, context: context, contentLength: whole.utf8.count)
            } else {
                reply(.ok, responder.success(route: route, body: request, index: index))
            }
        }
    }

    func send(
        status: HTTPResponseStatus, json: JSONValue, index: Int?, delay: Duration, keepAlive: Bool,
        extraHeaders: [(String, String)] = [], context: ChannelHandlerContext
    ) {
        send(status: status, raw: json.serialized(), index: index, delay: delay, keepAlive: keepAlive,
             extraHeaders: extraHeaders, context: context)
    }

    func send(
        status: HTTPResponseStatus, raw: String, index: Int?, delay: Duration, keepAlive: Bool,
        extraHeaders: [(String, String)], context: ChannelHandlerContext
    ) {
        let write = { [core] in
            var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", String(raw.utf8.count))])
            for (name, value) in extraHeaders { headers.add(name: name, value: value) }
            if !keepAlive { headers.add(name: "connection", value: "close") }
            if let index { core.answered(index, status: Int(status.code)) }
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                          promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: raw)))), promise: nil)
            let done = context.writeAndFlush(self.wrapOutboundOut(.end(nil)))
            if !keepAlive { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
        }
        after(delay, context: context, write)
    }

    /// Runs `body` on the channel's event loop after `delay`, if the connection is still open then.
    func after(_ delay: Duration, context: ChannelHandlerContext, _ body: @escaping () -> Void) {
        if delay <= .zero {
            body()
        } else {
            _ = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount.milliseconds(Self.milliseconds(delay))) {
                guard context.channel.isActive else { return }
                body()
            }
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
