import NIOCore
import NIOHTTP1

extension MockHTTPHandler {
    /// Sends server-sent events, each flushed on its own; with `dropsHalfway`, closes the connection
    /// after half of them (at least one) instead of finishing, as a server that fails mid-stream does.
    ///
    /// - Parameter contentLength: For a plain body cut short: the length the head announces.
    func sendStream(
        _ events: [String], dropsHalfway: Bool, index: Int, delay: Duration, context: ChannelHandlerContext,
        contentLength: Int? = nil
    ) {
        after(delay, context: context) { [core] in
            var headers = HTTPHeaders()
            if let contentLength {
                headers.add(name: "content-type", value: "application/json")
                headers.add(name: "content-length", value: String(contentLength))
            } else {
                headers.add(name: "content-type", value: "text/event-stream")
                headers.add(name: "cache-control", value: "no-cache")
            }
            core.answered(index, status: 200)
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                          promise: nil)
            let sent = dropsHalfway ? max(1, events.count / 2) : events.count
            for event in events.prefix(sent) {
                context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: event)))),
                                      promise: nil)
            }
            if dropsHalfway {
                context.close(promise: nil)
            } else {
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
