/// Renders diagnostics as `file:line:col: error: message`, the source line, a caret line and a hint.
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colours (only on a terminal, never with `NO_COLOR`).
    public var usesColor: Bool

    /// Creates a renderer.
    public init(usesColor: Bool = false) {
        self.usesColor = usesColor
    }

    /// The most characters of a source line shown under a diagnostic.
    static let widestLine = 160

    /// The rendered lines of a diagnostic, without trailing newlines.
    public func lines(for diagnostic: Diagnostic) -> [String] {
        let source = diagnostic.source
        let start = source.location(of: diagnostic.range.start)
        let end = source.location(of: diagnostic.range.end)
        let severity = diagnostic.severity.rawValue
        var lines = [
            "\(paint(bold: true, "\(source.name):\(start.line):\(start.column):")) "
                + "\(paint(color: severityColor(diagnostic.severity), severity + ":")) "
                + paint(bold: true, diagnostic.message)
        ]
        var lineText = source.lineText(start.line)
        if !lineText.isEmpty || source.text.isEmpty == false {
            var caretStart = start.column - 1
            let lineLength = lineText.count
            var width = end.line == start.line ? end.column - start.column : lineLength - caretStart
            width = max(1, min(width, max(1, lineLength - caretStart)))
            if lineLength > Self.widestLine {
                // A very long line shows a window around the caret, marked '…' where it is cut.
                let characters = Array(lineText)
                let from = max(0, min(caretStart - Self.widestLine / 3, lineLength - Self.widestLine))
                let to = min(lineLength, from + Self.widestLine)
                let head = from > 0 ? "…" : ""
                lineText = head + String(characters[from..<to]) + (to < lineLength ? "…" : "")
                caretStart += head.count - from
                width = max(1, min(width, to - (start.column - 1)))
            }
            lines.append(lineText)
            // Keep tabs so that the caret lines up under tab-indented source.
            let padding = String(lineText.prefix(caretStart).map { $0 == "\t" ? "\t" : " " })
            let marker = "^" + String(repeating: "~", count: width - 1)
            lines.append(padding + paint(color: "32", marker))
        }
        if let hint = diagnostic.hint {
            lines.append(paint(color: "36", "hint:") + " " + hint)
        }
        return lines
    }

    /// The rendered diagnostic as one string ending in a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        lines(for: diagnostic).joined(separator: "\n") + "\n"
    }

    private func severityColor(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: return "31"
        case .warning: return "35"
        case .note: return "36"
        }
    }

    private func paint(color: String? = nil, bold: Bool = false, _ text: String) -> String {
        guard usesColor else { return text }
        var codes: [String] = []
        if bold { codes.append("1") }
        if let color { codes.append(color) }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
