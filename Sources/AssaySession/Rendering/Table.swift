import AssayEvaluation

/// A table of text cells that renders as aligned plain text and as an HTML table.
struct Table: Sendable {
    /// Column headings.
    var headers: [String]
    /// Rows of cells, each as many as there are headers.
    var rows: [[String]]
    /// A line under the table (e.g. "3 cases from cases.jsonl").
    var caption: String?
    /// Columns whose cells are right-aligned (numbers).
    var numericColumns: Set<Int> = []
    /// Cells (`[row, column]`) to mark: `*` after the text in plain text, bold in HTML.
    var highlighted: Set<[Int]> = []

    /// The widest a cell may be in plain text before it is cut with "…".
    static let maximumCellWidth = 48

    /// The table as aligned plain text.
    var plainText: String {
        let cut = rows.enumerated().map { row, cells in
            cells.enumerated().map { column, cell in
                Self.clip(Self.oneLine(cell)) + (highlighted.contains([row, column]) ? " *" : "")
            }
        }
        var widths = headers.map(\.count)
        for row in cut {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += cut.map(line)
        if let caption { lines.append(caption) }
        return lines.joined(separator: "\n")
    }

    /// The table as HTML: a plain `<table>` with no scripts or styles, which sanitisers keep.
    var html: String {
        var result = "<table>\n<thead><tr>"
        for header in headers { result += "<th>\(HTML.escape(header))</th>" }
        result += "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            result += "<tr>"
            for (column, cell) in row.enumerated() {
                let align = numericColumns.contains(column) ? " align=\"right\"" : ""
                let text = highlighted.contains([index, column]) ? "<strong>\(HTML.escape(cell))</strong>" : HTML.escape(cell)
                result += "<td\(align)>\(text)</td>"
            }
            result += "</tr>\n"
        }
        result += "</tbody>\n</table>"
        if let caption { result += "\n<p>\(HTML.escape(caption))</p>" }
        return result
    }

    static func oneLine(_ text: String) -> String {
        text.replacing("\r\n", with: "⏎").replacing("\n", with: "⏎").replacing("\t", with: " ")
    }

    static func clip(_ text: String) -> String {
        text.count > maximumCellWidth ? String(text.prefix(maximumCellWidth - 1)) + "…" : text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
