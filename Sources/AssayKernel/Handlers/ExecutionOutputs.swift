import AssayCore
import AssaySession
import Synchronization

/// Publishes a running cell's events on iopub as they happen and remembers what the reply needs.
///
/// The session calls ``receive(_:)`` on its own thread; pages go into the reply's payload instead
/// of iopub, and a silent request publishes nothing.
package final class ExecutionOutputs: Sendable {
    private struct Collected: Sendable {
        var payload: [JSONValue] = []
        var resultText: String?
        var isErrorPublished = false
    }

    private let publisher: MessagePublisher
    private let parent: KernelMessage
    private let executionCount: Int
    private let isSilent: Bool
    private let collected = Mutex(Collected())

    /// Creates the outputs of one request.
    package init(publisher: MessagePublisher, parent: KernelMessage, executionCount: Int, isSilent: Bool) {
        self.publisher = publisher
        self.parent = parent
        self.executionCount = executionCount
        self.isSilent = isSilent
    }

    /// Handles one session event.
    package func receive(_ event: SessionEvent) {
        switch event {
        case .page(let bundle):
            collected.withLock { $0.payload.append(["source": "page", "data": .object(bundle.jupyterData), "start": 0]) }
        case .result(let bundle):
            collected.withLock { $0.resultText = bundle.plainText }
            publish("execute_result", ["execution_count": .int(executionCount), "data": .object(bundle.jupyterData), "metadata": [:]])
        case .stream(let name, let text):
            publish("stream", ["name": .string(name.rawValue), "text": .string(text)])
        case .display(let bundle, let displayID):
            publish("display_data", ["data": .object(bundle.jupyterData), "metadata": [:], "transient": Self.transient(displayID)])
        case .updateDisplay(let bundle, let displayID):
            publish("update_display_data", ["data": .object(bundle.jupyterData), "metadata": [:], "transient": Self.transient(displayID)])
        case .clearOutput(let wait):
            publish("clear_output", ["wait": .bool(wait)])
        case .error(let report):
            publishError(report)
        }
    }

    /// Publishes an `error` message for the cell, unless one was already published.
    package func publishError(_ report: ErrorReport) {
        let isFirst = collected.withLock { collected in
            defer { collected.isErrorPublished = true }
            return !collected.isErrorPublished
        }
        if isFirst {
            publish("error", Self.errorContent(report))
        }
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
