import Foundation

/// The report's charts, as inline SVG: each metric's mean with its interval, the results by
/// status, each metric's delta with its interval, and the per-case scores of two runs.
enum ReportCharts {
    /// One horizontal bar per metric: the mean, with a whisker for the 95% interval.
    static func means(_ statistics: RunStatistics) -> String {
        let rows = statistics.entries.map { entry in
            Row(label: entry.name, value: entry.summary.mean, lower: entry.summary.confidenceInterval.lower,
                upper: entry.summary.confidenceInterval.upper)
        }
        return intervals(rows, title: "Mean of each metric with its 95% interval", axis: "mean")
    }

    /// One horizontal bar per metric: b − a, with a whisker for the 95% interval.
    static func deltas(_ comparison: RunComparison) -> String {
        let rows = comparison.entries.map { entry in
            Row(label: entry.name, value: entry.statistics.delta, lower: entry.statistics.deltaConfidenceInterval.lower,
                upper: entry.statistics.deltaConfidenceInterval.upper)
        }
        return intervals(rows, title: "Delta (b − a) of each metric with its 95% interval", axis: "delta (b − a)")
    }

    /// The results counted by status.
    static func statuses(_ run: StoredRun) -> String {
        var counts: [(String, Double)] = []
        for result in run.results {
            let status = result.status.rawValue
            if let index = counts.firstIndex(where: { $0.0 == status }) { counts[index].1 += 1 } else { counts.append((status, 1)) }
        }
        let rows = counts.map { Row(label: $0.0, value: $0.1, lower: nil, upper: nil) }
        return intervals(rows, title: "Results by status", axis: "results")
    }

    /// The focus metric of every paired case (its samples reduced, as the comparison pairs them):
    /// a's value across, b's up; points above the diagonal improved.
    static func pairedScores(_ comparison: RunComparison) -> String {
        guard let focus = comparison.focus else { return "" }
        let points = focus.values.map { ($0.a, $0.b) }
        guard !points.isEmpty else { return "" }
        let low = min(0, points.map { min($0.0, $0.1) }.min() ?? 0)
        let high = max(1, points.map { max($0.0, $0.1) }.max() ?? 1)
        let size = 320.0, margin = 48.0, plot = size - 2 * margin
        func x(_ value: Double) -> Double { margin + (value - low) / (high - low) * plot }
        func y(_ value: Double) -> Double { size - margin - (value - low) / (high - low) * plot }
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(size))\" height=\"\(Int(size))\" "
            + "viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\"><title>Per-case \(HTML.escape(focus.name)): a vs b</title>"
        svg += "<text x=\"\(Int(size / 2))\" y=\"18\" text-anchor=\"middle\" class=\"title\">Per-case \(HTML.escape(focus.name))</text>"
        svg += "<line x1=\"\(f(x(low)))\" y1=\"\(f(y(low)))\" x2=\"\(f(x(high)))\" y2=\"\(f(y(high)))\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>"
        svg += "<rect x=\"\(f(margin))\" y=\"\(f(margin))\" width=\"\(f(plot))\" height=\"\(f(plot))\" fill=\"none\" stroke=\"#888\"/>"
        for tick: Double in [low, (low + high) / 2, high] {
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(size - margin + 14))\" text-anchor=\"middle\">\(tickText(tick))</text>"
            svg += "<text x=\"\(f(margin - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(tickText(tick))</text>"
        }
        svg += "<text x=\"\(Int(size / 2))\" y=\"\(Int(size - 10))\" text-anchor=\"middle\">a: \(HTML.escape(focus.name))</text>"
        svg += "<text x=\"14\" y=\"\(Int(size / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(Int(size / 2)))\">b: \(HTML.escape(focus.name))</text>"
        for (index, point) in points.enumerated() where index < 5_000 {
            let tone = point.1 < point.0 ? "#c0392b" : point.1 > point.0 ? "#2e7d32" : "#4c78a8"
            svg += "<circle cx=\"\(f(x(point.0)))\" cy=\"\(f(y(point.1)))\" r=\"3\" fill=\"\(tone)\" fill-opacity=\"0.6\"/>"
        }
        return svg + "</svg>"
    }

    struct Row {
        var label: String
        var value: Double
        var lower: Double?
        var upper: Double?
    }

    /// Horizontal bars from zero, labels on the left (as long as the longest), whiskers for intervals.
    static func intervals(_ rows: [Row], title: String, axis: String) -> String {
        guard !rows.isEmpty else { return "" }
        let labelWidth = Double(min(48, rows.map(\.label.count).max() ?? 0)) * 7 + 16
        let plot = 360.0, rowHeight = 24.0, top = 30.0
        let width = labelWidth + plot + 60
        let height = top + rowHeight * Double(rows.count) + 40
        let values: [Double] = rows.flatMap { row -> [Double] in [row.value, row.lower ?? row.value, row.upper ?? row.value] } + [0]
        let low: Double = values.min() ?? 0
        let high: Double = max(values.max() ?? 1, low + 1e-9)
        func x(_ value: Double) -> Double { labelWidth + (value - low) / (high - low) * plot }
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\"><title>\(HTML.escape(title))</title>"
        svg += "<text x=\"\(Int(width / 2))\" y=\"18\" text-anchor=\"middle\" class=\"title\">\(HTML.escape(title))</text>"
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            let label = row.label.count > 48 ? String(row.label.prefix(47)) + "…" : row.label
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 16))\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            let start = min(x(0), x(row.value)), end = max(x(0), x(row.value))
            let tone = row.value < 0 ? "#c0392b" : "#4c78a8"
            svg += "<rect x=\"\(f(start))\" y=\"\(f(y + 5))\" width=\"\(f(max(1, end - start)))\" height=\"14\" fill=\"\(tone)\">"
                + "<title>\(HTML.escape(row.label)): \(tickText(row.value))</title></rect>"
            if let lower = row.lower, let upper = row.upper {
                svg += "<line x1=\"\(f(x(lower)))\" y1=\"\(f(y + 12))\" x2=\"\(f(x(upper)))\" y2=\"\(f(y + 12))\" stroke=\"#222\"/>"
                svg += "<line x1=\"\(f(x(lower)))\" y1=\"\(f(y + 7))\" x2=\"\(f(x(lower)))\" y2=\"\(f(y + 17))\" stroke=\"#222\"/>"
                svg += "<line x1=\"\(f(x(upper)))\" y1=\"\(f(y + 7))\" x2=\"\(f(x(upper)))\" y2=\"\(f(y + 17))\" stroke=\"#222\"/>"
            }
            svg += "<text x=\"\(f(max(x(row.value), x(row.upper ?? row.value)) + 6))\" y=\"\(f(y + 16))\">\(tickText(row.value))</text>"
        }
        let axisY = top + rowHeight * Double(rows.count) + 4
        svg += "<line x1=\"\(f(x(low)))\" y1=\"\(f(axisY))\" x2=\"\(f(x(high)))\" y2=\"\(f(axisY))\" stroke=\"#888\"/>"
        for tick: Double in [low, (low + high) / 2, high] {
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(axisY + 14))\" text-anchor=\"middle\">\(tickText(tick))</text>"
        }
        svg += "<text x=\"\(f(labelWidth + plot / 2))\" y=\"\(f(axisY + 30))\" text-anchor=\"middle\">\(HTML.escape(axis))</text>"
        return svg + "</svg>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func tickText(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        var trimmed = Substring(text)
        while trimmed.contains("."), trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }
}
