import AssayCore
import AssaySession

/// Answers shell requests one at a time, and owns what they share: the execution counter, the
/// input history and the `stop_on_error` abort mark.
package actor ShellHandler {
    let engine: any KernelEngine
    let publisher: MessagePublisher
    let info: KernelInfo
    let inputs: InputMailbox
    let inbox: RequestInbox
    let limits: OutputLimits
    let log: @Sendable (String) -> Void

    /// The number of cells run with `store_history` so far.
    package internal(set) var executionCount = 0
    /// The cells run with `store_history`.
    package internal(set) var history = InputHistory()
    /// Execute requests with a sequence number up to this one are aborted (after a failure).
    var abortedThrough = 0

    /// Creates a handler.
    package init(
        engine: any KernelEngine, publisher: MessagePublisher, info: KernelInfo, inputs: InputMailbox, inbox: RequestInbox,
        limits: OutputLimits = .unlimited, log: @escaping @Sendable (String) -> Void
    ) {
        self.limits = limits
        self.engine = engine
        self.publisher = publisher
        self.info = info
        self.inputs = inputs
        self.inbox = inbox
        self.log = log
    }

    /// Handles one request, bracketed by `busy` and `idle` on iopub.
    ///
    /// - Returns: How the kernel should stop, after a `shutdown_request`; otherwise nil.
    package func handle(_ entry: RequestInbox.Entry) async -> KernelExit? {
        let request = entry.message
        var exit: KernelExit?
        publisher.status("busy", parent: request)
        switch request.msgType {
        case "execute_request": await execute(request, sequence: entry.sequence)
        case "complete_request": await complete(request)
        case "inspect_request": await inspect(request)
        case "is_complete_request": isComplete(request)
        case "history_request": history(request)
        case "kernel_info_request": publisher.reply(to: request, type: "kernel_info_reply", content: info.replyContent)
        case "comm_info_request": publisher.reply(to: request, type: "comm_info_reply", content: ["status": "ok", "comms": [:]])
        case "comm_open": refuseComm(request)
        case "comm_msg", "comm_close": break
        case "shutdown_request": exit = publisher.acceptShutdown(request)
        default: log("ignoring unknown shell message type \"\(request.msgType)\"")
        }
        publisher.status("idle", parent: request)
        return exit
    }

    private func complete(_ request: KernelMessage) async {
        let code = request.content["code"]?.stringValue ?? ""
        let result = await engine.complete(code, cursor: Self.cursor(request, in: code))
        publisher.reply(to: request, type: "complete_reply", content: [
            "status": "ok",
            "matches": .array(result.matches.map(JSONValue.string)),
            "cursor_start": .int(result.start),
            "cursor_end": .int(result.end),
            "metadata": [:],
        ])
    }

    private func inspect(_ request: KernelMessage) async {
        let code = request.content["code"]?.stringValue ?? ""
        let bundle = await engine.inspect(code, cursor: Self.cursor(request, in: code))
        publisher.reply(to: request, type: "inspect_reply", content: [
            "status": "ok",
            "found": .bool(bundle != nil),
            "data": .object(bundle?.jupyterData ?? [:]),
            "metadata": [:],
        ])
    }

    private func isComplete(_ request: KernelMessage) {
        let content: JSONObject = switch engine.isComplete(request.content["code"]?.stringValue ?? "") {
        case .complete: ["status": "complete"]
        case .incomplete(let indent): ["status": "incomplete", "indent": .string(indent)]
        case .invalid: ["status": "invalid"]
        }
        publisher.reply(to: request, type: "is_complete_reply", content: content)
    }

    private func history(_ request: KernelMessage) {
        guard let query = HistoryQuery(content: request.content) else {
            let kind = request.content["hist_access_type"]?.stringValue ?? "nothing"
            publisher.reply(to: request, type: "history_reply", content: [
                "status": "error", "ename": "HistoryError",
                "evalue": .string("unknown hist_access_type \"\(kind)\": use tail, range or search"), "traceback": [],
            ])
            return
        }
        let includesOutput = request.content["output"]?.boolValue ?? false
        publisher.reply(to: request, type: "history_reply", content: [
            "status": "ok",
            "history": history.reply(for: query, includingOutput: includesOutput),
        ])
    }

    /// No comm targets exist, so a comm opened by the client is closed at once, as the spec asks.
    private func refuseComm(_ request: KernelMessage) {
        guard let commID = request.content["comm_id"]?.stringValue else { return }
        publisher.publish("comm_close", content: ["comm_id": .string(commID), "data": [:]], parent: request)
    }

    /// The request's `cursor_pos` (Unicode scalars), clamped to the code; the end when absent.
    static func cursor(_ request: KernelMessage, in code: String) -> Int {
        let length = code.unicodeScalars.count
        guard let cursor = request.content["cursor_pos"]?.protocolInt else { return length }
        return min(max(0, cursor), length)
    }
}
