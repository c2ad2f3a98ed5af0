import AssayCore
import Foundation

/// Builds the messages a kernel sends and hands them to its transport.
///
/// Replies go back on the request's channel with its routing identities; iopub messages carry a
/// topic and the request as parent; every header names the kernel's own session.
package struct MessagePublisher: Sendable {
    /// Where messages go.
    package let transport: any KernelTransport
    /// The kernel's session id, in the header of everything it sends.
    package let session: String

    /// Creates a publisher.
    package init(transport: any KernelTransport, session: String = UUID().uuidString.lowercased()) {
        self.transport = transport
        self.session = session
    }

    /// Sends the reply to a request on the request's channel.
    package func reply(to request: KernelMessage, type: String, content: JSONObject, metadata: JSONObject = [:]) {
        transport.send(KernelMessage(
            channel: request.channel, identities: request.identities, header: header(type),
            parentHeader: request.header.fields, metadata: metadata, content: content
        ))
    }

    /// Publishes a message on iopub, as caused by `parent` (nil for none).
    package func publish(_ type: String, content: JSONObject, parent: KernelMessage?, metadata: JSONObject = [:]) {
        publish(type, content: content, parentHeader: parent?.header.fields ?? [:], metadata: metadata)
    }

    /// Publishes a message on iopub with `parentHeader` as its parent header.
    package func publish(_ type: String, content: JSONObject, parentHeader: JSONObject, metadata: JSONObject = [:]) {
        transport.send(KernelMessage(
            channel: .iopub, identities: [Data("kernel.\(session).\(type)".utf8)], header: header(type),
            parentHeader: parentHeader, metadata: metadata, content: content
        ))
    }

    /// Publishes the kernel's execution state: `starting`, `busy` or `idle`.
    package func status(_ state: String, parent: KernelMessage?) {
        publish("status", content: ["execution_state": .string(state)], parent: parent)
    }

    /// Sends a request to the client on stdin, routed with the identities of `parent` (a shell
    /// request), so it reaches the client that sent it. The client's reply names `msgID` as parent.
    package func ask(_ type: String, msgID: String, content: JSONObject, parent: KernelMessage) {
        transport.send(KernelMessage(
            channel: .stdin, identities: parent.identities, header: MessageHeader(msgType: type, session: session, msgID: msgID),
            parentHeader: parent.header.fields, content: content
        ))
    }

    /// Answers a `shutdown_request`.
    ///
    /// - Returns: The exit it asks for; the kernel stops once the reply and `idle` are sent.
    package func acceptShutdown(_ request: KernelMessage) -> KernelExit {
        let restart = request.content["restart"]?.boolValue ?? false
        reply(to: request, type: "shutdown_reply", content: ["status": "ok", "restart": .bool(restart)])
        return .shutdown(restart: restart)
    }

    private func header(_ type: String) -> MessageHeader {
        MessageHeader(msgType: type, session: session)
    }
}
