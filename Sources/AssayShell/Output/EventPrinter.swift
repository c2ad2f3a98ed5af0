import AssaySession
import Synchronization

/// Shows a running cell's events on the terminal: streams as they come, results, displays and
/// pages as their `text/plain`, errors on standard error, and progress displays redrawn in place.
final class EventPrinter: Sendable {
    /// A one-line display that later updates may overwrite with a carriage return.
    private struct OpenLine {
        var displayID: String
        var width: Int
    }

    private struct State {
        var openLine: OpenLine?
        var hasShownError = false
    }

    private let usesColor: Bool
    private let redrawsInPlace: Bool
    private let output: @Sendable (String, OutputStreamName) -> Void
    private let state = Mutex(State())

    /// Creates a printer.
    ///
    /// - Parameters:
    ///   - usesColor: Whether diagnostics use their coloured lines.
    ///   - redrawsInPlace: Whether one-line displays are redrawn with a carriage return (only on a
    ///     terminal).
    ///   - output: Where text goes; the terminal by default.
    init(
        usesColor: Bool,
        redrawsInPlace: Bool,
        output: @escaping @Sendable (String, OutputStreamName) -> Void = { TerminalOutput.write($0, to: $1) }
    ) {
        self.usesColor = usesColor
        self.redrawsInPlace = redrawsInPlace
        self.output = output
    }

    /// A printer for the terminal: colour for errors only when standard error is a terminal too,
    /// in-place redraws only when standard output is one.
    static func forTerminal(usesColor: Bool) -> EventPrinter {
        EventPrinter(
            usesColor: usesColor && TerminalOutput.isTerminal(.stderr),
            redrawsInPlace: TerminalOutput.isTerminal(.stdout))
    }

    /// Whether an error event has been shown.
    var hasShownError: Bool { state.withLock { $0.hasShownError } }

    /// Shows one event.
    func show(_ event: SessionEvent) {
        state.withLock { state in
            switch event {
            case .stream(let stream, let text):
                closeLine(&state)
                output(text, stream)
            case .result(let bundle), .page(let bundle):
                closeLine(&state)
                output(terminated(bundle.plainText), .stdout)
            case .display(let bundle, let displayID):
                closeLine(&state)
                show(bundle.plainText, displayID: displayID, &state)
            case .updateDisplay(let bundle, let displayID):
                if let open = state.openLine, open.displayID == displayID, isOneLine(bundle.plainText) {
                    let text = bundle.plainText
                    let padding = String(repeating: " ", count: max(0, open.width - text.count))
                    output("\r" + text + padding, .stdout)
                    state.openLine?.width = text.count
                } else {
                    closeLine(&state)
                    show(bundle.plainText, displayID: displayID, &state)
                }
            case .clearOutput:
                break
            case .error(let report):
                closeLine(&state)
                state.hasShownError = true
                let lines = usesColor ? report.coloredLines : report.lines
                // The terminal has echoed `^C` without a newline.
                let lead = report.name == ErrorReport.interrupted.name && redrawsInPlace ? "\n" : ""
                output(lead + lines.map { $0 + "\n" }.joined(), .stderr)
            }
        }
    }

    /// Ends an open progress line; call when the cell has finished.
    func finish() {
        state.withLock { closeLine(&$0) }
    }

    private func show(_ text: String, displayID: String?, _ state: inout State) {
        if redrawsInPlace, let displayID, isOneLine(text) {
            output(text, .stdout)
            state.openLine = OpenLine(displayID: displayID, width: text.count)
        } else {
            output(terminated(text), .stdout)
        }
    }

    private func closeLine(_ state: inout State) {
        if state.openLine != nil {
            output("\n", .stdout)
            state.openLine = nil
        }
    }

    private func isOneLine(_ text: String) -> Bool {
        !text.contains("\n")
    }

    private func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
