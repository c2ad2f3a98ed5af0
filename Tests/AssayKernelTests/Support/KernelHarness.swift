import AssayKernel
import AssaySession
import Foundation

/// A kernel running over an in-memory transport, with a client's view of what it sends.
struct KernelHarness {
    let engine = ScriptedEngine()
    let transport = InMemoryTransport()
    let kernel: Kernel
    let exit: Task<KernelExit, Never>

    init(limits: OutputLimits = .unlimited, parent: ParentProcess? = nil) async throws {
        let kernel = Kernel(engine: engine, transport: transport, info: KernelInfo(version: "9.9.9"), log: { _ in }, limits: limits, parent: parent)
        self.kernel = kernel
        exit = Task { await kernel.run() }
        // The kernel announces itself once the transport has started.
        _ = try await transport.waitUntil { $0.contains { $0.msgType == "status" } }
    }

    /// Sends a request.
    func send(_ request: KernelMessage) {
        transport.deliver(request)
    }

    /// Sends a request and waits until the kernel is idle again after it.
    ///
    /// - Returns: Everything sent on behalf of that request, in order (busy … idle).
    func exchange(_ request: KernelMessage) async throws -> [KernelMessage] {
        send(request)
        return try await messages(for: request.header.msgID)
    }

    /// Waits until the request with `msgID` is finished (idle sent) and returns its messages.
    func messages(for msgID: String) async throws -> [KernelMessage] {
        let all = try await transport.waitUntil { sent in
            sent.contains { $0.parentID == msgID && $0.msgType == "status" && $0.content["execution_state"] == "idle" }
        }
        return all.filter { $0.parentID == msgID }
    }

    /// The reply on shell or control to the request with `msgID` (an `input_request` on stdin also
    /// names the request as its parent, but is not its reply).
    func reply(to msgID: String) async throws -> KernelMessage {
        try await messages(for: msgID).first { ($0.channel == .shell || $0.channel == .control) && $0.msgType.hasSuffix("_reply") }!
    }
}

extension [KernelMessage] {
    /// The message types, in order, as `channel:type` (e.g. `iopub:status`), with status states.
    var trace: [String] {
        map { message in
            let state = message.content["execution_state"]?.stringValue.map { "(\($0))" } ?? ""
            return "\(message.channel.rawValue):\(message.msgType)\(state)"
        }
    }

    /// The first message of a type.
    func first(_ type: String) -> KernelMessage? {
        first { $0.msgType == type }
    }
}
