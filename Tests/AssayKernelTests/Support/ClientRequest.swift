import AssayCore
import AssayKernel
import Foundation

/// Builds messages as a Jupyter client would send them.
enum ClientRequest {
    /// A request of `type` with `content` on `channel`, from a client identity.
    static func make(
        _ type: String, _ content: JSONObject = [:], channel: Channel = .shell, id: String = UUID().uuidString
    ) -> KernelMessage {
        KernelMessage(
            channel: channel, identities: [Data("client-identity".utf8)],
            header: MessageHeader(msgType: type, session: "client-session", username: "tester", msgID: id),
            content: content
        )
    }

    /// An `execute_request` for `code`, with the protocol's defaults unless overridden.
    static func execute(
        _ code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false,
        stopOnError: Bool = true, userExpressions: JSONObject = [:], id: String = UUID().uuidString
    ) -> KernelMessage {
        make("execute_request", [
            "code": .string(code), "silent": .bool(silent), "store_history": .bool(storeHistory),
            "allow_stdin": .bool(allowStdin), "stop_on_error": .bool(stopOnError),
            "user_expressions": .object(userExpressions),
        ], id: id)
    }
}
