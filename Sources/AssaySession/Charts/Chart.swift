import AssayEvaluation
import AssayLanguage
import Foundation

/// A chart: bars (a histogram is one whose bars are bins), or series of points drawn as a scatter
/// or as lines. Drawn as self-contained SVG for notebooks and files (`save(chart, "x.svg")`), and
/// as Unicode bars or a point list for terminals.
///
/// The axes are titled by what they show (the field or metric path), their ticks are round
/// numbers, labels that do not fit under their bars are turned and given the room they need
/// (never cut), and several series get a legend.
struct Chart: DomainObject, RichDisplayable {
    /// One bar.
    struct Bar: Sendable, Hashable {
        var label: String
        var value: Double
    }

    /// One series of points.
    struct Series: Sendable, Hashable {
        var name: String
        var points: [Point]
    }

    /// One point.
    struct Point: Sendable, Hashable {
        var x: Double
        var y: Double
        /// What the point is (a case id), shown on hover.
        var label: String?
    }

    /// `bar`, `histogram`, `scatter` or `line`.
    var kind: String
    var title: String
    var bars: [Bar] = []
    var series: [Series] = []
    /// The horizontal axis's title.
    var xTitle: String
    /// The vertical axis's title.
    var yTitle: String
    /// Whether to draw the diagonal y = x (a run-vs-run chart: points above it improved).
    var showsDiagonal = false

    var typeName: String { "chart" }
    var memberNames: [String] { ["title", "kind", "labels", "values", "series", "x_title", "y_title"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "title": return .string(title)
        case "kind": return .string(kind)
        case "labels": return .list(bars.map { .string($0.label) })
        case "values": return .list(bars.map { .float($0.value) })
        case "series":
            return .list(series.map { series in
                .record(Record([("name", .string(series.name)),
                                ("points", .list(series.points.map { .list([.float($0.x), .float($0.y)]) }))]))
            })
        case "x_title": return .string(xTitle)
        case "y_title": return .string(yTitle)
        default: return nil
        }
    }

    var plainText: String { unicodeText }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": unicodeText, "image/svg+xml": svg])
    }

    /// Horizontal bars drawn with eighth blocks, one line per bar; series as their point counts.
    var unicodeText: String {
        guard series.isEmpty else {
            var lines = [title, "\(kind): \(yTitle) against \(xTitle)"]
            for series in self.series {
                let xs = series.points.map(\.x), ys = series.points.map(\.y)
                lines.append("\(series.name): \(series.points.count) points, x \(range(xs)), y \(range(ys))")
            }
            return lines.joined(separator: "\n")
        }
        let labelWidth = min(24, bars.map(\.label.count).max() ?? 0)
        let maximum = bars.map(\.value).max() ?? 0
        let width = 40
        var lines = [title]
        for bar in bars {
            let label = bar.label.count > labelWidth ? String(bar.label.prefix(labelWidth - 1)) + "…" : bar.label.padding(to: labelWidth)
            let eighths = maximum > 0 ? Int((bar.value / maximum * Double(width * 8)).rounded()) : 0
            let blocks = String(repeating: "█", count: eighths / 8) + (eighths % 8 > 0 ? String(Self.partialBlocks[eighths % 8]) : "")
            lines.append("\(label) │\(blocks) \(Value.formatNumber(Self.rounded(bar.value)))")
        }
        return lines.joined(separator: "\n")
    }

    private func range(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "none" }
        return "\(Value.formatNumber(Self.rounded(low)))–\(Value.formatNumber(Self.rounded(high)))"
    }

    static let partialBlocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    /// The chart as SVG.
    var svg: String { ChartDrawing(chart: self).svg }
}

extension Chart {
    /// A histogram of numbers in equal-width bins between their minimum and maximum; constant
    /// data is one bin holding every value, labelled by it.
    static func histogram(_ values: [Double], bins: Int, title: String, xTitle: String = "value") -> Chart {
        guard let low = values.min(), let high = values.max() else {
            return Chart(kind: "histogram", title: title + " (no values)", xTitle: xTitle, yTitle: "count")
        }
        let titled = "\(title) (n = \(values.count))"
        guard high > low else {
            return Chart(kind: "histogram", title: titled, bars: [Bar(label: Value.formatNumber(rounded(low)), value: Double(values.count))],
                         xTitle: xTitle, yTitle: "count")
        }
        let count = max(1, bins)
        let width = (high - low) / Double(count)
        var counts = [Double](repeating: 0, count: count)
        for value in values {
            counts[min(count - 1, Int((value - low) / width))] += 1
        }
        let bars = counts.enumerated().map { index, number in
            let start = low + width * Double(index)
            return Bar(label: "\(Value.formatNumber(rounded(start)))–\(Value.formatNumber(rounded(start + width)))", value: number)
        }
        return Chart(kind: "histogram", title: titled, bars: bars, xTitle: xTitle, yTitle: "count")
    }
}
