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
            // Columns count Unicode scalars; the caret line counts characters, so that a letter
            // written with a combining accent takes one place, as on the screen.
            var scalars = Array(lineText.unicodeScalars)
            var caretStart = min(start.column - 1, scalars.count)
            var caretEnd = end.line == start.line ? max(caretStart, min(end.column - 1, scalars.count)) : scalars.count
            if scalars.count > Self.widestLine {
                // A very long line shows a window around the caret, marked '…' where it is cut.
                let from = max(0, min(caretStart - Self.widestLine / 3, scalars.count - Self.widestLine))
                let to = min(scalars.count, from + Self.widestLine)
                let head: [Unicode.Scalar] = from > 0 ? ["…"] : []
                let tail: [Unicode.Scalar] = to < scalars.count ? ["…"] : []
                let shift = head.count - from
                scalars = head + scalars[from..<to] + tail
                caretStart += shift
                caretEnd = min(caretEnd, to) + shift
                lineText = String(String.UnicodeScalarView(scalars))
            }
            lines.append(lineText)
            let before = String(String.UnicodeScalarView(scalars.prefix(caretStart)))
            let covered = String(String.UnicodeScalarView(scalars.dropFirst(caretStart).prefix(caretEnd - caretStart)))
            let width = max(1, covered.count)
            // Keep tabs so that the caret lines up under tab-indented source.
            let padding = String(before.map { $0 == "\t" ? "\t" : " " })
            let marker = "^" + String(repeating: "~", count: width - 1)
            lines.append(padding + paint(color: "32", marker))
        }
        if let hint = diagnostic.hint {
            lines.append(paint(color: "36", "hint:") + " " + hint)
        }
        return lines
    }

    /// The diagnostic on one line, for messages that quote it: `file:line:col: message`, then
    /// `(hint: …)` when it has a hint. Never coloured.
    public func oneLine(_ diagnostic: Diagnostic) -> String {
        let start = diagnostic.location
        var line = "\(diagnostic.source.name):\(start.line):\(start.column): \(diagnostic.message)"
        if let hint = diagnostic.hint { line += " (hint: \(hint))" }
        return line
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
