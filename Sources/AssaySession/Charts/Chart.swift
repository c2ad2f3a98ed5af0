import AssayLanguage
import Foundation

/// A bar chart (a histogram is one whose bars are bins): drawn as self-contained SVG for notebooks
/// and as Unicode bars for terminals.
struct Chart: DomainObject, RichDisplayable {
    /// One bar.
    struct Bar: Sendable, Hashable {
        var label: String
        var value: Double
    }

    var kind: String
    var title: String
    var bars: [Bar]
    /// What the values count or measure, shown on the axis.
    var valueLabel: String

    var typeName: String { "chart" }
    var memberNames: [String] { ["title", "labels", "values"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "title": return .string(title)
        case "labels": return .list(bars.map { .string($0.label) })
        case "values": return .list(bars.map { .float($0.value) })
        default: return nil
        }
    }

    var plainText: String { unicodeText }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": unicodeText, "image/svg+xml": svg])
    }

    /// Horizontal bars drawn with eighth blocks, one line per bar.
    var unicodeText: String {
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

    static let partialBlocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    /// Vertical bars with axis labels, in plain SVG attributes (no scripts or styles).
    var svg: String {
        let width = 640.0
        let height = 320.0
        let left = 56.0, right = 16.0, top = 36.0, bottom = 64.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maximum = max(bars.map(\.value).max() ?? 0, 1e-12)
        let slot = plotWidth / Double(max(1, bars.count))
        var parts: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
            "<title>\(HTML.escape(title))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>",
            "<text x=\"\(Int(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(HTML.escape(title))</text>",
        ]
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let y = top + plotHeight - plotHeight * Double(tick) / 4
            parts.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#e0e0e0\"/>")
            parts.append("<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTML.escape(Value.formatNumber(Self.rounded(value))))</text>")
        }
        for (index, bar) in bars.enumerated() {
            let barHeight = plotHeight * bar.value / maximum
            let x = left + slot * Double(index) + slot * 0.1
            let y = top + plotHeight - barHeight
            parts.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(slot * 0.8))\" height=\"\(f(barHeight))\" fill=\"#4c78a8\"><title>\(HTML.escape(bar.label)): \(Value.formatNumber(Self.rounded(bar.value)))</title></rect>")
            if bars.count <= 24 || index % max(1, bars.count / 12) == 0 {
                let labelX = x + slot * 0.4
                let labelY = top + plotHeight + 14
                parts.append("<text x=\"\(f(labelX))\" y=\"\(f(labelY))\" text-anchor=\"end\" transform=\"rotate(-35 \(f(labelX)) \(f(labelY)))\">\(HTML.escape(String(bar.label.prefix(18))))</text>")
            }
        }
        parts.append("<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333333\"/>")
        parts.append("<text x=\"14\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + plotHeight / 2)))\">\(HTML.escape(valueLabel))</text>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

extension Chart {
    /// A histogram of numbers in equal-width bins between their minimum and maximum.
    static func histogram(_ values: [Double], bins: Int, title: String) -> Chart {
        guard let low = values.min(), let high = values.max() else {
            return Chart(kind: "histogram", title: title + " (no values)", bars: [], valueLabel: "count")
        }
        let count = max(1, bins)
        let width = high > low ? (high - low) / Double(count) : 1
        var counts = [Double](repeating: 0, count: count)
        for value in values {
            let index = high > low ? min(count - 1, Int((value - low) / width)) : 0
            counts[index] += 1
        }
        let bars = counts.enumerated().map { index, number in
            let start = low + width * Double(index)
            return Bar(label: "\(Value.formatNumber(rounded(start)))–\(Value.formatNumber(rounded(start + width)))", value: number)
        }
        return Chart(kind: "histogram", title: "\(title) (n = \(values.count))", bars: bars, valueLabel: "count")
    }
}
