import AssayCore
import AssaySession
import Synchronization

/// Publishes a running cell's events on iopub as they happen and remembers what the reply needs.
///
/// The session calls ``receive(_:)`` on its own thread (a run's progress comes from the run's
/// task); pages go into the reply's payload instead of iopub, and a silent request publishes
/// nothing. Every output is held to the kernel's ``OutputLimits``: a bundle is capped as
/// ``OutputLimits/capped(_:)`` says, and what a cell writes to a stream is cut once it passes the
/// limit, with a notice, and dropped after that. A run's progress is also redrawn for terminal
/// consoles (``TerminalProgress``).
package final class ExecutionOutputs: Sendable {
    private struct Collected: Sendable {
        var payload: [JSONValue] = []
        var resultText: String?
        var isErrorPublished = false
        /// The bytes the cell has written to each stream.
        var streamBytes: [OutputStreamName: Int] = [:]
        /// The streams cut at the limit; what the cell writes to them after that is dropped.
        var cutStreams: Set<OutputStreamName> = []
        var terminal = TerminalProgress()
    }

    private let publisher: MessagePublisher
    private let parent: KernelMessage
    private let executionCount: Int
    private let isSilent: Bool
    private let limits: OutputLimits
    private let collected = Mutex(Collected())

    /// Creates the outputs of one request.
    package init(publisher: MessagePublisher, parent: KernelMessage, executionCount: Int, isSilent: Bool, limits: OutputLimits = .unlimited) {
        self.publisher = publisher
        self.parent = parent
        self.executionCount = executionCount
        self.isSilent = isSilent
        self.limits = limits
    }

    /// Handles one session event.
    package func receive(_ event: SessionEvent) {
        // Under the lock, so that what is published keeps the order of the state it reflects.
        collected.withLock { state in
            switch event {
            case .page(let bundle):
                state.payload.append(["source": "page", "data": .object(limits.capped(bundle).jupyterData), "start": 0])
            case .result(let bundle):
                let shown = limits.capped(bundle)
                state.resultText = shown.plainText
                closeTerminalLine(&state)
                publish("execute_result", ["execution_count": .int(executionCount), "data": .object(shown.jupyterData), "metadata": [:]])
            case .stream(let name, let text):
                closeTerminalLine(&state)
                if let shown = streamText(name, text, &state) {
                    publish("stream", ["name": .string(name.rawValue), "text": .string(shown)])
                }
            case .display(let bundle, let displayID):
                closeTerminalLine(&state)
                publish("display_data", ["data": .object(limits.capped(bundle).jupyterData), "metadata": [:], "transient": Self.transient(displayID)])
            case .updateDisplay(let bundle, let displayID):
                publish("update_display_data", ["data": .object(limits.capped(bundle).jupyterData), "metadata": [:], "transient": Self.transient(displayID)])
                if bundle.isProgress { publishToTerminal(state.terminal.frame(bundle)) }
            case .clearOutput(let wait):
                closeTerminalLine(&state)
                publish("clear_output", ["wait": .bool(wait)])
            case .error(let report):
                publishError(report, &state)
            }
        }
    }

    /// Publishes an `error` message for the cell, unless one was already published.
    package func publishError(_ report: ErrorReport) {
        collected.withLock { publishError(report, &$0) }
    }

    /// Ends the cell's output: closes a progress line left open on terminal consoles.
    package func finish() {
        collected.withLock { closeTerminalLine(&$0) }
    }

    private func publishError(_ report: ErrorReport, _ state: inout Collected) {
        guard !state.isErrorPublished else { return }
        state.isErrorPublished = true
        closeTerminalLine(&state)
        publish("error", Self.errorContent(report))
    }

    /// What of `text` is published on stream `name`: all of it within the limit, the part that
    /// fits and a notice when it passes the limit, nothing once the stream was cut.
    private func streamText(_ name: OutputStreamName, _ text: String, _ state: inout Collected) -> String? {
        guard let limit = limits.bytesPerOutput else { return text }
        guard !state.cutStreams.contains(name) else { return nil }
        let before = state.streamBytes[name, default: 0]
        let after = before + text.utf8.count
        state.streamBytes[name] = after
        guard after > limit else { return text }
        state.cutStreams.insert(name)
        return String(OutputLimits.prefix(text, bytes: limit - before)) + limits.streamNotice(name.rawValue, written: after)
    }

    private func closeTerminalLine(_ state: inout Collected) {
        if let end = state.terminal.close() { publishToTerminal(end) }
    }

    private func publishToTerminal(_ text: String) {
        guard !isSilent else { return }
        publisher.publish("stream", content: ["name": "stderr", "text": .string(text)], parentHeader: TerminalProgress.parentHeader(for: parent))
    }

    /// The reply's `payload`: pages (from `help`) and requests such as `ask_exit`.
    package var payload: [JSONValue] {
        collected.withLock { $0.payload }
    }

    /// Adds an entry to the reply's payload.
    package func addPayload(_ entry: JSONValue) {
        collected.withLock { $0.payload.append(entry) }
    }

    /// The `text/plain` of the cell's result, for history with output.
    package var resultText: String? {
        collected.withLock { $0.resultText }
    }

    /// The `ename`, `evalue` and `traceback` fields for an error: the traceback is the rendered
    /// diagnostic, caret line included, in colour as notebooks show it.
    package static func errorContent(_ report: ErrorReport) -> JSONObject {
        [
            "ename": .string(report.name),
            "evalue": .string(report.message),
            "traceback": .array(report.coloredLines.map(JSONValue.string)),
        ]
    }

    private static func transient(_ displayID: String?) -> JSONValue {
        displayID.map { ["display_id": .string($0)] } ?? [:]
    }

    private func publish(_ type: String, _ content: JSONObject) {
        guard !isSilent else { return }
        publisher.publish(type, content: content, parent: parent)
    }
}
