import AssayEvaluation
import AssayLanguage
import Foundation

extension CaseTable {
    /// The table as plain text no wider than `width` (narrowing the widest text columns, never
    /// below ``minimumWidth`` or a number's width).
    func plainText(width: Int) -> String {
        let numeric = numericColumns
        let texts = rows.map { $0.map(Self.text) }
        var widths = columns.enumerated().map { column, header in
            max(header.count, texts.map { $0[column].count }.max() ?? 0)
        }
        let gaps = 2 * max(0, columns.count - 1)
        while widths.reduce(0, +) + gaps > width {
            let candidates = widths.indices.filter { !numeric.contains($0) && widths[$0] > Self.minimumWidth }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func fit(_ text: String, _ column: Int) -> String {
            let limit = widths[column]
            let cut = text.count > limit ? String(text.prefix(max(0, limit - 1))) + "…" : text
            let padding = String(repeating: " ", count: max(0, limit - cut.count))
            return numeric.contains(column) ? padding + cut : cut + padding
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { fit($1, $0) }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(columns), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += texts.map(line)
        if let caption { lines.append(caption) }
        return lines.joined(separator: "\n")
    }

    /// The table as HTML: the status coloured, numbers right-aligned, long text folded into
    /// `<details>`, errors in red. Inline styles only, which notebook sanitisers keep.
    var html: String {
        let numeric = numericColumns
        var result = "<table class=\"assay-cases\">\n<thead><tr>"
        for (index, header) in columns.enumerated() {
            result += numeric.contains(index) ? "<th style=\"text-align:right\">\(HTML.escape(header))</th>" : "<th>\(HTML.escape(header))</th>"
        }
        result += "</tr></thead>\n<tbody>\n"
        for row in rows {
            result += "<tr>"
            for (index, value) in row.enumerated() {
                result += cellHTML(value, column: columns[index], isNumeric: numeric.contains(index))
            }
            result += "</tr>\n"
        }
        result += "</tbody>\n</table>"
        if let caption { result += "\n<p>\(HTML.escape(caption))</p>" }
        return result
    }

    private func cellHTML(_ value: Value, column: String, isNumeric: Bool) -> String {
        if isNumeric { return "<td style=\"text-align:right\">\(HTML.escape(Self.text(value)))</td>" }
        let text: String = {
            if case .null = value { return "" }
            if case .string(let string) = value { return string }
            return ValueRenderer.cellText(value)
        }()
        if column == "status", !text.isEmpty {
            let colour = text == "ok" ? "#1b5e20;background:#e3f4e6" : "#b71c1c;background:#fde3e0"
            return "<td><span style=\"color:\(colour);padding:0 4px;border-radius:4px\">\(HTML.escape(text))</span></td>"
        }
        let style = column == "error" ? " style=\"color:#b71c1c\"" : ""
        guard text.count > Self.foldLength || text.contains("\n") else { return "<td\(style)>\(HTML.escape(text))</td>" }
        let head = String(Table.oneLine(text).prefix(Self.foldLength - 1)) + "…"
        return "<td\(style)><details><summary>\(HTML.escape(head))</summary><pre style=\"white-space:pre-wrap\">\(HTML.escape(text))</pre></details></td>"
    }
}

/// The width plain-text tables fit: `$COLUMNS`, else the terminal's, else 100.
enum TextWidth {
    static var current: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }
}
