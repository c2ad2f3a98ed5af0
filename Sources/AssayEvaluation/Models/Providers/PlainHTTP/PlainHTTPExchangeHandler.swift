import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The last handler of a pooled plain-HTTP connection: sends one request at a time and gathers its
/// answer (head, body up to a limit, end) into a ``PlainHTTPClient/Response``.
///
/// It lives on the channel's event loop and is reached only there (through `NIOLoopBound`). The
/// exchange fails when the deadline passes, the answer grows past its limit, the connection closes
/// or errs before the answer's end, or the caller cancels; a failed exchange closes the connection,
/// so that a connection in the pool is always between two whole exchanges. The errors are the
/// values AsyncHTTPClient throws for the same events, so that both clients' failures are told to
/// the user by the same code (`HTTPChatTransport.map`).
final class PlainHTTPExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// One request under way.
    private struct Exchange {
        let promise: EventLoopPromise<PlainHTTPClient.Response>
        let limit: Int
        let timeout: Scheduled<Void>
        var head: HTTPResponseHead?
        var body: ByteBuffer?
    }

    /// A kept-alive connection the server closed before a byte of the answer to the next
    /// request: the server closed it as idle while the request was on its way, and never read it.
    /// The client sends the request again on a new connection.
    struct StaleConnection: Error {}

    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    /// How long the connection may stay idle between exchanges before it is closed.
    private let idleTimeout: TimeAmount
    /// The closing of the connection once it has been idle for `idleTimeout`.
    private var idleClose: Scheduled<Void>?

    init(idleTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
    }
    /// Whether an exchange has been completed on this connection.
    private var served = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleClose?.cancel()
        fail(HTTPClientError.remoteConnectionClosed)
        self.context = nil
    }

    /// Writes the request (head, body and end in one flush) and answers `promise` when the
    /// response is complete.
    ///
    /// - Parameters:
    ///   - head: The request's head, its headers complete (host and content length included).
    ///   - body: The request's body.
    ///   - deadline: When the exchange fails with `deadlineExceeded`.
    ///   - limit: The most bytes of body taken; more fails with `NIOTooManyBytesError`.
    ///   - promise: Answered once, with the response or the failure.
    func start(
        _ head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline, limit: Int,
        promise: EventLoopPromise<PlainHTTPClient.Response>
    ) {
        guard let context, context.channel.isActive, exchange == nil else {
            // Closed while it waited in the pool: nothing was sent.
            promise.fail(served ? StaleConnection() : HTTPClientError.remoteConnectionClosed)
            return
        }
        idleClose?.cancel()
        idleClose = nil
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let timeout = context.eventLoop.scheduleTask(deadline: deadline) {
            bound.value.fail(HTTPClientError.deadlineExceeded)
        }
        exchange = Exchange(promise: promise, limit: limit, timeout: timeout)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Ends the exchange under way, if any, with `error`, and closes the connection.
    func fail(_ error: any Error) {
        guard let current = exchange else { return }
        exchange = nil
        current.timeout.cancel()
        current.promise.fail(error)
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard exchange != nil else {
            // An answer nobody asked for: the connection is out of step; it is not reused.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            // An interim answer (100 Continue) is followed by the real one.
            if head.status.code >= 100, head.status.code < 200 { return }
            exchange?.head = head
        case .body(var part):
            guard var current = exchange else { return }
            exchange = nil  // keeps `current.body` uniquely referenced while it grows
            if (current.body?.readableBytes ?? 0) + part.readableBytes > current.limit {
                exchange = current
                fail(NIOTooManyBytesError(maxBytes: current.limit))
                return
            }
            if current.body == nil { current.body = part } else { current.body!.writeBuffer(&part) }
            exchange = current
        case .end:
            guard let current = exchange, let head = current.head else {
                fail(HTTPClientError.remoteConnectionClosed)
                return
            }
            exchange = nil
            served = true
            current.timeout.cancel()
            let reusable = head.isKeepAlive
            if reusable {
                let channel = context.channel
                idleClose = context.eventLoop.scheduleTask(in: idleTimeout) { channel.close(promise: nil) }
            } else {
                context.close(promise: nil)
            }
            current.promise.succeed(PlainHTTPClient.Response(
                status: Int(head.status.code), headers: head.headers, body: current.body ?? ByteBuffer(), reusable: reusable
            ))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failConnection(HTTPClientError.remoteConnectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failConnection(error)
        context.close(promise: nil)
    }

    /// Ends the exchange with `error`, or with ``StaleConnection`` when the connection had served
    /// an exchange and not a byte of this one's answer has come (the error is then the server's
    /// closing of an idle connection: a reset or end of the stream).
    private func failConnection(_ error: any Error) {
        if served, let current = exchange, current.head == nil, current.body == nil {
            fail(StaleConnection())
        } else {
            fail(error)
        }
    }
}
